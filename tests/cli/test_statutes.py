"""The statute commands' JSON contract."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app
from tests.helpers import csto_json as run_json

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_treaty_term_on_1_april_2022_is_the_sixth() -> None:
    result = run_json("treaty-term", "--on", "2022-04-01")
    assert set(result) == {"in_force", "term", "start", "end", "basis", "sources"}
    assert (result["in_force"], result["term"], result["start"], result["end"]) == (
        True,
        6,
        "2019-04-20",
        "2024-04-20",
    )
    assert {s["ref"] for s in result["sources"]} == {
        "seed:000_e52e44ee9352e8ff.txt#L3",
        "seed:000_e52e44ee9352e8ff.txt#L7",
    }


def test_treaty_is_not_in_force_before_ratification() -> None:
    result = run_json("treaty-term", "--on", "1993-01-01")
    assert result["in_force"] is False
    assert result["term"] is None


def test_article4_for_kazakhstan_in_january_2022() -> None:
    result = run_json("article4", "--victim", "KAZ", "--on", "2022-01-06")
    assert {"applies", "victim", "obligated", "basis", "procedure", "reasons"} <= set(result)
    assert result["applies"] is True
    assert result["obligated"] == ["ARM", "BLR", "KGZ", "RUS", "TJK"]


def test_article4_for_uzbekistan_after_its_suspension() -> None:
    result = run_json("article4", "--victim", "UZB", "--on", "2022-01-06")
    assert result["applies"] is False
    assert result["reasons"] == ["UZB is not a member state in good standing on 2022-01-06"]


def test_article4_in_1995_protects_azerbaijan() -> None:
    result = run_json("article4", "--victim", "AZE", "--on", "1995-01-01")
    assert result["applies"] is True
    assert "UZB" in result["obligated"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["article4", "--victim", "XXX"], "no state 'XXX'"),
        (["article4", "--victim", "KAZ", "--aggressor", "ZZZ"], "no state 'ZZZ'"),
        (["treaty-term", "--on", "1994-02-30"], "--on '1994-02-30' is not a day"),
    ],
)
def test_bad_statute_input_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"csto: {message}")


def test_consensus_of_the_six_in_2020_ignores_uzbekistan() -> None:
    positions = ["ARM=agree", "BLR=agree", "KAZ=agree", "KGZ=agree", "RUS=agree", "TJK=abstain", "UZB=object"]
    result = run_json("consensus", *positions, "--on", "2020-01-01")
    assert result["adopted"] is True
    assert result["ignored"] == ["UZB"]
    assert result["members"] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_consensus_blocked_by_one_objection() -> None:
    result = run_json("consensus", "ARM=object", "BLR=agree", "--on", "2020-01-01")
    assert result["adopted"] is False
    assert result["awaiting"] == ["KAZ", "KGZ", "RUS", "TJK"]


def test_consensus_refuses_a_malformed_position() -> None:
    result = runner.invoke(app, ["consensus", "ARM=maybe"])
    assert result.exit_code == 2
    assert result.stderr.startswith("csto: position ARM='maybe': expected one of")


def test_peacekeeping_beyond_the_area_needs_a_un_mandate() -> None:
    result = run_json("peacekeeping", "--outside", "--council-decision")
    assert (result["lawful"], result["missing"]) == (False, ["un-security-council-mandate"])
    assert run_json("peacekeeping", "--inside", "--council-decision")["lawful"] is True
