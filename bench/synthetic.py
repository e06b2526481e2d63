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

VERSION = 2
OUT = Path(__file__).parent / "out"
FIRST, LAST = dt.date(1950, 1, 1), dt.date(2026, 12, 31)
TENURES_PER_FILE = 20_000
PEOPLE_PER_FILE = 4_000  # posts or persons per file: below the importer's batch of 5,000
MIN_GAP = 30  # days between two boundaries of one post's sequence
# The organization kinds of docs/dataset-format.md, but the root's own.
KINDS = ("statutory-body", "permanent-working-body", "subsidiary-body", "coordination-council", "working-group")
KINDS += ("parliamentary-body", "centre", "commission", "advisory-body", "association")
# Syllables of made-up names, in Latin and Cyrillic letters.
SYLLABLES = (("ka", "ка"), ("ro", "ро"), ("mi", "ми"), ("sa", "са"), ("te", "те"), ("lo", "ло"))
SYLLABLES += (("vi", "ви"), ("na", "на"), ("du", "ду"), ("ze", "зе"), ("bo", "бо"), ("ga", "га"))
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
    """Return `count` distinct three-letter codes, in a seeded order, none a real state's.

    ISO 3166-1 leaves QMA-QZZ and XAA-XZZ to its users: a real state (shared by every organization's
    dataset, names and all) is never renamed by the synthetic one.
    """
    letters = string.ascii_uppercase
    every = [f"X{a}{b}" for a in letters for b in letters] + [f"Q{a}{b}" for a in letters[12:] for b in letters]
    return rng.sample(every, count)


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
    """Yields the dataset's records as YAML lines, section by section, with one seeded generator."""

    def __init__(self, seed: int, sizes: Sizes) -> None:
        self.rng, self.sizes = random.Random(seed), sizes
        self.codes = state_codes(self.rng, sizes.states)
        self.posts: list[str] = []
        self.root = cite("https://example.org/synth/charter", "The Synthetic Organization is established")
        self.body_source = {
            f"b{i:04d}": cite(f"https://example.org/synth/bodies/b{i:04d}", f"Composition of b{i:04d}, as of record")
            for i in range(1, sizes.bodies + 1)
        }
        self.state_source = {
            c: cite(f"https://example.org/synth/states/{c}", f'The {c} delegation\'s "credentials"') for c in self.codes
        }
        self.year_source = {
            y: cite(f"https://example.org/synth/yearbook/{y}", f"Yearbook {y}, list of office-holders")
            for y in range(FIRST.year, LAST.year + 1)
        }

    def structure(self) -> Iterator[str]:
        """Yield the organization, its states, its bodies (a tree under it) and the states' memberships."""
        rng = self.rng
        names = f"{{en: {q('Synthetic Organization')}, ru: {q('Синтетическая организация')}}}"
        yield f"organization:\n  id: synth\n  name: {names}\n  abbr: {{en: SYN, ru: СИН}}"
        yield f'  from: "1950-01-01"\n  sources: [{self.root}]\nstates:'
        for code in self.codes:
            en, ru = name(rng, 3)
            formal = f"{{en: {q('Republic of ' + en)}, ru: {q('Республика ' + ru)}}}"
            short, source = f"{{en: {q(en)}, ru: {q(ru)}}}", self.state_source[code]
            yield f"  - {{code: {code}, name: {formal}, short: {short}, sources: [{source}]}}"
        yield "organizations:"
        for body, source in self.body_source.items():
            number = int(body[1:])
            parent = "synth" if number <= 10 else f"b{rng.randint(1, number - 1):04d}"
            en, ru = name(rng, 2)
            yield (
                f"  - {{id: {body}, name: {{en: {q(en + ' Council')}, ru: {q('Совет ' + ru)}}}, parent: {parent}, "
                f'kind: {rng.choice(KINDS)}, from: "{rng.randint(1940, 1950)}", sources: [{source}]}}'
            )
        yield "memberships:"
        for code in self.codes:
            status = "member"
            for period in timeline(rng, rng.randint(1, 4), open_end=rng.random() < 0.7):
                fields = f"organization: synth, status: {status}, {period.yaml()}"
                yield f"  - {{state: {code}, {fields}, sources: [{self.state_source[code]}]}}"
                status = rng.choice(STATUS_NEXT[status])

    def posts_lines(self) -> Iterator[str]:
        """Yield 8-12 posts per body: seats for distinct random states, about one in ten a single office."""
        for body, source in self.body_source.items():
            for number, code in enumerate(self.rng.sample(self.codes, self.rng.randint(8, 12))):
                if self.rng.random() < 0.1:
                    post, fields = (
                        f"{body}-office-{number}",
                        f"single: true, title: {{en: {q(f'Chair {number} of {body}')}}}",
                    )
                else:
                    post, fields = f"{body}:{code}", f"state: {code}, title: {{en: {q(f'Member for {code}')}}}"
                self.posts.append(post)
                yield f"  - {{id: {q(post)}, organization: {body}, {fields}, sources: [{source}]}}"

    def persons_lines(self) -> Iterator[str]:
        """Yield the persons, nine in ten with a nationality."""
        rng = self.rng
        for i in range(1, self.sizes.persons + 1):
            (first, first_ru), (last, last_ru) = name(rng, 2), name(rng, 3)
            nationality = rng.choice(self.codes) if rng.random() < 0.9 else None
            extra = f"nationality: {nationality}, " if nationality else ""
            source = self.state_source[nationality] if nationality else self.root
            names = f"{{en: {q(first + ' ' + last)}, ru: {q(first_ru + ' ' + last_ru)}}}"
            yield f"  - {{id: p-{i:06d}, name: {names}, {extra}sources: [{source}]}}"

    def tenure_counts(self) -> list[int]:
        """Share the tenures among the posts, each post between half and one and a half of the average."""
        weights = [self.rng.uniform(0.5, 1.5) for _ in self.posts]
        total = sum(weights)
        counts = [max(1, int(self.sizes.tenures * w / total)) for w in weights]
        for i in range(self.sizes.tenures - sum(counts)):
            counts[i % len(counts)] += 1
        return counts

    def tenures_lines(self) -> Iterator[str]:
        """Yield one line per tenure, post after post, each post's tenures in order; one in ten cites two sources."""
        rng = self.rng
        for post, count in zip(self.posts, self.tenure_counts(), strict=True):
            quoted, body_source = q(post), self.body_source[post[:5]]
            for period in timeline(rng, count, open_end=rng.random() < 0.3):
                sources = body_source
                if rng.random() < 0.1:
                    sources += ", " + self.year_source[int(period.start[:4])]
                person = f"p-{rng.randint(1, self.sizes.persons):06d}"
                yield f"  - {{person: {person}, post: {quoted}, {period.yaml()}, sources: [{sources}]}}"


