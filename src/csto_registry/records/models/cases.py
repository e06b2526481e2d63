"""Crisis-response cases: appeal, Article 4 assessment, decision, mission, closure."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.activities import Operation
from csto_registry.records.models.instruments import Instrument
from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.people import Person
from csto_registry.records.models.proceedings import Session
from csto_registry.records.models.restricted import Restricted
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State


class Case(Restricted):
    """A crisis-response file opened on a member state's appeal."""

    class Status(models.TextChoices):
        OPEN = "open", "open"
        ASSESSED = "assessed", "assessed"
        DECIDED = "decided", "decided"
        MISSION = "mission", "mission under way"
        CLOSED = "closed", "closed"

    slug = models.SlugField(max_length=120, unique=True)
    # States are never removed while a case names one.
    victim = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    opened = models.CharField(max_length=64, help_text="EDTF: the day of the appeal.")
    summary = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    # Who appealed; removing the person keeps the case.
    appeal_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assessment = models.JSONField(default=dict, blank=True, help_text="The Article 4 assessment as computed.")
    decision_date = models.CharField(max_length=64, blank=True)
    # The Council's decision and the session that took it; removing them keeps the case.
    decision = models.ForeignKey(Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    mission = models.ForeignKey(Operation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed = models.CharField(max_length=64, blank=True)
    step_sources = models.JSONField(default=dict, blank=True, help_text="Citations of the appeal and the decision.")
    # Removing a dataset removes its cases.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["opened", "slug"]

    def __str__(self) -> str:
        return self.slug
