"""A seeded generator of a synthetic organization, written as a dataset folder of YAML files.

The organization "synth" has states, a tree of bodies, posts in them (seats
"bNNNN:XYZ" and single offices), persons, memberships of the states, and
tenures: per post a sequence of consecutive, non-overlapping tenures over
1950-2026 whose dates come at mixed precision (days, months, years). The same
seed and scale always give the same files; a folder already written for them is
reused. Run it alone with `python bench/synthetic.py --scale 0.01`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import shutil
import string
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

VERSION = 1
OUT = Path(__file__).parent / "out"
FIRST, LAST = dt.date(1950, 1, 1), dt.date(2026, 12, 31)
TENURES_PER_FILE = 20_000
MIN_GAP = 30  # days between two boundaries of one post's sequence
KINDS = (
    "statutory-body",
    "permanent-working-body",
    "subsidiary-body",
    "coordination-council",
    "working-group",
    "parliamentary-body",
    "centre",
    "commission",
    "advisory-body",
    "association",
)
SYLLABLES = (
    ("ka", "ка"),
    ("ro", "ро"),
    ("mi", "ми"),
    ("sa", "са"),
    ("te", "те"),
    ("lo", "ло"),
    ("vi", "ви"),
    ("na", "на"),
    ("du", "ду"),
    ("ze", "зе"),
    ("bo", "бо"),
    ("ga", "га"),
)
STATUS_NEXT = {"member": ("suspended", "withdrawn"), "suspended": ("member", "withdrawn"), "withdrawn": ("member",)}


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind the organization has."""

    states: int
    bodies: int
    persons: int
    tenures: int

    @classmethod
    def scaled(cls, scale: float) -> Sizes:
        """Return the default sizes (200 states, 2,000 bodies, 200,000 persons, 1,000,000 tenures) times `scale`."""
        return cls(
            states=max(12, round(200 * scale)),
            bodies=max(2, round(2000 * scale)),
            persons=max(10, round(200_000 * scale)),
            tenures=max(100, round(1_000_000 * scale)),
        )


def q(text: str) -> str:
    """Quote a string for YAML (a JSON string is a YAML double-quoted scalar)."""
    return json.dumps(text, ensure_ascii=False)


def cite(url: str, quote: str) -> str:
    """Return one citation as a YAML flow mapping."""
    return f"{{url: {q(url)}, quote: {q(quote)}}}"


def state_codes(rng: random.Random, count: int) -> list[str]:
    """Return `count` distinct three-letter uppercase codes, in a seeded order."""
    every = ("".join(letters) for letters in itertools.product(string.ascii_uppercase, repeat=3))
    return rng.sample(list(every), count)


def name(rng: random.Random, parts: int) -> tuple[str, str]:
    """Return a made-up word in Latin and Cyrillic letters."""
    chosen = [rng.choice(SYLLABLES) for _ in range(parts)]
    return "".join(p[0] for p in chosen).capitalize(), "".join(p[1] for p in chosen).capitalize()


def edtf(
    day: dt.date, previous_last: dt.date | None, next_day: dt.date | None, rng: random.Random
) -> tuple[str, dt.date, dt.date]:
    """Write `day` as a year, month or day, coarse only where the span stays clear of its neighbours.

    Returns the EDTF text and the first and last day it may name.
    """
    roll = rng.random()
    candidates = ["year", "month", "day"] if roll < 0.2 else ["month", "day"] if roll < 0.5 else ["day"]
    for precision in candidates:
        if precision == "year":
            text, first, last = f"{day.year:04d}", dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
        elif precision == "month":
            following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            text, first, last = f"{day.year:04d}-{day.month:02d}", day.replace(day=1), following - dt.timedelta(1)
        else:
            return day.isoformat(), day, day
        if (previous_last is None or first > previous_last) and (next_day is None or last < next_day):
            return text, first, last
    raise AssertionError("unreachable: a day is always its own span")


@dataclass(frozen=True, slots=True)
class Period:
    """A period as a dataset gives it: EDTF from and until (None: still holding), and an attested day or None."""

    start: str
    end: str | None
    attested: str | None

    def yaml(self) -> str:
        """Return the from/until/attested fields as flow-mapping entries."""
        fields = f"from: {q(self.start)}"
        if self.end is not None:
            fields += f", until: {q(self.end)}"
        if self.attested is not None:
            fields += f", attested: [{q(self.attested)}]"
        return fields


