"""The servers of `bench/api.py`, all on loopback: the project as `csto serve` runs it, the floor, PostgreSQL.

Each server is a child process with its output in a log file; it is stopped by its own process id
(SIGTERM to the gunicorn master, which stops its workers). The PostgreSQL database is created for the
run and dropped afterwards.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
CSTO = Path(sys.executable).with_name("csto")  # the console script installed next to this interpreter
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str, bytes]:
    """GET `url`: its status, content type and body (an HTTP error status is returned, not raised)."""
    if urlsplit(url).hostname not in LOOPBACK:
        raise ValueError(f"{url}: the benchmark only talks to loopback")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310  # http on loopback
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


class Server:
    """A server child process, its port and its log; a context manager that stops it on exit."""

    def __init__(self, name: str, command: list[str], port: int, env: dict[str, str], log: Path) -> None:
        self.name, self.port, self.log = name, port, log
        with log.open("ab") as sink:
            self.process = subprocess.Popen(  # noqa: S603  # our own interpreter and scripts, no shell
                command, env=env, stdout=sink, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def wait_ready(self, path: str, timeout: float) -> None:
        """Wait until `path` answers 200 (the first start of the project also creates its database)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with status {self.process.returncode}:\n{self.log_tail()}")
            try:
                if fetch(self.url(path), timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} was not ready after {timeout:g} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to our own child (the gunicorn master), then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def server_env(home: Path, database_url: str | None) -> dict[str, str]:
    """The project's environment: a temporary CSTO_HOME, production settings, SQLite unless a URL is given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTO_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"CSTO_HOME": str(home), "CSTO_DEBUG": "0", "CSTO_ACTOR": "bench"})
    if database_url:
        env["CSTO_DATABASE_URL"] = database_url
    return env


def project_init(env: dict[str, str], log: Path) -> None:
    """`csto init`: create the database and load the built-in dataset."""
    with log.open("ab") as sink:
        subprocess.run([str(CSTO), "init"], env=env, stdout=sink, stderr=subprocess.STDOUT, check=True)  # noqa: S603


def project_server(port: int, workers: int, env: dict[str, str], log: Path) -> Server:
    """`csto serve`: gunicorn with the project's WSGI application, as the README says to serve it."""
    command = [str(CSTO), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return Server("the project (csto serve)", command, port, env, log)


def floor_server(port: int, workers: int, responses: Path, log: Path) -> Server:
    """The floor site under gunicorn, with the arguments `csto serve` gives it (access log included).

    Only its control socket is moved next to its log, so that it does not take the path of the project's
    (gunicorn's default, ~/.gunicorn/gunicorn.ctl).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSTO_") and k != "DJANGO_SETTINGS_MODULE"}
    env["CSTO_FLOOR_RESPONSES"] = str(responses)
    command = [sys.executable, "-m", "gunicorn", "floorsite:application", "--chdir", str(BENCH)]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-"]
    command += ["--control-socket", str(log.with_suffix(".ctl"))]
    return Server("the floor (bench/floorsite.py)", command, port, env, log)


def _pg_args(server_url: str) -> list[str]:
    parts = urlsplit(server_url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"{server_url}: the benchmark only uses a PostgreSQL server on loopback")
    return ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]


def postgres_ready(server_url: str) -> bool:
    """Whether the PostgreSQL server answers (pg_isready)."""
    try:
        run = subprocess.run(["pg_isready", *_pg_args(server_url)], capture_output=True, check=False)  # noqa: S603, S607
    except FileNotFoundError:
        return False
    return run.returncode == 0


def postgres_version(server_url: str) -> str:
    """The server's version, such as `15.20`."""
    command = ["psql", *_pg_args(server_url), "-d", "postgres", "-tAc", "SHOW server_version"]
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    return run.stdout.strip().split()[0] if run.returncode == 0 and run.stdout.strip() else "?"


@contextmanager
def postgres_database(server_url: str, name: str) -> Iterator[str]:
    """Create database `name` for the run and yield its URL; drop it afterwards, even on failure."""
    args = _pg_args(server_url)
    subprocess.run(["createdb", *args, name], check=True)  # noqa: S603, S607
    try:
        yield f"{server_url.rstrip('/')}/{name}"
    finally:
        subprocess.run(["dropdb", *args, "--if-exists", "--force", name], check=False)  # noqa: S603, S607
