"""Citations: where a fact comes from."""

from __future__ import annotations

import hashlib

from django.db import models


class Source(models.Model):
    """A citation: a line of a seed text or a public address, with the quoted words."""

    key = models.CharField(max_length=40, unique=True, help_text="SHA-1 of ref, url and quote.")
    ref = models.CharField(max_length=200, blank=True, help_text='"seed:FILE#Lnn", or empty.')
    url = models.URLField(max_length=500, blank=True, help_text="A public address, or empty.")
    quote = models.TextField(help_text="The source's own words.")

    class Meta:
        ordering = ["ref", "url"]

    def __str__(self) -> str:
        return self.ref or self.url

    @staticmethod
    def key_for(ref: str, url: str, quote: str) -> str:
        """Return the identity of a citation, so one citation is stored once."""
        return hashlib.sha1(f"{ref}\x1f{url}\x1f{quote}".encode(), usedforsecurity=False).hexdigest()
