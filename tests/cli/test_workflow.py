"""The Secretariat's and the delegations' workflow from the CLI, with every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.records.models import AuditEntry
from tests.helpers import csto_json as run

pytestmark = pytest.mark.django_db
runner = CliRunner()
DAY = "2022-03-01"  # the six were certainly members in good standing (attested 2022-04-01, in since 1994)
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def refused(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    return result.stderr


@pytest.fixture
def draft() -> str:
    return run("draft", "create", "--body", "csc", "--title", "On joint exercises")["id"]


def agree_all(draft: str, *, but: str | None = None) -> None:
    for state in SIX:
        if state != but:
            run("position", draft, "--state", state, "--position", "agree", "--on", DAY)


def test_session_plan_takes_chair_and_host_from_the_rotation() -> None:
    result = run("session", "plan", "--body", "csc", "--year", "2027")
    assert (result["chair"], result["host"], result["basis"]) == ("TJK", "TJK", "rotation")
    sessions = run("sessions", "--body", "csc", "--year", "2027")
    assert [(s["id"], s["status"]) for s in sessions] == [("csc-2027-planned", "planned")]


def test_a_year_can_be_planned_once() -> None:
    run("session", "plan", "--body", "csc", "--year", "2027")
    assert "already planned" in refused("session", "plan", "--body", "csc", "--year", "2027")


def test_draft_adopted_by_consensus_becomes_an_instrument(draft: str) -> None:
    agree_all(draft, but="TJK")
    run("position", draft, "--state", "TJK", "--position", "abstain", "--on", DAY)
    result = run("adopt", draft, "--on", DAY)
    assert (result["status"], result["number"]) == ("adopted", "CSC-2022-01")
    instrument = run("instrument", result["instrument"])
    assert instrument["kind"] == "decision"
    assert [e["kind"] for e in instrument["events"]] == ["adopted"]


def test_one_objection_refuses_adoption(draft: str) -> None:
    agree_all(draft, but="ARM")
    run("position", draft, "--state", "ARM", "--position", "object", "--on", DAY)
    assert "not adopted by consensus: objected: ARM" in refused("adopt", draft, "--on", DAY)


def test_a_missing_position_refuses_adoption(draft: str) -> None:
    agree_all(draft, but="KGZ")
    assert "no position yet: KGZ" in refused("adopt", draft, "--on", DAY)


def test_suspended_member_position_is_refused(draft: str) -> None:
    message = refused("position", draft, "--state", "UZB", "--position", "object", "--on", DAY)
    assert "UZB is not a member state in good standing on 2022-03-01 (its membership is suspended)" in message


def test_non_member_position_is_refused(draft: str) -> None:
    message = refused("position", draft, "--state", "GEO", "--position", "agree", "--on", DAY)
    assert "(its membership is withdrawn)" in message


def test_stale_version_is_refused(draft: str) -> None:
    run("position", draft, "--state", "ARM", "--position", "agree", "--on", DAY, "--version", "1")
    assert "changed since version 1" in refused(
        "position", draft, "--state", "BLR", "--position", "agree", "--on", DAY, "--version", "1"
    )


def test_adopted_decision_takes_no_more_positions(draft: str) -> None:
    agree_all(draft)
    run("adopt", draft, "--on", DAY)
    assert "positions are recorded on drafts only" in refused(
        "position", draft, "--state", "ARM", "--position", "object", "--on", DAY
    )


def adopted_decision() -> str:
    draft = run("draft", "create", "--body", "csc", "--title", "On collective assistance")["id"]
    agree_all(draft)
    run("adopt", draft, "--on", DAY)
    return draft


def test_case_runs_from_appeal_to_closure() -> None:
    decision = adopted_decision()
    case = run("case", "open", "--victim", "KAZ", "--date", DAY, "--summary", "Appeal for assistance")["id"]
    assessed = run("case", "assess", case)
    assert assessed["assessment"]["applies"] is True
    assert assessed["assessment"]["obligated"] == ["ARM", "BLR", "KGZ", "RUS", "TJK"]
    assert run("case", "decide", case, "--decision", decision)["status"] == "decided"
    mission = run("case", "mission", case, "--name", "Collective mission", "--from", "2022-03-02")["mission"]
    closed = run("case", "close", case, "--date", "2022-03-10")
    assert (closed["status"], closed["closed"]) == ("closed", "2022-03-10")
    assert run("operation", mission)["period"] == {"from": "2022-03-02", "until": "2022-03-10"}
    assert run("case", case)["status"] == "closed"


def test_case_where_article_4_does_not_apply_cannot_be_decided() -> None:
    decision = adopted_decision()
    case = run("case", "open", "--victim", "UZB", "--date", DAY, "--summary", "Appeal")["id"]
    assert run("case", "assess", case)["assessment"]["applies"] is False
    assert "Article 4 does not apply" in refused("case", "decide", case, "--decision", decision)


def test_mission_needs_a_decided_case() -> None:
    case = run("case", "open", "--victim", "KAZ", "--date", DAY, "--summary", "Appeal")["id"]
    assert "a mission follows the Council's decision" in refused("case", "mission", case, "--name", "M", "--from", DAY)


def test_a_draft_cannot_decide_a_case(draft: str) -> None:
    case = run("case", "open", "--victim", "KAZ", "--date", DAY, "--summary", "Appeal")["id"]
    run("case", "assess", case)
    assert "only an adopted decision can decide a case" in refused("case", "decide", case, "--decision", draft)


def test_every_step_is_audited_and_the_chain_holds(draft: str) -> None:
    before = AuditEntry.objects.count()
    agree_all(draft)
    run("adopt", draft, "--on", DAY)
    assert AuditEntry.objects.count() == before + 7
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.record) == ("decision.adopt", f"decision:{draft}")
    assert entry.before["status"] == "draft"
    assert entry.after["status"] == "adopted"
    assert run("audit", "verify")["intact"] is True


def test_audit_verify_detects_an_edited_entry(draft: str) -> None:
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    AuditEntry.objects.filter(pk=entry.pk).update(actor="someone else")
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert f"entry {entry.pk}: its contents do not match its digest" in result.stdout


def test_audit_verify_detects_a_deleted_entry(draft: str) -> None:
    run("position", draft, "--state", "ARM", "--position", "agree", "--on", DAY)
    second_last = AuditEntry.objects.order_by("-id").values_list("pk", flat=True)[1]
    AuditEntry.objects.filter(pk=second_last).delete()
    result = runner.invoke(app, ["audit", "verify"])
    assert result.exit_code == 1
    assert "does not follow the entry before it" in result.stdout


def test_sessions_export_to_icalendar(tmp_path: Path) -> None:
    path = tmp_path / "sessions.ics"
    rows = run("sessions", "--body", "csc", "--year", "2022", "--ics", str(path))
    assert {"id", "body", "start", "end", "place", "state", "chair", "decisions"} <= set(rows[0])
    text = path.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == len(rows)
    assert "DTSTART;VALUE=DATE:20221123" in text


def test_session_chair_is_the_outgoing_chair() -> None:
    rows = {r["id"]: r for r in run("sessions", "--body", "csc", "--year", "2022")}
    assert rows["csc-2022-11-23"]["chair"] == "ARM"


def test_sessions_keep_their_participants_and_agenda() -> None:
    minsk = {s["id"]: s for s in run("sessions", "--body", "csc", "--year", "2023")}["csc-2023-11-23"]
    assert minsk["participants"] == ["BLR", "KAZ", "KGZ", "RUS", "TJK"]  # Armenia did not take part
    yerevan = {s["id"]: s for s in run("sessions", "--body", "csc", "--year", "2016")}["csc-2016-10-14"]
    assert "Adoption of the Collective Security Strategy for the period up to 2025" in yerevan["agenda"]


def test_sessions_say_their_kind_and_whether_held_by_videoconference() -> None:
    rows = {r["id"]: r for r in run("sessions", "--body", "csc", "--year", "2022")}
    assert rows["csc-2022-05-16"]["kind"] == "jubilee"
    assert [(r["kind"], r["videoconference"]) for i, r in rows.items() if i != "csc-2022-05-16"] == [
        ("extraordinary", True),
        ("extraordinary", True),
        ("extraordinary", True),
        ("regular", False),
    ]
    table = runner.invoke(app, ["sessions", "--body", "csc", "--year", "2022"])
    assert table.exit_code == 0
    assert "jubilee" in table.output
    assert "By video" in table.output


def test_sessions_before_the_charter_and_their_documents_are_recorded() -> None:
    rows = {r["id"]: r for r in run("sessions", "--body", "csc")}
    assert {"csc-1995-02-10", "csc-1999-04-02", "csc-2000-05-24", "csc-2001-05-25"} <= set(rows)
    assert rows["csc-2009-07-31"]["kind"] == "informal"
    assert rows["csc-2012-05-15"]["kind"] == "jubilee"
    assert len(rows["csc-2005-06-23"]["documents"]) == 5
    assert all(isinstance(d, str) and d for r in rows.values() for d in r["documents"])


def test_planned_session_lists_the_members_in_good_standing() -> None:
    assert run("session", "plan", "--body", "csc", "--year", "2027")["participants"] == SIX
