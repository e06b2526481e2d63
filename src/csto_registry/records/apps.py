"""Django app configuration for the records."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "csto_registry.records"
    label = "records"
    verbose_name = "Records"
