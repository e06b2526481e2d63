"""A state's status in an organization over time."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal


class StateMembership(Temporal):
    """A state's status (member, suspended, withdrawn, ...) in an organization over an interval."""

    class Status(models.TextChoices):
        SIGNATORY = "signatory", "signatory"
        MEMBER = "member", "member"
        SUSPENDED = "suspended", "suspended"
        WITHDRAWN = "withdrawn", "withdrawn"
        OBSERVER = "observer", "observer"
        PARTNER = "partner", "partner"
        # What a member state declared of its own participation; in law it remains a member.
        FROZEN = "frozen", "participation frozen"

    # States are shared by all datasets and are never removed while a membership names one.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="memberships")
    # A membership means nothing without its organization.
    # Indexed by membership_on_day, which begins with the organization.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships", db_index=False)
    status = models.CharField(max_length=16, choices=Status.choices)
    note = models.TextField(blank=True, max_length=2000, help_text="What the sources say, where they disagree.")
    # Removing a dataset removes its memberships.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["organization", "start_min", "end_max"], name="membership_on_day")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.status} of {self.organization_id}"
