"""Browser tests: the real server (`csto serve`, gunicorn) on a fresh database, driven by Debian's Chromium.

The server is started the way the README describes, not with pytest-django's live_server (whose
transactional flush would empty the dataset the whole session reads). Every test gets a new browser
context whose requests may only go to 127.0.0.1: any other is aborted, recorded, and fails the test,
as does any error on the page's console.

`-m "not e2e"` deselects these tests. Without Chromium they are skipped with a one-line instruction
(`make test` installs it first where it can, see scripts/ensure-chromium.sh), except in CI
(`CI` set) or with CSTO_REQUIRE_BROWSER=1, where a missing Chromium fails them: never a pass.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CSTO_CHROMIUM") or "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
E2E_DATABASE = f"csto_e2e_{os.getpid()}"
DELEGATE = "kaz-delegate"
DELEGATE_PASSWORD = "a long e2e passphrase"  # noqa: S105  # a throwaway account on a throwaway database
DRAFT_TITLE = "On the joint exercises of 2027"
# A full-page screenshot of a long page is cut at this height, to keep the PNG small.
SCREENSHOT_MAX_HEIGHT = 1600


@dataclass
class Server:
    """The running server: its address and the records made for the tests."""

    url: str
    delegate: str
    password: str
    draft: str
    staff: str = "e2e-staff"


@dataclass
class Guard:
    """What a page did that it must not: requests to other hosts, errors on the console."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def faults(self) -> list[str]:
        """Every fault recorded, one line each."""
        return [f"request left 127.0.0.1: {url}" for url in self.blocked] + [
            f"console error: {text}" for text in self.console_errors
        ]

    def clear(self) -> None:
        """Forget what was recorded (for a test that provokes a fault on purpose)."""
        self.blocked.clear()
        self.console_errors.clear()


GUARD = pytest.StashKey[Guard]()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def _admin_sql(url: str, statement: str) -> None:
    """Run one statement on the `postgres` database of the server the URL names (autocommit)."""
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)  # type: ignore[arg-type]  # fixed statements of this module


def _csto(env: dict[str, str], *args: str) -> str:
    """Run the project's own command; fail the session with its output if it fails."""
    csto = Path(sys.executable).with_name("csto")
    done = subprocess.run([str(csto), *args], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        pytest.fail(f"csto {' '.join(args)} exited with {done.returncode}: {done.stdout}{done.stderr}")
    return done.stdout


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:  # noqa: S310  # loopback, our own server
                if reply.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"csto serve did not answer GET / with 200:\n{log.read_text(errors='replace')[-4000:]}")
        time.sleep(0.2)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`csto serve` on a fresh database with the built-in dataset, a KAZ delegate and a draft of the Council."""
    home = tmp_path_factory.mktemp("csto-home")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["CSTO_HOME"] = str(home)
    env["CSTO_ACTOR"] = "e2e-setup"
    database_url = os.environ.get("CSTO_DATABASE_URL")
    if database_url:
        _admin_sql(database_url, f"DROP DATABASE IF EXISTS {E2E_DATABASE} WITH (FORCE)")
        _admin_sql(database_url, f"CREATE DATABASE {E2E_DATABASE}")
        env["CSTO_DATABASE_URL"] = _with_database(database_url, E2E_DATABASE)
    else:
        env.pop("CSTO_DATABASE_URL", None)
    try:
        _csto(env, "init")
        _csto(
            env | {"CSTO_E2E_PASSWORD": DELEGATE_PASSWORD},
            *("user", "add", DELEGATE, "--role", "delegate", "--state", "KAZ", "--password-env", "CSTO_E2E_PASSWORD"),
        )
        _csto(
            env | {"CSTO_E2E_PASSWORD": DELEGATE_PASSWORD},
            *("user", "add", "e2e-staff", "--role", "secretariat", "--password-env", "CSTO_E2E_PASSWORD"),
        )
        draft = json.loads(_csto(env, "draft", "create", "--body", "csc", "--title", DRAFT_TITLE, "--json"))["id"]
        port = _free_port()
        log = home / "serve.log"
        with log.open("wb") as out:
            process = subprocess.Popen(  # noqa: S603  # the project's own command
                [str(Path(sys.executable).with_name("csto")), "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(f"{url}/", process, log)
            yield Server(url=url, delegate=DELEGATE, password=DELEGATE_PASSWORD, draft=draft)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        if database_url:
            _admin_sql(database_url, f"DROP DATABASE IF EXISTS {E2E_DATABASE} WITH (FORCE)")


def _browser_required() -> bool:
    """CI (and CSTO_REQUIRE_BROWSER=1) must run the browser tests: a missing browser fails them."""
    return any(os.environ.get(name, "").lower() not in ("", "0", "false") for name in ("CI", "CSTO_REQUIRE_BROWSER"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (its own browser download is not used)."""
    if not CHROMIUM.exists():
        missing = (
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium "
            "(sudo apt-get install -y chromium, or CSTO_CHROMIUM=path)"
        )
        if _browser_required():
            pytest.fail(missing)
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def guard(request: pytest.FixtureRequest) -> Guard:
    """The faults of this test's page; checked after the test (see pytest_runtest_call below)."""
    made = Guard()
    request.node.stash[GUARD] = made
    return made


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("data", "about", "blob") or parts.hostname == "127.0.0.1"


@pytest.fixture
def page(browser: Any, server: Server, guard: Guard) -> Iterator[Any]:
    """A page in a new browser context (1280x800) that may only load from 127.0.0.1."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server.url)
    context.set_default_timeout(10_000)

    def only_loopback(route: Any) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
            guard.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_loopback)
    opened = context.new_page()

    def on_console(message: Any) -> None:
        if message.type == "error":
            guard.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: guard.console_errors.append(f"uncaught: {error}"))
    yield opened
    context.close()
    faults = guard.faults()
    if faults:
        pytest.fail("the page did what it must not:\n" + "\n".join(faults))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a browser test whose page sent a request off 127.0.0.1 or logged a console error."""
    result = yield
    made = item.stash.get(GUARD, None)
    if made is not None and made.faults():
        faults = made.faults()
        made.clear()
        pytest.fail("the page did what it must not:\n" + "\n".join(faults))
    return result


@pytest.fixture
def screenshot() -> Any:
    """save(page, name): a PNG of the page in $CSTO_SCREENSHOTS (nothing when it is unset)."""
    folder = os.environ.get("CSTO_SCREENSHOTS")

    def save(page: Any, name: str) -> None:
        if not folder:
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = min(int(page.evaluate("document.documentElement.scrollHeight")), SCREENSHOT_MAX_HEIGHT)
        page.screenshot(
            path=str(Path(folder) / f"{name}.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": (page.viewport_size or VIEWPORT)["width"], "height": height},
            animations="disabled",
            caret="hide",
        )

    return save
