"""States: the countries that may be members of an organization."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.sources import Source


class State(models.Model):
    """A state, by its ISO 3166-1 alpha-3 code; shared by every organization's dataset."""

    code = models.CharField(max_length=3, unique=True, help_text="ISO 3166-1 alpha-3.")
    name = models.JSONField(help_text="Formal name by language: {en, ru}.")
    short = models.JSONField(default=dict, blank=True, help_text="Short name by language.")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
