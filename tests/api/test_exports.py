"""The standard exports over HTTP: free for every reader, built on the address asked, renewed after a write."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from rdflib import Graph

from csto_registry.datasets.standard import TABLES
from csto_registry.records.models import Person

pytestmark = pytest.mark.django_db


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


def test_links_and_identifiers_are_built_on_the_address_asked(client: Client) -> None:
    document = json.loads(client.get("/api/v1/export/popolo.json", HTTP_HOST="localhost").content)
    person = next(p for p in document["persons"] if p["id"] == "sidorov-anatoly")
    assert person["sources"][0]["url"].startswith("http://localhost/sources/seed/")
    graph = Graph().parse(data=client.get("/api/v1/export/org.ttl").content.decode(), format="turtle")
    assert any(str(s) == "http://testserver/people/sidorov-anatoly/" for s in graph.subjects())


def test_the_files_follow_a_write(client: Client) -> None:
    before = client.get("/api/v1/export/persons.csv").content.decode()
    assert "Sidorov" in before
    person = Person.objects.get(slug="sidorov-anatoly")
    person.name = {**person.name, "en": "Anatoly Sidorov (renamed)"}
    person.save()
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/persons.csv").content.decode())))
    assert next(r for r in rows if r["id"] == "sidorov-anatoly")["name_en"] == "Anatoly Sidorov (renamed)"


def test_unknown_table_or_organization_is_a_clear_4xx(client: Client) -> None:
    table = client.get("/api/v1/export/people.csv")
    assert table.status_code == 422
    assert "table" in table.json()["error"]["message"]
    org = client.get("/api/v1/export/popolo.json?org=nato")
    assert org.status_code == 404
    assert "no organization 'nato'" in org.json()["error"]["message"]
