"""The website's pages."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from csto_registry.web.views import overview, pages, records, staff

app_name = "web"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("states/", pages.states, name="states"),
    path("bodies/", pages.bodies, name="bodies"),
    path("bodies/<slug:slug>/", pages.body, name="body"),
    path("people/<slug:slug>/", pages.person, name="person"),
    path("sources/seed/<str:name>", pages.seed_source, name="seed"),
    path("search/", pages.search, name="search"),
    path("data/", pages.data, name="data"),
    path("about/", pages.about, name="about"),
    path("instruments/", records.instruments, name="instruments"),
    path("instruments/<slug:slug>/", records.instrument, name="instrument"),
    path("sessions/", records.sessions, name="sessions"),
    path("forces/", records.forces, name="forces"),
    path("operations/", records.operations, name="operations"),
    path("cases/<slug:slug>/", records.case, name="case"),
    path("signin/", staff.SignIn.as_view(), name="signin"),
    path("signout/", LogoutView.as_view(next_page="web:overview"), name="signout"),
    path("staff/", staff.staff, name="staff"),
]
