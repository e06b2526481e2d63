"""Organizations: the organization itself and its bodies, as a tree."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.sources import Source
from csto_registry.records.models.temporal import Temporal


class OrganizationKind(models.TextChoices):
    ORGANIZATION = "organization", "organization"
    STATUTORY_BODY = "statutory-body", "statutory body"
    PERMANENT_WORKING_BODY = "permanent-working-body", "permanent working body"
    SUBSIDIARY_BODY = "subsidiary-body", "subsidiary body"
    COORDINATION_COUNCIL = "coordination-council", "coordination council"
    WORKING_GROUP = "working-group", "working group"
    PARLIAMENTARY_BODY = "parliamentary-body", "parliamentary body"
    CENTRE = "centre", "centre"
    COMMISSION = "commission", "commission"
    ADVISORY_BODY = "advisory-body", "advisory body"
    ASSOCIATION = "association", "association"
    PARTNER = "partner", "partner organization"


class Organization(Temporal):
    """An organization (the root of a dataset) or one of its bodies."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.JSONField(help_text="Name by language: {en, ru}.")
    abbr = models.JSONField(default=dict, blank=True, help_text="Abbreviation by language.")
    other_names = models.JSONField(default=list, blank=True, help_text="Other words sources use for it.")
    kind = models.CharField(max_length=32, choices=OrganizationKind.choices)
    # A body belongs to its parent: removing the parent removes its sub-bodies.
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    # The dataset (root organization) a body came from: re-importing the dataset replaces it.
    dataset = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    seat = models.JSONField(default=dict, blank=True, help_text="Seat city by language.")
    founded_by = models.JSONField(
        default=dict, blank=True, help_text="The instrument that created the body, by language."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order within the dataset.")
    statutes = models.JSONField(
        default=dict, blank=True, help_text="A root organization's statute parameters, with their sources."
    )
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["start_min", "end_max"], name="organization_on_day")]

    def __str__(self) -> str:
        return self.slug
