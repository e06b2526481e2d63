import datetime as dt

from csto_registry.statutes.membership import (
    StatusPeriod,
    TreatyEvent,
    membership_consistency,
    membership_status_changes,
    signatory_periods,
)
from csto_registry.timeline import Span, edtf_span

NINE = frozenset({"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"})
EVENTS = [
    TreatyEvent("signed", edtf_span("1992-05-15"), None),
    TreatyEvent("acceded", edtf_span("1993"), "BLR"),
    TreatyEvent("entered-into-force", edtf_span("1994-04-20"), None),
    TreatyEvent("withdrawn", edtf_span("1999"), "UZB"),
    TreatyEvent("acceded", edtf_span("2006-22"), "UZB"),
    TreatyEvent("suspended", edtf_span("2012"), "UZB"),
]
UZB_RECORD = [
    StatusPeriod("member", edtf_span("1994-04-20"), edtf_span("1999-04-20")),
    StatusPeriod("withdrawn", edtf_span("1999-04-20"), edtf_span("2006-22")),
    StatusPeriod("member", edtf_span("2006-22"), edtf_span("2012")),
    StatusPeriod("suspended", edtf_span("2012"), None),
]


def test_uzbekistan_status_changes_follow_the_treaty_events() -> None:
    changes = membership_status_changes(state="UZB", parties=NINE, events=EVENTS)
    assert [status for _, status in changes] == ["member", "withdrawn", "member", "suspended"]


def test_accession_before_entry_into_force_takes_effect_with_it() -> None:
    changes = membership_status_changes(state="BLR", parties=NINE, events=EVENTS)
    assert changes == [(Span(dt.date(1994, 4, 20), dt.date(1994, 4, 20)), "member")]


def test_uzbekistan_record_agrees_with_the_events() -> None:
    assert membership_consistency(state="UZB", parties=NINE, events=EVENTS, periods=UZB_RECORD) == []


def test_a_missing_suspension_record_is_reported() -> None:
    problems = membership_consistency(state="UZB", parties=NINE, events=EVENTS, periods=UZB_RECORD[:3])
    assert problems == ["UZB: the treaty's events make it suspended from 2012-01-01..2012-12-31, but no record says so"]


def test_a_status_no_event_begins_is_reported() -> None:
    periods = [*UZB_RECORD, StatusPeriod("member", edtf_span("2020"), None)]
    problems = membership_consistency(state="UZB", parties=NINE, events=EVENTS, periods=periods)
    assert problems == [
        "UZB: recorded as member from 2020-01-01..2020-12-31, but no event of the treaty begins that status then"
    ]


SIGNATURES = [
    TreatyEvent("signed", edtf_span("1992-05-15"), None),  # "by the heads of six states": names none of them
    *(TreatyEvent("signed", edtf_span("1992-05-15"), code) for code in ("ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB")),
    TreatyEvent("acceded", edtf_span("1993"), "BLR"),
    TreatyEvent("signed", edtf_span("1993-12-31"), "BLR"),
    TreatyEvent("entered-into-force", edtf_span("1994-04-20"), None),
    TreatyEvent("acceded", edtf_span("2006-22"), "UZB"),
]


def test_states_that_signed_before_entry_into_force_are_signatories_until_it() -> None:
    periods = signatory_periods(events=SIGNATURES)
    assert [p.state for p in periods] == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert all(p.end == edtf_span("1994-04-20") for p in periods)


def test_the_most_precise_event_starts_a_signatory_period() -> None:
    belarus = next(p for p in signatory_periods(events=SIGNATURES) if p.state == "BLR")
    assert belarus.start == edtf_span("1993-12-31")


def test_a_signature_naming_no_state_makes_no_signatory() -> None:
    assert signatory_periods(events=SIGNATURES[:1] + SIGNATURES[-2:-1]) == []


def test_an_accession_after_entry_into_force_makes_no_signatory() -> None:
    assert "UZB" not in {p.state for p in signatory_periods(events=SIGNATURES[-2:])}


def test_no_entry_into_force_means_no_signatory_phase() -> None:
    assert signatory_periods(events=SIGNATURES[:7]) == []
