"""EDTF dates as spans of days.

An EDTF date names one day that a source knows only to some precision: `2001`
is some day of 2001, `2006-22` some day of the summer of 2006, `2016-10/..` some
day from October 2016 on. Its span is the first and last day it may name.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

EARLIEST = dt.date.min
"""Stands for an unbounded past: no day lies before it."""

LATEST = dt.date.max
"""Stands for an open future: no day lies after it."""

FIRST_ASKABLE = dt.date(1, 1, 1)
LAST_ASKABLE = dt.date(9899, 12, 31)
"""The days a question may name. The statutes count terms years past the day asked (the Treaty's
five-year extensions), so the last century of Python's calendar is kept free for them."""

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_OR_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?")


class TimelineError(ValueError):
    """A date or a set of dates that cannot describe one fact."""


@dataclass(frozen=True, slots=True)
class Span:
    """The first and last day (both inclusive) that a date may name."""

    first: dt.date
    last: dt.date


def _to_day(value: object, *, default: dt.date) -> dt.date:
    # edtf gives a time.struct_time for a bounded end and +/-inf for an open one.
    if isinstance(value, float):
        return default
    year, month, day = value[:3]  # type: ignore[index]  # struct_time is indexable
    return dt.date(year, month, day)


@lru_cache(maxsize=65536)
def edtf_span(text: str) -> Span:
    """Return the days an EDTF string may name; raise TimelineError if it is not EDTF."""
    if not isinstance(text, str) or not text.strip():
        raise TimelineError(f"{text!r} is not an EDTF date")
    if _DAY.fullmatch(text):
        day = parse_day(text)
        return Span(day, day)
    plain = _YEAR_OR_MONTH.fullmatch(text)
    if plain:
        # The commonest forms, computed directly: edtf's parser takes milliseconds per new string.
        year, month = int(plain.group(1)), plain.group(2)
        if year < FIRST_ASKABLE.year:
            raise TimelineError(f"{text!r}: year {year:04d} is before year 1, the first the registry can date")
        if month is None:
            return Span(dt.date(year, 1, 1), dt.date(year, 12, 31))
        days = calendar.monthrange(year, int(month))[1]
        return Span(dt.date(year, int(month), 1), dt.date(year, int(month), days))
    # edtf (and pyparsing under it) is imported only for the forms above don't cover: about 0.1 s
    # that a command asking about plain days and years never spends.
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
        # The fuzzy ends widen an approximate date ("2006~") to what it may mean.
        first = _to_day(parsed.lower_fuzzy(), default=EARLIEST)
        last = _to_day(parsed.upper_fuzzy(), default=LATEST)
    except (EDTFParseException, ValueError, TypeError, AttributeError) as error:
        raise TimelineError(f"{text!r} is not an EDTF date") from error
    if first > last:
        raise TimelineError(f"{text!r} ends before it begins")
    return Span(first, last)


def parse_day(text: str) -> dt.date:
    """Return the calendar day written as YYYY-MM-DD; raise TimelineError otherwise."""
    if not isinstance(text, str) or not _DAY.fullmatch(text):
        raise TimelineError(f"{text!r} is not a day (YYYY-MM-DD)")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as error:
        raise TimelineError(f"{text!r} is not a day (YYYY-MM-DD)") from error
    if day > LAST_ASKABLE:
        raise TimelineError(f"{text!r} is after {LAST_ASKABLE.isoformat()}, the last day the registry answers about")
    return day


def next_day(day: dt.date) -> dt.date:
    """Return the day after `day`, saturating at LATEST."""
    return day if day == LATEST else day + dt.timedelta(days=1)
