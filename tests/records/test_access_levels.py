"""An access level is public, member-states or state:XXX of a known state, in a dataset as in a write."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from csto_registry.datasets.errors import DatasetError
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.errors import InvalidInput
from csto_registry.records.services.proceedings import decision_draft
from tests.datasets.test_importer import small_dataset

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("access", "problem"),
    [("secret", "must be public, member-states or state:XXX"), ("state:ZZZ", "names no known state")],
)
def test_a_dataset_names_the_record_and_the_bad_level(tmp_path: Path, access: str, problem: str) -> None:
    data = small_dataset() | {"forces": [{"id": "f", "name": {"en": "F"}, "kind": "peacekeeping", "access": access}]}
    path = tmp_path / "ato.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        dataset_import(path)
    assert f"forces[0] (id f): access={access!r}: {problem}" in str(caught.value)


def test_a_level_of_the_datasets_own_state_is_accepted(tmp_path: Path) -> None:
    data = small_dataset() | {
        "forces": [{"id": "f", "name": {"en": "F"}, "kind": "peacekeeping", "access": "state:AAA"}]
    }
    path = tmp_path / "ato.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert dataset_import(path).counts["forces"] == 1


@pytest.mark.parametrize(("access", "ok"), [("state:KAZ", True), ("state:ZZZ", False), ("everyone", False)])
def test_a_write_checks_the_level(access: str, ok: bool) -> None:
    if ok:
        assert decision_draft(body="csc", title="T", actor="test", access=access)["access"] == access
        return
    with pytest.raises(InvalidInput) as caught:
        decision_draft(body="csc", title="T", actor="test", access=access)
    assert caught.value.field == "access"
    assert f"draft of csc: access={access!r}" in str(caught.value)
