"""`make bench-changes`: what changed over a one-year window at 1,000,000 tenures, next to two snapshots.

Steps: (1) generate (or reuse) the synthetic folder and import it into a temporary SQLite database;
(2) draw one-year windows, seeded, over the years the data covers; (3) for each window ask, in turn
(alternating which goes first), the project's changes (`records.selectors.changes.changes_between`)
and the baseline the issue names, the holders' snapshots of the window's two days
(`holder_snapshot_on` twice); (4) print the table and write it into bench/README.md, with the
machine's load at the start and the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import questions as qs
import report
import run
import synthetic
from report import log

BENCH = Path(__file__).resolve().parent
MARKERS = ("<!-- bench-changes:start -->", "<!-- bench-changes:end -->")
HEADING = """## What changed (`make bench-changes`)

`.venv/bin/python bench/changes.py` (`--scale 0.1` for a quick run) imports the synthetic
organization and asks, for one-year windows drawn at random, the changes over the window and the
baseline the issue names: the holders' snapshots of the window's first and last day. Each window is
asked of both, alternating which goes first. The section below is rewritten by each run.
"""
TARGET = 3.0  # changes over a year within 3x of two snapshots' cost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data (0.1 for a quick run)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data and of the windows")
    parser.add_argument("--windows", type=int, default=15, help="one-year windows to ask")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args()

    load_start = os.getloadavg()
    dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
    with run.scratch_home("csto-bench-changes-") as home:
        run.import_run(dataset, home)
        body, passed = measure(args)
    load = report.load_note(load_start, os.getloadavg())
    sizes = synthetic.Sizes.scaled(args.scale)
    head = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, SQLite {sqlite3.sqlite_version}, scale"
        f" {args.scale:g}, seed {args.seed} ({sizes.tenures:,} tenures); {load}.\n\n"
        f"Machine: {report.machine(('Django',))}.\n\n"
    )
    return report.finish(head + body, passed=passed, args=args, markers=MARKERS, heading=HEADING, log=log)


def measure(args: argparse.Namespace) -> tuple[str, bool]:
    import django

    django.setup()
    from csto_registry.records.models import Tenure
    from csto_registry.records.selectors.changes import changes_between
    from csto_registry.records.selectors.tenures import holder_snapshot_on

    first_year = Tenure.objects.order_by("start_min").values_list("start_min", flat=True).first()
    rng = random.Random(args.seed)  # reproducible windows, not secrets
    if first_year is None:
        raise SystemExit("the synthetic organization has no tenures")
    years = list(range(first_year.year + 1, 2026))
    timings: dict[str, list[float]] = {"changes": [], "snapshots": []}
    counts: list[int] = []

    def changes(window: tuple[dt.date, dt.date]) -> Any:
        found = changes_between(start=window[0], end=window[1], organization="synth")
        counts.append(len(found["changes"]))
        return found

    def snapshots(window: tuple[dt.date, dt.date]) -> Any:
        return [holder_snapshot_on(day=day, organization="synth") for day in window]

    engines = {"changes": changes, "snapshots": snapshots}
    for index in range(args.windows):
        start = dt.date(rng.choice(years), rng.randint(1, 12), rng.randint(1, 28))
        window = (start, start.replace(year=start.year + 1))
        order = ["changes", "snapshots"] if index % 2 == 0 else ["snapshots", "changes"]
        for name in order:
            began = time.perf_counter()
            engines[name](window)
            timings[name].append(time.perf_counter() - began)
        log(f"window {window[0]}..{window[1]}: {counts[-1]:,} changes")
    project, baseline = qs.Timing(timings["changes"]), qs.Timing(timings["snapshots"])
    ratio = project.median / baseline.median
    passed = ratio <= TARGET
    rows = [
        [
            "changes over one year / two snapshots (median)",
            f"{ratio:.2f}x",
            f"<= {TARGET:g}x",
            report.verdict(passed),
        ],
    ]
    detail = report.markdown_table(
        ["question", "median ms", "p95 ms", "windows"],
        [
            ["changes over one year", f"{project.median * 1e3:.0f}", f"{project.p95 * 1e3:.0f}", str(args.windows)],
            [
                "two holders' snapshots (baseline)",
                f"{baseline.median * 1e3:.0f}",
                f"{baseline.p95 * 1e3:.0f}",
                str(args.windows),
            ],
        ],
    )
    listed = f"Changes listed per window: median {sorted(counts)[len(counts) // 2]:,}, most {max(counts):,}.\n"
    body = report.markdown_table(["measure", "result", "target", ""], rows) + "\n\n" + detail + "\n\n" + listed
    return body, passed


if __name__ == "__main__":
    sys.exit(main())
