"""One table maps each refusal to its HTTP status, for the API and the website alike."""

from __future__ import annotations

import pytest

from csto_registry.records.access import Forbidden, Unauthenticated
from csto_registry.records.errors import Ambiguous, Conflict, InvalidInput, NotFound, Refused, RegistryError
from csto_registry.records.refusals import refusal_of


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (Unauthenticated("sign in"), (401, "unauthenticated")),
        (Forbidden("not yours"), (403, "forbidden")),
        (NotFound("no such record"), (404, "not_found")),
        (Ambiguous("two people"), (409, "ambiguous")),
        (Conflict("stale version"), (409, "conflict")),
        (Refused("not now"), (409, "refused")),
        (InvalidInput("bad date"), (422, "invalid")),
        (RegistryError("anything else"), (400, "refused")),
    ],
)
def test_each_refusal_has_one_status(error: Exception, expected: tuple[int, str]) -> None:
    assert refusal_of(error) == expected


def test_an_interfaces_own_kinds_come_first() -> None:
    class Special(InvalidInput):
        pass

    assert refusal_of(Special("x"), {Special: (418, "special")}) == (418, "special")
    assert refusal_of(InvalidInput("x"), {Special: (418, "special")}) == (422, "invalid")