def timeline(rng: random.Random, count: int, *, open_end: bool) -> Iterator[Period]:
    """Yield `count` consecutive periods over 1950-2026: from/until (EDTF) and sometimes an attested day.

    Each boundary's span ends before the next begins, so the periods never
    overlap and a single office's successor inference accepts them.
    """
    total = (LAST - FIRST).days - count * MIN_GAP
    days = [FIRST + dt.timedelta(d + i * MIN_GAP) for i, d in enumerate(sorted(rng.sample(range(total), count + 1)))]
    spans = []
    last: dt.date | None = None
    for i, day in enumerate(days):
        text, first, last = edtf(day, last, days[i + 1] if i + 1 < len(days) else None, rng)
        spans.append((text, first, last))
    for i in range(count):
        end = None if open_end and i == count - 1 else spans[i + 1][0]
        attested = None
        if rng.random() < 0.2:
            # A day on which the period certainly held: after its latest start, before its earliest end.
            low = spans[i][2]
            high = spans[i + 1][1] - dt.timedelta(1) if end is not None else min(LAST, low + dt.timedelta(365))
            attested = (low + dt.timedelta(rng.randint(0, (high - low).days))).isoformat()
        yield Period(spans[i][0], end, attested)


class Writer:
    """Writes the dataset's records as YAML lines, the tenures into files of TENURES_PER_FILE."""

    def __init__(self, folder: Path, seed: int, sizes: Sizes) -> None:
        self.folder, self.rng, self.sizes = folder, random.Random(seed), sizes
        self.codes = state_codes(self.rng, sizes.states)
        self.posts: list[str] = []
        self.body_source: dict[str, str] = {}
        self.state_source = {
            c: cite(f"https://example.org/synth/states/{c}", f'The {c} delegation\'s "credentials"') for c in self.codes
        }
        self.year_source = {
            y: cite(f"https://example.org/synth/yearbook/{y}", f"Yearbook {y}, list of office-holders")
            for y in range(FIRST.year, LAST.year + 1)
        }

    def structure(self, out: Callable[[str], None]) -> None:
        """Write the organization, states, bodies, posts, persons and memberships."""
        rng = self.rng
        root = cite("https://example.org/synth/charter", "The Synthetic Organization is established")
        names = f"{{en: {q('Synthetic Organization')}, ru: {q('Синтетическая организация')}}}"
        out(f"organization:\n  id: synth\n  name: {names}")
        out(f'  abbr: {{en: SYN, ru: СИН}}\n  from: "1950-01-01"\n  sources: [{root}]\nstates:')
        for code in self.codes:
            en, ru = name(rng, 3)
            out(
                f"  - {{code: {code}, name: {{en: {q('Republic of ' + en)}, ru: {q('Республика ' + ru)}}}, "
                f"short: {{en: {q(en)}, ru: {q(ru)}}}, sources: [{self.state_source[code]}]}}"
            )
        out("organizations:")
        for i in range(1, self.sizes.bodies + 1):
            body = f"b{i:04d}"
            parent = "synth" if i <= 10 else f"b{rng.randint(1, i - 1):04d}"
            self.body_source[body] = cite(
                f"https://example.org/synth/bodies/{body}", f"Composition of {body}, as of record"
            )
            en, ru = name(rng, 2)
            out(
                f"  - {{id: {body}, name: {{en: {q(en + ' Council')}, ru: {q('Совет ' + ru)}}}, parent: {parent}, "
                f'kind: {rng.choice(KINDS)}, from: "{rng.randint(1940, 1950)}", sources: [{self.body_source[body]}]}}'
            )
        out("posts:")
        for i in range(1, self.sizes.bodies + 1):
            body = f"b{i:04d}"
            seats = rng.sample(self.codes, rng.randint(8, 12))
            for number, code in enumerate(seats):
                if rng.random() < 0.1:
                    post, fields = (
                        f"{body}-office-{number}",
                        f"single: true, title: {{en: {q(f'Chair {number} of {body}')}}}",
                    )
                else:
                    post, fields = f"{body}:{code}", f"state: {code}, title: {{en: {q(f'Member for {code}')}}}"
                self.posts.append(post)
                out(f"  - {{id: {q(post)}, organization: {body}, {fields}, sources: [{self.body_source[body]}]}}")
        out("persons:")
        for i in range(1, self.sizes.persons + 1):
            (first, first_ru), (last, last_ru) = name(rng, 2), name(rng, 3)
            nationality = rng.choice(self.codes) if rng.random() < 0.9 else None
            source = self.state_source[nationality] if nationality else root
            extra = f"nationality: {nationality}, " if nationality else ""
            out(
                f"  - {{id: p-{i:06d}, name: {{en: {q(first + ' ' + last)}, ru: {q(first_ru + ' ' + last_ru)}}}, "
                f"{extra}sources: [{source}]}}"
            )
        out("memberships:")
        for code in self.codes:
            status = "member"
            for period in timeline(rng, rng.randint(1, 4), open_end=rng.random() < 0.7):
                out(
                    f"  - {{state: {code}, organization: synth, status: {status}, {period.yaml()}, "
                    f"sources: [{self.state_source[code]}]}}"
                )
                status = rng.choice(STATUS_NEXT[status])

    def tenure_counts(self) -> list[int]:
        """Share the tenures among the posts, each post between half and one and a half of the average."""
        weights = [self.rng.uniform(0.5, 1.5) for _ in self.posts]
        total = sum(weights)
        counts = [max(1, int(self.sizes.tenures * w / total)) for w in weights]
        for i in range(self.sizes.tenures - sum(counts)):
            counts[i % len(counts)] += 1
        return counts

    def tenures(self) -> Iterator[str]:
        """Yield one YAML line per tenure, post after post, each post's tenures in order."""
        rng = self.rng
        for post, count in zip(self.posts, self.tenure_counts(), strict=True):
            body = post[:5]
            quoted = q(post)
            for period in timeline(rng, count, open_end=rng.random() < 0.3):
                sources = self.body_source[body]
                if rng.random() < 0.1:
                    sources += ", " + self.year_source[int(period.start[:4])]
                yield (
                    f"  - {{person: p-{rng.randint(1, self.sizes.persons):06d}, post: {quoted}, "
                    f"{period.yaml()}, sources: [{sources}]}}\n"
                )


