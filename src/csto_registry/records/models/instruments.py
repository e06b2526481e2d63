"""Legal instruments (the work) and their dated lifecycle events."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.restricted import Restricted
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal


class InstrumentKind(models.TextChoices):
    TREATY = "treaty", "treaty"
    CHARTER = "charter", "charter"
    PROTOCOL = "protocol", "protocol"
    AGREEMENT = "agreement", "agreement"
    DECISION = "decision", "decision"
    PROVISION = "provision", "provision"
    STRATEGY = "strategy", "strategy"
    PLAN = "plan", "plan"
    MEMORANDUM = "memorandum", "memorandum"
    STATEMENT = "statement", "statement"
    POSITION = "position", "joint position"
    RESOLUTION = "resolution", "resolution"
    LIST = "list", "list"


class Instrument(Temporal, Restricted):
    """A treaty, charter, decision or other instrument; its bounds say when it is in force."""

    class Relation(models.TextChoices):
        EXTENDS = "extends", "extends"
        AMENDS = "amends", "amends"
        IMPLEMENTS = "implements", "implements"
        REPLACES = "replaces", "replaces"

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=16, choices=InstrumentKind.choices)
    title = models.JSONField(help_text="Title by language.")
    # The body that adopted it; removing the body (only with its dataset) removes this link, not the instrument.
    adopted_by = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="adopted_instruments"
    )
    # The instrument it extends or amends; removing that one keeps this one.
    relates_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    relation = models.CharField(max_length=16, choices=Relation.choices, blank=True)
    state_parties = models.ManyToManyField(State, related_name="instruments", blank=True)
    organization_parties = models.ManyToManyField(Organization, related_name="instruments", blank=True)
    articles = models.JSONField(default=list, blank=True, help_text="Key articles: number, text, sources.")
    known_in_force = models.BooleanField(default=False, help_text="Whether the dataset states when it is in force.")
    # Removing a dataset removes its instruments.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["start_min", "end_max"], name="instrument_on_day")]

    def __str__(self) -> str:
        return self.slug


class InstrumentEvent(models.Model):
    """A dated step in an instrument's life: signed, ratified by a state, in force, registered, expired."""

    class Kind(models.TextChoices):
        SIGNED = "signed", "signed"
        ADOPTED = "adopted", "adopted"
        APPROVED = "approved", "approved"
        RATIFIED = "ratified", "ratified"
        ACCEDED = "acceded", "acceded"
        ENTERED_INTO_FORCE = "entered-into-force", "entered into force"
        REGISTERED_UN = "registered-un", "registered with the UN"
        EXTENDED = "extended", "extended"
        AMENDED = "amended", "amended"
        EXPIRED = "expired", "expired"
        SUSPENDED = "suspended", "suspended"
        WITHDRAWN = "withdrawn", "withdrawn"
        IMPLEMENTED = "implemented", "implemented"

    # An event is part of its instrument.
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    date = models.CharField(max_length=64, blank=True, help_text="EDTF, at the precision of the source.")
    day_min = models.DateField(help_text="The first day the date may name.")
    day_max = models.DateField(help_text="The last day the date may name.")
    # States are never removed while an event names one.
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    place = models.JSONField(default=dict, blank=True)
    by = models.JSONField(default=dict, blank=True, help_text="Who signed or adopted it, by language.")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.instrument_id} {self.kind} {self.date}"
