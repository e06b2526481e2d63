"""The import step of the benchmark, run in a child process so that its peak memory is its own.

`python bench/importing.py DATASET RESULT.json` creates the tables in the
database that CSTO_HOME names, imports DATASET through the project's
`dataset_import` with a Rich progress bar (or a line per file where no
terminal watches), and writes the import call's wall time and counts as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


def main(dataset: Path, result: Path) -> None:
    """Import `dataset` into a fresh database and write {"seconds", "counts", "files"} to `result`."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csto_registry.config.settings")
    import django

    django.setup()
    from csto_registry.datasets.builtin import database_migrate
    from csto_registry.datasets.importer import dataset_files, dataset_import

    database_migrate()
    files = dataset_files(dataset)
    total = sum(f.stat().st_size for f in files)
    console = Console(stderr=True)
    columns = (
        TextColumn("import"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    done = {"bytes": 0, "files": 0, "shown": 0}
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("import", total=total)
        start = time.perf_counter()

        def advance(size: int) -> None:
            progress.advance(task, size)
            done["bytes"] += size
            done["files"] += 1
            # Where no terminal shows the bar (a log), a line at every tenth of the bytes.
            if not console.is_terminal and (done["bytes"] * 10 // total > done["shown"] or done["files"] == len(files)):
                done["shown"] = done["bytes"] * 10 // total
                elapsed = time.perf_counter() - start
                print(
                    f"import: file {done['files']}/{len(files)}, {done['bytes'] / 2**20:.0f}/{total / 2**20:.0f} MiB"
                    f" read, {elapsed:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )

        report = dataset_import(dataset, progress=advance)
        seconds = time.perf_counter() - start
    result.write_text(json.dumps({"seconds": seconds, "counts": dict(report.counts), "files": report.files}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
