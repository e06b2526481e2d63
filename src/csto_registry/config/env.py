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


def public_url() -> str | None:
    """CSTO_PUBLIC_URL: the site's public address (http:// or https://, ending in /), or None."""
    raw = os.environ.get("CSTO_PUBLIC_URL", "").strip()
    if not raw:
        return None
    if not raw.startswith(("http://", "https://")) or " " in raw:
        raise ImproperlyConfigured(
            f"CSTO_PUBLIC_URL={raw!r}: expected an address such as https://registry.example.org/"
        )
    return raw if raw.endswith("/") else raw + "/"


def audit_key_setting() -> str:
    """CSTO_AUDIT_KEY: the audit trail's signing key, at least 32 characters; empty means the key file."""
    raw = os.environ.get("CSTO_AUDIT_KEY", "")
    if raw and len(raw.strip()) < 32:
        raise ImproperlyConfigured("CSTO_AUDIT_KEY: expected at least 32 characters (a random key)")
    return raw.strip()


def lock_seconds() -> float:
    """How long a write waits for another's lock before it is refused as busy: CSTO_LOCK_TIMEOUT (seconds, 10)."""
    raw = os.environ.get("CSTO_LOCK_TIMEOUT", "").strip()
    try:
        seconds = float(raw) if raw else 10.0
    except ValueError:
        seconds = -1.0
    if not 0 < seconds <= 3600:
        raise ImproperlyConfigured(
            f"CSTO_LOCK_TIMEOUT={raw!r}: expected a number of seconds, more than 0, at most 3600"
        )
    return seconds


def export_inline_rows() -> int:
    """Up to how many rows (tenures and persons) an export is built while its request waits:
    CSTO_EXPORT_INLINE_ROWS (default 20,000); a larger one is built in the background (HTTP 202)."""
    raw = os.environ.get("CSTO_EXPORT_INLINE_ROWS", "").strip()
    if not raw:
        return 20_000
    if not raw.isdigit():
        raise ImproperlyConfigured(f"CSTO_EXPORT_INLINE_ROWS={raw!r}: expected a whole number of rows, 0 or more")
    return int(raw)


def database() -> dict[str, object]:
    """Return Django's default database: CSTO_DATABASE_URL, or a SQLite file under home()."""
    import dj_database_url

    url = os.environ.get("CSTO_DATABASE_URL")
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60)
        except (ValueError, KeyError) as error:
            raise ImproperlyConfigured(f"CSTO_DATABASE_URL: {error}") from error
        if "postgres" in str(config.get("ENGINE", "")):
            # A write waits for another's row lock at most the lock timeout, then is refused as busy (503).
            options = config.setdefault("OPTIONS", {})
            options["options"] = f"{options.get('options', '')} -c lock_timeout={int(lock_seconds() * 1000)}".strip()
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
        # A transaction takes the write lock when it begins (IMMEDIATE), so two writers never both read and then
        # fail to upgrade ("database is locked" at once); a writer waits up to the lock timeout for its turn.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;",
            "transaction_mode": "IMMEDIATE",
            "timeout": lock_seconds(),
        },
    }
