"""Django app configuration for the records."""

from django.apps import AppConfig
from django.db.models import signals


class RecordsConfig(AppConfig):
    name = "csto_registry.records"
    label = "records"
    verbose_name = "Records"

    def ready(self) -> None:
        """Give the records a new revision on every saved, deleted or relinked record (see records.revision)."""
        from csto_registry.records.revision import revision_changed

        for signal in (signals.post_save, signals.post_delete, signals.m2m_changed):
            signal.connect(revision_changed, dispatch_uid=f"records-revision-{id(signal)}")
