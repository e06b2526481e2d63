"""Who may do what: the few functions every interface asks before a write."""

from __future__ import annotations

from csto_registry.records.errors import RegistryError
from csto_registry.records.models import Account


class Forbidden(RegistryError):
    """The account's role does not allow this."""


def access_run_workflow(account: Account | None) -> None:
    """Plan sessions, draft and adopt decisions, run cases: the Secretariat (and administrators)."""
    if account is None or account.role not in (Account.Role.SECRETARIAT, Account.Role.ADMIN):
        raise Forbidden("only the Secretariat may do this")


def access_speak_for(account: Account | None, state: str) -> None:
    """Record a state's position or figures: that state's delegate, or the Secretariat."""
    if account is None:
        raise Forbidden("sign in to do this")
    if account.role == Account.Role.DELEGATE and (account.state is None or account.state.code != state):
        mine = account.state.code if account.state else "none"
        raise Forbidden(f"a delegate of {mine} may not speak for {state}")
