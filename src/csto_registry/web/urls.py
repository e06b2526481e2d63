"""The website's pages."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from csto_registry.web.views import indexes, overview, pages, records, staff

app_name = "web"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("states/", pages.states, name="states"),
    path("states/<str:code>/", indexes.state_page, name="state"),
    path("bodies/", pages.bodies, name="bodies"),
    path("bodies/<slug:slug>/", pages.body, name="body"),
    path("people/", indexes.people, name="people"),
    path("people/<slug:slug>/", pages.person, name="person"),
    path("partners/", indexes.partners, name="partners"),
    path("sources/seed/<str:name>", pages.seed_source, name="seed"),
    path("search/", pages.search, name="search"),
    path("data/", pages.data, name="data"),
    path("about/", pages.about, name="about"),
    path("instruments/", records.instruments, name="instruments"),
    path("instruments/<slug:slug>/", records.instrument, name="instrument"),
    path("sessions/", records.sessions, name="sessions"),
    path("forces/", records.forces, name="forces"),
    path("operations/", records.operations, name="operations"),
    path("operations/<slug:slug>/", indexes.operation, name="operation"),
    path("cases/", indexes.cases, name="cases"),
    path("changes/", indexes.changes, name="changes"),
    path("cases/<slug:slug>/", records.case, name="case"),
    path("signin/", staff.SignIn.as_view(), name="signin"),
    path("signout/", LogoutView.as_view(next_page="web:overview"), name="signout"),
    path("staff/", staff.staff, name="staff"),
]
