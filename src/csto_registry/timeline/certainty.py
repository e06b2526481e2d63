"""Whether a fact holds on a day: certainly, possibly, or not."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from csto_registry.timeline.bounds import Bounds
from csto_registry.timeline.dates import LATEST


class Certainty(StrEnum):
    """How sure the record is that a fact holds on a day."""

    CERTAIN = "certain"
    POSSIBLE = "possible"
    NO = "no"


def holds_on(bounds: Bounds, day: dt.date) -> Certainty:
    """Say whether a fact with these bounds holds on `day`.

    Certain when it has surely started and surely not ended
    (start_max <= day < end_min); possible when it may have started and may not
    have ended (start_min <= day < end_max); otherwise no.
    """
    if bounds.start_max <= day < bounds.end_min:
        return Certainty.CERTAIN
    if bounds.start_min <= day < bounds.end_max:
        return Certainty.POSSIBLE
    return Certainty.NO


class Why(StrEnum):
    """Why a fact is only possible on a day: which of its bounds leaves the day open."""

    START_IMPRECISE = "start-imprecise"  # its start is given, but only to a month, a year or a range
    START_UNRECORDED = "start-unrecorded"  # no start is recorded: it is known only from a later day
    END_IMPRECISE = "end-imprecise"  # its end is given, but only to a month, a year or a range
    NEXT_HOLDER = "next-holder"  # no end is recorded: the next holder's start is all that ends it
    LAST_CONFIRMED = "last-confirmed"  # no end is recorded: the sources confirm it up to a day only


def why_possible(bounds: Bounds, day: dt.date, *, start: str | None, end: str | None) -> tuple[Why, str | None] | None:
    """Say in one reason why a fact is only possible on `day`, with the date the reason names; else None.

    The start comes first: a fact that may not have begun yet is possible for that reason whatever its end.
    The date is the EDTF text as given (an imprecise start or end), the first day the fact is certain (an
    unrecorded start), the last day it is certain (an open fact), or the day by which the next holder had
    begun (succession: the fact ended by then).
    """
    if holds_on(bounds, day) is not Certainty.POSSIBLE:
        return None
    if day < bounds.start_max:
        if start:
            return Why.START_IMPRECISE, start
        # No day at all confirms it (an end alone is recorded): no date to name.
        return Why.START_UNRECORDED, None if bounds.start_max == LATEST else bounds.start_max.isoformat()
    if end:
        return Why.END_IMPRECISE, end
    if bounds.end_max != LATEST:
        return Why.NEXT_HOLDER, bounds.end_max.isoformat()
    return Why.LAST_CONFIRMED, (bounds.end_min - dt.timedelta(days=1)).isoformat()