@dataclass(frozen=True)
class Manifest:
    """What a dataset folder was generated from; a folder with the same manifest is reused."""

    version: int
    seed: int
    scale: float
    sizes: dict[str, int]


def dataset_ensure(seed: int, scale: float, log: Callable[[str], None] = print) -> Path:
    """Return the dataset folder for `seed` and `scale` under bench/out, writing it if it is not there."""
    sizes = Sizes.scaled(scale)
    manifest = Manifest(VERSION, seed, scale, asdict(sizes))
    folder = OUT / f"synth-seed{seed}-scale{scale:g}"
    stamp = folder / "MANIFEST.json"
    if stamp.exists() and json.loads(stamp.read_text()) == asdict(manifest):
        log(f"dataset: reusing {folder}")
        return folder
    log(f"dataset: writing {folder} ({sizes.tenures:,} tenures, {sizes.persons:,} persons, {sizes.bodies:,} bodies)")
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    writer = Writer(partial, seed, sizes)
    with (partial / "00-structure.yaml").open("w", encoding="utf-8") as stream:
        writer.structure(lambda line: stream.write(line + "\n"))
    lines = writer.tenures()
    for number in itertools.count(1):
        chunk = list(itertools.islice(lines, TENURES_PER_FILE))
        if not chunk:
            break
        (partial / f"10-tenures-{number:04d}.yaml").write_text("tenures:\n" + "".join(chunk), encoding="utf-8")
        if number % 10 == 0:
            log(f"dataset: {number * TENURES_PER_FILE:,} tenures written")
    (partial / "MANIFEST.json").write_text(json.dumps(asdict(manifest), indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def main() -> None:
    """Write (or find) the dataset folder for the given seed and scale and print its path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    print(dataset_ensure(args.seed, args.scale))


if __name__ == "__main__":
    main()
