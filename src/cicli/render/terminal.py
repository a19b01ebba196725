"""Tables for a terminal, drawn by rich."""

from __future__ import annotations

import os
from typing import IO

from ..results import Section

BAR = "█"


def _console(stream: IO[str]):
    from rich.console import Console

    # Piped output is read by people too (less, a file): don't squeeze it to 80 columns.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 200
    return Console(file=stream, soft_wrap=False, width=wide)


def write_tables(sections: list[Section], stream: IO[str]) -> None:
    for section in sections:
        write_table(section, stream)


def write_table(section: Section, stream: IO[str]) -> None:
    """A rich table; rows marked in `highlight` stand out; a column of counts gets bars beside it."""
    from rich.table import Table

    columns, rows = list(section.columns), section.rows
    if section.bars is not None:
        columns.append("")
        rows = [[*row, BAR * int(row[section.bars] or 0)] for row in rows]
    table = Table(title=section.title, title_justify="left", title_style="bold",
                  show_lines=any("\n" in cell for row in rows for cell in row), header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold", min_width=min(len(column), 14))
    for row, mark in zip(rows, section.highlight or [False] * len(rows), strict=True):
        table.add_row(*row, style="bold yellow" if mark else None)
    _console(stream).print(table)
