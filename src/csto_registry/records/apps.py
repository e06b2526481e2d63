"""Django app configuration for the records."""

from django.apps import AppConfig
from django.db.models import signals


class RecordsConfig(AppConfig):
    name = "csto_registry.records"
    label = "records"
    verbose_name = "Records"

    def ready(self) -> None:
        """A new revision on every saved, deleted or relinked record; the stamp read afresh per request."""
        from django.core.signals import request_started

        from csto_registry.records.revision import revision_changed, revision_read_afresh

        for signal in (signals.pre_save, signals.pre_delete, signals.m2m_changed):
            signal.connect(revision_changed, dispatch_uid=f"records-revision-{id(signal)}")
        request_started.connect(revision_read_afresh, dispatch_uid="records-revision-request")
