"""Posts, the people who hold them, and their tenures."""

from __future__ import annotations

from django.db import models

from csto_registry.records.models.organizations import Organization
from csto_registry.records.models.sources import Source
from csto_registry.records.models.states import State
from csto_registry.records.models.temporal import Temporal


class Post(models.Model):
    """A position in a body: a state's seat on a council, or a single office."""

    slug = models.CharField(max_length=120, unique=True, help_text="BODY:STATE for a seat, a slug for an office.")
    # A post exists only within its body.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="posts")
    # States are shared by all datasets and are never removed while a post names one.
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    title = models.JSONField(help_text="Title by language.")
    single = models.BooleanField(default=False, help_text="At most one holder at a time.")
    # Removing a dataset removes its posts.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.slug


class Person(models.Model):
    """A person who held a post."""

    slug = models.SlugField(max_length=120, unique=True)
    name = models.JSONField(help_text="Display name by language.")
    full_name = models.JSONField(default=dict, blank=True, help_text="The name as the source writes it.")
    other_names = models.JSONField(default=list, blank=True)
    # States are never removed while a person names one.
    nationality = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ranks = models.JSONField(default=list, blank=True, help_text="Ranks and titles with their attested days.")
    # Removing a dataset removes its people.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.slug


class Tenure(Temporal):
    """A person holding a post over an interval."""

    # A tenure means nothing without its person or its post.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    # Indexed by tenure_post_on_day, which begins with the post; a second index would only slow writes.
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures", db_index=False)
    role = models.JSONField(default=dict, blank=True, help_text="The office by which the person holds the post.")
    term_until = models.CharField(
        max_length=64,
        blank=True,
        help_text="EDTF: the last day of the term the appointment states (no evidence that the person still holds it).",
    )
    note = models.TextField(blank=True, max_length=2000, help_text="Where sources disagree: what each says.")
    # Removing a dataset removes its tenures. Indexed by tenure_dataset_on_day, which begins with it.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+", db_index=False)
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["post", "start_min", "end_max"], name="tenure_post_on_day"),
            # A dataset's snapshot on a day is one range scan of this index.
            models.Index(fields=["dataset", "start_min", "end_max"], name="tenure_dataset_on_day"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.post_id}"


class Vacancy(Temporal):
    """A stretch in which a source says a post of one holder at a time had no holder.

    A vacancy is an answer, not a gap: "who held it on day D" is "nobody", with
    its source. It follows the seat's holders in their succession like a holder.
    """

    # A vacancy means nothing without its post. Indexed by vacancy_post_on_day, which begins with it.
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="vacancies", db_index=False)
    note = models.TextField(blank=True, max_length=2000, help_text="What the sources say of the vacancy.")
    # Removing a dataset removes its vacancies.
    dataset = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    sources = models.ManyToManyField(Source, related_name="+", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["post", "start_min", "end_max"], name="vacancy_post_on_day")]

    def __str__(self) -> str:
        return f"vacant@{self.post_id}"
