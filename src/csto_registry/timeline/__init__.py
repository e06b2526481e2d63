"""Time and certainty: EDTF dates to bounds, and whether a fact holds on a day.

Pure Python: nothing here imports Django or another project package.
"""

from csto_registry.timeline.bounds import Bounds, bounds_from
from csto_registry.timeline.certainty import Certainty, Why, holds_on, why_possible
from csto_registry.timeline.dates import EARLIEST, LATEST, Span, TimelineError, edtf_span, next_day, parse_day
from csto_registry.timeline.succession import succession

__all__ = [
    "EARLIEST",
    "LATEST",
    "Bounds",
    "Certainty",
    "Span",
    "TimelineError",
    "Why",
    "bounds_from",
    "edtf_span",
    "holds_on",
    "next_day",
    "parse_day",
    "succession",
    "why_possible",
]
