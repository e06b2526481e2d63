import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.timeline import Bounds, Certainty, TimelineError, bounds_from, holds_on, succession

D = dt.date


def test_next_holder_start_bounds_previous_holder_end() -> None:
    # A Secretary General attested in 2019, then a successor "since January 1, 2020".
    previous = bounds_from(attested=[D(2019, 6, 1)])
    nxt = bounds_from(start="2020-01-01", attested=[D(2022, 4, 1)])
    inferred_previous, inferred_next = succession([previous, nxt])
    assert inferred_previous.end_max == D(2020, 1, 1)
    assert holds_on(inferred_previous, D(2020, 6, 1)) is Certainty.NO
    assert holds_on(previous, D(2020, 6, 1)) is Certainty.POSSIBLE
    assert inferred_next == nxt


def test_previous_holder_end_bounds_next_holder_start() -> None:
    previous = bounds_from(start="2010", end="2015-06")
    nxt = bounds_from(attested=[D(2018, 1, 1)])
    _, inferred_next = succession([previous, nxt])
    assert inferred_next.start_min == D(2015, 6, 1)


def test_order_of_input_is_kept() -> None:
    later = bounds_from(start="2020-01-01", attested=[D(2022, 4, 1)])
    earlier = bounds_from(attested=[D(2019, 6, 1)])
    result = succession([later, earlier])
    assert result[0] == later
    assert result[1].end_max == D(2020, 1, 1)


def test_tenure_known_only_by_its_start_ends_by_the_next_start() -> None:
    # A holder "from September 2015" with no known end, and one from 2020: the first left by 2020-01-01.
    vague = bounds_from(start="2015-09")
    other = bounds_from(start="2020-01-01", attested=[D(2022, 4, 1)])
    inferred = succession([vague, other])[0]
    assert inferred.end_max == D(2020, 1, 1)
    assert holds_on(inferred, D(2021, 1, 1)) is Certainty.NO


def test_tenures_of_unknown_order_are_left_alone() -> None:
    # "2015" may begin after 2015-06-01, so neither surely began first.
    vague = bounds_from(start="2015")
    other = bounds_from(start="2015-06-01")
    assert succession([vague, other]) == [vague, other]


def test_a_holder_attested_after_a_later_start_is_refused() -> None:
    first = bounds_from(start="2010-01-01", attested=[D(2016, 1, 1)])
    second = bounds_from(start="2015")
    with pytest.raises(TimelineError, match="two holders at once"):
        succession([first, second])


def test_two_holders_certain_on_the_same_day_is_refused() -> None:
    one = bounds_from(start="2019", attested=[D(2020, 6, 1)])
    two = bounds_from(attested=[D(2020, 6, 1)])
    with pytest.raises(TimelineError, match="two holders at once"):
        succession([one, two])


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2030, 1, 1))


@given(st.lists(days, min_size=1, max_size=6, unique=True))
def test_succession_keeps_bounds_consistent_and_holders_apart(attested: list[dt.date]) -> None:
    tenures = [bounds_from(attested=[day]) for day in attested]
    result = succession(tenures)
    assert all(isinstance(b, Bounds) and b.is_consistent() for b in result)
    # After the inference no day is possibly held by two tenures whose certain days differ.
    ordered = sorted(result, key=lambda b: b.start_max)
    for previous, nxt in itertools.pairwise(ordered):
        assert previous.end_max <= nxt.start_max
        assert nxt.start_min >= previous.end_min
