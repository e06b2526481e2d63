"""Writes of accounts: users with a role, and their API tokens."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib.auth import get_user_model

from csto_registry.records.access import state_is_member_on
from csto_registry.records.errors import InvalidInput, NotFound, Refused
from csto_registry.records.models import Account, ApiToken, State
from csto_registry.records.revision import write_transaction
from csto_registry.records.services.audit import audit_append


def _account_json(account: Account) -> dict[str, Any]:
    return {
        "user": account.user.get_username(),
        "role": account.role,
        "state": account.state.code if account.state else None,
    }


def _role_state(role: str, state: str | None) -> State | None:
    if role not in Account.Role.values:
        raise InvalidInput(f"--role {role!r}: expected one of delegate, secretariat, admin")
    if role == Account.Role.DELEGATE:
        if not state:
            raise InvalidInput("a delegate needs --state, the member state they represent")
        found = State.objects.filter(code=state).first()
        if found is None:
            raise NotFound(f"no state {state!r} (an ISO 3166-1 alpha-3 code, such as KAZ)")
        if not state_is_member_on(state, dt.datetime.now(dt.UTC).date()):
            raise Refused(f"--state {state!r}: not a member state today; a delegate represents a member")
        return found
    if state:
        raise InvalidInput(f"--state is for delegates; a {role} account has none")
    return None


def sync_staff(user: Any, role: str) -> None:
    """The Secretariat keeps records in the admin site; administrators also manage accounts there."""
    user.is_staff = role in (Account.Role.SECRETARIAT, Account.Role.ADMIN)
    user.is_superuser = role == Account.Role.ADMIN
    user.save(update_fields=["is_staff", "is_superuser"])


@write_transaction
def user_add(
    *, username: str, role: str, actor: str, state: str | None = None, password: str | None = None
) -> dict[str, Any]:
    """Create a user with a role; without a password the user signs in with API tokens only."""
    user_model = get_user_model()
    if not username.strip():
        raise InvalidInput("a user needs a name")
    if user_model.objects.filter(username=username).exists():
        raise Refused(f"a user {username!r} already exists")
    state_obj = _role_state(role, state)
    user = user_model.objects.create_user(username=username, password=password)
    sync_staff(user, role)
    account = Account.objects.create(user=user, role=role, state=state_obj)
    after = _account_json(account)
    audit_append(actor=actor, action="user.add", record=f"user:{username}", after=after)
    return after


def account_get(username: str) -> Account:
    account = Account.objects.filter(user__username=username).select_related("user", "state").first()
    if account is None:
        raise NotFound(f"no user {username!r} (csto user add creates one)")
    return account


@write_transaction
def user_role(*, username: str, role: str, actor: str, state: str | None = None) -> dict[str, Any]:
    """Change a user's role (and a delegate's state)."""
    account = account_get(username)
    before = _account_json(account)
    account.role, account.state = role, _role_state(role, state)
    account.save(update_fields=["role", "state"])
    sync_staff(account.user, role)
    after = _account_json(account)
    audit_append(actor=actor, action="user.role", record=f"user:{username}", before=before, after=after)
    return after


@write_transaction
def token_create(*, username: str, name: str, actor: str) -> dict[str, Any]:
    """Create an API token for a user; the token itself is returned once and never stored."""
    account = account_get(username)
    token = "csto_" + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=account.user, name=name, digest=ApiToken.digest_of(token), created=dt.datetime.now(dt.UTC)
    )
    audit_append(
        actor=actor, action="token.create", record=f"token:{record.pk}", after={"user": username, "name": name}
    )
    return {"id": record.pk, "user": username, "name": name, "token": token}


@write_transaction
def token_revoke(*, token_id: int, actor: str) -> dict[str, Any]:
    """Revoke a token: it no longer authenticates."""
    record = ApiToken.objects.filter(pk=token_id).select_related("user").first()
    if record is None:
        raise NotFound(f"no token {token_id}")
    if record.revoked is None:
        record.revoked = dt.datetime.now(dt.UTC)
        record.save(update_fields=["revoked"])
        audit_append(
            actor=actor, action="token.revoke", record=f"token:{record.pk}", after={"user": record.user.get_username()}
        )
    return {
        "id": record.pk,
        "user": record.user.get_username(),
        "name": record.name,
        "revoked": record.revoked.isoformat(),
    }


def token_user(token: str) -> Account | None:
    """Return the account a live token belongs to (and note its use), or None."""
    record = (
        ApiToken.objects.filter(digest=ApiToken.digest_of(token), revoked__isnull=True).select_related("user").first()
    )
    if record is None or not record.user.is_active:
        return None
    ApiToken.objects.filter(pk=record.pk).update(last_used=dt.datetime.now(dt.UTC))
    return Account.objects.filter(user=record.user).select_related("user", "state").first()
