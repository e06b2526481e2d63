"""The error a dataset file gets: file, record, field and value at fault, in one line."""

from __future__ import annotations

from csto_registry.records.errors import RegistryError


class DatasetError(RegistryError):
    """A dataset that cannot be imported; nothing of it was written."""

    def __init__(self, *, file: str, record: str, field: str | None, value: object, problem: str) -> None:
        self.file, self.record, self.field, self.value, self.problem = file, record, field, value, problem
        where = f"{file}: {record}"
        if field is not None:
            where += f": {field}={value!r}"
        super().__init__(f"{where}: {problem}", field=field)
