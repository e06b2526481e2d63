"""Build one standard export file in a process of its own: `python -m csto_registry.datasets.background JOB`.

JOB is the JSON of `structure.standard_file`'s arguments. The API starts it (through
`standard_file_or_start`) for an export too large to build while a request waits; the file
appears in the exports folder when it is written, and the next request for it is served it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(job: str) -> None:
    arguments = json.loads(job)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csto_registry.config.settings")
    import django

    django.setup()
    from csto_registry.datasets.structure import standard_file

    standard_file(**{**arguments, "folder": Path(arguments["folder"])})


if __name__ == "__main__":
    main(sys.argv[1])
