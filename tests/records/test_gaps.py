"""The record's gaps, its coverage figure and a post's history, on a small organization of its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from csto_registry.datasets.importer import dataset_import
from csto_registry.records.selectors.gaps import record_gaps
from csto_registry.records.selectors.history import post_history
from tests.datasets.test_importer import small_dataset, write

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def seat_dataset() -> dict[str, Any]:
    """Aland a member since 1990 (attested 2026-06-01); its seat held by Doe 1990-2000, by Roe from 2010."""
    data = small_dataset()
    cite = [{"url": "https://example.org/charter", "quote": "Article 1"}]
    data["posts"][0]["single"] = True
    data["memberships"][0]["attested"] = ["2026-06-01"]
    data["tenures"] = [
        {"person": "doe-jane", "post": "ato-council:AAA", "from": "1990-01-01", "until": "2000-01-01", "sources": cite},
        {"person": "roe-richard", "post": "ato-council:AAA", "from": "2010-01-01", "attested": ["2020-05-05"]},
        {"person": "doe-jane", "post": "ato-chief", "from": "1995-01-01", "term_until": "2030-12-31", "sources": cite},
    ]
    return data


@pytest.fixture
def imported(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, seat_dataset()))


@pytest.mark.usefixtures("imported")
def test_a_seat_without_a_certain_holder_is_a_gap() -> None:
    gaps = record_gaps(organization="ato", today=TODAY)["gaps"]
    assert {
        "post": "ato-council:AAA",
        "title": "Seat of A",
        "body": "ato-council",
        "state": "AAA",
        "from": "2000-01-01",
        "until": "2010-01-01",
    } in gaps


@pytest.mark.usefixtures("imported")
def test_an_open_fact_is_a_gap_after_its_last_confirmation() -> None:
    seat = [g for g in record_gaps(organization="ato", today=TODAY)["gaps"] if g["post"] == "ato-council:AAA"]
    assert seat[-1] == seat[-1] | {"from": "2020-05-06", "until": None}


@pytest.mark.usefixtures("imported")
def test_an_open_fact_confirmed_more_than_a_year_ago_is_stale() -> None:
    stale = record_gaps(organization="ato", today=TODAY)["stale"]
    assert sorted((s["person"], s["last_confirmed"]) for s in stale) == [
        ("doe-jane", "1995-01-01"),
        ("roe-richard", "2020-05-05"),
    ]


@pytest.mark.usefixtures("imported")
def test_coverage_counts_seat_days_with_a_certain_holder() -> None:
    coverage = record_gaps(organization="ato", today=TODAY)["coverage"]
    # 1995-2026 and 2026-06-01: the seat is certain 1995-1999 and 2010 to 2020-05-05;
    # the chief is certain on 1995-01-01 only.
    seat_certain = len(range(1995, 2000)) + len(range(2010, 2021))
    assert coverage["bodies"]["ato-council"] == {
        "certain": seat_certain,
        "vacant": 0,
        "total": 33,
        "share": round(seat_certain / 33, 4),
    }
    assert coverage["bodies"]["ato"]["certain"] == 1


@pytest.mark.usefixtures("imported")
def test_history_lists_holders_in_order_with_predecessor_and_successor() -> None:
    history = post_history(post="ato-council:AAA")
    assert [(h["person"], h["preceded_by"], h["succeeded_by"]) for h in history["holders"]] == [
        ("doe-jane", None, "roe-richard"),
        ("roe-richard", "doe-jane", None),
    ]


@pytest.mark.usefixtures("imported")
def test_history_gives_last_confirmation_only_for_an_open_fact() -> None:
    holders = post_history(post="ato-council:AAA")["holders"]
    assert [h["last_confirmed"] for h in holders] == [None, "2020-05-05"]


@pytest.mark.usefixtures("imported")
def test_a_stated_term_is_shown_but_does_not_make_the_holder_certain() -> None:
    chief = post_history(post="ato-chief")["holders"][0]
    assert chief["term_until"] == "2030-12-31"
    assert chief["end_min"] == "1995-01-02"


def test_a_later_founding_of_the_body_shortens_what_its_posts_must_cover(tmp_path: Path) -> None:
    data = seat_dataset()
    data["organizations"][0]["from"] = "2005-01-01"
    data["organizations"].append(
        {"id": "ato-staff", "name": {"en": "Staff"}, "parent": "ato", "kind": "statutory-body", "from": "2020-01-01"}
    )
    data["organizations"][-1]["sources"] = data["organizations"][0]["sources"]
    data["posts"][1]["organization"] = "ato-staff"
    # Without a known start the chief's post would be owed a holder from the first day there is.
    data["tenures"][2] = {"person": "doe-jane", "post": "ato-chief", "attested": ["2021-05-05"]}
    dataset_import(write(tmp_path, data))
    result = record_gaps(organization="ato", today=TODAY)
    assert next((g["from"], g["until"]) for g in result["gaps"] if g["post"] == "ato-council:AAA") == (
        "2005-01-01",
        "2010-01-01",
    )
    assert next((g["from"], g["until"]) for g in result["gaps"] if g["post"] == "ato-chief") == (
        "2020-01-01",
        "2021-05-05",
    )
    # 2005-2026 and 2026-06-01 for the seat; 2020-2026 and 2026-06-01 for the chief.
    assert result["coverage"]["bodies"]["ato-council"]["total"] == 23
    assert result["coverage"]["bodies"]["ato-staff"]["total"] == 8


def test_an_office_of_a_dated_body_is_owed_a_holder_from_the_founding_not_from_its_first_holder(
    tmp_path: Path,
) -> None:
    """A later first holder does not shorten what the office must cover: its body's founding does."""
    data = seat_dataset()
    data["organizations"].append(
        {"id": "ato-staff", "name": {"en": "Staff"}, "parent": "ato", "kind": "statutory-body", "from": "2020-01-01"}
    )
    data["organizations"][-1]["sources"] = data["organizations"][0]["sources"]
    data["posts"][1]["organization"] = "ato-staff"
    data["tenures"][2] = {"person": "doe-jane", "post": "ato-chief", "from": "2022-03-01", "attested": ["2026-06-01"]}
    dataset_import(write(tmp_path, data))
    result = record_gaps(organization="ato", today=TODAY)
    assert [(g["from"], g["until"]) for g in result["gaps"] if g["post"] == "ato-chief"] == [
        ("2020-01-01", "2022-03-01")
    ]
    # 1 January 2020-2026 and 2026-06-01, of which 2020, 2021 and 2022 have no holder.
    assert result["coverage"]["bodies"]["ato-staff"]["total"] == 8
    assert result["coverage"]["bodies"]["ato-staff"]["certain"] == 5
