"""The engine serves any organization: a database holding only the synthetic one answers every page and read.

The built-in CSTO is removed (inside the test's transaction) and the benchmark's synthetic
organization, at its smallest, imported alone; then every page of the site, every GET of the
API (from its OpenAPI schema) and the read commands of the CLI are asked. None may fail with a
server error; those that concern the organization's records answer 200, and those about records
it has not got (instruments, cases, the CSTO's statutes) answer a clear 4xx.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from django.test import Client
from typer.testing import CliRunner

from csto_registry.cli import app
from csto_registry.datasets.importer import dataset_import
from csto_registry.records.models import Organization, Person, Post

pytestmark = pytest.mark.django_db
BENCH = Path(__file__).resolve().parents[1] / "bench"


def write_synthetic(folder: Path, *, seed: int, scale: float) -> Path:
    """Write the benchmark's synthetic organization (bench/synthetic.py) at `scale` as a dataset folder."""
    spec = importlib.util.spec_from_file_location("synthetic", BENCH / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", synthetic)  # its dataclasses look their module up there
    spec.loader.exec_module(synthetic)
    writer = synthetic.Writer(seed, synthetic.Sizes.scaled(scale))
    (folder / "00-structure.yaml").write_text("\n".join(writer.structure()) + "\n", encoding="utf-8")
    for name, section, lines in (
        ("01-posts.yaml", "posts", writer.posts_lines()),
        ("02-persons.yaml", "persons", writer.persons_lines()),
        ("10-tenures.yaml", "tenures", writer.tenures_lines()),
    ):
        (folder / name).write_text(f"{section}:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def synth_only(tmp_path: Path) -> dict[str, str]:
    """The synthetic organization alone in the database; ids of one of its bodies, posts and persons."""
    Organization.objects.get(slug="csto").delete()
    dataset_import(write_synthetic(tmp_path, seed=1, scale=0))
    assert list(Organization.objects.filter(dataset__isnull=True).values_list("slug", flat=True)) == ["synth"]
    post = Post.objects.filter(tenures__isnull=False).first()
    assert post is not None
    return {
        "body": post.organization.slug,
        "post": post.slug,
        "person": Person.objects.filter(tenures__isnull=False).first().slug,  # type: ignore[union-attr]
        "state": post.state.code if post.state else "ARM",
    }


def test_every_page_serves(client: Client, synth_only: dict[str, str]) -> None:
    pages = [
        "/",
        "/?on=1960-01-01",
        "/states/",
        "/bodies/",
        f"/bodies/{synth_only['body']}/",
        "/bodies/synth/",
        f"/people/{synth_only['person']}/",
        "/search/?q=ka",
        "/data/",
        "/about/",
        "/instruments/",
        "/sessions/",
        "/forces/",
        "/operations/",
        "/people/",
        "/people/?page=2",
        "/cases/",
        "/partners/",
        f"/states/{synth_only['state']}/",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    assert "Synthetic Organization" in client.get("/").content.decode()
    assert client.get("/cases/kazakhstan-2022/").status_code == 404


# Values for the API's parameters, by name; {kinds} the synthetic organization has not got answer 404.
VALUES = {
    "at": "2000-01-01",
    "year": "2000",
    "q": "ka",
    "org": "synth",
    "from_": "1990-01-01",
    "to": "2000-01-01",
    "lang": "en",
}
ABSENT = {"case", "decision", "instrument", "operation", "partner"}


def _api_reads(client: Client, ids: dict[str, str]) -> list[str]:
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    urls = []
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.endswith(("openapi.json", "/audit", "/audit/verify")):
            continue
        url = path.removeprefix("/api/v1")
        for name in re.findall(r"{(\w+)}", path):
            url = url.replace("{" + name + "}", "nonesuch" if name in ABSENT else ids.get(name, "nonesuch"))
        query = [
            f"{p['name']}={VALUES[p['name']]}"
            for p in operations["get"].get("parameters", [])
            if p["in"] == "query" and p.get("required") and p["name"] in VALUES
        ]
        urls.append("/api/v1" + url + ("?" + "&".join(query) if query else ""))
    return urls


def test_every_api_read_answers_without_a_server_error(client: Client, synth_only: dict[str, str]) -> None:
    ids = {"body": synth_only["body"], "post": synth_only["post"], "person": synth_only["person"]}
    urls = _api_reads(client, ids)
    assert len(urls) > 25
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code, response.content[:300])
        if response.status_code >= 400:
            assert response.json()["error"]["message"], url
    must_answer = [
        "/api/v1/members?at=2000-01-01",
        "/api/v1/states",
        "/api/v1/organizations?at=2000-01-01",
        f"/api/v1/organizations/{ids['body']}/holders?at=2000-01-01",
        f"/api/v1/posts/{ids['post']}/history",
        f"/api/v1/persons/{ids['person']}",
        "/api/v1/search?q=ka",
        "/api/v1/sources?limit=3",
    ]
    for url in must_answer:
        assert client.get(url).status_code == 200, url


def test_the_cli_reads_answer(synth_only: dict[str, str]) -> None:
    runner = CliRunner()
    for args in (
        ["members", "--on", "2000-01-01"],
        ["bodies", "--on", "2000-01-01"],
        ["holders", synth_only["body"], "--on", "2000-01-01"],
        ["who", synth_only["post"], "--history"],
        ["person", synth_only["person"]],
        ["search", "ka"],
        ["gaps"],
    ):
        result = runner.invoke(app, [*args, "--json"])
        assert result.exit_code == 0, (args, result.output, result.stderr)
