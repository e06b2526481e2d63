"""`make bench`: import a synthetic organization, then time three questions on three engines.

Steps: (1) generate (or reuse) the dataset folder; (2) import it through the
project's `dataset_import` in a child process, for its throughput and peak
memory; (3) ask `holders`, `members` and `snapshot` of the project's query
layer and of hand-written SQL (the floor), checking that the answers agree;
(4) load the same records into pyoxigraph and ask the same questions in
SPARQL; (5) print the tables and write them into bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import floor
import memory
import questions as qs
import report
import sparql
import synthetic
from report import log

BENCH = Path(__file__).resolve().parent


@contextlib.contextmanager
def scratch_home(prefix: str) -> Iterator[Path]:
    """A temporary CSTO_HOME for this process's Django (SQLite unless the caller names a server), removed after."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["CSTO_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "csto_registry.config.settings"
    os.environ.pop("CSTO_DATABASE_URL", None)
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def import_run(dataset: Path, home: Path) -> report.ImportResult:
    """Import `dataset` in a child process and return its wall time and the child's peak memory."""
    result = home / "import.json"
    log(f"import: {dataset} into {home / 'csto.sqlite3'} (child process)")
    command = [sys.executable, str(BENCH / "importing.py"), str(dataset), str(result)]
    child = subprocess.Popen(command)  # noqa: S603  # our own interpreter and script, no shell
    with memory.TreePeak(child.pid) as tree:
        if child.wait() != 0:
            raise SystemExit(f"the import failed (exit status {child.returncode}); see its error above")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux: the largest process
    data = json.loads(result.read_text())
    outcome = report.ImportResult(
        tenures=data["counts"]["tenures"],
        seconds=data["seconds"],
        peak_mib=peak_kib / 1024,
        tree_mib=tree.peak_kib / 1024,
    )
    log(f"import: {data['counts']} in {outcome.seconds:.1f} s")
    log(
        f"import: {outcome.rate:,.0f} tenures/s, peak {outcome.peak_mib:.0f} MiB (all processes {outcome.tree_mib:.0f})"
    )
    return outcome


def queries_run(seed: int, db_path: Path, *, samples: tuple[int, int, int]) -> tuple[list[qs.Question], str]:
    """Ask the questions of the project, the floor and SPARQL; check the answers; return them and a note."""
    import django

    django.setup()
    from csto_registry.records.revision import ANSWERS
    from csto_registry.records.selectors.memberships import membership_list_on
    from csto_registry.records.selectors.tenures import holder_list_on, holder_snapshot_on

    db = floor.connect(db_path)
    org = qs.ORGANIZATION
    sql = (
        "SELECT slug FROM records_organization WHERE dataset_id = (SELECT id FROM records_organization WHERE slug = ?)"
    )
    bodies = sorted(slug for (slug,) in db.execute(sql, (org,)))
    questions = qs.questions_draw(seed, bodies, holders=samples[0], members=samples[1], snapshots=samples[2])
    engines = {
        "project": {
            "holders": lambda body, day: holder_list_on(body=body, day=day),
            "members": lambda day: membership_list_on(day=day, organization=org, statuses=("member",)),
            "members-cold": lambda day: (
                ANSWERS.clear(),
                membership_list_on(day=day, organization=org, statuses=("member",)),
            )[1],
            "snapshot": lambda day: holder_snapshot_on(day=day, organization=org),
        },
        "floor": {
            "holders": lambda body, day: floor.holders(db, body, day),
            "members": lambda day: floor.members(db, org, day),
            "members-cold": lambda day: floor.members(db, org, day),
            "snapshot": lambda day: floor.snapshot(db, org, day),
        },
    }
    for question in questions:
        for engine, asks in engines.items():
            qs.measure(question, engine, asks[question.name], log)
        qs.answers_check(question, "floor")
        log(f"{question.name}: the floor's answers equal the project's on all {len(question.samples)} samples")
    log("sparql: loading the records into an in-memory pyoxigraph store")
    start = time.perf_counter()
    store, triples = sparql.store_load(db, log)
    note = f"SPARQL store: {triples:,} triples, loaded in {time.perf_counter() - start:,.0f} s."
    log(note)
    asks = {
        "holders": lambda body, day: sparql.holders(store, body, day),
        "members": lambda day: sparql.members(store, org, day),
        "members-cold": lambda day: sparql.members(store, org, day),
        "snapshot": lambda day: sparql.snapshot(store, org, day),
    }
    for question in questions:
        qs.measure(question, "sparql", asks[question.name], log)
        qs.answers_check(question, "sparql", citation_order=False)
        log(f"{question.name}: SPARQL's answers equal the project's on all {len(question.samples)} samples")
    db.close()
    return questions, note


def main() -> int:
    """Run the whole benchmark; return 1 if a target was missed and --strict is given, else 0.

    Answers that differ between engines always stop the run with an error.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="shrink the data (0.01 for a quick run)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the data and of the samples")
    parser.add_argument("--samples", type=int, nargs=3, default=(200, 200, 20), metavar=("HOLDERS", "MEMBERS", "SNAP"))
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md", help="where to write the tables")
    parser.add_argument("--keep-db", action="store_true", help="keep the temporary database and print its folder")
    parser.add_argument("--strict", action="store_true", help="exit with status 1 when a target is missed")
    args = parser.parse_args()

    dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
    home = Path(tempfile.mkdtemp(prefix="csto-bench-"))
    os.environ["CSTO_HOME"] = str(home)
    os.environ["DJANGO_SETTINGS_MODULE"] = "csto_registry.config.settings"
    os.environ.pop("CSTO_DATABASE_URL", None)  # always the temporary SQLite file, never another database
    try:
        imported = import_run(dataset, home)
        questions, note = queries_run(args.seed, home / "csto.sqlite3", samples=tuple(args.samples))
    finally:
        if args.keep_db:
            log(f"kept the database in {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)
    tables, passed = report.tables(imported, questions)
    wall = time.perf_counter() - report.STARTED
    sizes = synthetic.Sizes.scaled(args.scale)
    data = f"{sizes.tenures:,} tenures, {sizes.persons:,} persons, {sizes.bodies:,} bodies, {sizes.states} states"
    body = (
        f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, scale {args.scale:g}, seed {args.seed} ({data});"
        f" whole run {wall / 60:.1f} min ({wall:,.0f} s).\n\n"
        f"Machine: {report.machine()}.\n\n{tables}\n\n{note}\n"
    )
    print("\n" + body)
    report.readme_update(args.readme, body)
    log(f"wrote {args.readme}; {'every target passed' if passed else 'some targets FAILED'}")
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
