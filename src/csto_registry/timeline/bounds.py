"""The four bounds of a temporal fact, derived from its dates and attestations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from csto_registry.timeline.dates import EARLIEST, LATEST, TimelineError, edtf_span, next_day


@dataclass(frozen=True, slots=True)
class Bounds:
    """Where a fact's start and (exclusive) end may lie.

    The start lies in [start_min, start_max] and the end in [end_min, end_max];
    EARLIEST and LATEST stand for "no bound".
    """

    start_min: dt.date
    start_max: dt.date
    end_min: dt.date
    end_max: dt.date

    def is_consistent(self) -> bool:
        """Say whether some start and a later end satisfy all four bounds."""
        return self.start_min <= self.start_max and self.end_min <= self.end_max and self.start_min < self.end_max


def bounds_from(
    *,
    start: str | None = None,
    end: str | None = None,
    attested: Iterable[dt.date] = (),
) -> Bounds:
    """Derive the bounds of a fact from its EDTF `start` and `end` and its attested days.

    `start` names the first day the fact held, `end` the first day it no longer
    held; either may be unknown. A day on which a source says the fact held
    forces the start onto or before it and the end after it. A fact holds for at
    least its first day, so the end lies after the earliest possible start.
    """
    start_min, start_max = EARLIEST, LATEST
    if start is not None:
        span = edtf_span(start)
        start_min, start_max = span.first, span.last
    end_min, end_max = next_day(start_min), LATEST
    if end is not None:
        span = edtf_span(end)
        end_min, end_max = max(end_min, span.first), span.last
    for day in attested:
        if day < start_min:
            raise TimelineError(f"attested on {day}, before its start {start}")
        if day >= end_max:
            raise TimelineError(f"attested on {day}, after its end {end}")
        start_max = min(start_max, day)
        end_min = max(end_min, next_day(day))
    bounds = Bounds(start_min, start_max, end_min, end_max)
    if not bounds.is_consistent():
        raise TimelineError(f"from {start} until {end}: it cannot end before it starts")
    return bounds
