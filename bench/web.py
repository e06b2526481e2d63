"""The website's server-side render time and page weight, on the built-in data and with 1,000,000 more tenures.

Steps: (1) build two databases in temporary CSTO_HOME folders: (a) the built-in dataset (`csto init`),
(b) the same plus the synthetic organization of bench/synthetic.py (`csto import`, 1,000,000 tenures at
scale 1); (2) in a child process per database (CSTO_HOME set, so the settings pick it), GET the overview,
a body page and the states page through django.test.Client, in process: "cold" renders (the kept answers
forgotten before each request, a different day each time), "new day" renders (a different day each time,
the answers kept for the revision reused) and "kept" pages (one URL repeated, served from the page kept
for the revision); count the SQL queries of a cold render and weigh the page; (3) compare each page
between (a) and (b) on the same days; (4) print the tables and write them into bench/README.md between
the `web` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import report
import synthetic
from questions import Timing
from report import log

BENCH = Path(__file__).resolve().parent
CSTO = Path(sys.executable).with_name("csto")  # the console script installed next to this interpreter
START, END = "<!-- web:start -->", "<!-- web:end -->"
MEDIAN_TARGET, P95_TARGET = 0.050, 0.150  # seconds, cold renders with the built-in dataset
GROWTH_TARGET = 2.0  # cold median with the synthetic history over without it
FIRST, LAST = dt.date(1992, 1, 1), dt.date(2026, 6, 30)  # the days of the cold and new-day renders
KEPT_DAY = dt.date(2008, 1, 1)  # the day of the kept pages and of the page weight (as bench/api.py)
WARMUPS = 5
QUERY_SAMPLES = 20  # cold renders counted with CaptureQueriesContext, every n-th day (untimed: it has a cost)
PAGES = {"overview": "/?on={day}", "body `cmd`": "/bodies/cmd/?on={day}", "states": "/states/?on={day}"}
SYNTH_BODY = "b0001"  # a top-level body of the synthetic organization
SYNTH_PAGES = {f"body `{SYNTH_BODY}` (synth)": f"/bodies/{SYNTH_BODY}/?on={{day}}"}
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")')  # masked afresh for every request
SECTION = """## Website render time

`make bench-web` (or `.venv/bin/python bench/web.py`; `--skip-synthetic` for the built-in database alone,
`--scale 0.01 --requests 20` for a quick run) times the server-side render of the overview, a body page and
the states page: django.test.Client in process (no network; from the request to the response, middlewares,
views, queries and templates included), on two temporary databases: **built-in** (`csto init`) and
**+synthetic** (the same plus the synthetic organization of `bench/synthetic.py`, 1,000,000 tenures at scale 1,
imported with `csto import`). The site shows the CSTO by default, so the same URLs show the same facts on
both; `/bodies/b0001/` shows a body of the synthetic organization.

- **cold**: the answers kept for the revision (`records.revision.ANSWERS`) are forgotten before each
  request, and each request asks another day (evenly spread over 1992-2026), so every request renders
  and queries everything;
- **new day**: each request asks a day not asked before, with the answers kept for the revision (such
  as the list of memberships) reused: what a visitor gets on a day nobody asked yet;
- **kept**: one URL (`?on=2008-01-01`) repeated, served from the page kept for the revision
  (`web.caching`), with a fresh CSRF token.

Each kind gets 5 untimed warm-up requests; median and 95th percentile (nearest rank) over the requests.
Queries: SQL statements per cold render (CaptureQueriesContext, on 20 of the days, spread like them). Bytes: the page as
served on 2008-01-01, and gzip-compressed (level 6). Targets, on the cold renders with the built-in
dataset: median <= 50 ms and p95 <= 150 ms. "Grows with history?": on every day, the page with the
synthetic history must have the same bytes (CSRF token aside) as without it, and its cold median must
be at most 2x.

