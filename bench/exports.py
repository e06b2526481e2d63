"""Time and memory of the standard exports (Popolo, W3C ORG, CSV) against the YAML export, in the same run.

Steps: (1) build a database in a temporary CSTO_HOME: the built-in dataset (`csto init`) plus the synthetic
organization of bench/synthetic.py (`csto import`; 100,000 tenures at the default --scale 0.1); (2) for each
organization (csto, the built-in one; synth, the synthetic one) and each format, run `csto export` as its own
process, --runs times, alternating the formats, and take the median wall time and the largest peak resident
memory (the child's ru_maxrss from wait4) and the bytes written; (3) compare each format with the YAML export
of the same organization in the same run (the baseline: the export the registry had before); (4) print the
table and write it into bench/README.md between the `exports` markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report
import synthetic
from report import log

BENCH = Path(__file__).resolve().parent
CSTO = Path(sys.executable).with_name("csto")
START, END = "<!-- exports:start -->", "<!-- exports:end -->"
FORMATS = ("yaml", "popolo", "csv", "turtle", "jsonld")
YAML_OVER_CSV = 1.5
PEAK_MIB = 600
SECTION = """## Standard exports

`.venv/bin/python bench/exports.py` (`make bench-exports`; `--scale 1` for the 1,000,000-tenure dataset,
`--runs` for more samples) times `csto export FILE --format F` for each format as its own process, on one
temporary SQLite database holding the built-in CSTO dataset and the synthetic organization of
`bench/synthetic.py` (`--scale 0.1`: 100,000 tenures). Each row is the median wall time of the runs (the
formats alternate, so a busy moment of the shared machine falls on all of them), the largest peak resident
memory of the process (ru_maxrss) and the size of what was written (for CSV, the seven tables together). The
baseline is the YAML export of the same organization, measured in the same run: "x YAML" is the time over the
YAML export's. The process's start-up (Python, Django, the settings: the same for every format) is included.

The section below is rewritten by each run.
"""


def csto(home: Path, *args: str) -> None:
    subprocess.run([str(CSTO), *args], env=report.csto_environment(home), check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def export_once(home: Path, org: str, fmt: str, target: Path) -> tuple[float, int, int]:
    """Run one export; return its wall seconds, peak resident KiB and bytes written."""
    if target.is_dir():
        shutil.rmtree(target)
    target.unlink(missing_ok=True)
    command = [str(CSTO), "export", str(target), "--org", org, "--format", fmt]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=report.csto_environment(home), stdout=subprocess.DEVNULL)  # noqa: S603
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"csto export --format {fmt} --org {org} failed with {child.returncode}")
    size = sum(p.stat().st_size for p in target.iterdir()) if target.is_dir() else target.stat().st_size
    return seconds, usage.ru_maxrss, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="synthetic dataset scale (1 = 1,000,000 tenures)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats (yaml and csv always)")
    args = parser.parse_args()
    formats = [f for f in FORMATS if f in {"yaml", "csv", *args.formats.split(",")}]
    load_start = os.getloadavg()

    dataset = synthetic.dataset_ensure(args.seed, args.scale, log)
    with tempfile.TemporaryDirectory(prefix="csto-bench-exports-") as folder:
        home = Path(folder) / "home"
        log("building the database: csto init, then csto import of the synthetic dataset")
        csto(home, "init")
        csto(home, "import", str(dataset))
        samples: dict[tuple[str, str], list[tuple[float, int, int]]] = {}
        for run in range(args.runs):
            for org in ("csto", "synth"):
                for fmt in formats:
                    target = Path(folder) / f"{org}-{fmt}"
                    samples.setdefault((org, fmt), []).append(export_once(home, org, fmt, target))
                    log(f"run {run + 1}/{args.runs}: {org} {fmt}: {samples[(org, fmt)][-1][0]:.2f} s")
    rows = []
    for org in ("csto", "synth"):
        baseline = statistics.median(s[0] for s in samples[(org, "yaml")])
        for fmt in formats:
            runs = samples[(org, fmt)]
            seconds = statistics.median(s[0] for s in runs)
            rss = max(s[1] for s in runs) / 1024
            size = runs[-1][2] / 1024 / 1024
            ratio = seconds / baseline
            rows.append([org, fmt, f"{seconds:.2f} s", f"{ratio:.2f}x", f"{rss:.0f} MiB", f"{size:.1f} MiB"])
    head = ["organization", "format", "median time", "x YAML", "peak memory", "written"]
    yaml_over_csv = statistics.median(s[0] for s in samples[("synth", "yaml")]) / statistics.median(
        s[0] for s in samples[("synth", "csv")]
    )
    peak = max(s[1] for (org, _), runs in samples.items() if org == "synth" for s in runs) / 1024
    passed = yaml_over_csv <= YAML_OVER_CSV and peak < PEAK_MIB
    body = "\n".join(
        [
            f"Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {report.machine(('Django', 'pyoxigraph'))}; "
            f"synthetic scale {args.scale:g}, {args.runs} runs of each; "
            f"{report.load_note(load_start, os.getloadavg())}.",
            f"Targets (issue 13, at 1,000,000 tenures): the synthetic YAML export within {YAML_OVER_CSV}x of its CSV "
            f"export's time: **{yaml_over_csv:.2f}x**; every export's peak memory under {PEAK_MIB} MiB: the largest "
            f"here is **{peak:.0f} MiB**{'' if args.scale >= 1 else f' (at scale {args.scale:g}, not 1)'}.",
            "",
            report.markdown_table(head, rows),
        ]
    )
    return report.finish(body, passed=passed, args=args, markers=(START, END), heading=SECTION, log=log)


if __name__ == "__main__":
    raise SystemExit(main())
