"""Accounts: a user's role (and a delegate's state), and API tokens for programs."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from csto_registry.records.models.states import State


class Account(models.Model):
    """What a user may do: a delegate of one member state, the Secretariat, or an administrator."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", "delegate of a member state"
        SECRETARIAT = "secretariat", "Secretariat"
        ADMIN = "admin", "administrator"

    # An account is part of its user.
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="account")
    role = models.CharField(max_length=16, choices=Role.choices)
    # A delegate's state; states are never removed while an account names one.
    state = models.ForeignKey(State, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="delegate") | models.Q(state__isnull=False), name="delegate_has_state"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}{' of ' + str(self.state_id) if self.state_id else ''})"


class ApiToken(models.Model):
    """A token a program sends as `Authorization: Bearer ...`; only its SHA-256 digest is stored."""

    # A token belongs to its user.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.user} / {self.name}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
