import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.timeline import EARLIEST, LATEST, Bounds, Certainty, TimelineError, bounds_from, holds_on

D = dt.date
SPRING_2022 = D(2022, 4, 1)


@pytest.mark.parametrize(
    ("start", "end", "attested", "day", "expected"),
    [
        # Uzbekistan "resumed its membership in the summer of 2006" and suspended it in 2012.
        ("2006-22", "2012", [], D(2006, 7, 15), Certainty.POSSIBLE),
        ("2006-22", "2012", [], D(2007, 1, 1), Certainty.CERTAIN),
        ("2006-22", "2012", [], D(2012, 6, 1), Certainty.POSSIBLE),
        ("2006-22", "2012", [], D(2013, 1, 1), Certainty.NO),
        ("2006-22", "2012", [], D(2006, 5, 31), Certainty.NO),
        # Sidorov heads the Joint Staff "since September 2015" (still in 2022).
        ("2015-09", None, [SPRING_2022], D(2015, 9, 10), Certainty.POSSIBLE),
        ("2015-09", None, [SPRING_2022], D(2015, 10, 1), Certainty.CERTAIN),
        ("2015-09", None, [SPRING_2022], D(2015, 8, 31), Certainty.NO),
        # A composition "as of 01.04.2022".
        (None, None, [SPRING_2022], SPRING_2022, Certainty.CERTAIN),
        (None, None, [SPRING_2022], D(2022, 6, 1), Certainty.POSSIBLE),
        (None, None, [SPRING_2022], D(2000, 1, 1), Certainty.POSSIBLE),
        # A state that left on 1999-04-20 was a member the day before and not on that day.
        ("1994-04-20", "1999-04-20", [], D(1999, 4, 19), Certainty.CERTAIN),
        ("1994-04-20", "1999-04-20", [], D(1999, 4, 20), Certainty.NO),
        ("1994-04-20", "1999-04-20", [], D(1994, 4, 20), Certainty.CERTAIN),
        ("1994-04-20", "1999-04-20", [], D(1994, 4, 19), Certainty.NO),
    ],
)
def test_fact_holds_on_a_day_as_its_evidence_allows(
    start: str | None, end: str | None, attested: list[dt.date], day: dt.date, expected: Certainty
) -> None:
    assert holds_on(bounds_from(start=start, end=end, attested=attested), day) is expected


def test_fact_without_end_or_later_evidence_is_certain_only_where_evidence_covers() -> None:
    bounds = bounds_from(start="2020-01-01")
    assert holds_on(bounds, D(2020, 1, 1)) is Certainty.CERTAIN
    assert holds_on(bounds, D(2020, 1, 2)) is Certainty.POSSIBLE
    assert bounds.end_max == LATEST


def test_month_precise_start_alone_is_never_certain() -> None:
    bounds = bounds_from(start="2015-09")
    assert all(holds_on(bounds, D(2015, 9, d)) is Certainty.POSSIBLE for d in range(1, 31))


def test_unknown_dates_leave_bounds_open() -> None:
    assert bounds_from() == Bounds(EARLIEST, LATEST, D(1, 1, 2), LATEST)


def test_attestation_before_start_is_refused() -> None:
    with pytest.raises(TimelineError, match="before its start"):
        bounds_from(start="2015-09", attested=[D(2015, 8, 1)])


def test_attestation_on_or_after_end_is_refused() -> None:
    with pytest.raises(TimelineError, match="after its end"):
        bounds_from(start="2000", end="2001", attested=[D(2002, 1, 1)])


def test_end_before_start_is_refused() -> None:
    with pytest.raises(TimelineError, match="cannot end before it starts"):
        bounds_from(start="2010", end="2005")


# -- properties ---------------------------------------------------------------

days = st.dates(min_value=D(1950, 1, 1), max_value=D(2030, 12, 31))


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    day = draw(days)
    form = draw(st.sampled_from(["year", "month", "day", "season"]))
    if form == "year":
        return f"{day.year}"
    if form == "month":
        return f"{day.year}-{day.month:02d}"
    if form == "season":
        return f"{day.year}-{draw(st.integers(21, 24))}"
    return day.isoformat()


@st.composite
def facts(draw: st.DrawFn) -> tuple[str | None, str | None, list[dt.date]]:
    start = draw(st.none() | edtf_dates())
    end = draw(st.none() | edtf_dates())
    attested = draw(st.lists(days, max_size=3))
    return start, end, attested


def _bounds_or_none(start: str | None, end: str | None, attested: list[dt.date]) -> Bounds | None:
    try:
        return bounds_from(start=start, end=end, attested=attested)
    except TimelineError:
        return None


@given(facts(), days)
def test_certain_implies_possible(fact: tuple[str | None, str | None, list[dt.date]], day: dt.date) -> None:
    bounds = _bounds_or_none(*fact)
    if bounds is not None and holds_on(bounds, day) is Certainty.CERTAIN:
        assert bounds.start_min <= day < bounds.end_max


@given(facts())
def test_bounds_never_cross(fact: tuple[str | None, str | None, list[dt.date]]) -> None:
    bounds = _bounds_or_none(*fact)
    if bounds is not None:
        assert bounds.start_min <= bounds.start_max
        assert bounds.end_min <= bounds.end_max
        assert bounds.start_min < bounds.end_min


@given(facts(), days, days)
def test_an_attestation_never_turns_certain_into_no(
    fact: tuple[str | None, str | None, list[dt.date]], extra: dt.date, day: dt.date
) -> None:
    start, end, attested = fact
    before = _bounds_or_none(start, end, attested)
    after = _bounds_or_none(start, end, [*attested, extra])
    if before is not None and after is not None and holds_on(before, day) is Certainty.CERTAIN:
        assert holds_on(after, day) is not Certainty.NO


@given(facts(), days)
def test_attested_day_is_certain(fact: tuple[str | None, str | None, list[dt.date]], day: dt.date) -> None:
    start, end, attested = fact
    bounds = _bounds_or_none(start, end, [*attested, day])
    if bounds is not None:
        assert holds_on(bounds, day) is Certainty.CERTAIN