The section below is rewritten by each run.
"""


def days_spread(count: int, offset: float = 0.0) -> list[dt.date]:
    """Return `count` distinct days evenly spread over FIRST..LAST (shifted by `offset` of a step)."""
    span = (LAST - FIRST).days
    step = span / count
    days = [FIRST + dt.timedelta(days=int((i + offset) * step)) for i in range(count)]
    if len(set(days)) != count:
        raise SystemExit(f"{count} requests do not fit in distinct days over {FIRST}..{LAST}")
    return days


# --- the child: measure the pages of one database ----------------------------------------------------------


def page_measure(path: str, days: list[dt.date], warmup_days: list[dt.date]) -> dict:
    """Render `path` (a template with {day}) cold, on new days and kept; count its queries; weigh it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from csto_registry.records.revision import ANSWERS

    client = Client()

    def get(day: dt.date) -> bytes:
        response = client.get(path.format(day=day.isoformat()))
        if response.status_code != 200:
            raise SystemExit(f"{path.format(day=day)}: status {response.status_code}")
        return response.content

    def timed(day: dt.date, *, clear: bool) -> tuple[float, bytes]:
        if clear:
            ANSWERS.clear()
        start = time.perf_counter()
        body = get(day)
        return time.perf_counter() - start, body

    for day in warmup_days:  # imports, templates, the OS page cache, the connection
        timed(day, clear=True)
    cold, digests, sizes = [], [], []
    for day in days:
        seconds, body = timed(day, clear=True)
        cold.append(seconds)
        normalized = TOKEN.sub(rb"\1\2", body)
        digests.append(hashlib.sha256(normalized).hexdigest())
        sizes.append(len(body))
    queries = []
    for day in days[:: max(1, len(days) // QUERY_SAMPLES)]:  # spread over the years, as the timed days
        ANSWERS.clear()
        with CaptureQueriesContext(connection) as captured:
            get(day)
        queries.append(len(captured))
    ANSWERS.clear()
    for day in warmup_days:
        timed(day, clear=False)
    new_day = [timed(day, clear=False)[0] for day in days]
    ANSWERS.clear()
    for _ in range(WARMUPS):
        timed(KEPT_DAY, clear=False)
    hits = ANSWERS.hits
    kept, body = [], b""
    for _ in days:
        seconds, body = timed(KEPT_DAY, clear=False)
        kept.append(seconds)
    return {
        "cold": cold,
        "new_day": new_day,
        "kept": kept,
        "kept_hits": ANSWERS.hits - hits,
        "queries": queries,
        "digests": digests,
        "sizes": sizes,
        "bytes": len(body),
        "gzip": len(gzip.compress(body, compresslevel=6, mtime=0)),
    }


def child(home: Path, pages: dict[str, str], requests: int, result: Path) -> None:
    """Measure `pages` on the database in `home` and write the results as JSON to `result`."""
    os.environ["CSTO_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "csto_registry.config.settings"
    os.environ.pop("CSTO_DATABASE_URL", None)
    import django

    django.setup()
    from django.db import connection

    from csto_registry.records.models import Tenure
    from csto_registry.records.revision import revision_stamp

    if revision_stamp() is None:
        raise SystemExit("the database has no revision stamp: no page would be kept")
    days, warmup_days = days_spread(requests), days_spread(WARMUPS, offset=0.5)
    measured = {"tenures": Tenure.objects.count(), "pages": {}}
    for name, path in pages.items():
        log(f"  {name}: {path}, {requests} requests of each kind")
        measured["pages"][name] = page_measure(path, days, warmup_days)
    connection.close()
    result.write_text(json.dumps(measured))


# --- the parent: build the databases, run the children, report ---------------------------------------------


def csto(home: Path, *args: str) -> None:
    """Run the `csto` command with CSTO_HOME=home (its output goes to this terminal)."""
    subprocess.run([str(CSTO), *args], env=report.csto_environment(home), check=True)  # noqa: S603  # our own console script, no shell


def database_measure(home: Path, pages: dict[str, str], requests: int) -> dict:
    """Measure `pages` in a child process with CSTO_HOME=home; return its results."""
    result = home / "web.json"
    command = [sys.executable, __file__, "--measure", str(home), str(result), json.dumps(pages)]
    command += ["--requests", str(requests)]
    subprocess.run(command, check=True)  # noqa: S603  # our own interpreter and script, no shell
    return json.loads(result.read_text())


@dataclass
class Page:
    """One page's results on one database."""

    name: str
    path: str
    data: dict

    def timing(self, kind: str) -> Timing:
        """The times of one kind of request: cold, new_day or kept."""
        return Timing(self.data[kind])

    @property
    def passed(self) -> bool:
        """Whether the cold renders meet the targets."""
        cold = self.timing("cold")
        return cold.median <= MEDIAN_TARGET and cold.p95 <= P95_TARGET


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f}"


def _pair(timing: Timing) -> str:
    return f"{_ms(timing.median)} / {_ms(timing.p95)}"


def pages_table(pages: list[Page], *, judged: bool) -> str:
    """A database's pages as a markdown table (the targets judged only where `judged`)."""
    target = f"cold median <= {MEDIAN_TARGET * 1e3:.0f} ms, p95 <= {P95_TARGET * 1e3:.0f} ms"
    head = ["page", "cold ms (median / p95)", "new day ms", "kept ms", "queries (cold)", "bytes (gzip)", target]
    rows = []
    for page in pages:
        queries = sorted(page.data["queries"])
        count = str(queries[0]) if queries[0] == queries[-1] else f"{queries[0]}-{queries[-1]}"
        kept = _pair(page.timing("kept"))
        if page.data["kept_hits"] < len(page.data["kept"]):
            kept += f" ({page.data['kept_hits']} of {len(page.data['kept'])} kept)"
        verdict = report.verdict(page.passed) if judged else f"({'within' if page.passed else 'over'}; not judged)"
        rows.append(
            [
                f"{page.name} `{page.path.format(day='D')}`",
                _pair(page.timing("cold")),
                _pair(page.timing("new_day")),
                kept,
                count,
                f"{page.data['bytes']:,} ({page.data['gzip']:,})",
                verdict,
            ]
        )
    return report.markdown_table(head, rows)


def growth_table(builtin: list[Page], synthetic_: list[Page]) -> tuple[str, bool]:
    """Compare each page between the two databases on the same days; return the table and whether all passed."""
    rows, passed = [], True
    others = {page.name: page for page in synthetic_}
    for page in builtin:
        other = others[page.name]
        same = [a == b for a, b in zip(page.data["digests"], other.data["digests"], strict=True)]
        ratio = other.timing("cold").median / page.timing("cold").median
        ok = all(same) and ratio <= GROWTH_TARGET
        passed &= ok
        sizes = page.data["sizes"] + other.data["sizes"]
        rows.append(
            [
                page.name,
                f"{sum(same)} of {len(same)}",
                f"{min(sizes):,}-{max(sizes):,}",
                f"{_ms(page.timing('cold').median)} / {_ms(other.timing('cold').median)}",
                f"{ratio:.2f}x",
                report.verdict(ok),
            ]
        )
    head = [
        "page",
        "days with the same bytes (built-in / +synthetic)",
        "bytes over the days",
        "cold median ms (built-in / +synthetic)",
        f"ratio (<= {GROWTH_TARGET:g}x)",
        "result",
    ]
    return report.markdown_table(head, rows), passed


def main() -> int:
    """Run the benchmark; return 1 if a target was missed and --strict is given, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the synthetic data (0.01 for a quick run)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page and kind")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md", help="where to write the tables")
    parser.add_argument("--no-readme", action="store_true", help="print the tables only")
    parser.add_argument("--skip-synthetic", action="store_true", help="measure the built-in database only")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    parser.add_argument("--measure", nargs=3, metavar=("HOME", "RESULT", "PAGES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        home, result, pages = args.measure
        child(Path(home), json.loads(pages), args.requests, Path(result))
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="csto-web-bench-"))
    notes = []
    try:
        log("built-in: csto init")
        csto(scratch / "builtin", "init")
        log("built-in: measuring")
        results = {"builtin": database_measure(scratch / "builtin", PAGES, args.requests)}
        if not args.skip_synthetic:
            dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
            home = scratch / "synthetic"
            log("+synthetic: csto init")
            csto(home, "init")
            log(f"+synthetic: csto import {dataset}")
            start = time.perf_counter()
            csto(home, "import", str(dataset))
            notes.append(f"`csto import` of the synthetic dataset took {time.perf_counter() - start:,.0f} s.")
            log(notes[-1])
            log("+synthetic: measuring")
            results["synthetic"] = database_measure(home, PAGES | SYNTH_PAGES, args.requests)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    def pages_of(key: str, paths: dict[str, str]) -> list[Page]:
        return [Page(name, path, results[key]["pages"][name]) for name, path in paths.items()]

    builtin = pages_of("builtin", PAGES)
    passed = all(page.passed for page in builtin)
    tenures = results["builtin"]["tenures"]
    parts = [f"**Built-in dataset** ({tenures:,} tenures):\n\n{pages_table(builtin, judged=True)}"]
    if "synthetic" in results:
        with_synth = pages_of("synthetic", PAGES | SYNTH_PAGES)
        tenures = results["synthetic"]["tenures"]
        scale = f"scale {args.scale:g}, seed {args.seed}"
        parts.append(f"**+synthetic** (built-in + synthetic, {scale}: {tenures:,} tenures):\n\n")
        parts[-1] += pages_table(with_synth, judged=False)
        growth, grown_ok = growth_table(builtin, with_synth)
        passed &= grown_ok
        parts.append(f"**Does a page grow with the history it does not show?** (same URL and days on both)\n\n{growth}")
    wall = time.perf_counter() - report.STARTED
    machine = report.machine(("Django",))
    body = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {args.requests} requests per page and kind;"
        f" whole run {wall / 60:.1f} min ({wall:,.0f} s).\n\nMachine: {machine}.\n\n"
        + "\n\n".join(parts)
        + "".join(f"\n\n{note}" for note in notes)
        + "\n"
    )
    return report.finish(body, passed=passed, args=args, markers=(START, END), heading=SECTION, log=log)


if __name__ == "__main__":
    sys.exit(main())
