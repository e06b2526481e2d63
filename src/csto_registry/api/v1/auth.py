"""Who is asking: `Authorization: Bearer <token>` (see `csto user token`), or the website's signed-in session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from csto_registry.records.access import Levels, Unauthenticated, access_levels, account_of
from csto_registry.records.models import Account


def bearer_token(header: str) -> str:
    """The token of an `Authorization: Bearer <token>` header, read one way for reads and writes alike.

    The scheme is case-insensitive and any run of spaces may follow it; anything else is refused.
    """
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("Authorization: expected 'Bearer <token>'")
    return token


class TokenAuth(HttpBearer):
    """Accepts a live API token; the request then carries the account as request.auth."""

    def __call__(self, request: HttpRequest) -> Account | None:
        header = request.headers.get("Authorization", "")
        if not header:
            return None
        try:
            return self.authenticate(request, bearer_token(header))
        except Unauthenticated:
            return None

    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        from csto_registry.records.services.accounts import token_user

        return token_user(token)


def reader_of(request: HttpRequest) -> Account | None:
    """The account a read is made for: a bearer token's, the signed-in user's, or none (the public).

    A token that names no live account is refused rather than read as the public,
    so a program with a revoked token learns it at once.
    """
    header = request.headers.get("Authorization", "")
    if header:
        from csto_registry.records.services.accounts import token_user

        account = token_user(bearer_token(header))
        if account is None:
            raise Unauthenticated("the token is not valid (revoked, or never issued)")
        return account
    return account_of(getattr(request, "user", None))


def reader_levels(request: HttpRequest) -> Levels:
    """The access levels the reader of `request` may read (kept on the request once found)."""
    if not hasattr(request, "reader_levels"):
        request.reader_levels = access_levels(reader_of(request))
    return request.reader_levels


def actor_of(request: HttpRequest) -> str:
    account: Any = request.auth  # set by TokenAuth
    return f"user:{account.user.get_username()}"
