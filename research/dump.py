"""Write what a research pass starts from: the recorded holders and the missing seat-days.

    CSTO_HOME=$(mktemp -d) .venv/bin/python research/dump.py OUT_DIR PASS_DIR

OUT_DIR/existing/<STATE>.txt and OUT_DIR/existing/OFFICES.txt list the tenures (tab-separated: post,
person id, names, from, until, attested); PASS_DIR/GAPS.txt lists each post's missing 1 January
seat-days, the stretches with no certain holder that contain them, and the stale open facts.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

import django


def main(out: Path, pass_dir: Path) -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csto_registry.config.settings")
    django.setup()
    from csto_registry.datasets.builtin import database_ensure
    from csto_registry.records.models import Tenure
    from csto_registry.records.selectors.gaps import record_gaps

    database_ensure()
    rows: defaultdict[str, list[str]] = defaultdict(list)
    for t in (
        Tenure.objects.filter(post__single=True)
        .select_related("post__state", "person")
        .order_by("post__slug", "start_min")
    ):
        key = t.post.state.code if t.post.state else "OFFICES"
        names = " / ".join(v for v in t.person.name.values())
        rows[key].append(
            "\t".join([t.post.slug, t.person.slug, names, t.start or "-", t.end or "-", ",".join(t.attested)])
        )
    (out / "existing").mkdir(parents=True, exist_ok=True)
    for key, lines in rows.items():
        (out / "existing" / f"{key}.txt").write_text("\n".join(lines) + "\n")
    report = record_gaps(today=dt.datetime.now(tz=dt.UTC).date())
    missing: defaultdict[str, list[str]] = defaultdict(list)
    for m in report["coverage"]["missing"]:
        missing[m["post"]].append(m["day"])
    lines = [
        "# Missing seat-days (no certain holder) by post, and the stretches with no certain holder that contain them",
        "",
    ]
    for post in sorted(missing):
        lines.append(f"{post} missing on: {' '.join(missing[post])}")
        for gap in report["gaps"]:
            if gap["post"] == post and any(
                gap["from"] <= d and (gap["until"] is None or d < gap["until"]) for d in missing[post]
            ):
                lines.append(f"   stretch {gap['from']} -> {gap['until']}")
    lines += ["", "# Open facts not confirmed in the last 12 months"]
    lines += [f"{s['post']} {s['person']} last confirmed {s['last_confirmed']}" for s in report["stale"]]
    pass_dir.mkdir(parents=True, exist_ok=True)
    (pass_dir / "GAPS.txt").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
