"""The API answers as the CLI does, with 4xx errors, ETags, and docs that fetch nothing from other hosts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.helpers import csto_json as cli

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "command"),
    [
        ("/api/v1/members?at=1995-01-01", ["members", "--on", "1995-01-01"]),
        ("/api/v1/members?at=2022-04-01&all=true", ["members", "--on", "2022-04-01", "--all"]),
        ("/api/v1/organizations?at=2003-06-01", ["bodies", "--on", "2003-06-01"]),
        ("/api/v1/organizations/cmd/holders?at=2022-04-01", ["holders", "cmd", "--on", "2022-04-01"]),
        ("/api/v1/posts/joint-staff-chief/holders?at=2015-09-10", ["who", "joint-staff-chief", "--on", "2015-09-10"]),
        ("/api/v1/persons/sidorov-anatoly", ["person", "sidorov-anatoly"]),
        ("/api/v1/statutes/treaty-term?at=2022-04-01", ["treaty-term", "--on", "2022-04-01"]),
        ("/api/v1/statutes/chair?year=2023", ["chair", "--year", "2023"]),
        ("/api/v1/statutes/article4?victim=KAZ&at=2022-01-06", ["article4", "--victim", "KAZ", "--on", "2022-01-06"]),
        ("/api/v1/instruments/csto-charter", ["instrument", "csto-charter"]),
        ("/api/v1/operations/channel", ["operation", "channel"]),
        ("/api/v1/cases/kazakhstan-2022", ["case", "kazakhstan-2022"]),
        ("/api/v1/sessions?body=csc&year=2022", ["sessions", "--body", "csc", "--year", "2022"]),
        ("/api/v1/forces", ["forces"]),
        (
            "/api/v1/changes?from=2022-04-01&to=2026-06-01&state=RUS",
            ["changes", "--from", "2022-04-01", "--to", "2026-06-01", "--state", "RUS"],
        ),
    ],
)
def test_api_returns_the_cli_json(client: Client, url: str, command: list[str]) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == cli(*command)


@pytest.mark.parametrize(
    ("url", "status", "code", "field"),
    [
        ("/api/v1/members?at=2022-13-01", 422, "invalid", "at"),
        ("/api/v1/members?lang=fr", 422, "invalid", "lang"),
        ("/api/v1/organizations/nato/holders", 404, "not_found", None),
        ("/api/v1/persons/nobody-at-all", 404, "not_found", None),
        ("/api/v1/statutes/chair?year=abc", 422, "invalid", "year"),
        ("/api/v1/statutes/article4?victim=XXX", 404, "not_found", None),
        ("/api/v1/statutes/article4", 422, "invalid", "victim"),
        ("/api/v1/members?limit=0", 422, "invalid", "limit"),
        ("/api/v1/changes?from=2024-01-01", 422, "invalid", "to"),
        ("/api/v1/changes?from=2024-01-01&to=2023-01-01", 422, "invalid", None),
    ],
)
def test_bad_input_gets_a_4xx_json_error(client: Client, url: str, status: int, code: str, field: str | None) -> None:
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]


def test_reads_carry_an_etag_and_answer_304_when_unchanged(client: Client) -> None:
    first = client.get("/api/v1/members?at=1995-01-01")
    assert first["Cache-Control"].startswith("public")
    again = client.get("/api/v1/members?at=1995-01-01", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    other = client.get("/api/v1/members?at=2008-01-01", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


def test_pagination_windows_a_list(client: Client) -> None:
    everything = client.get("/api/v1/members?at=1995-01-01").json()
    window = client.get("/api/v1/members?at=1995-01-01&limit=3&offset=2").json()
    assert window == everything[2:5]


def test_openapi_document_lists_the_paths(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/members", "/api/v1/organizations/{body}/holders", "/api/v1/statutes/article4"} <= set(
        document["paths"]
    )


def test_docs_page_fetches_nothing_from_another_host(client: Client) -> None:
    page = client.get("/api/v1/docs").content.decode()
    addresses = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)
    assert addresses
    assert all(a.startswith("/") for a in addresses), addresses
    bundle = client.get("/static/ninja/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    bundle.close()  # a streamed file: closing it releases the file


@pytest.mark.parametrize(
    "url",
    ["/api/v1/statutes/article4?victim=K%00Z", "/api/v1/persons/sido%00rov", "/api/v1/members?org=cs%00to"],
)
def test_a_nul_character_is_refused_before_the_database(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"


def test_api_search_is_the_cli_search(client: Client) -> None:
    assert client.get("/api/v1/search?q=Сидоров").json() == cli("search", "Сидоров")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/members?at=2008-01-01&all=true",
        "/api/v1/states",
        "/api/v1/organizations/cmd/holders?at=2022-04-01",
        "/api/v1/sessions",
        "/api/v1/forces",
        "/api/v1/exercises",
        "/api/v1/cases",
    ],
)
def test_lists_filter_by_state_and_page(client: Client, url: str) -> None:
    everything = client.get(url).json()
    mine = client.get(url + ("&" if "?" in url else "?") + "state=KAZ").json()

    def concerns(row: dict[str, Any]) -> bool:
        listed = [*(row.get("states") or []), *(row.get("participants") or [])]
        return "KAZ" in (row.get("state"), row.get("victim"), row.get("host")) or "KAZ" in listed

    assert mine == [row for row in everything if concerns(row)]
    assert mine, url  # Kazakhstan is in every one of these lists
    if len(everything) > 2:
        window = client.get(url + ("&" if "?" in url else "?") + "limit=2&offset=1").json()
        assert window == everything[1:3]


def test_every_list_pages(client: Client) -> None:
    for url in ["/api/v1/instruments?all=true", "/api/v1/partners", "/api/v1/operations", "/api/v1/programmes",
                "/api/v1/decisions", "/api/v1/search?q=co"]:  # fmt: skip
        everything = client.get(url).json()
        assert (
            client.get(url + "&limit=1&offset=1" if "?" in url else url + "?limit=1&offset=1").json()
            == (everything[1:2])
        ), url
