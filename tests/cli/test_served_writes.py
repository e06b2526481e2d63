"""The served system under concurrent writers, readers right after writes, and a killed import.

The tests share the production server (`csto serve`, gunicorn with four worker
processes) on a database of their own: an embedded SQLite file, and, when the
suite runs on PostgreSQL (CSTO_DATABASE_URL), a fresh database on the same
server, dropped after. They run in file order (the import test replaces the
dataset the earlier ones wrote to).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import ryaml

from tests.cli.test_serve import free_port

pytestmark = pytest.mark.slow
CSTO = Path(sys.executable).with_name("csto")
SERVER_URL = os.environ.get("CSTO_DATABASE_URL", "")
BACKENDS = ["sqlite", *(["postgresql"] if SERVER_URL.startswith("postgres") else [])]
MEMBERS = ["BLR", "KAZ", "KGZ", "RUS", "TJK"]  # member states in good standing on the days the tests write


ACCOUNTS = """
import json, sys
import django
django.setup()
from csto_registry.records.services.accounts import token_create, user_add
tokens = {}
for name, role, state in [("sec", "secretariat", None), *[(c.lower(), "delegate", c) for c in json.loads(sys.argv[1])]]:
    user_add(username=name, role=role, state=state, actor="test")
    tokens[state or role] = token_create(username=name, name="test", actor="test")["token"]
