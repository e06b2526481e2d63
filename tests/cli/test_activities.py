"""Forces, exercises, operations and the Kazakhstan case, from the built-in dataset."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app
from tests.helpers import csto_json as run

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_forces_keep_their_approximate_strengths() -> None:
    forces = {f["id"]: f for f in run("forces")}
    assert {"id", "name", "established", "strength", "states"} <= set(forces["crrf"])
    crdf = forces["crdf-car"]["strengths"][0]
    assert (crdf["value"], crdf["qualifier"], crdf["unit"]) == (5000, "about", "people")
    assert forces["crrf"]["established"] == "2009-02"


def test_peacekeeping_forces_total_is_approximate() -> None:
    seed = next(s for s in run("forces") if s["id"] == "peacekeeping-forces")["strengths"]
    about = {(s["measure"], s["value"]) for s in seed if s["qualifier"] == "about" and s["period"] is None}
    assert about == {("personnel-armed-forces", 3000), ("personnel-internal-affairs", 600)}


def test_channel_figures_keep_their_qualifiers() -> None:
    channel = run("operation", "channel")
    figures = {f["measure"]: f for f in channel["figures"]}
    assert (figures["drugs-seized"]["value"], figures["drugs-seized"]["qualifier"]) == (428, "more-than")
    assert (figures["drug-groups-neutralized"]["value"], figures["drug-groups-neutralized"]["qualifier"]) == (
        6351,
        "exact",
    )
    assert all(f["sources"] for f in channel["figures"])


def test_operations_contract() -> None:
    operations = run("operations")
    assert {"id", "name", "kind", "period", "figures"} <= set(operations[0])
    assert {"measure", "unit", "value", "qualifier", "period", "sources"} <= set(operations[0]["figures"][0])
    assert {o["id"] for o in operations} >= {"channel", "illegal", "proxy", "mercenary"}


def test_kazakhstan_case_is_assessed_by_the_statute() -> None:
    case = run("case", "kazakhstan-2022")
    assert {"id", "victim", "opened", "assessment", "decision", "mission", "status", "sources"} <= set(case)
    assert (case["victim"], case["status"], case["closed"]) == ("KAZ", "closed", "2022-01-19")
    assert case["assessment"]["applies"] is True
    assert case["assessment"]["obligated"] == ["ARM", "BLR", "KGZ", "RUS", "TJK"]
    assert run("operation", case["mission"])["period"] == {"from": "2022-01-06", "until": "2022-01-20"}


def test_exercises_of_a_year() -> None:
    rows = run("exercises", "--year", "2021")
    assert {"id", "name", "year", "host", "states"} <= set(rows[0])
    assert all(r["year"] in (2021, None) for r in rows)
    assert "rubezh-2021" in {r["id"] for r in rows}


def test_no_personal_data_is_stored_for_operations() -> None:
    # Only aggregate figures: no figure names a person, and every value is a number.
    for operation in run("operations"):
        for figure in operation["figures"]:
            assert isinstance(figure["value"], int | float)


def test_delegations_submit_period_figures_and_totals_keep_qualifiers() -> None:
    base = ["figures", "submit", "--operation", "channel", "--measure", "drugs-seized", "--unit", "t"]
    run(*base, "--state", "KAZ", "--value", "2.5", "--period", "2021", "--on", "2022-03-01")
    run(*base, "--state", "RUS", "--value", "10", "--qualifier", "more-than", "--period", "2021", "--on", "2022-03-01")
    submitted = run("operation", "channel")["submitted"]
    assert submitted == [
        {
            "measure": "drugs-seized",
            "unit": "t",
            "total": {"value": 12.5, "qualifier": "more-than", "unit": "t"},
            "by_state": ["KAZ", "RUS"],
        }
    ]


@pytest.mark.parametrize(
    ("state", "value", "message"),
    [
        ("UZB", "1", "UZB is not a member state in good standing on 2022-03-01: its figures are refused"),
        ("KAZ", "-1", "value='-1': a figure is a number of zero or more"),
        ("KAZ", "lots", "value='lots': must be a number"),
    ],
)
def test_figure_submissions_are_refused_with_one_line(state: str, value: str, message: str) -> None:
    args = ["figures", "submit", "--operation", "channel", "--measure", "m", "--unit", "t", "--on", "2022-03-01"]
    result = runner.invoke(app, [*args, "--state", state, "--value", value])
    assert result.exit_code == 2
    assert result.stderr == f"csto: {message}\n"


def test_a_session_lists_the_decisions_adopted_at_it() -> None:
    sessions = {s["id"]: s for s in run("sessions", "--body", "csc", "--year", "2016")}
    yerevan = next(s for s in sessions.values() if s["place"] == "Yerevan")
    assert "collective-security-strategy-2025" in yerevan["decisions"]
