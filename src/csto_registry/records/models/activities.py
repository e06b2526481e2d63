"""Forces, exercises, operations and programmes, with their reported figures."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.instruments import Instrument
from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.restricted import Restricted
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal


class Force(Temporal, Restricted):
    """A formation of the Troops (Collective Forces); its bounds say when it existed."""

    class Kind(models.TextChoices):
        RAPID_DEPLOYMENT = "rapid-deployment", "rapid deployment forces"
        RAPID_REACTION = "rapid-reaction", "rapid reaction forces"
        PEACEKEEPING = "peacekeeping", "peacekeeping forces"
        AVIATION = "aviation", "aviation forces"
        REGIONAL_GROUPING = "regional-grouping", "regional grouping"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.JSONField()
    abbr = models.JSONField(default=dict, blank=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    region = models.JSONField(default=dict, blank=True)
    states = models.ManyToManyField(State, related_name="+", blank=True)
    # Removing a dataset removes its forces.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Exercise(Restricted):
    """A joint exercise: its series name, when, where and who took part."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.JSONField()
    date = models.CharField(max_length=64, blank=True, help_text="EDTF.")
    day_min = models.DateField()
    day_max = models.DateField()
    # States are never removed while an exercise names one.
    host = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    states = models.ManyToManyField(State, related_name="+", blank=True)
    # The force it exercised; removing the force (only with its dataset) keeps the exercise.
    force = models.ForeignKey(Force, null=True, blank=True, on_delete=models.SET_NULL, related_name="exercises")
    # Removing a dataset removes its exercises.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["day_min", "position"]

    def __str__(self) -> str:
        return self.slug


class Operation(Temporal, Restricted):
    """A regular operation (Channel, Illegal, ...) or a mission; its bounds say when it ran."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "regular operation"
        MISSION = "mission", "mission"

    slug = models.SlugField(max_length=120, unique=True)
    name = models.JSONField()
    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The body under whose auspices it runs; removing the body keeps the operation.
    coordinator = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="operations"
    )
    basis = models.ManyToManyField(Instrument, related_name="operations", blank=True)
    times = models.PositiveIntegerField(null=True, blank=True, help_text="How many times it was carried out.")
    # Removing a dataset removes its operations.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Programme(Restricted):
    """Other reported activity: training, joint statements, documentaries, academic bodies, sports."""

    class Kind(models.TextChoices):
        TRAINING = "training", "training"
        JOINT_STATEMENTS = "joint-statements", "joint statements"
        DOCUMENTARY = "documentary", "documentary"
        ACADEMIC = "academic", "academic and expert work"
        SPORTS = "sports", "sports"
        OTHER = "other", "other"

    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=24, choices=Kind.choices)
    name = models.JSONField()
    date = models.CharField(max_length=64, blank=True, help_text="EDTF.")
    # The partner or body that produced it; removing it keeps the programme.
    producer = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Removing a dataset removes its programmes.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Figure(Restricted):
    """A reported figure with its unit, qualifier and period, of an operation, force or programme.

    A figure submitted by a member state's delegation names the state.
    """

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        AT_LEAST = "at-least", "at least"
        MORE_THAN = "more-than", "more than"
        ABOUT = "about", "about"

    # A figure belongs to exactly one of these; removing its owner removes it.
    operation = models.ForeignKey(Operation, null=True, blank=True, on_delete=models.CASCADE, related_name="figures")
    force = models.ForeignKey(Force, null=True, blank=True, on_delete=models.CASCADE, related_name="figures")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="figures")
    measure = models.SlugField(max_length=80)
    unit = models.CharField(max_length=32)
    value = models.DecimalField(max_digits=20, decimal_places=4)
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices)
    period = models.CharField(max_length=64, blank=True, help_text="EDTF date or interval it covers.")
    # States are never removed while a figure names one.
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    contingent = models.BooleanField(default=False, help_text="A state's contingent in a mission.")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(operation__isnull=False, force__isnull=True, programme__isnull=True)
                    | models.Q(operation__isnull=True, force__isnull=False, programme__isnull=True)
                    | models.Q(operation__isnull=True, force__isnull=True, programme__isnull=False)
                ),
                name="figure_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.qualifier} {self.value} {self.unit}"
