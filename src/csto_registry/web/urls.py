"""The website's pages."""

from django.urls import path

from csto_registry.web.views import overview

app_name = "web"
urlpatterns = [
    path("", overview.overview, name="overview"),
]
