"""One table for every interface: the HTTP status and stable code of each refusal the registry makes."""

from __future__ import annotations

from csto_registry.records.access import Forbidden, Unauthenticated
from csto_registry.records.errors import Ambiguous, Conflict, InvalidInput, NotFound, Refused

# Refusal -> (HTTP status, stable error code); the first kind that matches wins.
REFUSALS: dict[type[Exception], tuple[int, str]] = {
    Unauthenticated: (401, "unauthenticated"),
    Forbidden: (403, "forbidden"),
    NotFound: (404, "not_found"),
    Ambiguous: (409, "ambiguous"),
    Conflict: (409, "conflict"),
    Refused: (409, "refused"),
    InvalidInput: (422, "invalid"),
}


def refusal_of(error: Exception, extra: dict[type[Exception], tuple[int, str]] | None = None) -> tuple[int, str]:
    """Return the (HTTP status, code) of a refusal; `extra` kinds (an interface's own) are tried first."""
    for kind, found in [*(extra or {}).items(), *REFUSALS.items()]:
        if isinstance(error, kind):
            return found
    return 400, "refused"
