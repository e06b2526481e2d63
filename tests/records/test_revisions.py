"""The record's revisions: each write's number, time, actor and what it wrote, read from the signed audit trail."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from csto_registry.records.errors import NotFound
from csto_registry.records.models import AuditEntry
from csto_registry.records.revision import revision_number
from csto_registry.records.selectors.revisions import revision_detail, revision_list
from csto_registry.records.services.accounts import token_create, user_add, user_role
from csto_registry.records.services.audit import audit_verify
from tests.helpers import csto_json

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_builtin_import_is_a_revision_that_wrote_one_dataset() -> None:
    (latest,) = [r for r in revision_list(limit=500) if r["kinds"] == {"dataset": 1}][:1]
    assert latest["writes"] == 1
    assert latest["other"] == 0
    assert "actors" not in latest  # who wrote is the Secretariat's


def test_the_writes_of_one_transaction_are_one_revision_with_its_actor_and_what_it_changed() -> None:
    # A test runs inside one transaction, so both writes make one revision (tests/cli/test_served_writes.py
    # checks that two requests make two).
    user_add(username="rev-clerk", role="delegate", state="KAZ", actor="cli:tester")
    user_role(username="rev-clerk", role="secretariat", state=None, actor="cli:tester")
    number = revision_number()
    (newest,) = revision_list(limit=1, full=True)
    assert newest["revision"] == number
    assert newest["actors"] == ["cli:tester"]
    assert newest["actions"] == {"user.add": 1, "user.role": 1}
    detail = revision_detail(number=number, full=True)
    added, changed = detail["entries"]
    assert (added["change"], added["record"]) == ("added", "user:rev-clerk")
    assert (changed["change"], changed["record"]) == ("changed", "user:rev-clerk")
    assert "role" in changed["fields"]
    # A reader with no role counts the writes, and sees neither who nor which account.
    public = revision_detail(number=number)
    assert public == {"revision": number, "at": detail["at"], "writes": 2, "kinds": {}, "other": 2}


def test_the_revision_of_an_entry_is_signed_with_it() -> None:
    user_add(username="rev-signed", role="delegate", state="ARM", actor="cli:tester")
    assert audit_verify() == []
    entry = AuditEntry.objects.order_by("-id").first()
    AuditEntry.objects.filter(pk=entry.pk).update(revision=entry.revision + 100)
    assert any(f"entry {entry.pk}: its contents do not match" in p for p in audit_verify())


@pytest.mark.parametrize("number", [999_999, 0, -1, 2**63, 10**30])
def test_an_unknown_revision_is_refused(number: int) -> None:
    with pytest.raises(NotFound, match=f"no revision {number}"):
        revision_detail(number=number)


def test_the_cli_lists_revisions_and_shows_one() -> None:
    user_add(username="rev-cli", role="delegate", state="TJK", actor="cli:tester")
    (newest,) = csto_json("revisions", "--limit", "1")
    assert newest["actors"] == ["cli:tester"]
    shown = csto_json("revision", str(newest["revision"]))
    assert shown["entries"][0]["record"] == "user:rev-cli"


def test_the_api_says_who_wrote_only_to_the_secretariat(client: Client) -> None:
    user_add(username="rev-sec", role="secretariat", actor="cli:tester")
    token = token_create(username="rev-sec", name="t", actor="cli:tester")["token"]
    public = client.get("/api/v1/revisions?limit=1").json()[0]
    assert "actors" not in public
    full = client.get("/api/v1/revisions?limit=1", HTTP_AUTHORIZATION=f"Bearer {token}").json()[0]
    assert full["actors"] == ["cli:tester"]
    one = client.get(f"/api/v1/revisions/{full['revision']}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [e["action"] for e in one["entries"]] == ["user.add", "token.create"]
    assert client.get("/api/v1/revisions/999999").status_code == 404


def test_the_atom_feed_lists_the_revisions(client: Client) -> None:
    user_add(username="rev-feed", role="delegate", state="BLR", actor="cli:tester")
    response = client.get("/feeds/revisions.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314  # the feed this test server just wrote
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    newest = entries[0]
    assert newest.find(f"{ATOM}title").text == f"Revision {revision_number()}"
    assert "1 write" in newest.find(f"{ATOM}summary").text
    assert "rev-feed" not in response.content.decode()  # no account's name in a public feed


def test_a_feed_of_a_body_or_a_state_lists_the_revisions_that_wrote_its_records(client: Client) -> None:
    from csto_registry.records.selectors.revisions import revisions_concerning

    # The built-in import concerns every body and state; a user's account concerns none.
    assert revisions_concerning(body="cmd")
    user_add(username="rev-body", role="delegate", state="KGZ", actor="cli:tester")
    newest = revision_number()
    assert newest not in [r["revision"] for r in revisions_concerning(body="cmd")]
    assert newest not in [r["revision"] for r in revisions_concerning(state="KGZ")]
    feed = client.get("/feeds/revisions.atom?body=cmd")
    assert feed.status_code == 200
    assert b"concerning cmd" in feed.content
    assert client.get("/feeds/revisions.atom?state=rus").status_code == 200
    assert client.get("/feeds/revisions.atom?body=nato").status_code == 404
    assert client.get("/feeds/revisions.atom?state=XXX").status_code == 404


def test_a_write_to_a_seat_concerns_its_body_and_its_state() -> None:
    from csto_registry.records.models import Tenure
    from csto_registry.records.selectors.revisions import _concerns

    tenure = Tenure.objects.filter(post__slug="cmd:RUS").first()
    assert _concerns(f"tenure:{tenure.pk}") == ({"cmd"}, {"RUS"})
    assert _concerns("post:cssc:ARM") == ({"cssc"}, {"ARM"})
    assert _concerns("dataset:csto") is None
    assert _concerns("user:someone") == (set(), set())
    assert _concerns("tenure:999999999") == (set(), set())  # removed since: none
