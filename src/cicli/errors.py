"""The project's errors: one shape, whatever raised them. The CLI turns each into a message and an
exit code, in one place, and adds what to type to get further (a hint names an option, never the
library)."""

from __future__ import annotations


class CicliError(Exception):
    """Base of every error cicli raises on purpose."""

    exit_code = 1
    code = "error"

    def __init__(self, message: str, *, code: str | None = None, path: str | None = None,
                 row: int | None = None, column: str | None = None, option: str | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.path = path
        self.row = row
        self.column = column
        self.option = option  # the parameter the error is about (`status`): the CLI names it `--status`
        self.hint = hint  # what the user can do next, as a key the interface words (see cli.messages)

    def where(self) -> str:
        """The file, row and column, as a message shows them (a name with a line break cannot forge a line)."""
        from .i18n import _
        from .text import shown

        parts = [shown(self.path) if self.path else None,
                 _("row {row}", row=self.row) if self.row else None,
                 _("column {column}", column=shown(self.column, 80)) if self.column else None]
        return ", ".join(p for p in parts if p)

    def __str__(self) -> str:
        from .i18n import _

        where = self.where()
        message = _("{where}: {message}", where=self.option, message=self.message) if self.option else self.message
        return _("{where}: {message}", where=where, message=message) if where else message


class InputError(CicliError):
    """The input file cannot be read as an annex table."""


class UsageError(CicliError):
    """The command was called with a value that cannot work (unknown centre, bad choice)."""

    exit_code = 2


class OutputError(CicliError):
    """The output cannot be written where asked (exists, missing folder, read-only)."""
