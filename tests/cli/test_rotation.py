"""Chair, Secretary General rotation and the statute check, on the built-in dataset plus a few records."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.datasets.exporter import dataset_document
from csto_registry.datasets.importer import dataset_import
from tests.helpers import csto_json as run_json

pytestmark = pytest.mark.django_db
runner = CliRunner()
CITE = [{"url": "https://example.org/summit", "quote": "the chairmanship passes"}]


@pytest.fixture
def recorded(tmp_path: Path) -> None:
    """The built-in dataset with Armenia's 2016 chairmanship and two sessions recorded."""
    data = dataset_document(organization="csto")
    data["chairmanships"] = [{"organization": "csc", "state": "ARM", "from": "2016", "until": "2017", "sources": CITE}]
    data["sessions"] = [
        {"id": "csc-2016", "body": "csc", "start": "2016-10-14", "state": "ARM", "sources": CITE},
        {"id": "csc-2017", "body": "csc", "start": "2017-11-30", "state": "ARM", "chair": "BLR", "sources": CITE},
        {"id": "csc-2019", "body": "csc", "start": "2019-11-28", "state": "KGZ", "sources": CITE},
    ]
    path = tmp_path / "csto.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    dataset_import(path)


@pytest.mark.usefixtures("recorded")
def test_recorded_chair_is_given_with_its_source() -> None:
    result = run_json("chair", "--year", "2016")
    assert (result["state"], result["basis"]) == ("ARM", "recorded")
    assert result["sources"] == CITE


@pytest.mark.usefixtures("recorded")
def test_chair_named_by_a_session_is_recorded() -> None:
    assert run_json("chair", "--year", "2017")["basis"] == "recorded"


@pytest.mark.usefixtures("recorded")
def test_later_years_follow_the_russian_alphabet() -> None:
    states = [run_json("chair", "--year", str(year))["state"] for year in range(2018, 2023)]
    assert states == ["KAZ", "KGZ", "RUS", "TJK", "ARM"]
    assert run_json("chair", "--year", "2021")["basis"] == "rotation"


HISTORY = {  # the state in office on 1 July, from the public record (30-public-record.yaml)
    2002: "RUS",
    2004: "KAZ",
    2008: "KGZ",
    2010: "RUS",
    2011: "BLR",
    2012: "KAZ",
    2013: "KGZ",
    2014: "RUS",
    2015: "TJK",
    2016: "ARM",
    2017: "BLR",
    2018: "KAZ",
    2019: "KGZ",
    2020: "RUS",
    2021: "TJK",
    2022: "ARM",
    2023: "BLR",
    2024: "KAZ",
    2025: "KGZ",
    2026: "RUS",
}


@pytest.mark.parametrize(("year", "state"), HISTORY.items())
def test_recorded_chair_of_each_year(year: int, state: str) -> None:
    result = run_json("chair", "--year", str(year))
    assert (result["state"], result["basis"]) == (state, "recorded")
    assert result["sources"]


def test_since_2012_the_chair_has_passed_by_the_russian_alphabet() -> None:
    # Before: Kyrgyzstan kept the chair from June 2007 into 2008; Russia kept it in 2010; Belarus followed it.
    departures = [f for f in run_json("check", "--statutes") if f["kind"].startswith("chair")]
    assert [(f["year"], f["kind"]) for f in departures] == [
        (2008, "chair-kept"),
        (2010, "chair-kept"),
        (2011, "chair-not-by-rotation"),
    ]


def test_2027_is_projected_from_russia_in_2026() -> None:
    result = run_json("chair", "--year", "2027")
    assert (result["state"], result["basis"], result["anchor"]) == ("TJK", "rotation", 2026)


def test_chair_year_out_of_range_exits_2() -> None:
    result = runner.invoke(app, ["chair", "--year", "1066"])
    assert result.exit_code == 2
    assert "expected a year from 1992" in result.stderr


def test_next_secretary_general_after_masadykov_is_from_russia() -> None:
    result = run_json("rotation", "secretary-general")
    assert result["last"]["person"] == "masadykov-taalatbek"
    assert result["next"] == {"state": "RUS", "start": "2029-01-01", "end": "2032-01-01"}


@pytest.mark.usefixtures("recorded")
def test_statute_check_reports_missing_years_and_repeated_hosts() -> None:
    findings = run_json("check", "--statutes")
    kinds = {(f["year"], f["kind"]) for f in findings}
    assert (2018, "no-session") in kinds
    assert (2017, "same-host") in kinds
    assert (2019, "no-session") not in kinds


def test_check_needs_a_file_or_statutes() -> None:
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert result.stderr == "csto: give a dataset FILE to check, or --statutes\n"
