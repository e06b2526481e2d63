"""The fields every fact that holds over an interval of time shares."""

from __future__ import annotations

from django.db import models

from csto_registry.timeline import Bounds, bounds_from


class Temporal(models.Model):
    """A fact over time: its EDTF dates as given, and the four bounds derived from them.

    The bounds are stored so that "does it hold on day D" is an indexed range
    comparison; EARLIEST (0001-01-01) and LATEST (9999-12-31) stand for no bound.
    """

    start = models.CharField(max_length=64, blank=True, help_text="EDTF: the first day it held.")
    end = models.CharField(max_length=64, blank=True, help_text="EDTF: the first day it no longer held.")
    attested = models.JSONField(default=list, blank=True, help_text="Days (YYYY-MM-DD) a source says it held.")
    start_min = models.DateField()
    start_max = models.DateField()
    end_min = models.DateField()
    end_max = models.DateField()

    class Meta:
        abstract = True

    @property
    def bounds(self) -> Bounds:
        return Bounds(self.start_min, self.start_max, self.end_min, self.end_max)


def temporal_values(*, start: str | None, end: str | None = None) -> dict[str, object]:
    """Return a Temporal record's fields for EDTF `start` and `end`, with the bounds derived from them."""
    bounds = bounds_from(start=start, end=end)
    return {
        "start": start or "",
        "end": end or "",
        "attested": [],
        "start_min": bounds.start_min,
        "start_max": bounds.start_max,
        "end_min": bounds.end_min,
        "end_max": bounds.end_max,
    }
