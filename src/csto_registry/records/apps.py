"""Django app configuration for the records."""

from django.apps import AppConfig
from django.db.models import signals


class RecordsConfig(AppConfig):
    name = "csto_registry.records"
    label = "records"
    verbose_name = "Records"

    def ready(self) -> None:
        """A new revision on every saved, deleted or relinked record; the stamp read afresh per request;
        the search index written with every record saved or deleted through the ORM; the record's history
        made or updated after every migrate."""
        from django.core.signals import request_started

        from csto_registry.records.revision import revision_changed, revision_read_afresh
        from csto_registry.records.search_index import record_deleted, record_saved

        for signal in (signals.pre_save, signals.pre_delete, signals.m2m_changed):
            signal.connect(revision_changed, dispatch_uid=f"records-revision-{id(signal)}")
        request_started.connect(revision_read_afresh, dispatch_uid="records-revision-request")
        signals.post_save.connect(record_saved, dispatch_uid="records-search-saved")
        signals.post_delete.connect(record_deleted, dispatch_uid="records-search-deleted")
        signals.post_migrate.connect(_history_sync, sender=self, dispatch_uid="records-history")


def _history_sync(using: str = "default", **_: object) -> None:
    """Keep the record's history in step with the tables the migrations left (records.history)."""
    from django.db import connections

    from csto_registry.records.history import history_sync

    history_sync(connections[using])
