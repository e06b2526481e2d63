"""The standard exports over HTTP: free for every reader, built on the address asked, renewed after a write."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from rdflib import Graph

from csto_registry.datasets.standard import TABLES
from csto_registry.records.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def exports_folder(settings: Any, tmp_path: Path) -> Path:
    settings.CSTO_EXPORTS_DIR = tmp_path / "exports"
    return settings.CSTO_EXPORTS_DIR


def body(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.getvalue().decode()


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/api/v1/export/popolo.json", "application/json"),
        ("/api/v1/export/org.ttl", "text/turtle"),
        ("/api/v1/export/org.jsonld", "application/ld+json"),
        *[(f"/api/v1/export/{table}.csv", "text/csv") for table in TABLES],
    ],
)
def test_every_reader_gets_each_file(client: Client, url: str, content_type: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="csto-')
    assert response["Cache-Control"].startswith("public")
    assert len(response.getvalue()) > 100


def test_links_and_identifiers_are_built_on_the_address_asked(client: Client) -> None:
    local = json.loads(body(client, "/api/v1/export/popolo.json", HTTP_HOST="localhost"))
    served = json.loads(body(client, "/api/v1/export/popolo.json"))  # the same revision, another address
    for document, host in ((local, "localhost"), (served, "testserver")):
        person = next(p for p in document["persons"] if p["id"] == "sidorov-anatoly")
        assert person["sources"][0]["url"].startswith(f"http://{host}/sources/seed/")
    graph = Graph().parse(data=body(client, "/api/v1/export/org.ttl"), format="turtle")
    assert any(str(s) == "http://testserver/people/sidorov-anatoly/" for s in graph.subjects())


def test_a_file_is_built_once_per_revision_and_again_after_a_write(client: Client, exports_folder: Path) -> None:
    before = body(client, "/api/v1/export/persons.csv")
    built = sorted(exports_folder.glob("*-persons.csv"))
    assert body(client, "/api/v1/export/persons.csv") == before
    assert sorted(exports_folder.glob("*-persons.csv")) == built  # served from the file of this revision
    person = Person.objects.get(slug="sidorov-anatoly")
    person.name = {**person.name, "en": "Anatoly Sidorov (renamed)"}
    person.save()
    rows = list(csv.DictReader(io.StringIO(body(client, "/api/v1/export/persons.csv"))))
    assert next(r for r in rows if r["id"] == "sidorov-anatoly")["name_en"] == "Anatoly Sidorov (renamed)"
    assert len(list(exports_folder.glob("*-persons.csv"))) == len(built) + 1


def test_a_source_address_that_is_no_iri_is_encoded_not_a_failure(client: Client) -> None:
    source = Person.objects.get(slug="sidorov-anatoly").sources.first()
    assert source is not None
    source.ref, source.url = "", "https://example.org/a?q=x|y{z}"  # the importer's check accepts it; an IRI may not
    source.save()
    Person.objects.get(slug="sidorov-anatoly").save()  # a write: a new revision
    for url in ("/api/v1/export/org.ttl", "/api/v1/export/org.jsonld"):
        text = body(client, url)
        assert "https://example.org/a?q=x%7Cy%7Bz%7D" in text
    Graph().parse(data=body(client, "/api/v1/export/org.ttl"), format="turtle")


def test_unknown_table_or_organization_is_a_clear_4xx(client: Client) -> None:
    table = client.get("/api/v1/export/people.csv")
    assert table.status_code == 422
    assert "table" in table.json()["error"]["message"]
    org = client.get("/api/v1/export/popolo.json?org=nato")
    assert org.status_code == 404
    assert "no organization 'nato'" in org.json()["error"]["message"]


def test_a_large_file_is_streamed_from_disk(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from csto_registry.api.v1 import exports

    whole = body(client, "/api/v1/export/org.ttl")
    monkeypatch.setattr(exports, "STREAM_FROM", 0)  # every file counts as large
    response = client.get("/api/v1/export/org.ttl")
    assert response.streaming
    try:
        assert b"".join(response.streaming_content).decode() == whole
    finally:
        response.close()


def test_behind_a_tls_proxy_the_links_say_https(client: Client, settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # what CSTO_BEHIND_TLS_PROXY=1 sets
    page = body(client, "/api/v1/export/popolo.json", HTTP_X_FORWARDED_PROTO="https", SERVER_PORT="443")
    document = json.loads(page)
    person = next(p for p in document["persons"] if p["id"] == "sidorov-anatoly")
    assert person["sources"][0]["url"].startswith("https://testserver/sources/seed/")


def test_every_address_asked_leaves_a_bounded_folder(client: Client, exports_folder: Path) -> None:
    from csto_registry.datasets.structure import MAX_FILES

    for port in range(8000, 8000 + MAX_FILES + 18):  # every port is a distinct address of an allowed host
        body(client, "/api/v1/export/persons.csv", HTTP_HOST=f"localhost:{port}")
    files = [p for p in exports_folder.iterdir() if not p.name.endswith(".lock")]
    assert len(files) == MAX_FILES
    assert [p.name for p in exports_folder.glob("*.lock")] == ["persons.csv.lock"]
    body(client, "/api/v1/export/persons.csv", HTTP_HOST=f"localhost:{port}")  # the last address asked again:
    assert sorted(p for p in exports_folder.iterdir() if not p.name.endswith(".lock")) == sorted(files)  # kept


def test_a_public_address_set_is_the_one_every_file_is_built_on(
    client: Client, exports_folder: Path, settings: Any
) -> None:
    settings.CSTO_PUBLIC_URL = "https://registry.example.org/"
    for host in ("localhost", "localhost:8001", "testserver"):
        document = json.loads(body(client, "/api/v1/export/popolo.json", HTTP_HOST=host))
        person = next(p for p in document["persons"] if p["id"] == "sidorov-anatoly")
        assert person["sources"][0]["url"].startswith("https://registry.example.org/sources/seed/")
    assert len(list(exports_folder.glob("*-popolo.json"))) == 1
