from csto_registry.statutes.council_sessions import SessionRecord, council_sessions_check


def test_year_without_a_session_is_reported() -> None:
    sessions = [SessionRecord(2016, "ARM", "csc-2016"), SessionRecord(2018, "KAZ", "csc-2018")]
    findings = council_sessions_check(sessions=sessions, years=range(2016, 2019))
    assert [(f.year, f.kind) for f in findings] == [(2017, "no-session")]


def test_two_sessions_in_a_row_in_one_state_are_reported() -> None:
    sessions = [SessionRecord(2022, "ARM", "csc-2022"), SessionRecord(2023, "ARM", "csc-2023")]
    findings = council_sessions_check(sessions=sessions, years=range(2022, 2024))
    assert [(f.year, f.kind) for f in findings] == [(2023, "same-host")]
    assert "csc-2022" in findings[0].message


def test_sessions_alternating_every_year_comply() -> None:
    sessions = [SessionRecord(y, s, f"csc-{y}") for y, s in [(2021, "TJK"), (2022, "ARM"), (2023, "BLR")]]
    assert council_sessions_check(sessions=sessions, years=range(2021, 2024)) == []
