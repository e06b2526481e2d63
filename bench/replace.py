"""Replacing an organization: import a large synthetic dataset, then a small one in its place, on each database.

`python bench/replace.py [--big 0.1] [--small 0.01] [--postgres URL]` imports the
synthetic organization at scale BIG (0.1: 100,000 tenures) into a fresh database,
then times the import of the same organization at scale SMALL, which deletes
everything of the first and writes the second in one transaction. Meanwhile a
writer in another process changes a record once a second (a service write, in
its own transaction) and the table reports the longest it waited. It runs on a
temporary embedded SQLite database and, with --postgres (a server URL whose
user may create databases), on a fresh PostgreSQL database that it drops after.

Each step runs in a child process (`--child`) so the databases and settings
never mix. The machine's load average is printed before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import synthetic

BENCH = Path(__file__).resolve().parent


def child(step: str, dataset: str) -> None:
    """Run one step in this process, with the database of the environment; print a JSON line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csto_registry.config.settings")
    import django

    django.setup()
    from csto_registry.datasets.builtin import database_migrate
    from csto_registry.datasets.importer import dataset_import

    if step == "import":
        database_migrate()
        start = time.perf_counter()
        report = dataset_import(Path(dataset))
        print(json.dumps({"seconds": time.perf_counter() - start, "tenures": report.counts["tenures"]}), flush=True)
        return
    # step == "writer": change one record a second until stdin closes, reporting each write's wait.
    import select

    from django.db import DatabaseError

    from csto_registry.records.models import State

    waits: list[float] = []
    failed: list[str] = []
    while not select.select([sys.stdin], [], [], 1.0)[0]:
        start = time.perf_counter()
        try:
            state = State.objects.order_by("code").first()
            if state is not None:
                state.save()
        except DatabaseError as error:  # refused as busy after the lock timeout, or worse: counted, not fatal
            failed.append(str(error).splitlines()[0][:80])
        waits.append(time.perf_counter() - start)
    summary = {"writes": len(waits), "longest": max(waits, default=0.0), "failed": len(failed), "errors": failed[:3]}
    print(json.dumps(summary), flush=True)


def run_child(env: dict[str, str], step: str, dataset: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", step, str(dataset)]
    done = subprocess.run(command, env=env, check=False, capture_output=True, text=True)  # noqa: S603  # our own script
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or ["no message"])[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def measure(name: str, env: dict[str, str], big: Path, small: Path) -> dict[str, object]:
    first = run_child(env, "import", big)
    writer = subprocess.Popen(  # noqa: S603  # our own script
        [sys.executable, __file__, "--child", "writer", str(small)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(2)  # the writer has started and written at least once
    second = run_child(env, "import", small)
    out, _ = writer.communicate("", timeout=120)
    writes = json.loads(out.strip().splitlines()[-1])
    return {"database": name, "first": first, "replace": second, "writer": writes}


def measure_postgres(server: str, base: dict[str, str], big: Path, small: Path) -> dict[str, object]:
    """Measure on a fresh database of the server, dropped after."""
    import psycopg

    name = f"csto_replace_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = server.rsplit("/", 1)[0] + "/" + name
        return measure("PostgreSQL", {**base, "CSTO_DATABASE_URL": url}, big, small)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=float, default=0.1)
    parser.add_argument("--small", type=float, default=0.01)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (postgresql://user@host:port/db)")
    parser.add_argument("--baseline", type=Path, help="also run the project's code in this src folder (a checkout's)")
    parser.add_argument("--child", nargs=2, metavar=("STEP", "DATASET"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0
    big = synthetic.dataset_ensure(1, args.big)
    small = synthetic.dataset_ensure(1, args.small)
    print(f"load average before: {os.getloadavg()}")
    clean = {k: v for k, v in os.environ.items() if k not in ("CSTO_DATABASE_URL", "CSTO_HOME", "PYTHONPATH")}
    codes = [("this checkout", clean)]
    if args.baseline:
        codes.append((f"baseline {args.baseline}", {**clean, "PYTHONPATH": str(args.baseline.resolve())}))
    results = []
    for code, base in codes:
        with tempfile.TemporaryDirectory(prefix="csto-replace-") as home:
            results.append((code, measure("SQLite", {**base, "CSTO_HOME": home}, big, small)))
        if args.postgres:
            results.append((code, measure_postgres(args.postgres, base, big, small)))
    print(f"load average after: {os.getloadavg()}")
    columns = ["code", "database", "first import", "replace (tenures)", "replace", "writes meanwhile (failed)"]
    print("| " + " | ".join([*columns, "longest write wait"]) + " |")
    print("|---|---|---|---|---|---|---|")
    for code, r in results:
        first, second, writer = r["first"], r["replace"], r["writer"]  # type: ignore[index]
        replaced = (
            f"{second['tenures']:,} | {second['seconds']:.1f} s"
            if "failed" not in second
            else f"failed | {second['failed']}"
        )
        print(
            f"| {code} | {r['database']} | {first['tenures']:,} in {first['seconds']:.1f} s | {replaced} |"
            f" {writer['writes']} ({writer['failed']}) | {writer['longest']:.1f} s |"
        )
        if writer["errors"]:
            print(f"  ({code}, {r['database']}) first write errors: {writer['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
