"""Administrators' account commands."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.records.models import Account, ApiToken

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_first_administrator_with_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADMIN_PASSWORD", "a long passphrase")
    result = runner.invoke(app, ["user", "add", "alice", "--role", "admin", "--password-env", "ADMIN_PASSWORD"])
    assert result.exit_code == 0, result.output
    alice = get_user_model().objects.get(username="alice")
    assert alice.is_superuser
    assert alice.check_password("a long passphrase")
    assert alice.password.startswith("argon2")


def test_delegate_needs_a_state() -> None:
    result = runner.invoke(app, ["user", "add", "bob", "--role", "delegate"])
    assert result.exit_code == 2
    assert result.stderr == "csto: a delegate needs --state, the member state they represent\n"


def test_token_is_shown_once_and_role_can_change() -> None:
    runner.invoke(app, ["user", "add", "carol", "--role", "delegate", "--state", "KAZ"])
    shown = json.loads(runner.invoke(app, ["user", "token", "carol", "--json"]).stdout)
    assert shown["token"].startswith("csto_")
    assert ApiToken.objects.get(pk=shown["id"]).digest == ApiToken.digest_of(shown["token"])
    assert runner.invoke(app, ["user", "role", "carol", "--role", "secretariat"]).exit_code == 0
    assert Account.objects.get(user__username="carol").role == "secretariat"
    assert runner.invoke(app, ["user", "revoke", str(shown["id"])]).exit_code == 0
    assert ApiToken.objects.get(pk=shown["id"]).revoked is not None
