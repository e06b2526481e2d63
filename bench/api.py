"""The API under load: the project served as in production against a minimal Django floor, on loopback.

For each backend (the SQLite default, then PostgreSQL): (1) start the project with `csto serve` in a
temporary CSTO_HOME (for PostgreSQL, in a database created for the run, after `csto init`); (2) record
its answers to the benchmarked URLs; (3) start the floor (`bench/floorsite.py`: no apps, no middleware,
those exact bytes) under gunicorn with the same workers; (4) for each URL, load the project and then
the floor with the same concurrency and duration after an untimed warm-up; (5) print the table and
write it into bench/README.md between the `api` markers.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import loadgen
import report
import servers
from report import log

BENCH = Path(__file__).resolve().parent
START, END = "<!-- api:start -->", "<!-- api:end -->"
TARGET = 0.5  # the project's requests/s over the floor's must reach it, with zero errors
URLS = {"overview": "/?on=2008-01-01", "members": "/api/v1/members?at=2008-01-01"}
SECTION = """## API under load

`.venv/bin/python bench/api.py` (see its `--help`) serves the project as the README says to serve it in
production and measures two reads under a bounded, closed-loop load on loopback. The section below is
rewritten by each run.
"""


@dataclass
class Row:
    """One backend and URL: the project's and the floor's load results."""

    backend: str
    question: str
    path: str
    size: int
    project: loadgen.LoadResult
    floor: loadgen.LoadResult

    @property
    def ratio(self) -> float:
        return self.project.rate / self.floor.rate

    @property
    def passed(self) -> bool:
        return self.ratio >= TARGET and self.project.error_count == 0 and self.floor.error_count == 0


def loaded(server: servers.Server, path: str, body: bytes, args: argparse.Namespace) -> loadgen.LoadResult:
    """Warm `server` up on `path` (untimed), then load it for the measured run."""
    url = server.url(path)
    options = {"connections": args.connections, "wrk_threads": args.wrk_threads}
    loadgen.load(url, body, seconds=args.warmup, **options)
    result = loadgen.load(url, body, seconds=args.duration, **options)
    log(
        f"  {server.name}: {result.rate:,.0f} req/s, p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms,"
        f" {result.requests:,} requests, errors {result.errors_text()}"
    )
    return result


def backend_run(backend: str, home: Path, database_url: str | None, args: argparse.Namespace) -> list[Row]:
    """Serve the project on one backend and its floor, and load each URL on both."""
    home.mkdir(parents=True)
    env = servers.server_env(home, database_url)
    if database_url:
        log(f"{backend}: csto init")
        servers.project_init(env, home / "init.log")
    port = servers.free_port()
    log(f"{backend}: csto serve --port {port} --workers {args.workers} (CSTO_HOME={home})")
    rows = []
    with servers.project_server(port, args.workers, env, home / "project.log") as project:
        project.wait_ready(URLS["members"], timeout=300)
        recorded, bodies = {}, {}
        for question, path in URLS.items():
            status, content_type, body = servers.fetch(project.url(path))
            if status != 200:
                raise RuntimeError(f"{backend}: {path} answered {status}: {body[:300]!r}")
            recorded[path.split("?")[0]] = {
                "content_type": content_type,
                "body_base64": base64.b64encode(body).decode(),
            }
            bodies[question] = body
        responses = home / "floor-responses.json"
        responses.write_text(json.dumps(recorded), encoding="utf-8")
        floor_port = servers.free_port()
        with servers.floor_server(floor_port, args.workers, responses, home / "floor.log") as floor:
            floor.wait_ready(URLS["members"], timeout=60)
            for question, path in URLS.items():
                _, content_type, body = servers.fetch(floor.url(path))
                if body != bodies[question] or content_type != recorded[path.split("?")[0]]["content_type"]:
                    raise RuntimeError(f"the floor's answer to {path} differs from the project's")
            for question, path in URLS.items():
                log(f"{backend}: {path} ({len(bodies[question]):,} bytes)")
                measured = {server: loaded(server, path, bodies[question], args) for server in (project, floor)}
                rows.append(Row(backend, question, path, len(bodies[question]), measured[project], measured[floor]))
    return rows


def machine(pg_version: str | None, args: argparse.Namespace) -> str:
    """The machine, the versions and the load settings the numbers depend on."""
    client = loadgen.wrk_version() or "Python threads (http.client; wrk not installed)"
    threads = f", {args.wrk_threads} thread(s)" if loadgen.wrk_version() else ""
    return (
        f"{report.hardware()}; Python {platform.python_version()}, Django {version('django')},"
        f" gunicorn {version('gunicorn')}"
        f" ({args.workers} sync workers, access log on), SQLite {sqlite3.sqlite_version}"
        + (f", PostgreSQL {pg_version}" if pg_version else "")
        + f"; load: {client}{threads}, {args.connections} connections, {args.warmup:g} s warm-up"
        f" then {args.duration:g} s per server and URL, client and servers on the same CPUs"
    )


def table(rows: list[Row]) -> str:
    """The results as a markdown table."""
    head = [
        "backend",
        "URL",
        "bytes",
        "project req/s",
        "floor req/s",
        f"project/floor (target >= {TARGET:.0%})",
        "project p99 ms",
        "floor p99 ms",
        "errors (project / floor)",
        "result",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        cells = [
            row.backend,
            f"`{row.path}`",
            f"{row.size:,}",
            f"{row.project.rate:,.0f}",
            f"{row.floor.rate:,.0f}",
            f"{row.ratio:.0%}",
            f"{row.project.p99_ms:.1f}",
            f"{row.floor.p99_ms:.1f}",
            f"{row.project.errors_text()} / {row.floor.errors_text()}",
            "PASS" if row.passed else "**FAIL**",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    """Run the benchmark; return 1 if a target was missed and --strict is given, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432", help="a server on loopback")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers (default: CPUs)")
    parser.add_argument("--connections", type=int, default=16, help="requests in flight")
    parser.add_argument("--duration", type=float, default=20, help="seconds of measured load per server and URL")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of untimed load before each measurement")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (they share the CPUs)")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md", help="where to write the table")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="csto-api-bench-"))
    rows: list[Row] = []
    notes: list[str] = []
    pg_version = None
    try:
        for backend in args.backends:
            if backend == "sqlite":
                rows += backend_run("SQLite", scratch / "sqlite", None, args)
            elif not servers.postgres_ready(args.postgres):
                notes.append(f"PostgreSQL: no server answers at {args.postgres}; not measured.")
                log(notes[-1])
            else:
                pg_version = servers.postgres_version(args.postgres)
                name = f"csto_bench_{os.getpid()}"
                with servers.postgres_database(args.postgres, name) as url:
                    rows += backend_run("PostgreSQL", scratch / "postgresql", url, args)
                log(f"PostgreSQL: dropped database {name}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    wall = time.perf_counter() - report.STARTED
    body = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; whole run {wall / 60:.1f} min ({wall:,.0f} s).\n\n"
        f"Machine: {machine(pg_version, args)}.\n\n{table(rows)}\n" + "".join(f"\n{note}\n" for note in notes)
    )
    passed = bool(rows) and all(row.passed for row in rows)
    return report.finish(body, passed=passed, args=args, markers=(START, END), heading=SECTION, log=log)


if __name__ == "__main__":
    sys.exit(main())
