"""Authentication for writes: `Authorization: Bearer <token>` (see `csto user token`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from csto_registry.records.models import Account


class TokenAuth(HttpBearer):
    """Accepts a live API token; the request then carries the account as request.auth."""

    def authenticate(self, request: HttpRequest, token: str) -> Account | None:
        from csto_registry.records.services.accounts import token_user

        return token_user(token)


def actor_of(request: HttpRequest) -> str:
    account: Any = request.auth  # type: ignore[attr-defined]  # set by TokenAuth
    return f"user:{account.user.get_username()}"
