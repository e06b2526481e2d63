"""The operator's work over HTTP: export, dataset check and import, the audit trail, users and tokens,
the peacekeeping statute and the sessions' calendar; each allowed to exactly its roles."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from django.test import Client
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.records.models import Account, ApiToken, AuditEntry, Organization
from csto_registry.records.services.accounts import token_create, user_add
from tests.datasets.test_importer import small_dataset

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "delegate:ARM", "secretariat", "admin"]


@pytest.fixture
def tokens() -> dict[str, str | None]:
    made: dict[str, str | None] = {"anonymous": None}
    for role in ROLES[1:]:
        name, _, state = role.partition(":")
        user_add(username=f"op-{name}", role=name, state=state or None, actor="test")
        made[role] = token_create(username=f"op-{name}", name="t", actor="test")["token"]
    return made


def call(client: Client, method: str, url: str, token: str | None, body: Any = None, yaml_body: bytes | None = None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    if method == "GET":
        return client.get(url, **headers)
    if yaml_body is not None:
        return client.post(url, yaml_body, content_type="application/yaml", **headers)
    return client.post(url, json.dumps(body or {}), content_type="application/json", **headers)


def refused(response: Any, role: str) -> bool:
    return response.status_code == (401 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_export_is_for_the_secretariat_and_imports_back(
    client: Client, tokens: dict[str, str | None], role: str
) -> None:
    response = call(client, "GET", "/api/v1/export", tokens[role])
    if role not in ("secretariat", "admin"):
        assert refused(response, role)
        return
    assert response["Content-Type"].startswith("application/yaml")
    document = yaml.safe_load(response.content)
    assert document["organization"]["id"] == "csto"
    checked = call(client, "POST", "/api/v1/datasets/check", tokens[role], yaml_body=response.content)
    assert checked.status_code == 200, checked.content
    assert checked.json()["organization"] == "csto"


@pytest.mark.parametrize("role", ROLES)
def test_a_dataset_is_checked_by_the_secretariat_and_imported_by_an_administrator(
    client: Client, tokens: dict[str, str | None], role: str
) -> None:
    body = yaml.safe_dump(small_dataset()).encode()
    checked = call(client, "POST", "/api/v1/datasets/check", tokens[role], yaml_body=body)
    imported = call(client, "POST", "/api/v1/datasets/import", tokens[role], yaml_body=body)
    if role in ("secretariat", "admin"):
        assert checked.json() == {"organization": "ato", "counts": checked.json()["counts"], "written": False}
    else:
        assert refused(checked, role)
    if role == "admin":
        assert imported.status_code == 200
        assert Organization.objects.filter(slug="ato", dataset__isnull=True).exists()
        assert AuditEntry.objects.filter(action="dataset.import", actor="user:op-admin").exists()
    else:
        assert refused(imported, role)
        assert not Organization.objects.filter(slug="ato").exists()


def test_a_bad_dataset_gets_one_line_naming_the_fault_and_nothing_is_written(
    client: Client, tokens: dict[str, str | None]
) -> None:
    data = small_dataset()
    data["tenures"][0]["from"] = "the nineties"
    before = AuditEntry.objects.count()
    response = call(client, "POST", "/api/v1/datasets/import", tokens["admin"], yaml_body=yaml.safe_dump(data).encode())
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "from='the nineties'" in message
    assert "\n" not in message
    assert not Organization.objects.filter(slug="ato").exists()
    assert AuditEntry.objects.count() == before
    garbage = call(client, "POST", "/api/v1/datasets/check", tokens["admin"], yaml_body=b"organization: {id: [")
    assert garbage.status_code == 422


@pytest.mark.parametrize("role", ROLES)
def test_the_audit_trail_is_read_by_the_secretariat(client: Client, tokens: dict[str, str | None], role: str) -> None:
    entries = call(client, "GET", "/api/v1/audit?limit=3", tokens[role])
    verified = call(client, "GET", "/api/v1/audit/verify", tokens[role])
    if role not in ("secretariat", "admin"):
        assert refused(entries, role)
        assert refused(verified, role)
        return
    assert [e["action"] for e in entries.json()][:1] == ["token.create"]  # the fixture's last write
    assert len(entries.json()) == 3
    assert verified.json() == {"intact": True, "problems": []}


@pytest.mark.parametrize("role", ROLES)
def test_accounts_are_managed_by_administrators_only(client: Client, tokens: dict[str, str | None], role: str) -> None:
    made = call(
        client, "POST", "/api/v1/users", tokens[role], {"username": "newdel", "role": "delegate", "state": "KAZ"}
    )
    if role != "admin":
        assert refused(made, role)
        assert not Account.objects.filter(user__username="newdel").exists()
        return
    assert made.status_code == 200
    moved = call(client, "POST", "/api/v1/users/newdel/role", tokens[role], {"role": "secretariat"})
    assert moved.json()["role"] == "secretariat"
    issued = call(client, "POST", "/api/v1/users/newdel/tokens", tokens[role], {"name": "program"})
    token = issued.json()["token"]
    assert call(client, "GET", "/api/v1/audit", token).status_code == 200  # the new Secretariat token works
    revoked = call(client, "POST", f"/api/v1/tokens/{issued.json()['id']}/revoke", tokens[role])
    assert revoked.status_code == 200
    assert call(client, "GET", "/api/v1/audit", token).status_code == 401
    assert ApiToken.objects.filter(pk=issued.json()["id"], revoked__isnull=False).exists()


def test_peacekeeping_answers_as_the_cli_does(client: Client) -> None:
    url = "/api/v1/statutes/peacekeeping?outside=true&council_decision=true"
    cli = CliRunner().invoke(app, ["peacekeeping", "--outside", "--council-decision", "--json"])
    assert cli.exit_code == 0, cli.output
    assert client.get(url).json() == json.loads(cli.output)
    assert client.get(url).json()["missing"]  # beyond the area, a UN mandate is still missing


def test_the_sessions_calendar_holds_what_the_reader_may_read(client: Client, tokens: dict[str, str | None]) -> None:
    from csto_registry.records.models import Session

    session = next(s for s in Session.objects.all() if len(s.start) == 10)  # a session with a day in the calendar
    public = client.get("/api/v1/sessions.ics")
    assert public["Content-Type"].startswith("text/calendar")
    # A session known only to its month or year has no day to put in a calendar.
    assert public.content.count(b"BEGIN:VEVENT") == sum(len(s.start) == 10 for s in Session.objects.all())
    session.access = "state:BLR"
    session.save(update_fields=["access"])  # through the model: a new revision
    hidden = client.get("/api/v1/sessions.ics")
    assert hidden.content.count(b"BEGIN:VEVENT") == public.content.count(b"BEGIN:VEVENT") - 1
    seen = call(client, "GET", "/api/v1/sessions.ics", tokens["secretariat"])
    assert seen.content.count(b"BEGIN:VEVENT") == public.content.count(b"BEGIN:VEVENT")
