"""Why a fact is only possible on a day: one reason, from the bound that leaves the day open."""

from __future__ import annotations

import datetime as dt

from csto_registry.timeline import LATEST, Why, bounds_from, why_possible

D = dt.date


def test_a_start_given_to_the_month_is_the_reason_before_the_month_ends() -> None:
    bounds = bounds_from(start="2015-09")
    assert why_possible(bounds, D(2015, 9, 10), start="2015-09", end=None) == (Why.START_IMPRECISE, "2015-09")


def test_with_no_start_the_first_confirmed_day_is_named() -> None:
    bounds = bounds_from(end="2020-10-10", attested=[D(2016, 9, 21)])
    assert why_possible(bounds, D(2016, 6, 1), start=None, end="2020-10-10") == (Why.START_UNRECORDED, "2016-09-21")


def test_with_no_start_and_no_attested_day_no_date_is_named() -> None:
    bounds = bounds_from(end="2020-10-10")
    assert bounds.start_max == LATEST
    assert why_possible(bounds, D(2015, 6, 1), start=None, end="2020-10-10") == (Why.START_UNRECORDED, None)


def test_an_end_given_to_the_month_is_the_reason_inside_that_month() -> None:
    bounds = bounds_from(start="2015", end="2017-08")
    assert why_possible(bounds, D(2017, 8, 15), start="2015", end="2017-08") == (Why.END_IMPRECISE, "2017-08")


def test_an_open_fact_after_its_last_confirmation_names_that_day() -> None:
    bounds = bounds_from(start="2024-05-14", attested=[D(2026, 2, 9)])
    assert why_possible(bounds, D(2026, 6, 1), start="2024-05-14", end=None) == (Why.LAST_CONFIRMED, "2026-02-09")


def test_an_open_fact_ended_by_its_successor_names_the_day_the_successor_had_begun_by() -> None:
    # As the succession inference leaves it: no `until`, the next holder in office by 2012-08-28.
    opened = bounds_from(start="2010-12", attested=[D(2011, 1, 13)])
    bounds = type(opened)(opened.start_min, opened.start_max, opened.end_min, D(2012, 8, 28))
    assert why_possible(bounds, D(2011, 6, 1), start="2010-12", end=None) == (Why.NEXT_HOLDER, "2012-08-28")


def test_a_certain_day_or_a_day_it_does_not_hold_has_no_reason() -> None:
    bounds = bounds_from(start="2015-09", end="2020-01-01")
    assert why_possible(bounds, D(2016, 1, 1), start="2015-09", end="2020-01-01") is None
    assert why_possible(bounds, D(2021, 1, 1), start="2015-09", end="2020-01-01") is None
