"""Tables for a terminal, drawn by rich."""

from __future__ import annotations

import os
from typing import IO

from ..results import Section
from ..text import visible

BAR = "█"
#: Rows a terminal table shows: rich draws about 1,600 rows a second, and nobody reads 50,000 rows scrolling
#: by; the caption says how many more there are and how to get them all.
MAX_ROWS = 500


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
    from rich.text import Text

    from ..i18n import _

    columns = [visible(c) for c in section.columns]
    hidden = max(len(section.rows) - MAX_ROWS, 0)
    rows = [[visible(cell) for cell in row] for row in section.rows[:MAX_ROWS]]
    if section.bars is not None:
        columns.append("")
        rows = [[*row, BAR * int(row[section.bars] or 0)] for row in rows]
    table = Table(title=Text(visible(section.title)) if section.title else None, title_justify="left", title_style="bold",
                  show_lines=any("\n" in cell for row in rows for cell in row), header_style="bold")
    for column in columns:
        table.add_column(Text(column), overflow="fold", min_width=min(len(column), 14))
    if hidden:
        table.caption = Text(_("… and {count} more rows. To get them all: --format csv (or markdown) -o FILE.",
                               count=f"{hidden:,}"))
    for row, mark in zip(rows, (section.highlight or [False] * len(section.rows))[:MAX_ROWS], strict=True):
        # Text, not str: a cell reading « [bold]… » or « [link=…] » is data, not markup.
        table.add_row(*(Text(cell) for cell in row), style="bold yellow" if mark else None)
    _console(stream).print(table)
