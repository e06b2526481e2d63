"""`make bench-history`: the record's history at 1,000,000 tenures: reads as recorded, and what a revision keeps.

Steps: (1) generate (or reuse) the synthetic folder and import it into a temporary SQLite database (a child
process, timed); (2) import the same folder again (a second revision: it should keep no history row) and
count the history's rows after each; (3) change one tenure through the ORM (a third revision) and count
again; (4) ask, for seeded days and bodies, the holders and the members questions of `make bench` at the
current revision and as recorded at the first revision (`records.history.records_as_recorded`), alternating
which goes first; (5) print the table and write it into bench/README.md, with the machine's load at the
start and the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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
MARKERS = ("<!-- bench-history:start -->", "<!-- bench-history:end -->")
HEADING = """## The record's history (`make bench-history`)

`.venv/bin/python bench/history.py` (`--scale 0.1` for a quick run) imports the synthetic organization,
imports it again unchanged, changes one tenure, and counts the history's rows after each revision; then it
asks the holders and members questions of `make bench` on the current revision and as recorded at the
first one, alternating which goes first, each with the cache of answers emptied (as `members-cold`), so
that both are the work of the question. The section below is rewritten by each run.
"""
TARGET = 3.0  # a question as recorded within 3x of the same question on the current revision


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data (0.1 for a quick run)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data and of the questions")
    parser.add_argument("--samples", type=int, default=40, help="questions of each kind")
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args()

    load_start = os.getloadavg()
    dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
    with run.scratch_home("csto-bench-history-") as home:
        first = run.import_run(dataset, home)
        rows_first = history_rows(home)
        began = time.perf_counter()
        again = run.import_run(dataset, home)
        rows_again = history_rows(home)
        added = rows_again["history"] - rows_first["history"]
        log(f"second import of the same folder: {time.perf_counter() - began:.1f} s, {added} history rows")
        body, passed = measure(args, home, first, again, rows_first, rows_again)
    load = report.load_note(load_start, os.getloadavg())
    sizes = synthetic.Sizes.scaled(args.scale)
    head = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, SQLite {sqlite3.sqlite_version}, scale"
        f" {args.scale:g}, seed {args.seed} ({sizes.tenures:,} tenures); {load}.\n\n"
        f"Machine: {report.machine(('Django',))}.\n\n"
    )
    return report.finish(head + body, passed=passed, args=args, markers=MARKERS, heading=HEADING, log=log)


def history_rows(home: Path) -> dict[str, int]:
    """The rows of every history table and of every table of the record, read with plain sqlite3."""
    with sqlite3.connect(home / "csto.sqlite3") as db:
        names = [
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%__history'")
        ]
        kept = sum(db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names)
        current = sum(
            db.execute(f'SELECT COUNT(*) FROM "{name.removesuffix("__history")}"').fetchone()[0] for name in names
        )
    return {"history": kept, "current": current}


def measure(
    args: argparse.Namespace,
    home: Path,
    first: report.ImportResult,
    again: report.ImportResult,
    rows_first: dict[str, int],
    rows_again: dict[str, int],
) -> tuple[str, bool]:
    import django

    django.setup()
    from django.db import transaction

    from csto_registry.records.history import records_as_recorded
    from csto_registry.records.models import Organization, Tenure
    from csto_registry.records.revision import ANSWERS, revision_bump, revision_number
    from csto_registry.records.selectors.memberships import membership_list_on
    from csto_registry.records.selectors.tenures import holder_list_on

    recorded_at = revision_number()  # the second import's revision: the same record as the first's
    if recorded_at is None:
        raise SystemExit("the imports made no revision")
    with transaction.atomic():
        revision_bump()
        tenure = Tenure.objects.order_by("pk").first()
        if tenure is None:
            raise SystemExit("the synthetic organization has no tenures")
        tenure.note = "changed by bench/history.py"
        tenure.save()
    rows_changed = history_rows(home)

    bodies = list(
        Organization.objects.filter(dataset__slug=qs.ORGANIZATION).order_by("slug").values_list("slug", flat=True)
    )
    drawn = {
        q.name: q for q in qs.questions_draw(args.seed, bodies, holders=args.samples, members=args.samples, snapshots=1)
    }
    asks: dict[str, Any] = {
        "holders": lambda body, day: holder_list_on(body=body, day=day),
        "members": lambda day: membership_list_on(day=day, organization=qs.ORGANIZATION, statuses=("member",)),
    }
    timings: dict[tuple[str, str], list[float]] = {}
    for name in ("holders", "members"):
        for index, sample in enumerate(drawn[name].samples):
            order = ["current", "recorded"] if index % 2 == 0 else ["recorded", "current"]
            for how in order:
                ANSWERS.clear()  # both cold: the work of the question, not the revision's cache of answers
                began = time.perf_counter()
                if how == "current":
                    asks[name](*sample)
                else:
                    with records_as_recorded(recorded_at):
                        asks[name](*sample)
                timings.setdefault((name, how), []).append(time.perf_counter() - began)
    rows = []
    passed = True
    for name in ("holders", "members"):
        current, recorded = qs.Timing(timings[(name, "current")]), qs.Timing(timings[(name, "recorded")])
        ratio = recorded.median / current.median
        passed &= ratio <= TARGET
        rows.append(
            [
                f"{name}: as recorded / current (median)",
                f"{ratio:.2f}x ({recorded.median * 1e3:.1f} ms / {current.median * 1e3:.1f} ms)",
                f"<= {TARGET:g}x",
                report.verdict(ratio <= TARGET),
            ]
        )
    unchanged = rows_again["history"] - rows_first["history"]
    changed = rows_changed["history"] - rows_again["history"]
    passed &= unchanged == 0 and 0 < changed < 20
    rows += [
        [
            "history rows added by importing the same dataset again",
            f"{unchanged:,}",
            "0",
            report.verdict(unchanged == 0),
        ],
        ["history rows added by changing one tenure", f"{changed:,}", "a few", report.verdict(0 < changed < 20)],
    ]

    def line(after: str, rows: dict[str, int], run: report.ImportResult | None) -> list[str]:
        timing = [f"{run.seconds:.1f}", f"{run.peak_mib:.0f}"] if run else ["", ""]
        return [after, f"{rows['current']:,}", f"{rows['history']:,}", *timing]

    storage = report.markdown_table(
        ["after", "rows of the record", "rows of its history", "import s", "import peak MiB"],
        [
            line("first import", rows_first, first),
            line("the same dataset again", rows_again, again),
            line("one tenure changed", rows_changed, None),
        ],
    )
    body = report.markdown_table(["measure", "result", "target", ""], rows) + "\n\n" + storage + "\n"
    return body, passed


if __name__ == "__main__":
    sys.exit(main())
