"""The access matrix: every read and write endpoint x every role x a record of every access level.

A marker record of each restricted kind is made at each level; each role then
reads every endpoint, and exactly the markers its levels allow may appear in
the answer, in search, in the lists that embed them, and in the errors.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from csto_registry.records.models import (
    Case,
    Decision,
    Exercise,
    Figure,
    Force,
    Instrument,
    Operation,
    Organization,
    Programme,
    Session,
    State,
    temporal_values,
)
from csto_registry.records.selectors.common import root_get
from csto_registry.records.services.accounts import token_create, user_add

pytestmark = pytest.mark.django_db

LEVELS = {"pub": "public", "mem": "member-states", "arm": "state:ARM", "blr": "state:BLR"}
ROLES = ["anonymous", "delegate:ARM", "delegate:BLR", "secretariat", "admin"]
VISIBLE = {
    "anonymous": {"pub"},
    "delegate:ARM": {"pub", "mem", "arm"},
    "delegate:BLR": {"pub", "mem", "blr"},
    "secretariat": set(LEVELS),
    "admin": set(LEVELS),
}
KINDS = ["instrument", "session", "decision", "force", "exercise", "operation", "programme", "case", "figure"]
MARK = re.compile(r"mx-([a-z]+)-(pub|mem|arm|blr)")


def _markers(root: Organization) -> None:
    csc = Organization.objects.get(slug="csc")
    arm = State.objects.get(code="ARM")
    channel = Operation.objects.get(slug="channel")
    for tag, level in LEVELS.items():
        title = {"en": f"mx-instrument-{tag}"}
        Instrument.objects.create(
            slug=f"mx-instrument-{tag}", kind="agreement", title=title, dataset=root, access=level,
            **temporal_values(start="2001-01-01"),
        )  # fmt: skip
        Session.objects.create(
            slug=f"mx-session-{tag}", body=csc, dataset=root, access=level, **temporal_values(start="2008-01-01")
        )
        Decision.objects.create(
            slug=f"mx-decision-{tag}", body=csc, title={"en": f"mx-decision-{tag}"}, dataset=root, access=level
        )
        Force.objects.create(
            slug=f"mx-force-{tag}", name={"en": f"mx-force-{tag}"}, kind="peacekeeping", dataset=root, access=level,
            **temporal_values(start="2009"),
        )  # fmt: skip
        Exercise.objects.create(
            slug=f"mx-exercise-{tag}", name={"en": f"mx-exercise-{tag}"}, date="2008-05-01",
            day_min=dt.date(2008, 5, 1), day_max=dt.date(2008, 5, 1), dataset=root, access=level,
        )  # fmt: skip
        Operation.objects.create(
            slug=f"mx-operation-{tag}", name={"en": f"mx-operation-{tag}"}, kind="regular", dataset=root,
            access=level, **temporal_values(start="2008"),
        )  # fmt: skip
        Programme.objects.create(
            slug=f"mx-programme-{tag}", kind="other", name={"en": f"mx-programme-{tag}"}, dataset=root, access=level
        )
        Case.objects.create(
            slug=f"mx-case-{tag}", victim=arm, opened="2008-01-01", summary={"en": "mx"}, dataset=root, access=level
        )
        # A figure of each level on a public operation: the operation is read by all, the figure by its readers.
        Figure.objects.create(
            operation=channel, state=arm, measure=f"mx-figure-{tag}", unit="t", value=Decimal(1),
            qualifier="exact", position=100, access=level,
        )  # fmt: skip


@pytest.fixture
def tokens() -> dict[str, str | None]:
    _markers(root_get())
    made: dict[str, str | None] = {"anonymous": None}
    for role in ROLES[1:]:
        name, _, state = role.partition(":")
        username = f"mx-{name}-{state or 'x'}".lower()
        user_add(username=username, role=name, state=state or None, actor="test")
        made[role] = token_create(username=username, name="t", actor="test")["token"]
    return made


def get(client: Client, url: str, token: str | None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, **headers)


def seen(body: bytes) -> set[tuple[str, str]]:
    return set(MARK.findall(body.decode()))


LISTS = {
    "/api/v1/instruments?all=true": {"instrument"},
    "/api/v1/sessions": {"session"},
    "/api/v1/decisions": {"decision"},
    "/api/v1/forces": {"force"},
    "/api/v1/exercises": {"exercise"},
    "/api/v1/operations": {"operation", "figure"},
    "/api/v1/operations/channel": {"figure"},
    "/api/v1/programmes": {"programme"},
    "/api/v1/cases": {"case"},
    # The search finds every kind of restricted record by its id's words, and no more than the lists show.
    "/api/v1/search?q=mx-": {
        "instrument",
        "decision",
        "operation",
        "session",
        "force",
        "exercise",
        "programme",
        "case",
    },
}
PUBLIC_READS = [
    "/api/v1/members?at=2008-01-01",
    "/api/v1/states",
    "/api/v1/organizations?at=2008-01-01",
    "/api/v1/organizations/cmd/holders?at=2022-04-01",
    "/api/v1/posts/secretary-general/holders?at=2022-04-01",
    "/api/v1/persons/sidorov",
    "/api/v1/sources?limit=5",
    "/api/v1/partners",
    "/api/v1/statutes/treaty-term?at=2008-01-01",
    "/api/v1/statutes/chair?year=2022",
    "/api/v1/statutes/findings",
]


@pytest.mark.parametrize("role", ROLES)
def test_lists_and_search_show_exactly_what_the_role_may_read(
    client: Client, tokens: dict[str, str | None], role: str
) -> None:
    for url, kinds in LISTS.items():
        response = get(client, url, tokens[role])
        assert response.status_code == 200, (url, response.content)
        expected = {(kind, tag) for kind in kinds for tag in VISIBLE[role]}
        assert seen(response.content) == expected, (role, url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["instrument", "decision", "operation", "case"])
def test_a_record_the_role_may_not_read_is_not_found_like_a_missing_one(
    client: Client, tokens: dict[str, str | None], role: str, kind: str
) -> None:
    for tag in LEVELS:
        slug = f"mx-{kind}-{tag}"
        response = get(client, f"/api/v1/{kind}s/{slug}", tokens[role])
        if tag in VISIBLE[role]:
            assert response.status_code == 200
            assert (kind, tag) in seen(response.content)
            continue
        missing = get(client, f"/api/v1/{kind}s/mx-{kind}-none", tokens[role])
        assert response.status_code == missing.status_code == 404
        # The refusal says no more than it says of a record that does not exist.
        hidden = response.content.replace(slug.encode(), b"X")
        assert hidden == missing.content.replace(f"mx-{kind}-none".encode(), b"X")


@pytest.mark.parametrize("role", ROLES)
def test_public_reads_answer_every_role_alike(client: Client, tokens: dict[str, str | None], role: str) -> None:
    for url in PUBLIC_READS:
        response = get(client, url, tokens[role])
        anonymous = get(client, url, None)
        assert response.status_code == 200, (url, response.content)
        assert response.content == anonymous.content, url
        assert not seen(response.content) - {("figure", "pub")}


def test_a_cached_answer_is_never_served_to_a_reader_with_fewer_rights(
    client: Client, tokens: dict[str, str | None]
) -> None:
    for role in ["secretariat", "delegate:ARM", "anonymous", "delegate:BLR"]:
        response = get(client, "/api/v1/cases", tokens[role])
        assert {tag for _, tag in seen(response.content)} == VISIBLE[role]
        assert response["Cache-Control"].startswith("public" if role == "anonymous" else "private")


def test_a_revoked_or_unknown_token_is_refused_on_reads(client: Client) -> None:
    response = get(client, "/api/v1/cases", "not-a-token")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def post(client: Client, url: str, body: dict[str, Any], token: str | None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.mark.parametrize("role", ["delegate:ARM", "delegate:BLR"])
def test_a_delegate_writes_only_on_records_it_may_read(
    client: Client, tokens: dict[str, str | None], role: str
) -> None:
    state = role.partition(":")[2]
    for tag in LEVELS:
        response = post(
            client,
            f"/api/v1/decisions/mx-decision-{tag}/positions",
            {"state": state, "position": "agree", "at": "2022-03-01"},
            tokens[role],
        )
        assert response.status_code == (200 if tag in VISIBLE[role] else 404), (tag, response.content)


def test_a_delegate_may_not_restrict_a_figure_to_another_state(client: Client, tokens: dict[str, str | None]) -> None:
    body = {"state": "ARM", "measure": "m", "unit": "t", "value": "1", "at": "2022-03-01"}
    mine = post(client, "/api/v1/operations/channel/figures", body | {"access": "state:ARM"}, tokens["delegate:ARM"])
    theirs = post(client, "/api/v1/operations/channel/figures", body | {"access": "state:BLR"}, tokens["delegate:ARM"])
    assert mine.status_code == 200
    assert theirs.status_code == 403
    hidden = post(client, "/api/v1/operations/mx-operation-blr/figures", body, tokens["delegate:ARM"])
    assert hidden.status_code == 404


SECRETARIAT_WRITES = [
    ("/api/v1/cases/mx-case-pub/assess", {}),
    ("/api/v1/cases/mx-case-pub/close", {"date": "2008-02-01"}),
    ("/api/v1/decisions/mx-decision-pub/adopt", {"at": "2022-03-01"}),
]


@pytest.mark.parametrize(("url", "body"), SECRETARIAT_WRITES)
@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_runs_the_workflow_steps(
    client: Client, tokens: dict[str, str | None], url: str, body: dict[str, Any], role: str
) -> None:
    response = post(client, url, body, tokens[role])
    if role in ("secretariat", "admin"):
        # Allowed: the step runs, or the workflow refuses it for its own reasons (no consensus yet).
        assert response.status_code in (200, 409), response.content
    else:
        assert response.status_code == (401 if role == "anonymous" else 403)


def _workflow_records(root: Organization) -> None:
    """Records a workflow makes from restricted ones: a mission from each case, a figure asked as public."""
    from csto_registry.records.services.cases import case_mission
    from csto_registry.records.services.figures import figure_submit

    arm = State.objects.get(code="ARM")
    for tag, level in LEVELS.items():
        Case.objects.create(
            slug=f"mx-wfcase-{tag}", victim=arm, opened="2008-01-01", summary={"en": "mx"}, dataset=root,
            access=level, status=Case.Status.DECIDED,
        )  # fmt: skip
        case_mission(case=f"mx-wfcase-{tag}", name=f"mx-mission-{tag}", start=dt.date(2008, 1, 2), actor="test")
        if tag != "pub":
            figure_submit(
                operation=f"mx-operation-{tag}", state="ARM", measure=f"mx-wffigure-{tag}", unit="t", value="1",
                qualifier="exact", period="", actor="test", day=dt.date(2008, 6, 1), access="public", levels=None,
            )  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_records_a_workflow_makes_from_restricted_ones_inherit_their_level(
    client: Client, tokens: dict[str, str | None], role: str
) -> None:
    _workflow_records(root_get())
    response = get(client, "/api/v1/operations", tokens[role])
    made = {pair for pair in seen(response.content) if pair[0] in ("mission", "wfcase", "wffigure")}
    # The mission is named mx-mission-TAG and its id carries its case's (mx-wfcase-TAG-mission).
    expected = {(kind, tag) for kind in ("mission", "wfcase") for tag in VISIBLE[role]}
    expected |= {("wffigure", tag) for tag in VISIBLE[role] - {"pub"}}
    assert made == expected, role
    for tag in LEVELS:
        detail = get(client, f"/api/v1/operations/mx-wfcase-{tag}-mission", tokens[role])
        assert detail.status_code == (200 if tag in VISIBLE[role] else 404), (role, tag)
    found = get(client, "/api/v1/search?q=mx-mission", tokens[role])
    assert {tag for kind, tag in seen(found.content) if kind == "mission"} == VISIBLE[role]
    if role == "anonymous":
        page = client.get("/operations/")
        assert {tag for kind, tag in seen(page.content) if kind in ("mission", "wffigure")} == {"pub"}


def test_a_figure_on_one_states_operation_cannot_be_restricted_to_another(tokens: dict[str, str | None]) -> None:
    from csto_registry.records.errors import InvalidInput
    from csto_registry.records.services.figures import figure_submit

    with pytest.raises(InvalidInput, match="restricted to state:ARM"):
        figure_submit(
            operation="mx-operation-arm", state="ARM", measure="m", unit="t", value="1", qualifier="exact",
            period="", actor="test", day=dt.date(2008, 6, 1), access="state:BLR", levels=None,
        )  # fmt: skip


def test_a_delegate_of_a_state_that_is_not_a_member_is_refused() -> None:
    from django.contrib.auth import get_user_model

    from csto_registry.records.errors import Refused

    with pytest.raises(Refused, match="'GEO': not a member state today"):
        user_add(username="geo-delegate", role="delegate", state="GEO", actor="test")
    assert not get_user_model().objects.filter(username="geo-delegate").exists()


def test_an_account_left_for_a_state_that_left_reads_nothing_restricted(
    client: Client, tokens: dict[str, str | None]
) -> None:
    from csto_registry.records.models import Account

    # An account made while Georgia was a member (written directly: the service now refuses it).
    account = Account.objects.get(user__username="mx-delegate-arm")
    account.state = State.objects.get(code="GEO")
    account.save(update_fields=["state"])
    for url in ("/api/v1/decisions", "/api/v1/cases", "/api/v1/decisions/mx-decision-mem"):
        response = get(client, url, tokens["delegate:ARM"])
        assert response.status_code == 403, url
        assert "GEO is not a member state today" in response.json()["error"]["message"]
        assert b"mx-decision" not in response.content
        assert b"mx-case" not in response.content


@pytest.mark.parametrize("header", ["Bearer  {t}", "bearer {t}", "Bearer {t} ", " Bearer\t{t}".replace("\t", " ")])
def test_the_authorization_header_is_read_one_way_for_reads_and_writes(
    client: Client, tokens: dict[str, str | None], header: str
) -> None:
    value = header.format(t=tokens["secretariat"])
    read = client.get("/api/v1/cases", HTTP_AUTHORIZATION=value)
    assert read.status_code == 200
    assert seen(read.content) >= {("case", "blr")}
    write = client.post(
        "/api/v1/cases/mx-case-pub/assess", "{}", content_type="application/json", HTTP_AUTHORIZATION=value
    )
    assert write.status_code in (200, 409), write.content
