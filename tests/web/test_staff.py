"""Staff pages: sign-in, a delegate's positions and figures, the Secretariat's drafts; exactly what each role may."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from csto_registry.records.models import AuditEntry, Decision, Figure, Instrument, Position
from csto_registry.records.selectors.common import root_get
from csto_registry.records.services.accounts import user_add
from csto_registry.records.services.proceedings import decision_draft

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # noqa: S105  # a test account's
DAY = "2022-03-01"


def signed_in(username: str, role: str, state: str | None = None) -> Client:
    user_add(username=username, role=role, state=state, password=PASSWORD, actor="test")
    client = Client()
    response = client.post("/signin/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    return client


@pytest.fixture
def drafts() -> dict[str, str]:
    made = {}
    for level in ("member-states", "state:BLR"):
        # The title is record data in no language: "for-state-BLR", not words a translation should cover.
        title = "for-" + level.replace(":", "-")
        made[level] = decision_draft(body="csc", title=title, actor="test", access=level)["id"]
    return made


def test_the_staff_page_needs_a_sign_in(client: Client) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/signin/")


def test_a_wrong_password_is_refused_and_repeated_failures_lock_out(client: Client) -> None:
    user_add(username="del", role="delegate", state="ARM", password=PASSWORD, actor="test")
    for _ in range(4):
        response = client.post("/signin/", {"username": "del", "password": "guess"})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert client.post("/signin/", {"username": "del", "password": "guess"}).status_code == 429
    assert client.post("/signin/", {"username": "del", "password": PASSWORD}).status_code == 429


def test_a_delegate_sees_its_forms_and_the_drafts_it_may_read(drafts: dict[str, str]) -> None:
    page = signed_in("arm", "delegate", "ARM").get("/staff/")
    assert page.status_code == 200
    forms = page.context["forms"]
    assert set(forms) == {"position", "figure"}
    assert [code for code, _ in forms["position"].fields["state"].choices] == ["ARM"]
    offered = [slug for slug, _ in forms["position"].fields["decision"].choices]
    assert drafts["member-states"] in offered
    assert drafts["state:BLR"] not in offered
    assert drafts["state:BLR"] not in page.content.decode()


def test_a_delegate_records_its_position(drafts: dict[str, str]) -> None:
    client = signed_in("arm", "delegate", "ARM")
    body = {"action": "position", "position-decision": drafts["member-states"], "position-state": "ARM",
            "position-position": "agree", "position-on": DAY}  # fmt: skip
    response = client.post("/staff/", body)
    assert response.status_code == 302
    assert Position.objects.get(decision__slug=drafts["member-states"], state__code="ARM").value == "agree"
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.actor, entry.action) == ("user:arm", "position.record")
    assert "ARM" in client.get("/staff/").content.decode()  # the message and the positions column


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"position-state": "BLR"}, 422),  # not a state it may speak for: not even offered
        ({"position-decision": "state:BLR"}, 422),  # a draft it may not read: not offered
        ({"position-on": "2030-13-01"}, 422),
    ],
)
def test_a_delegate_cannot_step_outside_its_role(drafts: dict[str, str], changes: dict[str, Any], status: int) -> None:
    client = signed_in("arm", "delegate", "ARM")
    body = {"action": "position", "position-decision": drafts["member-states"], "position-state": "ARM",
            "position-position": "agree", "position-on": DAY} | changes  # fmt: skip
    if changes.get("position-decision") == "state:BLR":
        body["position-decision"] = drafts["state:BLR"]
    before = Position.objects.count()
    assert client.post("/staff/", body).status_code == status
    assert Position.objects.count() == before
    assert client.post("/staff/", {"action": "draft", "draft-body": "csc", "draft-title": "X"}).status_code == 400


def test_a_delegate_submits_a_figure_only_for_its_state() -> None:
    client = signed_in("kaz", "delegate", "KAZ")
    body = {"action": "figure", "figure-operation": "channel", "figure-state": "KAZ", "figure-measure": "drugs-seized",
            "figure-value": "2.5", "figure-unit": "t", "figure-qualifier": "about", "figure-period": "2021",
            "figure-access": "state:KAZ", "figure-on": DAY}  # fmt: skip
    assert client.post("/staff/", body).status_code == 302
    figure = Figure.objects.get(measure="drugs-seized", state__code="KAZ", period="2021")
    assert (figure.access, figure.qualifier) == ("state:KAZ", "about")
    assert client.post("/staff/", body | {"figure-access": "state:ARM"}).status_code == 422


def test_the_secretariat_drafts_and_a_refusal_is_shown_not_raised() -> None:
    client = signed_in("sec", "secretariat")
    page = client.get("/staff/")
    assert set(page.context["forms"]) == {"position", "figure", "draft", "adopt"}
    made = client.post("/staff/", {"action": "draft", "draft-body": "csc", "draft-title": "On the plan",
                                   "draft-title_ru": "О плане", "draft-access": "public"})  # fmt: skip
    assert made.status_code == 302
    draft = Decision.objects.get(title__en="On the plan")
    assert draft.access == "public"
    refused = client.post("/staff/", {"action": "adopt", "adopt-decision": draft.slug, "adopt-on": DAY})
    assert refused.status_code == 409
    assert "not adopted by consensus" in refused.context["error"]


def test_signed_in_pages_show_what_the_reader_may_read(client: Client) -> None:
    Instrument.objects.create(
        slug="shared-agreement", kind="agreement", title={"en": "Shared agreement"}, dataset=root_get(),
        access="member-states", start="", end="", start_min="0001-01-01", start_max="9999-12-31",
        end_min="0001-01-01", end_max="9999-12-31",
    )  # fmt: skip
    assert "Shared agreement" not in client.get("/instruments/?all=1").content.decode()
    assert client.get("/instruments/shared-agreement/").status_code == 404
    delegate = signed_in("arm", "delegate", "ARM")
    assert "Shared agreement" in delegate.get("/instruments/?all=1").content.decode()
    assert delegate.get("/instruments/shared-agreement/").status_code == 200
    assert "Shared agreement" in delegate.get("/search/?q=shared").content.decode()
    assert "Shared agreement" not in client.get("/search/?q=shared").content.decode()


def test_signing_out_ends_the_session() -> None:
    client = signed_in("sec", "secretariat")
    assert client.post("/signout/").status_code == 302
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("role", ["delegate", "secretariat"])
def test_the_staff_page_speaks_russian(drafts: dict[str, str], role: str) -> None:
    from tests.web.test_i18n import english_words, render, visible_text

    client = signed_in("ru-user", role, "ARM" if role == "delegate" else None)
    text = visible_text(render(client, "/staff/", "ru"))
    assert "Зафиксировать позицию" in text
    assert [p.pattern for p in english_words() if p.search(text)] == []
