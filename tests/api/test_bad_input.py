"""Bad input over HTTP: a 4xx with the API's JSON error shape, never a 500 and never a page (issue 14's list)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from csto_registry.records.models import Decision, Figure
from csto_registry.records.services.accounts import token_create, user_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat() -> dict[str, str]:
    user_add(username="bad-input", role="secretariat", actor="test")
    return {"HTTP_AUTHORIZATION": "Bearer " + token_create(username="bad-input", name="t", actor="test")["token"]}


def error_of(response: Any) -> dict[str, Any]:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = json.loads(response.content)
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "field"}
    assert "\n" not in body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/sources?offset=9223372036854775808", "offset"),
        ("/api/v1/statutes/treaty-term?at=9999-04-20", "at"),
        ("/api/v1/members?at=9999-12-31", "at"),
        ("/api/v1/members?at=0000-01-01", "at"),
    ],
)
def test_a_query_out_of_range_is_a_422_naming_the_parameter(client: Client, url: str, field: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert error_of(response)["field"] == field


def test_an_unknown_api_address_is_a_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_a_body_over_the_limit_is_a_json_413_and_nothing_is_written(
    client: Client, secretariat: dict[str, str]
) -> None:
    body = json.dumps({"body": "csc", "title": "x" * 3_000_000})
    response = client.post("/api/v1/decisions", body, content_type="application/json", **secretariat)
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"
    assert not Decision.objects.filter(title__en__startswith="xxxx").exists()


def test_a_body_that_is_not_json_is_a_json_400(client: Client, secretariat: dict[str, str]) -> None:
    response = client.post("/api/v1/decisions", "{not json", content_type="application/json", **secretariat)
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"value": "1e30"}, "value"),
        ({"value": "0.00000001"}, "value"),
        ({"value": "99999999999999999"}, "value"),
        ({"value": "NaN"}, "value"),
        ({"measure": ""}, "measure"),
        ({"measure": "-1"}, "measure"),
        ({"measure": "Not A Slug"}, "measure"),
        ({"measure": "a\x00b"}, "measure"),
        ({"unit": ""}, "unit"),
        ({"period": "0000"}, "period"),
        ({"at": "0000"}, "at"),
    ],
)
def test_a_figure_the_importer_would_refuse_is_refused_by_the_api(
    client: Client, secretariat: dict[str, str], change: dict[str, str], field: str
) -> None:
    before = Figure.objects.count()
    body = {"state": "KAZ", "measure": "m", "unit": "t", "value": "1", "at": "2022-03-01"} | change
    response = client.post(
        "/api/v1/operations/channel/figures", json.dumps(body), content_type="application/json", **secretariat
    )
    assert response.status_code == 422, response.content
    assert error_of(response)["field"] == field
    assert Figure.objects.count() == before


@pytest.mark.parametrize("title", ["a\x00b", "x" * 2001])
def test_a_draft_title_with_nul_or_too_long_is_refused(client: Client, secretariat: dict[str, str], title: str) -> None:
    body = json.dumps({"body": "csc", "title": title})
    response = client.post("/api/v1/decisions", body, content_type="application/json", **secretariat)
    assert response.status_code == 422
    assert error_of(response)["field"] == "title"


def test_a_date_of_year_zero_is_not_read_as_1970(client: Client, secretariat: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/cases/kaz-2022-01-05/close", json.dumps({"date": "0000"}), content_type="application/json",
        **secretariat,
    )  # fmt: skip
    assert response.status_code == 422
    assert error_of(response)["field"] == "date"


@pytest.mark.parametrize("nesting", ["a: " + "[" * 100_000, "a: " + "{a: " * 50_000, "a: " + '[ "]" ' * 20_000])
def test_deeply_nested_yaml_is_refused_at_once(client: Client, secretariat: dict[str, str], nesting: str) -> None:
    import time

    started = time.monotonic()
    response = client.post("/api/v1/datasets/check", nesting, content_type="application/yaml", **secretariat)
    assert response.status_code == 422
    assert "nested deeper than" in error_of(response)["message"]
    assert time.monotonic() - started < 3
