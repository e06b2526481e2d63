"""The three questions, their seeded samples, the timing loop and the check that answers agree."""

from __future__ import annotations

import datetime as dt
import math
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

FIRST, LAST = dt.date(1950, 1, 1), dt.date(2026, 12, 31)
ORGANIZATION = "synth"


@dataclass
class Timing:
    """The wall times of one engine's answers to one question, in seconds."""

    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        """The 95th percentile, by nearest rank."""
        ordered = sorted(self.seconds)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Question:
    """A question, the arguments of each of its samples, and the answers and timings of each engine."""

    name: str
    description: str
    samples: list[tuple[Any, ...]]
    floor_target: float  # project/floor must not exceed it
    answers: dict[str, list[Any]] = field(default_factory=dict)
    timings: dict[str, Timing] = field(default_factory=dict)


def _days(rng: random.Random, count: int) -> list[dt.date]:
    span = (LAST - FIRST).days
    return [FIRST + dt.timedelta(rng.randint(0, span)) for _ in range(count)]


def questions_draw(seed: int, bodies: Sequence[str], *, holders: int, members: int, snapshots: int) -> list[Question]:
    """Return the three questions with their samples: days uniform over 1950-2026, bodies uniform, all seeded."""
    rng = random.Random(seed)
    pairs = [(rng.choice(bodies), day) for day in _days(rng, holders)]
    member_days = [(d,) for d in _days(rng, members)]
    return [
        Question("holders", "holder_list_on(body, day)", pairs, 10.0),
        Question("members", 'membership_list_on(day, "synth", ("member",))', member_days, 10.0),
        # The same days, each asked as the first question after a write: the memberships are read again.
        Question("members-cold", "the same, after a write (revision cache emptied)", member_days, 10.0),
        Question("snapshot", 'holder_snapshot_on(day, "synth")', [(d,) for d in _days(rng, snapshots)], 2.0),
    ]


def measure(question: Question, engine: str, ask: Callable[..., Any], log: Callable[[str], None]) -> None:
    """Ask every sample of `question` of `engine` (after one untimed warm-up), keeping answers and timings."""
    ask(*question.samples[0])
    timing, answers = Timing(), []
    report_every = max(1, len(question.samples) // 4)
    for index, sample in enumerate(question.samples, 1):
        start = time.perf_counter()
        answer = ask(*sample)
        timing.seconds.append(time.perf_counter() - start)
        answers.append(answer)
        if index % report_every == 0 or index == len(question.samples):
            log(f"{question.name}/{engine}: {index}/{len(question.samples)} asked, median {timing.median * 1e3:.2f} ms")
    question.timings[engine], question.answers[engine] = timing, answers


def _row(row: Any, *, citation_order: bool) -> Any:
    """Make a row hashable; without `citation_order`, its citations count as a set."""
    if not isinstance(row, dict):
        return tuple(row)
    citations = tuple(tuple(sorted(c.items())) for c in row.get("sources", ()))
    if not citation_order:
        citations = tuple(sorted(citations))
    return (*sorted((k, v) for k, v in row.items() if k != "sources"), citations)


def answers_check(question: Question, engine: str, *, citation_order: bool = True) -> None:
    """Fail loudly unless `engine` gave the project's answer (as a multiset of rows) on every sample."""
    for sample, expected, got in zip(
        question.samples, question.answers["project"], question.answers[engine], strict=True
    ):
        want = Counter(_row(r, citation_order=citation_order) for r in expected)
        have = Counter(_row(r, citation_order=citation_order) for r in got)
        if want != have:
            missing, extra = list((want - have).elements())[:3], list((have - want).elements())[:3]
            raise SystemExit(
                f"MISMATCH: {question.name} {sample}: {engine} gave {len(got)} rows, the project {len(expected)};"
                f"\n  missing from {engine}: {missing}\n  extra in {engine}: {extra}"
            )
