"""Typed readers of the environment that fail loudly on a bad value."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from platformdirs import user_data_dir


def envbool(name: str, default: bool) -> bool:
    """Read a yes/no variable: 1/true/yes or 0/false/no."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected one of 1/true/yes or 0/false/no")


def envlist(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def home() -> Path:
    """Return the folder that holds the embedded database: CSTO_HOME or the user data folder."""
    raw = os.environ.get("CSTO_HOME")
    path = Path(raw).expanduser() if raw else Path(user_data_dir("csto-registry", appauthor=False))
    if path.exists() and not path.is_dir():
        raise ImproperlyConfigured(f"CSTO_HOME={str(path)!r} is not a folder")
    return path


def exports_folder() -> Path:
    """Return the folder for the standard export files: CSTO_EXPORTS_DIR, or "exports" under home()."""
    raw = os.environ.get("CSTO_EXPORTS_DIR")
    return Path(raw).expanduser() if raw else home() / "exports"


def database() -> dict[str, object]:
    """Return Django's default database: CSTO_DATABASE_URL, or a SQLite file under home()."""
    import dj_database_url

    url = os.environ.get("CSTO_DATABASE_URL")
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60)
        except (ValueError, KeyError) as error:
            raise ImproperlyConfigured(f"CSTO_DATABASE_URL: {error}") from error
        return dict(config)
    folder = home()
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(folder / "csto.sqlite3"),
        # Opening the file costs more than answering a question (bench/README.md): keep it open.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # WAL lets the site read while an import writes; a 64 MiB page cache keeps a large import's indexes in memory.
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"},
    }
