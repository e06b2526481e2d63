"""Who may do what: the few functions every interface asks before a write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csto_registry.records.errors import InvalidInput, RegistryError
from csto_registry.records.models import Account, State, StateMembership
from csto_registry.records.models.restricted import MEMBER_STATES, PUBLIC, STATE_PREFIX, access_problem, narrowest


class Forbidden(RegistryError):
    """The account's role does not allow this."""


class Unauthenticated(RegistryError):
    """Credentials that name no live account (a revoked or unknown token)."""


def access_run_workflow(account: Account | None) -> None:
    """Plan sessions, draft and adopt decisions, run cases: the Secretariat (and administrators)."""
    if account is None or account.role not in (Account.Role.SECRETARIAT, Account.Role.ADMIN):
        raise Forbidden("only the Secretariat may do this")


def access_administer(account: Account | None) -> None:
    """Accounts, roles, tokens and whole-dataset imports: administrators."""
    if account is None or account.role != Account.Role.ADMIN:
        raise Forbidden("only an administrator may do this")


def access_speak_for(account: Account | None, state: str) -> None:
    """Record a state's position or figures: that state's delegate, or the Secretariat."""
    if account is None:
        raise Forbidden("sign in to do this")
    if account.role == Account.Role.DELEGATE and (account.state is None or account.state.code != state):
        mine = account.state.code if account.state else "none"
        raise Forbidden(f"a delegate of {mine} may not speak for {state}")


# The access levels an account may read; None stands for every level (the Secretariat, administrators and
# the CLI, which a person with the database in hand runs).
Levels = tuple[str, ...] | None


def account_of(user: Any) -> Account | None:
    """The account of a signed-in Django user (None for an anonymous visitor or a user without one)."""
    if user is None or not user.is_authenticated:
        return None
    return Account.objects.filter(user_id=user.pk).select_related("user", "state").first()


def state_is_member_on(code: str, day: dt.date) -> bool:
    """Whether the record holds the state a member (certainly or possibly) of some organization on `day`."""
    return StateMembership.objects.filter(
        state__code=code, status="member", start_min__lte=day, end_max__gt=day
    ).exists()


def access_levels(account: Account | None) -> Levels:
    """What an account may read: the public records; a delegate also the member states' and its own state's.

    A delegate speaks for a member state: when its state is not a member today, the account is
    refused rather than read as a member's.
    """
    if account is None:
        return (PUBLIC,)
    if account.role in (Account.Role.SECRETARIAT, Account.Role.ADMIN):
        return None
    if account.state is None:
        return (PUBLIC,)
    if not state_is_member_on(account.state.code, dt.datetime.now(dt.UTC).date()):
        raise Forbidden(
            f"delegate {account.user.get_username()}: {account.state.code} is not a member state today: "
            "the account is refused"
        )
    return (PUBLIC, MEMBER_STATES, f"{STATE_PREFIX}{account.state.code}")


def access_can_read(levels: Levels, access: str) -> bool:
    """Whether a reader with `levels` may read a record of level `access`."""
    return levels is None or access in levels


def access_may_share(account: Account | None, level: str) -> None:
    """A writer may give a record only a level it may read itself (a delegate cannot write for another state)."""
    if not access_can_read(access_levels(account), level):
        raise Forbidden(f"this account may not write a record readable by {level} only")


def access_level_check(value: str, *, record: str, within: tuple[str, ...] = ()) -> str:
    """Return a valid access level, or refuse it naming the record, the field and the value.

    `within`: the levels of the records this one is made from; the level returned is never wider
    than theirs (a public figure asked on an operation of the member states is theirs only).
    """
    problem = access_problem(value, lambda code: State.objects.filter(code=code).exists())
    if problem is not None:
        raise InvalidInput(f"{record}: access={value!r}: {problem}", field="access")
    chosen = narrowest(value, *within)
    if chosen is None:
        raise InvalidInput(
            f"{record}: access={value!r}: it is made from a record restricted to {', '.join(within)}; "
            "it cannot be restricted to another state",
            field="access",
        )
    return chosen
