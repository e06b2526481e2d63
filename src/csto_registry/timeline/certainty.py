"""Whether a fact holds on a day: certainly, possibly, or not."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from csto_registry.timeline.bounds import Bounds


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
