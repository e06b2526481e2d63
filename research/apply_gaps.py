"""Apply the gap-filling research (research/gaps/*.yaml) to the built-in dataset's 50- and 55- files.

Each research file holds new `persons`, new `tenures`, and `amend` entries that add to an existing
tenure (found by person, post and its current from/until): a `from` or `until`, attested days, sources
and a note. The files are rewritten in the form research/merge.py writes. What could not be applied
is printed; nothing is invented here: every value comes from a research file with its sources.

Run it on the 50- and 55- files as research/merge.py wrote them, before any gap research
(`git checkout fa9fdd0 -- src/csto_registry/datasets/builtin/csto/5*.yaml`): it is not idempotent.
A later pass applies its own folder on top of the files as they are: `python research/apply_gaps.py
research/pass4` (once; the folder's amends name tenures as the earlier passes left them).
"""

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import merge  # noqa: E402

ROOT = merge.ROOT
report = []


def state_of(post):
    return post.split(":")[1] if ":" in post else "offices"


def load():
    out, persons = {}, {}
    for f in sorted(ROOT.glob("5[05]-*.yaml")):
        doc = yaml.safe_load(f.read_text())
        state = "offices" if f.name.startswith("55-") else f.stem.split("-")[-1].upper()
        out[state] = doc.get("tenures") or []
        for p in doc.get("persons") or []:
            if p["id"] in merge.TRANSLITERATED:
                p["_transliterated"] = True
            persons[p["id"]] = p
    return out, persons


def same(a, b):
    return (str(a) if a not in (None, "") else None) == (str(b) if b not in (None, "") else None)


def add_sources(tenure, sources):
    have = {(s.get("url") or s.get("ref"), s["quote"]) for s in tenure.get("sources") or []}
    for s in sources or []:
        if (s.get("url") or s.get("ref"), s["quote"]) not in have:
            tenure.setdefault("sources", []).append({"url": s["url"], "quote": s["quote"]})


def days(values, where):
    kept = [str(a) for a in values or [] if len(str(a)) == 10]
    if len(kept) != len(values or []):
        report.append(f"{where}: attested {values}: only whole days kept {kept}")
    return kept


def apply(name, doc, out, persons, others):
    for p in doc.get("persons") or []:
        if p["id"] in persons or p["id"] in others:
            report.append(f"{name}: person {p['id']} exists: new entry dropped")
            continue
        persons[p["id"]] = {k: p[k] for k in ("id", "name", "nationality", "sources") if k in p}
    for t in doc.get("tenures") or []:
        t = {k: v for k, v in t.items() if k in merge.ORDER}
        if not t.get("sources"):
            report.append(f"{name}: tenure {t['person']} {t['post']} has no source: dropped")
            continue
        if t["person"] not in persons and t["person"] not in others:
            report.append(f"{name}: tenure of unknown person {t['person']}: dropped")
            continue
        t["attested"] = days(t.get("attested"), f"{name} {t['person']} {t['post']}")
        if not (t.get("from") or t.get("until") or t["attested"]):
            # A tenure with no day at all would be possible on every day: not a fact the record can use.
            report.append(f"{name}: tenure {t['person']} {t['post']} has no date: dropped")
            continue
        t["sources"] = [{"url": s["url"], "quote": s["quote"]} for s in t["sources"]]
        twin = next(
            (
                o
                for o in out.setdefault(state_of(t["post"]), [])
                if (o["person"], o["post"]) == (t["person"], t["post"])
                and same(o.get("from"), t.get("from"))
                and same(o.get("until"), t.get("until"))
            ),
            None,
        )
        if twin is not None:  # two files found the same tenure: one record, the sources of both
            twin["attested"] = sorted(set(map(str, twin.get("attested") or [])) | set(t["attested"]))
            add_sources(twin, t["sources"])
            continue
        out[state_of(t["post"])].append(t)
    for a in doc.get("amend") or []:
        current = a.get("current") or {}
        found = [
            t
            for t in out.get(state_of(a["post"]), [])
            if t["person"] == a["person"]
            and t["post"] == a["post"]
            and same(t.get("from"), current.get("from"))
            and same(t.get("until"), current.get("until"))
        ]
        if len(found) != 1:
            report.append(f"{name}: amend {a['person']} {a['post']} {current}: {len(found)} matches: skipped")
            continue
        tenure, changes = found[0], a.get("set") or {}
        for key in ("from", "until"):
            if changes.get(key):
                tenure[key] = str(changes[key])
        if changes.get("attested"):
            extra = days(changes["attested"], f"{name} {a['person']} {a['post']}")
            tenure["attested"] = sorted(set(map(str, tenure.get("attested") or [])) | set(extra))
        if a.get("note"):
            tenure["note"] = (tenure.get("note", "") + " " + a["note"]).strip()
        add_sources(tenure, a.get("sources"))


def main():
    out, persons = load()
    others = {
        p["id"]
        for f in sorted(ROOT.glob("*.yaml"))
        if not f.name.startswith(("50-", "55-"))
        for p in (yaml.safe_load(f.read_text()).get("persons") or [])
    }
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "gaps"
    for f in sorted(folder.glob("*.yaml")):
        apply(f.name, yaml.safe_load(f.read_text()) or {}, out, persons, others)
    used = {t["person"] for ts in out.values() for t in ts}
    merge.write(out, {pid: p for pid, p in persons.items() if pid in used}, {})
    print("\n".join(report) or "all applied")


if __name__ == "__main__":
    main()
