"""Merge the research files into per-state dataset files.

Writes src/csto_registry/datasets/builtin/csto/50-seats-<state>.yaml and 55-offices.yaml from the
research files beside this script, merging each of the seed's 2022 seat tenures (read from
10-organization.yaml) with its dated research; with --strip it then removes those seat tenures from
10-organization.yaml. Run it on a 10-organization.yaml that still holds them (git show the commit
before the merge). What it could not merge is printed.
"""

import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
from csto_registry.timeline import TimelineError, bounds_from  # noqa: E402

ROOT = HERE.parent / "src" / "csto_registry" / "datasets" / "builtin" / "csto"
RESEARCH = HERE
SEAT = re.compile(r"^(csc|cfm|cmd|cssc):([A-Z]{3})$")
report = []


def q(value):
    return json.dumps(value, ensure_ascii=False)


def names(m):
    return "{" + ", ".join(f"{k}: {q(v)}" for k, v in m.items()) + "}"


def source(s):
    key = "ref" if "ref" in s else "url"
    return "{" + f"{key}: {q(s[key])}, quote: {q(s['quote'])}" + "}"


def load_all():
    existing = {}
    for f in sorted(ROOT.glob("*.yaml")):
        if f.name.startswith(("50-", "55-")):
            continue
        existing[f.name] = yaml.safe_load(f.read_text())
    return existing


def research_files():
    docs = {}
    for f in sorted(RESEARCH.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text()) or {}
        if isinstance(doc, dict):  # ru_names.yaml is a list of spellings, read by russian_names()
            docs[f.name] = doc
    return docs


# No Russian-language page names these people: their Russian form is a transliteration of the English.
TRANSLITERATED = {
    "mammadov-mammadrafi": "Маммадрафи Маммадов",
    "kostenko-anatoly": "Анатолий Костенко",
    "umetaliev-dzhanybek": "Джаныбек Уметалиев",
    "subanov-myrzakan": "Мырзакан Субанов",
    "sarbaev-kadyrbek": "Кадырбек Сарбаев",
    "ataev-murat": "Мурат Атаев",
    "tursunov-khikmatulla": "Хикматулла Турсунов",
}


def russian_names(new_persons):
    """Give each new person without a Russian name the one a page writes (with its source), or a transliteration."""
    found = {r["id"]: r for r in yaml.safe_load((RESEARCH / "ru_names.yaml").read_text()) or []}
    for pid, p in new_persons.items():
        if p["name"].get("ru"):
            continue
        if pid in found:
            p["name"]["ru"] = found[pid]["ru"]
            p.setdefault("sources", []).append({"url": found[pid]["url"], "quote": found[pid]["quote"]})
        elif pid in TRANSLITERATED:
            p["name"]["ru"] = TRANSLITERATED[pid]
            p["_transliterated"] = True
        else:
            report.append(f"person {pid} has no Russian name")


def main():
    existing = load_all()
    org = existing["10-organization.yaml"]
    known_persons = {p["id"]: p for d in existing.values() for p in (d.get("persons") or [])}
    known_posts = {p["id"] for d in existing.values() for p in (d.get("posts") or [])}
    seed_tenures = {(t["person"], t["post"]): t for t in org["tenures"] if SEAT.match(t["post"])}
    docs = research_files()
    new_persons, tenures = {}, []
    for name, doc in docs.items():
        for p in doc.get("persons") or []:
            if p["id"] in known_persons:
                report.append(f"{name}: person {p['id']} already in the dataset: its new entry is dropped")
                continue
            if p["id"] in new_persons:
                report.append(f"{name}: person {p['id']} found twice: the first kept")
                continue
            if not p.get("name", {}).get("en") or not p.get("name", {}).get("ru"):
                report.append(f"{name}: person {p['id']} lacks an en or ru name")
            new_persons[p["id"]] = p
        for t in doc.get("tenures") or []:
            t = dict(t)
            t["_file"] = name
            days = [str(a) for a in t.get("attested") or []]
            kept = [a for a in days if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a)]
            if kept != days:
                report.append(f"{name}: {t['person']} on {t['post']}: attested {days} is not all days: kept {kept}")
            t["attested"] = kept
            tenures.append(t)
    russian_names(new_persons)
    merged_seed = set()
    out = {}
    for t in tenures:
        post = t["post"]
        m = SEAT.match(post)
        if (t["person"], post) in EXISTING_OFFICE_TENURES:
            continue
        if post not in known_posts and not (m and m.group(2) in {"AZE", "GEO", "UZB"}):
            if not m:
                if (t["person"], post) not in EXISTING_OFFICE_TENURES:
                    out.setdefault("offices", []).append(t)
                continue
            report.append(f"{t['_file']}: post {post} unknown: tenure of {t['person']} dropped")
            continue
        if t["person"] not in known_persons and t["person"] not in new_persons:
            report.append(f"{t['_file']}: person {t['person']} not defined: tenure on {post} dropped")
            continue
        if not t.get("sources"):
            report.append(f"{t['_file']}: tenure {t['person']} on {post} has no source: dropped")
            continue
        key = (t["person"], post)
        seed = seed_tenures.get(key)
        if seed is not None and key not in merged_seed and _covers(t, "2022-04-01"):
            merged_seed.add(key)
            t["attested"] = sorted({*seed.get("attested", []), *[str(a) for a in t.get("attested") or []]})
            t["sources"] = seed["sources"] + t["sources"]
            t.setdefault("role", seed.get("role"))
        elif seed is not None and key not in merged_seed and _near(t, "2022-04-01"):
            merged_seed.add(key)
            t["sources"] = seed["sources"] + t["sources"]
            note = (
                "The seed lists this holder as of 01.04.2022; the dated sources give a start after that day, "
                "so the record follows them and does not take 2022-04-01 as a day the holder held the post."
            )
            t["note"] = (t.get("note", "") + " " + note).strip()
            report.append(f"{t['_file']}: {t['person']} on {post}: seed's 2022-04-01 contradicts {t.get('from')}")
        state = m.group(2) if m else "offices"
        out.setdefault(state, []).append(t)
    for key, seed in seed_tenures.items():
        if key not in merged_seed:
            report.append(f"seed tenure {key} not covered by research: kept as it is")
            s = dict(seed)
            s["_file"] = "10-organization.yaml"
            out.setdefault(SEAT.match(key[1]).group(2), []).append(s)
    extra = [t for d in existing.values() for t in (d.get("tenures") or []) if (t["person"], t["post"]) in EXISTING_OFFICE_TENURES]
    _close_by_succession(out, extra)
    for t in (t for ts in out.values() for t in ts):
        try:
            bounds_from(start=_s(t.get("from")), end=_s(t.get("until")), attested=[_d(a) for a in t.get("attested") or []])
        except TimelineError as e:
            report.append(f"{t['_file']}: {t['person']} on {t['post']}: {e}")
    return out, new_persons, known_persons


def _close_by_succession(out, extra):
    """A holder with no recorded end, followed on the same post by another, left when the next one came."""
    by_post = {}
    for ts in out.values():
        for t in ts:
            by_post.setdefault(t["post"], []).append(t)
    for t in extra:
        by_post.setdefault(t["post"], []).append(dict(t, _file="existing"))
    for post, ts in by_post.items():
        placed = []
        for t in ts:
            if not t.get("from") and not t.get("attested") and not t.get("until"):
                report.append(f"{t['_file']}: {t['person']} on {post}: no date at all: dropped")
                for group in out.values():
                    if t in group:
                        group.remove(t)
                continue
            try:
                b = bounds_from(start=_s(t.get("from")), attested=[_d(a) for a in t.get("attested") or []])
            except TimelineError:
                continue
            if not t.get("from") and not t.get("attested"):
                continue  # known only by its end: nothing to place it by
            # Placed by the day it had certainly begun (its start, or its first attested day).
            placed.append((b.start_max, t))
        placed.sort(key=lambda x: x[0])
        if not CLOSE_BY_SUCCESSION:
            continue
        for (start, t), (nstart, n) in zip(placed, placed[1:]):
            if t.get("until") or not n.get("from") or t["_file"] == "existing":
                continue
            try:
                nb = bounds_from(start=_s(n.get("from")))
            except TimelineError:
                continue
            if nb.start_min <= start:
                continue
            t["until"] = str(n["from"])
            t["note"] = (str(t.get("note", "")) + " Until: the next holder's start (the seat has one holder at a time).").strip()


def _s(v):
    return None if v is None else str(v)


def _d(v):
    import datetime as dt

    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def _covers(t, day):
    try:
        b = bounds_from(start=_s(t.get("from")), end=_s(t.get("until")))
    except TimelineError:
        return False
    import datetime as dt

    d = dt.date.fromisoformat(day)
    return b.start_min <= d < b.end_max


def _near(t, day):
    """A tenure that starts within a few months after the seed's day (the seed's list was updated later)."""
    import datetime as dt

    try:
        b = bounds_from(start=_s(t.get("from")), end=_s(t.get("until")))
    except TimelineError:
        return False
    d = dt.date.fromisoformat(day)
    return d < b.start_min <= d + dt.timedelta(days=120)


# Office tenures already in 10-/30- files: their research is merged there by hand.
EXISTING_OFFICE_TENURES = {
    ("sidorov-anatoly", "joint-staff-chief"),
    ("borisov-yuri", "mec-commission-chair"),
    ("volodin-vyacheslav", "pa-council-chair"),
    ("masadykov-taalatbek", "secretary-general"),
}
# An `until` copied from the next recorded holder's start claims certainty across any holder the
# sources missed; the import's succession inference bounds the end instead (possible, not certain).
CLOSE_BY_SUCCESSION = False
ORDER = ("person", "post", "role", "from", "until", "attested", "term_until", "note", "sources")


