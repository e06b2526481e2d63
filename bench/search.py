"""`make bench-search`: full-text search at 1,000,000 tenures, next to a hand-written FTS query (the floor).

Steps: (1) generate (or reuse) the synthetic folder and import it into a temporary SQLite database
(or, with --postgres, into a fresh PostgreSQL database), its search index included; (2) draw new
terms, seeded: starts of persons' names in Latin and Cyrillic letters, whole names, and words that
match nothing; (3) ask each term once of the project's selector and once of the floor (the same
SQL written by hand, on a plain sqlite3 or psycopg connection), alternating which goes first, and
check that both return the same records in the same order; (4) ask other new terms of the API and
of the site through Django's test client (the server's whole work for a request, no network), with
the peak of Python's allocations for each request (tracemalloc); (5) print the tables and write
them into bench/README.md, with the machine's load at the start and the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import questions as qs
import report
import run
import synthetic
from report import log

BENCH = Path(__file__).resolve().parent
MARKERS = ("<!-- bench-search:start -->", "<!-- bench-search:end -->")
MARKERS_POSTGRES = ("<!-- bench-search-postgresql:start -->", "<!-- bench-search-postgresql:end -->")
HEADING = """## Search (`make bench-search`)

`.venv/bin/python bench/search.py` (`--scale 0.1` for a quick run, `--postgres URL` for PostgreSQL)
imports the synthetic organization and asks new terms of the search: each term once, of the
project's selector and of the floor (the same full-text query written by hand on a plain
connection), alternating, with the answers checked equal; then other new terms of the API and the
site in process (Django's test client), each request's peak of Python allocations measured with
tracemalloc. The section below is rewritten by each run.
"""
LIMIT = 50
SQLITE_FLOOR = """
    SELECT e.kind, e.key FROM records_searchtext JOIN records_searchentry e ON e.id = records_searchtext.rowid
    WHERE records_searchtext MATCH ? AND e.access IN ('public')
    ORDER BY bm25(records_searchtext, 10.0, 1.0), e.id LIMIT 50
"""
POSTGRES_FLOOR = """
    SELECT e.kind, e.key FROM records_searchentry e WHERE e.document @@ %s::tsquery AND e.access IN ('public')
    ORDER BY ts_rank(e.document, %s::tsquery, 0) DESC, e.id LIMIT 50
"""


def terms_draw(rng: random.Random, names: list[tuple[str, str]], count: int) -> list[str]:
    """`count` distinct new terms: starts of names (3-6 letters), whole names, and words found nowhere."""
    terms: set[str] = set()
    while len(terms) < count:
        latin, cyrillic = rng.choice(names)
        roll = rng.random()
        if roll < 0.1:
            terms.add("zq" + "".join(rng.choice("bcdfghjkmnpqrstvwxz") for _ in range(5)))  # no such word
        elif roll < 0.3:
            terms.add(latin.split()[0].lower())
        else:
            word = (cyrillic if roll < 0.55 else latin).split()[0]
            terms.add(word[: rng.randint(3, min(6, len(word)))].lower())
    return sorted(terms, key=lambda _: rng.random())


def _median_ms(seconds: list[float]) -> float:
    return qs.Timing(seconds).median * 1e3


def _p95_ms(seconds: list[float]) -> float:
    return qs.Timing(seconds).p95 * 1e3  # nearest rank, as make bench reports it


def selector_vs_floor(terms: list[str], floor: Any, rng: random.Random) -> dict[str, list[float]]:
    """Ask every term of the selector and the floor, in a random order per term; check their answers agree."""
    from csto_registry.records.selectors.search import search

    timings: dict[str, list[float]] = {"project": [], "floor": []}
    engines = {
        "project": lambda term: [(r["kind"], r["id"]) for r in search(query=term, levels=("public",), limit=LIMIT)],
        "floor": floor,
    }
    for index, term in enumerate(terms, 1):
        answers = {}
        for engine in rng.sample(list(engines), 2):
            start = time.perf_counter()
            answers[engine] = engines[engine](term)
            timings[engine].append(time.perf_counter() - start)
        if answers["project"] != answers["floor"]:
            raise SystemExit(f"the answers differ for {term!r}: {answers}")
        if index % max(1, len(terms) // 4) == 0:
            log(f"selector: {index}/{len(terms)} terms, median {_median_ms(timings['project']):.2f} ms")
    return timings


def requests_timed(terms: list[str], path: str) -> tuple[list[float], list[float], int]:
    """Ask each term of `path` (the API's or the site's search) in process; seconds, peak MiB, hits."""
    from django.test import Client

    client = Client()
    seconds, peaks, hits = [], [], 0
    for term in terms:
        tracemalloc.start()
        start = time.perf_counter()
        response = client.get(path, {"q": term})
        seconds.append(time.perf_counter() - start)
        peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
        tracemalloc.stop()
        if response.status_code != 200:
            raise SystemExit(f"{path}?q={term} answered {response.status_code}")
        hits += b'"kind"' in response.content or b'class="search-group"' in response.content
    return seconds, peaks, hits


def _postgres_prepare(server: str, dataset: Path) -> str:
    """A fresh database on `server` with `dataset` imported; its URL."""
    import psycopg

    name = "csto_bench_search"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    url = server.rsplit("/", 1)[0] + "/" + name
    env = {**os.environ, "CSTO_DATABASE_URL": url}
    log(f"import: {dataset} into {url}")
    start = time.perf_counter()
    result = Path(tempfile.mkdtemp()) / "import.json"
    command = [sys.executable, str(BENCH / "importing.py"), str(dataset), str(result)]
    subprocess.run(command, env=env, check=True)  # noqa: S603  # our own interpreter and script
    log(f"import: done in {time.perf_counter() - start:.0f} s")
    return url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data (0.1 for a quick run)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data and of the terms")
    parser.add_argument("--terms", type=int, default=200, help="new terms for the selector and the floor")
    parser.add_argument("--requests", type=int, default=100, help="new terms for each of the API and the site")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server (a database on it is made afresh)")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md")
    parser.add_argument("--no-readme", action="store_true", help="print the tables only")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args()

    load_start = os.getloadavg()
    dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
    with run.scratch_home("csto-bench-search-") as home:
        if args.postgres:
            url = _postgres_prepare(args.postgres, dataset)
            os.environ["CSTO_DATABASE_URL"] = url
            imported = None
        else:
            imported = run.import_run(dataset, home)
        body, passed = measure(args, imported)
    load = report.load_note(load_start, os.getloadavg())
    sizes = synthetic.Sizes.scaled(args.scale)
    data = f"{sizes.tenures:,} tenures, {sizes.persons:,} persons"
    database = "PostgreSQL" if args.postgres else f"SQLite {sqlite3.sqlite_version}"
    head = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {database}, scale {args.scale:g}, seed {args.seed}"
        f" ({data}); {load}.\n\nMachine: {report.machine(('Django',))}.\n\n"
    )
    markers = MARKERS_POSTGRES if args.postgres else MARKERS
    heading = "### The same on PostgreSQL\n" if args.postgres else HEADING
    return report.finish(head + body, passed=passed, args=args, markers=markers, heading=heading, log=log)


def measure(args: argparse.Namespace, imported: Any) -> tuple[str, bool]:
    import django

    django.setup()
    from django.db import connection

    from csto_registry.records.models import Person, SearchEntry

    rng = random.Random(args.seed)
    names = [(n.get("en", ""), n.get("ru") or n.get("en", "")) for n in Person.objects.values_list("name", flat=True)]
    entries = SearchEntry.objects.count()
    terms = terms_draw(rng, names, args.terms + 2 * args.requests)
    chosen, api_terms, site_terms = (
        terms[: args.terms],
        terms[args.terms : args.terms + args.requests],
        terms[args.terms + args.requests :],
    )
    if connection.vendor == "postgresql":
        import psycopg

        plain = psycopg.connect(os.environ["CSTO_DATABASE_URL"], autocommit=True)

        def floor(term: str) -> list[tuple[str, str]]:
            query = f"'{term}':*"
            return [tuple(row) for row in plain.execute(POSTGRES_FLOOR, (query, query)).fetchall()]

    else:
        plain = sqlite3.connect(Path(os.environ["CSTO_HOME"]) / "csto.sqlite3")
        plain.execute("PRAGMA cache_size=-65536")  # the page cache the project's connections have (config/env.py)

        def floor(term: str) -> list[tuple[str, str]]:
            return plain.execute(SQLITE_FLOOR, (f'"{term}"*',)).fetchall()

    from csto_registry.records.search_index import words

    timings = selector_vs_floor([words(t) for t in chosen], floor, rng)
    api, api_peaks, api_hits = requests_timed(api_terms, "/api/v1/search")
    site, site_peaks, site_hits = requests_timed(site_terms, "/search/")
    plain.close()
    project, floor_ms = _median_ms(timings["project"]), _median_ms(timings["floor"])
    ratio = project / floor_ms
    rows = [
        ["selector / floor (median)", f"{ratio:.2f}x", "<= 2x", report.verdict(ratio <= 2)],
        [
            "API, a new term (median / p95)",
            f"{_median_ms(api):.1f} / {_p95_ms(api):.1f} ms",
            "< 50 ms",
            report.verdict(_median_ms(api) < 50),
        ],
        [
            "site page, a new term (median / p95)",
            f"{_median_ms(site):.1f} / {_p95_ms(site):.1f} ms",
            "< 50 ms",
            report.verdict(_median_ms(site) < 50),
        ],
        [
            "memory per request (largest peak, API / site)",
            f"{max(api_peaks):.1f} / {max(site_peaks):.1f} MiB",
            "< 20 MiB",
            report.verdict(max(api_peaks + site_peaks) < 20),
        ],
    ]
    passed = ratio <= 2 and _median_ms(api) < 50 and _median_ms(site) < 50 and max(api_peaks + site_peaks) < 20
    detail = report.markdown_table(
        ["engine", "median ms", "p95 ms", "terms"],
        [
            [
                "project (`records.selectors.search.search`)",
                f"{project:.2f}",
                f"{_p95_ms(timings['project']):.2f}",
                str(len(chosen)),
            ],
            ["floor (hand-written query)", f"{floor_ms:.2f}", f"{_p95_ms(timings['floor']):.2f}", str(len(chosen))],
        ],
    )
    indexed = f"{entries:,} entries in the index"
    if imported is not None:
        indexed += f"; the import, index included: {imported.rate:,.0f} tenures/s, peak {imported.peak_mib:.0f} MiB"
    body = (
        report.markdown_table(["measure", "measured", "target", "result"], rows)
        + f"\n\n{detail}\n\n{indexed}. Terms with results: API {api_hits} of {len(api_terms)},"
        f" site {site_hits} of {len(site_terms)}.\n"
    )
    return body, passed


if __name__ == "__main__":
    sys.exit(main())
