"""The project's errors. The CLI turns each into a message and an exit code, in one place."""

from __future__ import annotations


class CicliError(Exception):
    """Base of every error cicli raises on purpose."""

    exit_code = 1
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None,
                 row: int | None = None, column: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.path = path
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = [p for p in (self.path, f"row {self.row}" if self.row else None,
                             f"column {self.column}" if self.column else None) if p]
        return f"{', '.join(where)}: {self.message}" if where else self.message


class InputError(CicliError):
    """The input file cannot be read as an annex table."""


class UsageError(CicliError):
    """The command was called with a value that cannot work (unknown centre, bad choice)."""

    exit_code = 2


class OutputError(CicliError):
    """The output cannot be written where asked (exists, missing folder, read-only)."""