print(json.dumps(tokens))
"""


@dataclass
class Site:
    url: str
    env: dict[str, str]
    tokens: dict[str, str]

    def csto(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603  # the project's own command
            [str(CSTO), *arguments], env=self.env, capture_output=True, text=True, timeout=300, check=False
        )

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)  # noqa: S310  # loopback
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310  # loopback
                return reply.status, json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp_path = tmp_path_factory.mktemp(f"served-{request.param}")
    env = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["CSTO_HOME"] = str(tmp_path)
    env["CSTO_EXPORTS_DIR"] = str(tmp_path / "exports")
    env["CSTO_EXPORT_INLINE_ROWS"] = "0"  # every export is "large": built in the background
    env["DJANGO_SETTINGS_MODULE"] = "csto_registry.config.settings"
    database = None
    if request.param == "postgresql":
        import psycopg

        database = f"csto_served_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(SERVER_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database}"')
        env["CSTO_DATABASE_URL"] = SERVER_URL.rsplit("/", 1)[0] + "/" + database
    site = Site(url="", env=env, tokens={})
    assert site.csto("init").returncode == 0
    # The accounts, in one process (as `csto user add` and `csto user token` make them, one command each).
    made = subprocess.run(  # noqa: S603  # our own interpreter and code
        [sys.executable, "-c", ACCOUNTS, json.dumps(MEMBERS)], env=env, capture_output=True, text=True, check=True
    )
    site.tokens.update(json.loads(made.stdout))
    port = free_port()
    site.url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603  # the project's own command
        [str(CSTO), "serve", "--port", str(port), "--workers", "4"], env=env, stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 60
        while not answers(site):
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "the server did not answer within a minute"
            time.sleep(0.3)
        yield site
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        if database is not None:
            import psycopg

            with psycopg.connect(SERVER_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')


def answers(site: Site) -> bool:
    try:
        return site.call("GET", "/api/v1/members?at=2020-01-01")[0] == 200
    except urllib.error.URLError:
        return False


def draft(site: Site, title: str) -> dict[str, Any]:
    status, body = site.call("POST", "/api/v1/decisions", {"body": "csc", "title": title}, site.tokens["secretariat"])
    assert status == 200, body
    return dict(body)


def test_concurrent_versioned_writers_get_200_or_409_never_a_server_error(site: Site) -> None:
    decision = draft(site, "On concurrent positions")["id"]
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(state: str) -> None:
        for turn in range(5):
            _, current = site.call("GET", f"/api/v1/decisions/{decision}", token=site.tokens[state])
            body = {"state": state, "position": ["agree", "abstain"][turn % 2], "at": "2026-03-01"}
            status, _ = site.call(
                "POST", f"/api/v1/decisions/{decision}/positions", {**body, "version": current["version"]},
                site.tokens[state],
            )  # fmt: skip
            with lock:
                statuses.append(status)

    def drafter(index: int) -> None:
        for turn in range(5):
            status, _ = site.call(
                "POST",
                "/api/v1/decisions",
                {"body": "csc", "title": f"Draft {index}.{turn}"},
                site.tokens["secretariat"],
            )
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=writer, args=(state,)) for state in MEMBERS]
    threads += [threading.Thread(target=drafter, args=(index,)) for index in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 40
    assert set(statuses) <= {200, 409}, sorted(statuses)
    assert statuses.count(200) >= 15 + 5  # every draft, and at least one position of each state


def test_a_read_after_a_write_is_never_older_than_the_write(site: Site) -> None:
    stale = 0
    for index in range(40):
        made = draft(site, f"Read after write {index}")["id"]
        status, listed = site.call("GET", "/api/v1/decisions?status=draft", token=site.tokens["secretariat"])
        assert status == 200
        stale += made not in {row["id"] for row in listed}
    assert stale == 0


def _get(site: Site, path: str) -> tuple[int, dict[str, str], bytes, float]:
    start = time.monotonic()
    with urllib.request.urlopen(site.url + path, timeout=60) as reply:  # noqa: S310  # loopback
        return reply.status, dict(reply.headers), reply.read(), time.monotonic() - start


def test_a_large_export_is_built_in_the_background_and_no_request_waits_for_it(site: Site) -> None:
    status, headers, body, seconds = _get(site, "/api/v1/export/popolo.json")
    assert (status, headers["Retry-After"], json.loads(body)["status"]) == (202, "5", "building")
    assert seconds < 5
    assert _get(site, "/api/v1/export/popolo.json")[0] in (200, 202)  # a second ask starts no second build
    deadline = time.monotonic() + 120
    while (got := _get(site, "/api/v1/export/popolo.json"))[0] == 202:
        assert time.monotonic() < deadline, "the background build never finished"
        time.sleep(0.5)
    status, headers, body, seconds = got
    assert status == 200
    assert seconds < 5
    popolo = json.loads(body)
    assert {o["id"].rsplit("/", 1)[-1] for o in popolo["organizations"]} >= {"csto", "cmd"}
    assert len(popolo["memberships"]) > 100


def test_the_dataset_export_is_built_in_the_background_for_the_secretariat_and_imports_back(site: Site) -> None:
    def ask() -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(  # noqa: S310  # loopback
            site.url + "/api/v1/export", headers={"Authorization": f"Bearer {site.tokens['secretariat']}"}
        )
        with urllib.request.urlopen(request, timeout=60) as reply:  # noqa: S310  # loopback
            return reply.status, dict(reply.headers), reply.read()

    status, headers, _ = ask()
    assert (status, headers["Retry-After"]) == (202, "5")
    deadline = time.monotonic() + 120
    while (got := ask())[0] == 202:
        assert time.monotonic() < deadline, "the background build never finished"
        time.sleep(0.5)
    status, headers, body = got
    assert status == 200
    assert headers["Cache-Control"] == "private, no-store"
    assert ryaml.loads(body.decode())["organization"]["id"] == "csto"


def test_each_request_that_writes_is_a_revision_of_its_own(site: Site) -> None:
    first, second = draft(site, "Revision one")["id"], draft(site, "Revision two")["id"]
    status, newest = site.call("GET", "/api/v1/revisions?limit=2", token=site.tokens["secretariat"])
    assert status == 200
    assert newest[0]["revision"] == newest[1]["revision"] + 1
    assert [r["actions"] for r in newest] == [{"decision.draft": 1}, {"decision.draft": 1}]
    status, detail = site.call("GET", f"/api/v1/revisions/{newest[0]['revision']}", token=site.tokens["secretariat"])
    assert detail["entries"][0]["record"] == f"decision:{second}"
    assert first != second
    status, public = site.call("GET", "/api/v1/revisions?limit=1")
    assert "actors" not in public[0]


def test_an_import_succeeds_while_the_site_takes_writes(site: Site) -> None:
    from csto_registry.datasets.builtin import BUILTIN

    statuses: list[int] = []
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            statuses.append(site.call("POST", "/api/v1/decisions", {"body": "csc", "title": "Meanwhile"},
                                      site.tokens["secretariat"])[0])  # fmt: skip
            time.sleep(0.2)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        imported = site.csto("import", str(BUILTIN))
    finally:
        stop.set()
        thread.join()
    assert imported.returncode == 0, imported.stderr
    assert statuses, "no write was tried during the import"
    assert set(statuses) == {200}, statuses


def test_a_killed_folder_import_leaves_the_database_writable(site: Site, tmp_path: Path) -> None:
    folder = folder_dataset(tmp_path / "killed")
    importer = subprocess.Popen(  # noqa: S603  # the project's own command
        [str(CSTO), "import", str(folder)], env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    worker = None
    deadline = time.monotonic() + 60
    while worker is None and time.monotonic() < deadline and importer.poll() is None:
        children = Path(f"/proc/{importer.pid}/task/{importer.pid}/children").read_text().split()
        worker = int(children[0]) if children else None
        time.sleep(0.05)
    assert worker is not None, "the import's parse-ahead worker never started"
    time.sleep(1.0)  # the import is writing in its transaction
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait()
    start = time.monotonic()
    status, body = site.call("POST", "/api/v1/decisions", {"body": "csc", "title": "After"}, site.tokens["secretariat"])
    assert status == 200, body
    assert time.monotonic() - start < 5
    time.sleep(0.5)
    assert worker_gone(worker), "the parse-ahead worker outlived the killed import"


def worker_gone(pid: int) -> bool:
    try:
        return "zombie" in Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True


def folder_dataset(folder: Path, files: int = 40, per_file: int = 1500) -> Path:
    """An organization in many files (persons and their tenures), so its import is still running when killed."""
    folder.mkdir(parents=True)
    source = '[{url: "https://example.org/killed", quote: "as of record"}]'
    (folder / "00.yaml").write_text(
        "organization: {id: killed, name: {en: Killed Import}, sources: " + source + "}\n"
        "organizations:\n  - {id: kb, name: {en: Board}, parent: killed, kind: statutory-body, sources: "
        + source
        + "}\n"
        "posts:\n  - {id: kb-chair, organization: kb, single: false, title: {en: Member}, sources: " + source + "}\n",
        encoding="utf-8",
    )
    for number in range(1, files + 1):
        lines = ["persons:"]
        ids = [f"k{number:03d}-{i:05d}" for i in range(per_file)]
        lines += [f"  - {{id: {pid}, name: {{en: Person {pid}}}, sources: {source}}}" for pid in ids]
        lines.append("tenures:")
        lines += [f'  - {{person: {pid}, post: kb-chair, from: "2001", sources: {source}}}' for pid in ids]
        (folder / f"{number:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder
