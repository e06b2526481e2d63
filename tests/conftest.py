"""Shared fixtures: the test database holds the built-in CSTO dataset."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from csto_registry.datasets.builtin import BUILTIN
from csto_registry.datasets.importer import dataset_import


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Load the built-in dataset once; each test's changes are rolled back after it."""
    with django_db_blocker.unblock():
        dataset_import(BUILTIN)
    return


@pytest.fixture(scope="session", autouse=True)
def exports_folder_for_the_run(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The API's export files go to a folder of this run, never the user's data folder."""
    from django.conf import settings

    settings.CSTO_EXPORTS_DIR = tmp_path_factory.mktemp("exports")
