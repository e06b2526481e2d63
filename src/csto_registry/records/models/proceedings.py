"""Proceedings: sessions of a body, and the chairmanship of a body by a state."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.restricted import Restricted
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal


class Chairmanship(Temporal):
    """A state chairing a body (the Collective Security Council) over an interval."""

    # A chairmanship means nothing without its body.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="chairmanships")
    # States are never removed while a chairmanship names one.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    # Removing a dataset removes its chairmanships.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["start_min", "id"]

    def __str__(self) -> str:
        return f"{self.state_id} chairs {self.organization_id}"


class Session(Temporal, Restricted):
    """A meeting of a body: when and where, the host and the chairing state."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "regular"
        EXTRAORDINARY = "extraordinary", "extraordinary"
        JUBILEE = "jubilee", "jubilee"
        INFORMAL = "informal", "informal"

    class Status(models.TextChoices):
        PLANNED = "planned", "planned"
        HELD = "held", "held"

    slug = models.SlugField(max_length=120, unique=True)
    # A session belongs to its body.
    body = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.HELD)
    place = models.JSONField(default=dict, blank=True, help_text="City by language.")
    videoconference = models.BooleanField(default=False, help_text="Held by videoconference.")
    # States are never removed while a session names one.
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    chair = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    participants = models.JSONField(default=list, blank=True, help_text="Codes of the states that took part.")
    agenda = models.JSONField(default=list, blank=True, help_text="Agenda items, each a name map.")
    documents = models.JSONField(
        default=list, blank=True, help_text="The documents it adopted, as the sources name them: name maps."
    )
    # Removing a dataset removes its sessions.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["start_min", "slug"]
        indexes = [models.Index(fields=["body", "start_min"], name="session_body_start")]

    def __str__(self) -> str:
        return self.slug
