"""The query commands' JSON contract and their refusals."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app
from tests.helpers import csto_json as run_json

pytestmark = pytest.mark.django_db
runner = CliRunner()

SEED = "seed:000_e52e44ee9352e8ff.txt"


def test_members_in_1995_are_the_nine_states_party_to_the_treaty() -> None:
    rows = run_json("members", "--on", "1995-01-01")
    assert [r["state"] for r in rows] == ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert {r["certainty"] for r in rows} == {"certain"}
    assert set(rows[0]) == {"state", "name", "status", "certainty", "last_confirmed", "declared", "sources"}
    assert rows[0]["name"] == "Armenia"
    assert any(s.get("ref") == f"{SEED}#L3" for s in rows[0]["sources"])


def test_uzbekistan_is_a_possible_member_in_the_summer_of_2006() -> None:
    rows = {r["state"]: r for r in run_json("members", "--on", "2006-07-15")}
    assert rows["UZB"]["certainty"] == "possible"
    assert rows["ARM"]["certainty"] == "certain"
    assert "AZE" not in rows


def test_uzbekistan_is_a_certain_member_in_2008() -> None:
    rows = {r["state"]: r for r in run_json("members", "--on", "2008-01-01")}
    assert rows["UZB"]["certainty"] == "certain"


def test_members_all_shows_other_statuses() -> None:
    rows = run_json("members", "--on", "2022-04-01", "--all")
    statuses = {r["state"]: r["status"] for r in rows}
    assert statuses["UZB"] == "suspended"
    assert statuses["AZE"] == statuses["GEO"] == "withdrawn"
    assert statuses["RUS"] == "member"


def test_member_names_in_russian() -> None:
    rows = run_json("members", "--on", "2022-04-01", "--lang", "ru")
    assert {r["name"] for r in rows} >= {"Армения", "Россия"}


def test_holders_of_the_defence_council_on_1_april_2022_are_six_ministers() -> None:
    rows = run_json("holders", "cmd", "--on", "2022-04-01")
    assert len(rows) == 6
    assert {r["state"] for r in rows} == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert {r["certainty"] for r in rows} == {"certain"}
    assert set(rows[0]) == {
        "post",
        "person",
        "name",
        "state",
        "certainty",
        "last_confirmed",
        "term_until",
        "why",
        "sources",
    }
    shoigu = next(r for r in rows if r["state"] == "RUS")
    assert (shoigu["post"], shoigu["person"]) == ("cmd:RUS", "shoigu-sergei")


def test_a_holder_after_the_last_confirmation_is_possible_and_says_when() -> None:
    # Armen Grigoryan's latest dated confirmation as Security Council secretary is of 13 February 2026.
    rows = run_json("who", "cssc:ARM", "--on", "2026-06-01")
    assert [(r["person"], r["certainty"], r["last_confirmed"]) for r in rows] == [
        ("grigoryan-armen", "possible", "2026-02-13")
    ]


def test_a_holder_with_a_recorded_end_has_no_last_confirmation() -> None:
    rows = run_json("who", "joint-staff-chief", "--on", "2020-01-01")
    assert [(r["person"], r["last_confirmed"]) for r in rows] == [("sidorov-anatoly", None)]


def test_the_joint_staff_passes_to_sidorov_at_the_dushanbe_session() -> None:
    before = run_json("who", "joint-staff-chief", "--on", "2015-09-14")
    on_the_day = run_json("who", "joint-staff-chief", "--on", "2015-09-15")
    assert [(r["person"], r["certainty"]) for r in before] == [("studenikin-aleksandr", "certain")]
    assert [(r["person"], r["certainty"]) for r in on_the_day] == [("sidorov-anatoly", "certain")]


def test_sidorov_keeps_the_seeds_words_beside_the_dated_sources() -> None:
    rows = run_json("who", "joint-staff-chief", "--on", "2015-10-01")
    assert "since September 2015" in rows[0]["sources"][0]["quote"]


def test_person_shows_every_tenure_with_bounds() -> None:
    detail = run_json("person", "sidorov")
    assert detail["id"] == "sidorov-anatoly"
    tenure = detail["tenures"][0]
    assert tenure["post"] == "joint-staff-chief"
    assert (tenure["start_min"], tenure["start_max"]) == ("2015-09-15", "2015-09-15")
    assert (tenure["end_min"], tenure["end_max"]) == ("2023-11-23", "2023-11-23")


def test_person_found_by_russian_name_in_any_case() -> None:
    assert run_json("person", "СИДОРОВ")["id"] == "sidorov-anatoly"


def test_bodies_form_a_tree_under_the_organization() -> None:
    rows = run_json("bodies", "--on", "2022-04-01")
    by_id = {r["id"]: r for r in rows}
    assert set(rows[0]) == {"id", "name", "kind", "parent", "from", "founded_by", "certainty"}
    assert by_id["csc"]["parent"] == "csto"
    assert (by_id["csc"]["from"], by_id["csc"]["founded_by"]) == (
        "1992-05-15",
        "Collective Security Treaty of 15 May 1992, Article 3",
    )
    assert by_id["csc"]["kind"] == "statutory-body"
    assert all(r["parent"] in by_id or r["parent"] == "csto" for r in rows)


def test_joint_staff_is_not_a_body_before_2004() -> None:
    ids = {r["id"] for r in run_json("bodies", "--on", "2003-06-01")}
    assert "joint-staff" not in ids
    assert "csc" in ids


def test_table_output_names_the_holders() -> None:
    result = runner.invoke(app, ["holders", "cmd", "--on", "2022-04-01"])
    assert result.exit_code == 0
    assert "Shoigu" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["members", "--on", "2022-13-01"], "--on '2022-13-01' is not a day (YYYY-MM-DD)"),
        (["members", "--on", "yesterday"], "--on 'yesterday' is not a day (YYYY-MM-DD)"),
        (["holders", "nato"], "no body 'nato'"),
        (["who", "cmd:USA"], "no post 'cmd:USA'"),
        (["person", "nobody-at-all"], "no person 'nobody-at-all'"),
        (["members", "--org", "nato"], "no organization 'nato'"),
        (["members", "--lang", "fr"], "--lang 'fr': expected en or ru"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"csto: {message}")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_ambiguous_name_lists_the_candidates() -> None:
    result = runner.invoke(app, ["person", "vladimirovich"])
    assert result.exit_code == 2
    assert "more than one person" in result.stderr


def test_search_matches_cyrillic_in_any_case() -> None:
    rows = run_json("search", "сИдОрОв")
    assert next((r["kind"], r["id"], r["name"], r["page"]) for r in rows) == (
        "person",
        "sidorov-anatoly",
        "Anatoly Sidorov",
        "/people/sidorov-anatoly/",
    )


def test_search_finds_bodies_by_abbreviation_and_operations_by_russian_name() -> None:
    kinds = {(r["kind"], r["id"]) for r in run_json("search", "КАНАЛ")}
    assert ("operation", "channel") in kinds
    assert ("body", "cfm") in {(r["kind"], r["id"]) for r in run_json("search", "ministerial council")}


def test_search_needs_two_letters() -> None:
    result = runner.invoke(app, ["search", "x"])
    assert result.exit_code == 2
    assert result.stderr == "csto: a search needs at least two letters\n"


def test_a_post_id_may_be_written_in_any_case() -> None:
    assert run_json("who", "cmd:rus", "--on", "2022-04-01") == run_json("who", "cmd:RUS", "--on", "2022-04-01")
    assert run_json("who", "Secretary-General", "--on", "2022-04-01")[0]["post"] == "secretary-general"
    history = run_json("who", "CMD:rus", "--history")
    assert history["post"] == "cmd:RUS"


@pytest.mark.parametrize("width", ["80", "100"])
def test_tables_fold_long_ids_and_sources_instead_of_cutting_them(width: str) -> None:
    result = runner.invoke(app, ["holders", "cmd", "--on", "2022-04-01"], env={"COLUMNS": width})
    assert result.exit_code == 0
    assert "…" not in result.stdout
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(width)
    # Each seed citation is whole once the folds are undone: its file name and line number.
    cells = "".join(line.split("│")[-2].strip() for line in lines if line.count("│") > 2)
    assert "seed:000_e52e44ee9352e8ff.txt#L" in cells


def test_a_post_may_be_named_by_body_and_state_or_by_words_of_its_title() -> None:
    by_id = run_json("who", "cmd:RUS", "--on", "2022-04-01")
    assert run_json("who", "--body", "cmd", "--state", "rus", "--on", "2022-04-01") == by_id
    assert run_json("who", "defence minister russia", "--on", "2022-04-01") == by_id
    several = runner.invoke(app, ["who", "defence minister"])
    assert several.exit_code == 2
    assert "names more than one post: cmd:" in several.stderr
    assert runner.invoke(app, ["who", "--body", "cmd"]).exit_code == 2  # a usage error (tests/cli/test_bad_input.py)


def test_a_possible_holder_says_why_and_a_certain_one_does_not() -> None:
    # Duishenbiev's start is not recorded; the first page that shows him in office is of 2016-09-21.
    rows = run_json("who", "cmd:KGZ", "--on", "2016-06-01")
    assert [(r["person"], r["why"]) for r in rows] == [
        ("duishenbiev-raiymberdi", {"reason": "start-unrecorded", "date": "2016-09-21"})
    ]
    assert all(r["why"] is None for r in run_json("who", "cmd:KGZ", "--on", "2017-06-01"))


def test_changes_between_two_days_as_json_and_a_bad_window_exits_2() -> None:
    found = run_json("changes", "--from", "2024-05-01", "--to", "2024-05-31", "--state", "RUS")
    assert {(c["kind"], c["post"], c["person"]) for c in found["changes"]} >= {
        ("leaves-office", "cmd:RUS", "shoigu-sergei"),
        ("takes-office", "cmd:RUS", "belousov-andrei"),
        ("takes-office", "cssc:RUS", "shoigu-sergei"),
    }
    result = CliRunner().invoke(app, ["changes", "--from", "2024-05-31", "--to", "2024-05-01"])
    assert result.exit_code == 2
    assert "must be after" in result.output
