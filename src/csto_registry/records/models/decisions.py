"""Draft decisions of a body and the member states' positions on them."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.instruments import Instrument
from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.proceedings import Session
from csto_registry.records.models.restricted import Restricted
from csto_registry.records.models.states import State


class Decision(Restricted):
    """A decision of a body: drafted by the Secretariat, adopted by consensus or not."""

    class Status(models.TextChoices):
        DRAFT = "draft", "draft"
        ADOPTED = "adopted", "adopted"
        REJECTED = "rejected", "rejected"

    slug = models.SlugField(max_length=120, unique=True)
    # A decision belongs to its body.
    body = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="decisions")
    # The session that considers it; removing the session keeps the decision.
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    title = models.JSONField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    number = models.CharField(max_length=32, blank=True, help_text="Given on adoption.")
    adopted_on = models.DateField(null=True, blank=True)
    # The instrument an adopted decision became; removing the instrument keeps the decision.
    instrument = models.OneToOneField(
        Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="decision"
    )
    # Removing a dataset removes its decisions.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every change (optimistic locking).")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.slug


class Position(models.Model):
    """A member state's position on a draft decision."""

    class Value(models.TextChoices):
        AGREE = "agree", "agree"
        OBJECT = "object", "object"
        ABSTAIN = "abstain", "abstain"

    # A position is part of its decision.
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="positions")
    # States are never removed while a position names one.
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(max_length=16, choices=Value.choices)
    recorded_by = models.CharField(max_length=150, help_text="The account or program that recorded it.")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "state"], name="one_position_per_state")]

    def __str__(self) -> str:
        return f"{self.state_id} {self.value} on {self.decision_id}"