def write(out, new_persons, known_persons):
    used = {t["person"] for ts in out.values() for t in ts}
    for state, ts in sorted(out.items()):
        lines = [f"# Holders of {'the single offices' if state == 'offices' else state + chr(39) + 's seats on the four councils'}, from public",
                 "# sources (each an address with the words quoted from it) and the seed. Gathered 2026-12-01.", ""]
        if state in {"AZE", "GEO", "UZB"}:
            lines.append("posts:")
            for body, title_en, title_ru in POSTS:
                short_en, short_ru = SHORT[state]
                lines += [
                    f'  - id: "{body}:{state}"',
                    f"    organization: {body}",
                    f"    state: {state}",
                    "    single: true",
                    f"    title: {names({'en': title_en.format(short_en), 'ru': title_ru.format(short_ru)})}",
                    "    sources:",
                    *(f"      - {source(s)}" for s in POST_SOURCES[body] + [STATE_SOURCES[state]]),
                ]
            lines.append("")
        persons = [p for pid, p in new_persons.items() if pid in used and _home(pid, out) == state]
        if persons:
            lines.append("persons:")
            for p in persons:
                lines.append(f"  - id: {p['id']}")
                if p.get("_transliterated"):
                    lines.append("    # ru: a transliteration of the English; no Russian-language page names him")
                lines.append(f"    name: {names(p['name'])}")
                if p.get("full_name"):
                    lines.append(f"    full_name: {names(p['full_name'])}")
                if p.get("other_names"):
                    lines.append(f"    other_names: {q(p['other_names'])}")
                if p.get("nationality"):
                    lines.append(f"    nationality: {p['nationality']}")
                lines.append("    sources:")
                lines += [f"      - {source(s)}" for s in p.get("sources") or []]
            lines.append("")
        lines.append("tenures:")
        for t in sorted(ts, key=lambda t: (t["post"], str(t.get("from") or (t.get("attested") or [t.get("until") or "9"])[0]))):
            first = True
            for key in ORDER:
                if key not in t or t[key] in (None, "", []):
                    continue
                value = t[key]
                prefix = "  - " if first else "    "
                first = False
                if key == "role":
                    lines.append(f"{prefix}role: {names(value)}")
                elif key == "attested":
                    lines.append(f"{prefix}attested: {q([str(a) for a in value])}")
                elif key == "sources":
                    lines.append(f"{prefix}sources:")
                    lines += [f"      - {source(s)}" for s in value]
                else:
                    lines.append(f"{prefix}{key}: {q(str(value))}")
        name = "55-offices.yaml" if state == "offices" else f"50-seats-{state.lower()}.yaml"
        (ROOT / name).write_text("\n".join(lines) + "\n")


def _home(pid, out):
    for state, ts in sorted(out.items()):
        if any(t["person"] == pid for t in ts):
            return state
    return None


POSTS = [
    ("csc", "{}'s seat on the Collective Security Council", "Место {} в Совете коллективной безопасности"),
    ("cfm", "Foreign Minister of {}", "Министр иностранных дел {}"),
    ("cmd", "Defence Minister of {}", "Министр обороны {}"),
    ("cssc", "Security Council Secretary of {}", "Секретарь Совета безопасности {}"),
]
SEED = "seed:000_e52e44ee9352e8ff.txt"
POST_SOURCES = {
    "csc": [{"ref": f"{SEED}#L21", "quote": "consists of heads of the member States"}],
    "cfm": [{"ref": f"{SEED}#L41", "quote": "The Council of Foreign Ministers (CFM)"}],
    "cmd": [{"ref": f"{SEED}#L41", "quote": "the Council of Ministers of Defense (CMD)"}],
    "cssc": [{"ref": f"{SEED}#L41", "quote": "the Committee of Secretaries of Security Councils (CSSC)"}],
}
STATE_SOURCES = {
    "AZE": {"ref": f"{SEED}#L3", "quote": "Later, it was joined by Azerbaijan, Belarus and Georgia (1993)."},
    "GEO": {"ref": f"{SEED}#L3", "quote": "Later, it was joined by Azerbaijan, Belarus and Georgia (1993)."},
    "UZB": {"ref": f"{SEED}#L17", "quote": "in the summer of 2006, the CSTO resumed its membership"},
}
SHORT = {"AZE": ("Azerbaijan", "Азербайджана"), "GEO": ("Georgia", "Грузии"), "UZB": ("Uzbekistan", "Узбекистана")}


def strip_seed_tenures():
    path = ROOT / "10-organization.yaml"
    text = path.read_text()
    head, sep, tail = text.partition("\ntenures:\n")
    items = re.split(r"(?m)^(?=  - person: )", tail)
    kept = [i for i in items if not re.search(r'^    post: "(csc|cfm|cmd|cssc):', i, re.M)]
    path.write_text(head + sep + "".join(kept))


if __name__ == "__main__":
    out, new_persons, known = main()
    write(out, new_persons, known)
    if "--strip" in sys.argv:
        strip_seed_tenures()
    print("\n".join(report))
    print({k: len(v) for k, v in out.items()})
