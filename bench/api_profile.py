"""Where one request's time goes: a URL through the project's WSGI application, in process, as a worker runs it.

`.venv/bin/python bench/api_profile.py '/api/v1/members?at=2008-01-01'` creates a temporary database with
the built-in dataset (or uses CSTO_DATABASE_URL with `--postgres`), calls the application the way a
gunicorn sync worker does (each request ends with Django's request_finished, which closes the database
connection unless CONN_MAX_AGE keeps it), and prints the milliseconds and SQL queries per request and
the functions with the most cumulative time (cProfile). `--conn-max-age N` tries persistent connections
without editing the settings.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def environ(url: str) -> dict[str, Any]:
    """A WSGI environ for GET `url` from 127.0.0.1, as gunicorn builds it (no cookies, no Accept-Language)."""
    parts = urlsplit(url)
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": parts.path,
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def requester(application: Callable[..., Any], url: str) -> Callable[[], int]:
    """Return a function that makes one request and returns its body's length (failing on a non-200)."""
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        statuses.append(status)

    def request() -> int:
        statuses.clear()
        result = application(environ(url), start_response)
        try:
            size = sum(len(chunk) for chunk in result)
        finally:
            result.close()  # sends request_finished, as gunicorn does
        if not statuses or not statuses[0].startswith("200"):
            raise SystemExit(f"{url}: {statuses[0] if statuses else 'no status'}")
        return size

    return request


def hot_functions(profile: cProfile.Profile, requests: int, top: int) -> str:
    """The `top` functions by cumulative time, in ms and calls per request."""
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]  # the documented table, untyped
    rows = []
    for (file, line, name), (_, calls, _, cumulative, _) in stats.items():
        where = name if file == "~" else f"{name} ({'/'.join(Path(file).parts[-3:])}:{line})"
        rows.append((cumulative / requests * 1e3, calls / requests, where))
    rows.sort(reverse=True)
    lines = [f"{'ms/request':>10}  {'calls/request':>13}  function"]
    lines += [f"{ms:10.3f}  {calls:13.1f}  {where}" for ms, calls, where in rows[:top]]
    return "\n".join(lines)


def main() -> int:
    """Profile one URL and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="a path with its query, such as '/?on=2008-01-01'")
    parser.add_argument("--requests", type=int, default=200, help="requests timed, then as many profiled")
    parser.add_argument("--top", type=int, default=30, help="functions listed")
    parser.add_argument("--postgres", action="store_true", help="use CSTO_DATABASE_URL (initialized) as it is")
    parser.add_argument("--conn-max-age", type=float, default=None, help="override the database's CONN_MAX_AGE")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="csto-api-profile-"))
    os.environ["CSTO_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "csto_registry.config.settings"
    if not args.postgres:
        os.environ.pop("CSTO_DATABASE_URL", None)
    try:
        import django

        django.setup()
        from django.db import connections

        from csto_registry.config.wsgi import application
        from csto_registry.datasets.builtin import database_ensure

        database_ensure()
        connections.close_all()
        database = connections["default"]
        if args.conn_max_age is not None:
            database.settings_dict["CONN_MAX_AGE"] = args.conn_max_age
        queries = [0]

        def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
            queries[0] += 1
            return execute(sql, params, many, context)

        request = requester(application, args.url)
        for _ in range(20):  # warm-up: imports, template loading, the OS page cache
            size = request()
        with database.execute_wrapper(count):
            queries[0] = 0
            start = time.perf_counter()
            for _ in range(args.requests):
                request()
            elapsed = time.perf_counter() - start
            per_request = queries[0] / args.requests
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.requests):
            request()
        profile.disable()
        print(
            f"{args.url} on {database.vendor} (CONN_MAX_AGE {database.settings_dict.get('CONN_MAX_AGE')}):"
            f" {size:,} bytes, {elapsed / args.requests * 1e3:.2f} ms and {per_request:g} SQL queries per request"
            f" (unprofiled, {args.requests} requests)\n"
        )
        print(hot_functions(profile, args.requests, args.top))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
