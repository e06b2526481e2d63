"""The successor inference for posts held by one person at a time."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from csto_registry.timeline.bounds import Bounds
from csto_registry.timeline.dates import TimelineError


def succession(tenures: Sequence[Bounds]) -> list[Bounds]:
    """Tighten the bounds of the tenures of a single-holder post; keep their order.

    Two tenures of such a post never overlap, so of two tenures that each have a
    day on which they certainly held, the one whose day comes first ended no
    later than the other started: the next holder's start bounds the previous
    holder's end, and the previous holder's end bounds the next one's start.
    Tenures with no certain day cannot be placed and are left as they are.
    Raises TimelineError when two tenures certainly overlap.
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
    return result
