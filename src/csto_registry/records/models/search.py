"""The search index: one row of folded words per readable record, searched with the database's own full text."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.restricted import PUBLIC


class SearchEntry(models.Model):
    """What a search matches for one record: its names (`title`) and its other words (`body`), folded.

    The rows are kept by records.search_index in the transaction that writes the record. The
    database's full-text index over them is made in migration 0017: an FTS5 table kept by triggers
    on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
    """

    kind = models.CharField(max_length=16)
    # The record's access level; not indexed: a search filters the entries its words matched.
    access = models.CharField(max_length=16, default=PUBLIC)
    key = models.CharField(max_length=200, help_text="The record's id: a slug, a post's id, a state's code.")
    # Removing a dataset removes its entries (states, shared by all datasets, have none). Not indexed:
    # only a dataset's removal or re-indexing looks entries up by it, and one scan then costs less
    # than keeping an index through every import.
    dataset = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    names = models.JSONField(default=dict, help_text="The record's name by language, as results show it.")
    when = models.CharField(max_length=64, blank=True, help_text="EDTF: the day or span the record concerns.")
    day = models.DateField(null=True, blank=True, help_text="A day within `when`, for links that take a day.")
    title = models.TextField(help_text="The record's names and id, folded into words.")
    body = models.TextField(blank=True, help_text="Its other words (texts, places, agenda), folded.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="search_entry_kind_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
