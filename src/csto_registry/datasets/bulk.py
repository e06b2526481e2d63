"""Writing many rows at once, without a model object per row.

An import of a million tenures spends most of its time in Django's per-object
work in bulk_create (building instances, preparing each field); this writes
plain rows with one multi-row INSERT ... RETURNING per batch, adapting dates and
JSON as Django would for the database in use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

MAX_PARAMETERS = 30000  # under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement


def _adapter(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    ops = connection.ops
    if isinstance(field, models.JSONField):
        # What JSONField.get_db_prep_save comes to, without its layers: json text, or psycopg's Jsonb.
        adapt_json, encoder = ops.adapt_json_value, field.encoder
        empty = {"{}": adapt_json({}, encoder), "[]": adapt_json([], encoder)}
        # Most optional maps and lists are empty: those are adapted once.
        return lambda value: adapt_json(value, encoder) if value else empty["{}" if isinstance(value, dict) else "[]"]
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def insert_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert rows given by field attname; return the new primary keys in the rows' order."""
    if not rows:
        return []
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    names = list(rows[0])
    fields = [by_attname[name] for name in names]
    adapters = [(i, adapt) for i, f in enumerate(fields) if (adapt := _adapter(f)) is not None]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "  # noqa: S608  # names from the model
    returning = f" RETURNING {quote(model._meta.pk.column)}"  # every model has a pk
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = max(1, MAX_PARAMETERS // len(fields))
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params: list[Any] = []
            for row in batch:
                values = [row[name] for name in names]
                for i, adapt in adapters:
                    values[i] = adapt(values[i])
                params.extend(values)
            # Names come from the model's own metadata; values are bound parameters.
            cursor.execute(head + ", ".join([one] * len(batch)) + returning, params)
            ids.extend(row[0] for row in cursor.fetchall())
    return ids
