"""The data's revision: one row whose stamp every write changes, so a cache can tell a stale answer."""

from __future__ import annotations

from django.db import models


class Revision(models.Model):
    """The single row (id 1) that names the revision of the records.

    `number` counts the writes; `stamp` is a fresh random value at each write,
    so even a write that is rolled back and followed by another never brings a
    stamp back: an answer cached under a stamp is the answer for that stamp.
    """

    number = models.BigIntegerField(default=0)
    stamp = models.CharField(max_length=32, default="genesis")

    def __str__(self) -> str:
        return f"revision {self.number} ({self.stamp})"
