"""The workflow over HTTP: tokens, roles, and who may write what."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from csto_registry.records.models import AuditEntry, Decision
from csto_registry.records.services.accounts import token_create, token_revoke, user_add

pytestmark = pytest.mark.django_db
DAY = "2022-03-01"


def token_for(name: str, role: str, state: str | None = None) -> str:
    user_add(username=name, role=role, state=state, actor="test")
    return token_create(username=name, name="test", actor="test")["token"]


@pytest.fixture
def tokens() -> dict[str, str]:
    return {
        "secretariat": token_for("sec", "secretariat"),
        "admin": token_for("root", "admin"),
        "delegate:ARM": token_for("arm", "delegate", "ARM"),
        "delegate:BLR": token_for("blr", "delegate", "BLR"),
    }


def post(client: Client, url: str, body: dict[str, Any], token: str | None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def draft(client: Client, tokens: dict[str, str]) -> str:
    response = post(client, "/api/v1/decisions", {"body": "csc", "title": "On exercises"}, tokens["secretariat"])
    assert response.status_code == 200
    return str(response.json()["id"])


WRITES = [
    ("/api/v1/sessions/plan", {"body": "csc", "year": 2027}, "workflow"),
    ("/api/v1/decisions", {"body": "csc", "title": "T"}, "workflow"),
    ("/api/v1/cases", {"victim": "KAZ", "date": DAY, "summary": "Appeal"}, "workflow"),
    (
        "/api/v1/operations/channel/figures",
        {"state": "ARM", "measure": "m", "unit": "t", "value": "1", "at": DAY},
        "ARM",
    ),
]
ROLES = [None, "delegate:ARM", "delegate:BLR", "secretariat", "admin"]


def allowed(role: str | None, who: str) -> bool:
    if role is None:
        return False
    if who == "workflow":
        return role in ("secretariat", "admin")
    return role in ("secretariat", "admin", f"delegate:{who}")


@pytest.mark.parametrize(("url", "body", "who"), WRITES)
@pytest.mark.parametrize("role", ROLES)
def test_exactly_the_allowed_roles_may_write(
    client: Client, tokens: dict[str, str], url: str, body: dict[str, Any], who: str, role: str | None
) -> None:
    before = AuditEntry.objects.count()
    response = post(client, url, body, tokens.get(role) if role else None)
    if allowed(role, who):
        assert response.status_code == 200, response.content
        assert AuditEntry.objects.count() == before + 1
    else:
        assert response.status_code == (401 if role is None else 403)
        assert response.json()["error"]["code"] == ("unauthenticated" if role is None else "forbidden")
        assert AuditEntry.objects.count() == before


def test_a_delegate_records_only_its_own_state_position(client: Client, tokens: dict[str, str], draft: str) -> None:
    url = f"/api/v1/decisions/{draft}/positions"
    ok = post(client, url, {"state": "ARM", "position": "agree", "at": DAY}, tokens["delegate:ARM"])
    assert ok.status_code == 200
    assert ok.json()["positions"] == {"ARM": "agree"}
    refused = post(client, url, {"state": "BLR", "position": "object", "at": DAY}, tokens["delegate:ARM"])
    assert refused.status_code == 403
    assert "a delegate of ARM may not speak for BLR" in refused.json()["error"]["message"]


def test_the_whole_session_runs_over_http(client: Client, tokens: dict[str, str], draft: str) -> None:
    for state in ("ARM", "BLR"):
        post(
            client,
            f"/api/v1/decisions/{draft}/positions",
            {"state": state, "position": "agree", "at": DAY},
            tokens[f"delegate:{state}"],
        )
    for state in ("KAZ", "KGZ", "RUS", "TJK"):
        post(
            client,
            f"/api/v1/decisions/{draft}/positions",
            {"state": state, "position": "agree", "at": DAY},
            tokens["secretariat"],
        )
    adopted = post(client, f"/api/v1/decisions/{draft}/adopt", {"at": DAY}, tokens["secretariat"])
    assert adopted.status_code == 200
    assert adopted.json()["status"] == "adopted"
    assert Decision.objects.get(slug=draft).number == "CSC-2022-01"


def test_a_stale_version_gets_409(client: Client, tokens: dict[str, str], draft: str) -> None:
    url = f"/api/v1/decisions/{draft}/positions"
    first = post(client, url, {"state": "ARM", "position": "agree", "at": DAY, "version": 1}, tokens["secretariat"])
    assert first.status_code == 200
    second = post(client, url, {"state": "BLR", "position": "agree", "at": DAY, "version": 1}, tokens["secretariat"])
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "conflict"


def test_adoption_without_consensus_gets_409(client: Client, tokens: dict[str, str], draft: str) -> None:
    response = post(client, f"/api/v1/decisions/{draft}/adopt", {"at": DAY}, tokens["secretariat"])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "refused"


def test_a_revoked_token_no_longer_works(client: Client) -> None:
    user_add(username="temp", role="secretariat", actor="test")
    created = token_create(username="temp", name="t", actor="test")
    token_revoke(token_id=created["id"], actor="test")
    response = post(client, "/api/v1/decisions", {"body": "csc", "title": "T"}, created["token"])
    assert response.status_code == 401


def test_tokens_are_stored_only_as_digests(tokens: dict[str, str]) -> None:
    from csto_registry.records.models import ApiToken

    stored = set(ApiToken.objects.values_list("digest", flat=True))
    assert not stored & set(tokens.values())
    assert {ApiToken.digest_of(t) for t in tokens.values()} <= stored


def test_bad_body_gets_422(client: Client, tokens: dict[str, str]) -> None:
    response = post(client, "/api/v1/sessions/plan", {"body": "csc", "year": "soon"}, tokens["secretariat"])
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "year"
