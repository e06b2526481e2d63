"""Django app configuration for the website."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "csto_registry.web"
    label = "web"
    verbose_name = "Website"
