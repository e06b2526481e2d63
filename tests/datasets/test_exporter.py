"""Exporting: the YAML written imports back to the same records."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from csto_registry.datasets.builtin import BUILTIN
from csto_registry.datasets.exporter import dataset_document, dataset_export
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.errors import NotFound

pytestmark = pytest.mark.django_db
SECTIONS = ("organizations", "partners", "posts", "persons", "memberships", "tenures", "instruments", "sessions")


def test_export_of_builtin_imports_back_to_the_same_records(tmp_path: Path) -> None:
    first = tmp_path / "first.yaml"
    dataset_export(organization="csto", path=first)
    dataset_import(first)
    second = tmp_path / "second.yaml"
    dataset_export(organization="csto", path=second)
    (head1, body1), (head2, body2) = (p.read_text(encoding="utf-8").split("\n", 1) for p in (first, second))
    assert body2 == body1
    # The first line names the revision the file was made from: the import made a new one.
    assert head1.startswith("# csto: the records of revision ")
    assert head2 != head1


def test_export_matches_the_builtin_file_record_for_record() -> None:
    files = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(BUILTIN.glob("*.yaml"))]
    builtin = {section: [r for f in files for r in f.get(section, [])] for section in SECTIONS}
    exported = dataset_document(organization="csto")
    for section in SECTIONS:
        assert len(exported[section]) == len(builtin[section]), section
    assert exported["tenures"][0]["person"] == builtin["tenures"][0]["person"]
    assert exported["memberships"][-1]["sources"] == builtin["memberships"][-1]["sources"]


def test_export_of_unknown_organization_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no organization 'nato'"):
        dataset_export(organization="nato", path=tmp_path / "x.yaml")
