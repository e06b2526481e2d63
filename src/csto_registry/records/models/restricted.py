"""Access levels: who may read a record."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.validators import RegexValidator
from django.db import models

PUBLIC = "public"
MEMBER_STATES = "member-states"
STATE_PREFIX = "state:"
ACCESS_PATTERN = r"^(public|member-states|state:[A-Z]{3})$"


def access_problem(value: object, known_state: Callable[[str], bool]) -> str | None:
    """Why `value` is not an access level (None: it is one): public, member-states, or state:XXX of a known state."""
    if not isinstance(value, str) or not re.fullmatch(ACCESS_PATTERN, value):
        return "must be public, member-states or state:XXX (a state's code)"
    if value.startswith(STATE_PREFIX) and not known_state(value[len(STATE_PREFIX) :]):
        return "names no known state"
    return None


def _breadth(level: str) -> int:
    return 0 if level == PUBLIC else 1 if level == MEMBER_STATES else 2


def narrowest(level: str, *within: str) -> str | None:
    """The level of a record made from others: the narrowest of its own and theirs (None: two different states).

    A mission made from a case restricted to one state is restricted to it; a figure asked to be
    public on an operation shared with the member states is shared with them only.
    """
    chosen = level
    for other in within:
        if _breadth(other) > _breadth(chosen):
            chosen = other
        elif _breadth(other) == _breadth(chosen) == 2 and other != chosen:
            return None
    return chosen


class Restricted(models.Model):
    """A record that may be shared with the member states only, or with one state, instead of the public."""

    access = models.CharField(
        max_length=16,
        default=PUBLIC,
        db_index=True,
        validators=[RegexValidator(ACCESS_PATTERN, "public, member-states or state:XXX (a state's code)")],
        help_text="Who may read it: public, member-states (delegates and the Secretariat) or state:XXX.",
    )

    class Meta:
        abstract = True
