"""Vacancies: stretches a source says a seat had no holder, answered as such and counted as known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.datasets.errors import DatasetError
from csto_registry.datasets.exporter import dataset_document
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.selectors.gaps import record_gaps
from csto_registry.records.selectors.history import occupants_in_order, post_history
from csto_registry.records.selectors.tenures import post_holder_list_on
from tests.datasets.test_importer import write
from tests.helpers import csto_json, page
from tests.records.test_gaps import TODAY, seat_dataset

pytestmark = pytest.mark.django_db
CITE = [{"url": "https://example.org/gazette", "quote": "the seat stayed vacant"}]
SEAT = "ato-council:AAA"


def with_vacancy(**vacancy: Any) -> dict[str, Any]:
    """The seat of test_gaps (Doe 1990-2000, Roe from 2010) with one vacancy between them."""
    data = seat_dataset()
    data["vacancies"] = [{"post": SEAT, "sources": CITE, **vacancy}]
    return data


@pytest.fixture
def imported(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_vacancy(**{"from": "2001", "until": "2009-06", "note": "No one named"})))


@pytest.mark.usefixtures("imported")
def test_who_on_a_vacant_day_answers_vacant_with_its_source() -> None:
    (row,) = post_holder_list_on(post=SEAT, day=dt.date(2005, 1, 1))
    assert row["vacant"] is True
    assert row["person"] is None
    assert row["certainty"] == "certain"
    assert row["note"] == "No one named"
    assert row["sources"] == CITE


@pytest.mark.usefixtures("imported")
def test_a_vacancy_whose_start_is_known_only_as_a_year_is_possible_in_that_year() -> None:
    (row,) = post_holder_list_on(post=SEAT, day=dt.date(2001, 3, 1))
    assert row["certainty"] == "possible"
    assert row["why"] == {"reason": "start-imprecise", "date": "2001"}


@pytest.mark.usefixtures("imported")
def test_a_day_outside_the_vacancy_has_no_vacant_row() -> None:
    assert post_holder_list_on(post=SEAT, day=dt.date(2012, 1, 1))[0]["person"] == "roe-richard"
    assert all(not row.get("vacant") for row in post_holder_list_on(post=SEAT, day=dt.date(2012, 1, 1)))


@pytest.mark.usefixtures("imported")
def test_a_certain_vacancy_is_not_a_gap_and_counts_as_known_in_the_coverage() -> None:
    found = record_gaps(organization="ato", today=TODAY)
    seat = [(g["from"], g["until"]) for g in found["gaps"] if g["post"] == SEAT]
    # Certainly vacant from the last day "2001" can mean to the first day "2009-06" can mean.
    assert ("2000-01-01", "2001-12-31") in seat
    assert ("2009-06-01", "2010-01-01") in seat
    assert not any(start <= "2005-01-01" < (end or "9999") for start, end in seat)
    figure = found["coverage"]["bodies"]["ato-council"]
    assert figure["vacant"] == len(range(2002, 2010))  # 1 January 2002-2009
    assert figure["share"] == round((figure["certain"] + figure["vacant"]) / figure["total"], 4)
    assert found["vacancies"] == [{"post": SEAT, "from": "2001", "until": "2009-06", "note": "No one named"}]


@pytest.mark.usefixtures("imported")
def test_the_history_places_the_vacancy_between_the_holders() -> None:
    history = post_history(post=SEAT)
    assert [v["from"] for v in history["vacancies"]] == ["2001"]
    order = [row.get("person") or "vacant" for row in occupants_in_order(history)]
    assert order == ["doe-jane", "vacant", "roe-richard"]
    # The holders still follow one another: a vacancy is not a holder.
    assert history["holders"][1]["preceded_by"] == "doe-jane"


def test_the_succession_bounds_a_vacancy_by_the_holders_around_it(tmp_path: Path) -> None:
    dataset_import(write(tmp_path, with_vacancy(until="2009-06", attested=["2005-01-01"])))
    (vacancy,) = post_history(post=SEAT)["vacancies"]
    assert vacancy["start_min"] == "2000-01-01"  # not before Doe left


def test_a_vacancy_while_a_holder_certainly_held_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"vacancies\[0\].*post.*two holders at once"):
        dataset_import(write(tmp_path, with_vacancy(**{"from": "1995-01-01", "until": "1996-01-01"})))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"sources": []}, r"sources.*is required"),
        ({"post": "ato-nowhere"}, r"post.*names no post"),
        ({"holder": "doe-jane"}, r"holder"),
    ],
)
def test_a_vacancy_without_a_source_or_a_seat_is_refused(tmp_path: Path, change: dict[str, Any], problem: str) -> None:
    with pytest.raises(DatasetError, match=problem):
        dataset_import(write(tmp_path, with_vacancy(**{"from": "2001", **change})))


def test_a_post_of_several_holders_cannot_be_vacant(tmp_path: Path) -> None:
    data = with_vacancy(**{"from": "2001"})
    data["posts"][0]["single"] = False
    with pytest.raises(DatasetError, match=r"post.*only a post of one holder can be vacant"):
        dataset_import(write(tmp_path, data))


@pytest.mark.usefixtures("imported")
def test_the_export_writes_the_vacancy_back_as_imported(tmp_path: Path) -> None:
    exported = dataset_document(organization="ato")["vacancies"]
    assert exported == [{"post": SEAT, "from": "2001", "until": "2009-06", "note": "No one named", "sources": CITE}]
    again = dataset_document(organization="ato")
    dataset_import(write(tmp_path, again, name="again.yaml"))
    assert dataset_document(organization="ato")["vacancies"] == exported


def test_the_builtin_armenian_secretary_was_vacant_in_2015() -> None:
    (row,) = csto_json("who", "cssc:ARM", "--on", "2015-01-01")
    assert row["vacant"] is True
    assert row["certainty"] == "certain"
    assert any("vacant for two years" in s["quote"] for s in row["sources"])
    table = CliRunner().invoke(app, ["who", "cssc:ARM", "--on", "2015-01-01"], env={"COLUMNS": "160"})
    assert "Vacant" in table.output
    history = CliRunner().invoke(app, ["who", "cssc:ARM", "--history"], env={"COLUMNS": "200"})
    lines = [line for line in history.output.splitlines() if "Baghdasaryan" in line or "Vacant" in line]
    assert "Baghdasaryan" in lines[0]
    assert "Vacant" in lines[1]


def test_the_seat_tables_of_the_site_show_the_vacancy_between_its_holders(client: Client) -> None:
    for url in ("/states/ARM/", "/bodies/cssc/"):
        html = page(client, url)
        baghdasaryan, vacant = html.index("Artur Baghdasaryan"), html.index("<em>Vacant</em>")
        assert baghdasaryan < vacant, url


def test_the_holders_of_a_body_on_a_vacant_day_list_the_vacancy_after_the_holders(client: Client) -> None:
    rows = csto_json("holders", "cssc", "--on", "2015-01-01")
    vacant = [r for r in rows if r.get("vacant")]
    assert [(r["post"], r["certainty"]) for r in vacant] == [("cssc:ARM", "certain")]
    assert rows[-1]["vacant"] is True
    table = CliRunner().invoke(app, ["holders", "cssc", "--on", "2015-01-01"], env={"COLUMNS": "160"})
    assert "Vacant" in table.output
    html = page(client, "/bodies/cssc/?on=2015-01-01")
    assert html.index("<em>Vacant</em>") < html.index("Holders in order")  # in the day's table, above the history
