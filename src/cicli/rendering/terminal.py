"""Tables for a terminal, drawn by rich, laid out by cicli.rendering.layout: every column as wide as its
longest word at least, text wrapped between words, the columns that matter widened first."""

from __future__ import annotations

import os
from typing import IO

from ..sections import Section
from ..text import visible
from .layout import comfortable, widths, wrap

BAR_WIDTH = 40  # characters of the longest bar
BAR = "█"
#: Rows a terminal table shows: rich draws about 1,600 rows a second, and nobody reads 50,000 rows scrolling
#: by; the caption says how many more there are and how to get them all.
MAX_ROWS = 500
GAP = 2  # cells between two columns
INDENT = 2  # of a card's lines under its title


def _console(stream: IO[str], buffer: IO[str]):
    from rich.console import Console

    # Piped output is read by people too (less, a file): don't squeeze it to 80 columns.
    tty = stream.isatty()
    wide = None if tty or "COLUMNS" in os.environ else 200
    width = wide or (Console(file=stream).width if tty else None)
    return Console(file=buffer, soft_wrap=False, width=width, highlight=False, force_terminal=tty or None,
                   no_color=None if tty else True)


def write_tables(sections: list[Section], stream: IO[str]) -> None:
    """The sections, drawn in memory then written at once; lines end without the padding a terminal shows,
    so that a file or a pipe holds no trailing spaces."""
    import io

    buffer = io.StringIO()
    console = _console(stream, buffer)
    for n, section in enumerate(sections):
        if n:
            console.print()
        if section.cards:
            write_cards(section, console)
        else:
            write_table(section, console)
    text = buffer.getvalue()
    if not stream.isatty():
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    stream.write(text)


def _cell_width():
    from rich.cells import cell_len

    return cell_len


def _shown_rows(section: Section) -> tuple[list[str], list[list[str]], list[bool], int]:
    columns = [visible(c) for c in section.columns]
    hidden = max(len(section.rows) - MAX_ROWS, 0)
    rows = [[visible(cell) for cell in row] for row in section.rows[:MAX_ROWS]]
    marks = (section.highlight or [False] * len(section.rows))[:MAX_ROWS]
    return columns, rows, marks, hidden


def _captions(section: Section, hidden: int, console) -> None:
    from rich.text import Text

    from ..i18n import _, readable_count

    if hidden:
        console.print(Text(_("… and {count} more rows. To get them all: --format csv (or markdown) -o FILE.",
                             count=readable_count(hidden)), style="italic"))
    if section.caption:
        console.print(Text(visible(section.caption), style="italic"))


def write_table(section: Section, console) -> None:
    """A table; rows marked in `highlight` stand out; a column of counts gets bars beside it."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    width = _cell_width()
    columns, rows, marks, hidden = _shown_rows(section)
    if section.title:
        console.print(Text(visible(section.title), style="bold"))
    if not rows:
        _captions(section, hidden, console)
        return
    if section.bars is not None:
        columns.append("")
        # Counts are written as the language groups digits (« 10 000 »); a bar is one character per centre,
        # scaled down when the longest would not fit.
        counts = [int("".join(ch for ch in row[section.bars] if ch.isdigit()) or 0) for row in rows]
        scale = min(1.0, BAR_WIDTH / max(max(counts), 1))
        rows = [[*row, BAR * round(n * scale)] for row, n in zip(rows, counts, strict=True)]
    # One list of lines per cell, each line (text, dim): columns that stack go under their host, dimmed.
    cells = [[[(cell, False)] for cell in row] for row in [columns, *rows]]
    keep = list(range(len(columns)))
    available = console.width - GAP * (len(columns) - 1)
    if section.stack and not comfortable(list(zip(*[columns, *rows], strict=True)), available, width,
                                         section.priority):
        for row in cells:
            for host in set(section.stack.values()):
                parts = [row[i][0][0] for i, h in section.stack.items() if h == host and row[i][0][0]]
                moved = " · ".join(dict.fromkeys(parts))  # « Montréal · Montréal » says it once
                if moved:
                    row[host] = [*row[host], (moved, True)]
        keep = [i for i in keep if i not in section.stack]
        available = console.width - GAP * (len(keep) - 1)
    texts = [["\n".join(text for text, _dim in row[i]) for i in keep] for row in cells]
    priority = [keep.index(i) for i in section.priority if i in keep]
    sizes = widths(list(zip(*texts, strict=True)), available, width, priority)
    shown = [[_lines(row[i], sizes[n], width) for n, i in enumerate(keep)] for row in cells]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, GAP // 2), collapse_padding=True,
                  header_style="bold", show_lines=any("\n" in text.plain for row in shown[1:] for text in row))
    for n, i in enumerate(keep):
        numeric = all(_numeric(row[i][0][0]) for row in cells[1:]) and not (section.bars is not None
                                                                              and i == len(columns) - 1)
        table.add_column(shown[0][n], width=sizes[n], no_wrap=True,
                         justify="right" if numeric else "left")
    for r, mark in zip(range(1, len(cells)), marks, strict=True):
        # Text, not str: a cell reading « [bold]… » or « [link=…] » is data, not markup.
        table.add_row(*shown[r], style="bold yellow" if mark else None)
    console.print(table)
    _captions(section, hidden, console)


def _lines(parts: list[tuple[str, bool]], size: int, width):
    from rich.text import Text

    text = Text()
    for text_part, dim in parts:
        for line in wrap(text_part, size, width):
            if text:
                text.append("\n")
            text.append(line, style="dim" if dim else None)
    return text


def _numeric(cell: str) -> bool:
    digits = cell.replace("\u202f", "").replace(" ", "").replace(",", "").replace(".", "").lstrip("-")
    return digits.isdigit()


def write_cards(section: Section, console) -> None:
    """Each row as a block: its first cell as a title, the cells that stack under it dimmed, then a line per
    other column, « header  value », the value wrapped beside the header."""
    from rich.text import Text

    width = _cell_width()
    columns, rows, _marks, hidden = _shown_rows(section)
    if section.title:
        console.print(Text(visible(section.title), style="bold"))
    stacked = [i for i in (section.stack or {}) if i]
    others = [i for i in range(1, len(columns)) if i not in stacked]
    label = max((width(columns[i]) for i in others), default=0)
    room = max(console.width - INDENT - label - GAP, 20)
    for n, row in enumerate(rows):
        if n:
            console.print()
        console.print(Text("\n".join(wrap(row[0], console.width, width)), style="bold"))
        under = " · ".join(row[i] for i in stacked if row[i])
        if under:
            console.print(Text("\n".join(wrap(under, console.width, width)), style="dim"))
        for i in others:
            if not row[i]:
                continue
            lines = wrap(row[i], room, width)
            head = " " * INDENT + columns[i] + " " * (label - width(columns[i]) + GAP)
            block = Text(head[:INDENT] + head[INDENT:], style="bold")
            block.append(lines[0])
            for line in lines[1:]:
                block.append("\n" + " " * (INDENT + label + GAP) + line)
            console.print(block)
    if rows:
        console.print()
    _captions(section, hidden, console)
