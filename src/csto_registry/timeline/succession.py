"""The successor inference for posts held by one person at a time."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import replace

from csto_registry.timeline.bounds import Bounds
from csto_registry.timeline.dates import LATEST, TimelineError


def succession(tenures: Sequence[Bounds]) -> list[Bounds]:
    """Tighten the bounds of the tenures of a single-holder post; keep their order.

    Two tenures of such a post never overlap, so of two tenures that each have a
    day on which they certainly held, the one whose day comes first ended no
    later than the other started: the next holder's start bounds the previous
    holder's end, and the previous holder's end bounds the next one's start.
    Whatever their certain days, a tenure that had certainly begun before
    another could begin (its latest start before the other's earliest) ended
    by the other's latest start. Tenures whose order is not known are left as
    they are. Raises TimelineError when two tenures certainly overlap.
    """
    result = list(tenures)
    placed = sorted(
        (i for i, b in enumerate(result) if b.start_max < b.end_min),
        key=lambda i: result[i].start_max,
    )
    for earlier, later in itertools.pairwise(placed):
        prev, nxt = result[earlier], result[later]
        if prev.end_min > nxt.start_max:
            raise TimelineError(
                f"two holders at once: one held until at least {prev.end_min}, "
                f"the next from {nxt.start_max} at the latest"
            )
        result[earlier] = replace(prev, end_max=min(prev.end_max, nxt.start_max))
    # A second pass carries each tightened end forward to the next start.
    for earlier, later in itertools.pairwise(placed):
        prev, nxt = result[earlier], result[later]
        result[later] = replace(nxt, start_min=max(nxt.start_min, prev.end_min))
    return _ended_before_later_starts(result)


def _ended_before_later_starts(tenures: list[Bounds]) -> list[Bounds]:
    """Bound each tenure's end by the latest start of every tenure that surely began after it did.

    One sort and a binary search per tenure: the earliest of those latest
    starts is a suffix minimum over the tenures in order of earliest start.
    """
    order = sorted(range(len(tenures)), key=lambda i: tenures[i].start_min)
    earliest = [tenures[i].start_min for i in order]
    first_latest = [LATEST] * (len(order) + 1)
    for k in range(len(order) - 1, -1, -1):
        first_latest[k] = min(tenures[order[k]].start_max, first_latest[k + 1])
    result = list(tenures)
    for i, bounds in enumerate(tenures):
        bound = first_latest[bisect.bisect_right(earliest, bounds.start_max)]
        if bound < bounds.end_max:
            result[i] = replace(bounds, end_max=bound)
            if not result[i].is_consistent():
                raise TimelineError(
                    f"two holders at once: one held until at least {bounds.end_min}, "
                    f"a later one from {bound} at the latest"
                )
    return result
