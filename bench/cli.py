"""How long the CLI takes to answer, next to the cost of importing Django alone, in the same run.

Steps: (1) make a database in a temporary CSTO_HOME with `csto init` (the built-in dataset), timing it;
(2) run, --runs times and alternating, the floor (`python -c "import django"`) and each command of
COMMANDS as its own process, taking each child's CPU time (user + system, from wait4) and wall time;
(3) compare the medians: a command's CPU time over the floor's, and its wall time; `csto init` (on a fresh
home each run) against its target; (4) print the table and write it into bench/README.md between the
`cli` markers, with the machine's load at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import report
from report import log

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
START, END = "<!-- cli:start -->", "<!-- cli:end -->"
FLOOR = [sys.executable, "-c", "import django"]
COMMANDS = {
    "members --on 2008-01-01 --json": ["members", "--on", "2008-01-01", "--json"],
    "who cmd:RUS --on 2016-06-01 --json": ["who", "cmd:RUS", "--on", "2016-06-01", "--json"],
    "holders cssc --on 2022-04-01": ["holders", "cssc", "--on", "2022-04-01"],
}
CPU_OVER_FLOOR = 8.0  # issue 13: `csto members --on 2008-01-01 --json` under 8x the CPU of importing Django
WALL_SECONDS = 0.3  # ... and under 0.3 s of wall time on an idle machine
INIT_SECONDS = 1.5  # `csto init` under 1.5 s
SECTION = """## The CLI's answer time

`.venv/bin/python bench/cli.py` (`make bench-cli`; `--runs` for more samples) runs each command below as
its own process on a temporary SQLite database holding the built-in dataset, alternating with the floor
(`python -c "import django"`: what any Django program pays before it does anything), and takes each
child's CPU time (user + system, from `wait4`) and wall time. "x floor" is a command's median CPU time
over the floor's median in the same run. `csto init` runs on a fresh home each time (tables and the
built-in dataset). The children run without PYTHONDONTWRITEBYTECODE, as on a user's machine.

The section below is rewritten by each run.
"""


def child(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run one process; return its CPU seconds (user + system) and wall seconds."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}: {process.stderr.read().decode()}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--readme", type=Path, default=BENCH / "README.md")
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    load_start = os.getloadavg()
    csto = str(BIN / "csto")
    samples: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="csto-bench-cli-") as folder:
        home = Path(folder) / "home"
        env = _environment(home)
        child([csto, "init"], env)
        for run in range(args.runs):
            samples.setdefault("floor", []).append(child(FLOOR, env))
            for name, command in COMMANDS.items():
                samples.setdefault(name, []).append(child([csto, *command], env))
            fresh = Path(folder) / f"init-{run}"
            samples.setdefault("init", []).append(child([csto, "init"], _environment(fresh)))
            shutil.rmtree(fresh, ignore_errors=True)
            log(f"run {run + 1}/{args.runs}")
    cpu = {name: statistics.median(s[0] for s in runs) for name, runs in samples.items()}
    wall = {name: statistics.median(s[1] for s in runs) for name, runs in samples.items()}
    rows = [['`python -c "import django"` (floor)', _ms(cpu["floor"]), "1.00x", _ms(wall["floor"]), ""]]
    members = next(iter(COMMANDS))
    passed = True
    for name in COMMANDS:
        ratio = cpu[name] / cpu["floor"]
        target = ""
        if name == members:
            ok = ratio < CPU_OVER_FLOOR and wall[name] < WALL_SECONDS
            passed &= ok
            target = f"< {CPU_OVER_FLOOR:g}x and < {WALL_SECONDS * 1000:.0f} ms: {report.verdict(ok)}"
        rows.append([f"`csto {name}`", _ms(cpu[name]), f"{ratio:.2f}x", _ms(wall[name]), target])
    init_ok = wall["init"] < INIT_SECONDS
    passed &= init_ok
    init_target = f"< {INIT_SECONDS * 1000:.0f} ms: {report.verdict(init_ok)}"
    rows.append(
        [
            "`csto init` (fresh home)",
            _ms(cpu["init"]),
            f"{cpu['init'] / cpu['floor']:.2f}x",
            _ms(wall["init"]),
            init_target,
        ]
    )
    head = ["command", "median CPU", "x floor", "median wall", "target (issue 13)"]
    body = "\n".join(
        [
            f"Last run: {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC; {report.machine(('Django',))}; "
            f"{args.runs} runs of each; {report.load_note(load_start, os.getloadavg())}.",
            "",
            report.markdown_table(head, rows),
        ]
    )
    return report.finish(body, passed=passed, args=args, markers=(START, END), heading=SECTION, log=log)


def _environment(home: Path) -> dict[str, str]:
    """The commands' environment: the temporary home, and Python writing its bytecode as it does on a user's
    machine (a shell that sets PYTHONDONTWRITEBYTECODE would make every run compile the changed modules)."""
    env = report.csto_environment(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    raise SystemExit(main())