def _write_files(folder: Path, stem: str, section: str, lines: Iterator[str], per_file: int) -> int:
    """Write `lines` as the list `section` of files STEM-0001.yaml, ... of `per_file` records each."""
    written = 0
    for number in itertools.count(1):
        chunk = list(itertools.islice(lines, per_file))
        if not chunk:
            return written
        (folder / f"{stem}-{number:04d}.yaml").write_text(f"{section}:\n" + "\n".join(chunk) + "\n", encoding="utf-8")
        written += len(chunk)


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
    writer = Writer(seed, sizes)
    (partial / "00-structure.yaml").write_text("\n".join(writer.structure()) + "\n", encoding="utf-8")
    # Posts and persons go in files of fewer than the importer's batch (5,000) each: a file section that
    # fills a batch loses the id of its 5,000th record (see the benchmark's README).
    _write_files(partial, "01-posts", "posts", writer.posts_lines(), PEOPLE_PER_FILE)
    _write_files(partial, "02-persons", "persons", writer.persons_lines(), PEOPLE_PER_FILE)
    log(f"dataset: {len(writer.posts):,} posts and {sizes.persons:,} persons written; writing the tenures")
    _write_files(partial, "10-tenures", "tenures", writer.tenures_lines(), TENURES_PER_FILE)
    (partial / "MANIFEST.json").write_text(json.dumps(asdict(manifest), indent=2))
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    log(f"dataset: written in {folder}")
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
