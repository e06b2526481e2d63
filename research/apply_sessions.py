"""Apply the sessions research (research/gaps/sessions.yaml) to 30-public-record.yaml.

New Council sessions are written before the first recorded one (sessions are read in date order); a
recorded session gains the documents the sources list, the sources themselves, and its kind where a
source calls it a jubilee session. Entries that are not a Council session (the Treaty's signature) or
whose documents are not named are left out and printed.
"""

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from merge import names, q, source  # noqa: E402

TARGET = HERE.parent / "src" / "csto_registry" / "datasets" / "builtin" / "csto" / "30-public-record.yaml"
SKIP_SESSIONS = {"csc-1992-05-15"}  # the Treaty's signature: no page calls it a session of the Council
JUBILEE = {"csc-2002-05-14", "csc-2007-10-06", "csc-2012-05-15"}  # each has a page calling it a jubilee session
report = []


def documents(entry):
    kept = []
    for d in entry.get("documents") or []:
        if not isinstance(d, dict) or not isinstance(d.get("en"), str) or any(v is None for v in d.values()):
            report.append(f"{entry['id']}: document {d!r} is not a name map: left out")
        elif "not listed" in d["en"] or "(announced)" in d["en"]:
            report.append(f"{entry['id']}: {d['en']!r} names no document: left out")
        else:
            kept.append({k: v for k, v in d.items() if k in ("en", "ru")})
    return kept


def source_lines(entry):
    return [f"      - {source(s)}" for s in entry.get("sources") or []]


def new_block(e):
    lines = [f"  - id: {e['id']}", "    body: csc", f"    start: {q(str(e['start']))}"]
    if e.get("end"):
        lines.append(f"    end: {q(str(e['end']))}")
    if e.get("note"):
        lines.append(f"    # {e['note']}")
    if e.get("place"):
        lines.append(f"    place: {names(e['place'])}")
    if e.get("videoconference"):
        lines.append("    videoconference: true")
    if e.get("state"):
        lines.append(f"    state: {e['state']}")
    lines.append(f"    kind: {e.get('kind') or 'regular'}")
    docs = documents(e)
    if docs:
        lines.append("    documents:")
        lines += [f"      - {names(d)}" for d in docs]
    return [*lines, "    sources:", *source_lines(e)]


def main():
    research = yaml.safe_load((HERE / "gaps" / "sessions.yaml").read_text())
    lines = TARGET.read_text().split("\n")
    recorded = {l.split("id: ", 1)[1].strip() for l in lines if l.startswith("  - id: csc-")}
    first = lines.index("sessions:") + 1
    added = []
    for e in sorted(research["sessions"], key=lambda e: str(e.get("start") or "")):
        if e["id"] in SKIP_SESSIONS:
            report.append(f"{e['id']}: not a session of the Council: left out")
        elif e["id"] not in recorded:
            added += new_block(e)
    lines[first:first] = added
    for e in research["sessions"]:
        if e["id"] not in recorded:
            continue
        i = lines.index(f"  - id: {e['id']}")
        j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("  - id:") or not lines[k].startswith(" "))
        block = lines[i:j]
        if e["id"] in JUBILEE:
            block = [("    kind: jubilee" if b.startswith("    kind:") else b) for b in block]
        if e.get("place") and not any(b.startswith("    place:") for b in block):
            block.insert(3, f"    place: {names(e['place'])}")
        docs = documents(e)
        s = block.index("    sources:")
        if docs:
            block[s:s] = ["    documents:", *[f"      - {names(d)}" for d in docs]]
        s = block.index("    sources:")
        have = set(block[s + 1 :])
        block[s + 1 : s + 1] = [x for x in source_lines(e) if x not in have]
        lines[i:j] = block
    TARGET.write_text("\n".join(lines))
    print("\n".join(report) or "all applied")


if __name__ == "__main__":
    sys.exit(main())
