import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_registry.statutes.treaty_term import TreatyTermRules, treaty_term_on

D = dt.date
CST = TreatyTermRules(entry_into_force=D(1994, 4, 20), years=5, extension_years=5, automatic_extension=True)


@pytest.mark.parametrize(
    ("day", "term", "start", "end"),
    [
        (D(1994, 4, 20), 1, D(1994, 4, 20), D(1999, 4, 20)),  # in force "on April 20, 1994"
        (D(1999, 4, 19), 1, D(1994, 4, 20), D(1999, 4, 20)),
        (D(1999, 4, 20), 2, D(1999, 4, 20), D(2004, 4, 20)),  # the 1999 Protocol's first extension
        (D(2004, 4, 19), 2, D(1999, 4, 20), D(2004, 4, 20)),
        (D(2004, 4, 20), 3, D(2004, 4, 20), D(2009, 4, 20)),
        (D(2022, 4, 1), 6, D(2019, 4, 20), D(2024, 4, 20)),
        (D(2026, 11, 25), 7, D(2024, 4, 20), D(2029, 4, 20)),
    ],
)
def test_term_in_force_follows_five_year_extensions(day: dt.date, term: int, start: dt.date, end: dt.date) -> None:
    result = treaty_term_on(day, CST)
    assert (result.in_force, result.term, result.start, result.end) == (True, term, start, end)


def test_treaty_is_not_in_force_before_20_april_1994() -> None:
    result = treaty_term_on(D(1992, 5, 15), CST)  # signed in Tashkent, not yet ratified
    assert not result.in_force
    assert result.term is None


def test_without_automatic_extension_the_treaty_expires_after_the_first_term() -> None:
    rules = TreatyTermRules(entry_into_force=D(1994, 4, 20), years=5, extension_years=5, automatic_extension=False)
    assert not treaty_term_on(D(1999, 4, 20), rules).in_force


def test_term_from_29_february_runs_to_1_march() -> None:
    rules = TreatyTermRules(entry_into_force=D(2000, 2, 29), years=1, extension_years=1, automatic_extension=True)
    assert treaty_term_on(D(2000, 3, 5), rules).end == D(2001, 3, 1)


@given(st.dates(min_value=D(1994, 4, 20), max_value=D(2200, 1, 1)))
def test_every_day_after_entry_into_force_lies_in_exactly_its_term(day: dt.date) -> None:
    result = treaty_term_on(day, CST)
    assert result.in_force
    assert result.start is not None
    assert result.end is not None
    assert result.start <= day < result.end
    assert result.end.year - result.start.year == 5
