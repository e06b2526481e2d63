"""The built-in CSTO dataset, and the first-use setup of a database."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from csto_registry.datasets.importer import ImportReport, dataset_import
from csto_registry.records.models import Organization

BUILTIN = Path(__file__).parent / "builtin" / "csto"
BUILTIN_ORGANIZATION = "csto"


def _recorded_is_current() -> bool:
    """Whether every migration on disk of the installed apps is recorded as applied (then nothing is to do).

    Listing the migration folders and reading one table costs about a millisecond, where planning the
    migrations (importing each of them) costs tens: a command asks this first.
    """
    from django.apps import apps
    from django.db.migrations.recorder import MigrationRecorder

    on_disk = set()
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            on_disk |= {(config.label, f.stem) for f in folder.glob("[0-9]*.py")}
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    return recorder.has_table() and on_disk <= set(recorder.applied_migrations())


def database_migrate() -> bool:
    """Bring the database's tables up to date; return whether anything was applied."""
    if _recorded_is_current():
        return False
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return False
    call_command("migrate", interactive=False, verbosity=0)
    if any((m.app_label, m.name) == SEARCH_INDEX_ADDED for m, _ in plan):
        _index_the_records()
    return True


# The migration that added the search index; a database made before it has its records indexed once.
SEARCH_INDEX_ADDED = ("records", "0017_search")


def _index_the_records() -> None:
    from csto_registry.records.revision import write_transaction
    from csto_registry.records.search_index import rebuild

    if Organization.objects.exists():
        write_transaction(rebuild)()


def database_ensure() -> ImportReport | None:
    """Create the tables and load the built-in dataset if the database holds no organization yet."""
    database_migrate()
    if Organization.objects.filter(dataset__isnull=True).exists():
        return None
    return dataset_import(BUILTIN)


def builtin_load(*, force: bool = False) -> ImportReport | None:
    """Load the built-in dataset; unless `force`, only if it is not loaded yet (idempotent)."""
    database_migrate()
    if not force and Organization.objects.filter(slug=BUILTIN_ORGANIZATION, dataset__isnull=True).exists():
        return None
    return dataset_import(BUILTIN)
