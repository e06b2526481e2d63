"""Importing partners and instruments: the work, its parties and its dated events."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from csto_registry.datasets.errors import DatasetError
from csto_registry.datasets.exporter import dataset_document
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.models import Instrument
from csto_registry.records.selectors.instruments import instrument_detail, instrument_list_on, partner_detail
from tests.datasets.test_importer import small_dataset, write

pytestmark = pytest.mark.django_db
CITE = [{"url": "https://example.org/treaty", "quote": "done at A"}]


def with_instruments() -> dict[str, Any]:
    data = small_dataset()
    data["partners"] = [
        {"id": "world-body", "name": {"en": "World Body"}, "sources": CITE},
        {"id": "world-peace-dept", "name": {"en": "Peace Department"}, "parent": "world-body", "sources": CITE},
    ]
    data["instruments"] = [
        {
            "id": "ato-treaty",
            "kind": "treaty",
            "title": {"en": "The Treaty", "ru": "Договор"},
            "parties": ["AAA"],
            "in_force": {"from": "1990-05-01"},
            "articles": [{"number": 4, "text": {"en": "One for all."}, "sources": CITE}],
            "events": [
                {"kind": "signed", "date": "1989", "place": {"en": "Aland City"}, "sources": CITE},
                {"kind": "entered-into-force", "date": "1990-05-01", "sources": CITE},
            ],
            "sources": CITE,
        },
        {
            "id": "ato-memo",
            "kind": "memorandum",
            "title": {"en": "Memorandum"},
            "parties": ["ato-council", "world-peace-dept"],
            "relates_to": {"instrument": "ato-treaty", "relation": "implements"},
            "events": [{"kind": "signed", "date": "2012-09", "sources": CITE}],
            "sources": CITE,
        },
    ]
    return data


def test_instrument_keeps_its_parties_articles_and_history(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_instruments()))
    detail = instrument_detail(slug="ato-treaty")
    assert detail["parties"] == ["AAA"]
    assert detail["articles"][0]["number"] == "4"
    assert [(e["kind"], e["date"]) for e in detail["events"]] == [
        ("signed", "1989"),
        ("entered-into-force", "1990-05-01"),
    ]
    assert detail["in_force"]["stated"] is True


def test_instrument_without_stated_force_is_in_force_from_its_first_event(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_instruments()))
    memo = Instrument.objects.get(slug="ato-memo")
    assert (memo.start_min, memo.start_max) == (dt.date(2012, 9, 1), dt.date(2012, 9, 30))
    assert memo.known_in_force is False


def test_instruments_in_force_on_a_day(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_instruments()))
    in_force = {r["id"]: r["certainty"] for r in instrument_list_on(day=dt.date(2012, 9, 15), organization="ato")}
    assert in_force == {"ato-treaty": "possible", "ato-memo": "possible"}
    assert {r["id"] for r in instrument_list_on(day=dt.date(1990, 1, 1), organization="ato")} == set()


def test_stated_force_without_a_start_begins_no_earlier_than_the_adoption(tmp_path: Path) -> None:
    data = with_instruments()
    data["instruments"][1]["in_force"] = {"until": "2016-01-01", "attested": ["2014-05-05"]}
    dataset_import(write(tmp_path, data))
    memo = Instrument.objects.get(slug="ato-memo")
    assert (memo.start_min, memo.start_max, memo.end_max) == (
        dt.date(2012, 9, 1),
        dt.date(2012, 9, 30),
        dt.date(2016, 1, 1),
    )
    assert "ato-memo" not in {r["id"] for r in instrument_list_on(day=dt.date(2005, 1, 1), organization="ato")}
    assert "ato-memo" not in {r["id"] for r in instrument_list_on(day=dt.date(2016, 1, 1), organization="ato")}


def test_the_builtin_instruments_are_in_force_only_within_their_periods() -> None:
    # The 2015 decision on the control of the Troops was not in force in 2005; strategies "for 2015-2020",
    # "for 2021-2025" and "up to 2025" are not in force in 2026.
    assert "csc-decision-2015-09-15-control-of-troops" not in {
        r["id"] for r in instrument_list_on(day=dt.date(2005, 1, 1))
    }
    today = {r["id"] for r in instrument_list_on(day=dt.date(2026, 12, 1))}
    expired = {"anti-drug-strategy-2015-2020", "anti-drug-strategy-2021-2025", "collective-security-strategy-2025"}
    assert today & expired == set()
    assert expired <= {r["id"] for r in instrument_list_on(day=dt.date(2020, 12, 31))}


def test_partner_lists_what_binds_it_or_its_parts(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_instruments()))
    detail = partner_detail(slug="world-body")
    assert detail["parts"] == ["world-peace-dept"]
    assert [i["id"] for i in detail["instruments"]] == ["ato-memo"]


def test_export_of_instruments_imports_back_the_same(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_instruments()))
    first = dataset_document(organization="ato")
    dataset_import(write(tmp_path, first, "again.yaml"))
    assert dataset_document(organization="ato") == first
    assert first["instruments"][1]["relates_to"] == {"instrument": "ato-treaty", "relation": "implements"}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("kind",), "novel", "kind='novel': must be one of"),
        (("parties",), ["ZZZ"], "'ZZZ' names no state, body or partner defined before it"),
        (("relates_to",), {"instrument": "later", "relation": "extends"}, "names no instrument defined before it"),
        (("events", 0, "kind"), "burned", "instruments[0] (id ato-treaty) events[0]: kind='burned'"),
        (("events", 0, "date"), "1989-14", "events[0]: date='1989-14': is not an EDTF date"),
    ],
)
def test_instrument_faults_are_named(tmp_path: Path, path: tuple[Any, ...], value: Any, message: str) -> None:
    data = with_instruments()
    target: Any = data["instruments"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(DatasetError, match=re.escape(message)):
        dataset_import(write(tmp_path, data))
