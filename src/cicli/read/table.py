"""An annex table as read: every cell as text in Arrow columns, named after the file's header.

`name_columns` is where both readers end: it names the columns after the header record (French,
English or cicli's own words), keeps the row numbers a spreadsheet shows, and flags what cannot be kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from .. import schema
from ..i18n import _, ngettext
from ..problems import Problem
from ..text import quoted, ranges

if TYPE_CHECKING:
    import pandas as pd

HEADER_SEARCH_ROWS = 30  # a header further down than this is not a header
MAX_HEADER = 60  # characters; a longer cell is not a header


@dataclass
class Table:
    """An annex table as read: raw string cells, and how they were read."""

    cells: pa.Table  # stripped text, never null; columns: schema names or the file's own headers
    rows: np.ndarray  # the spreadsheet row number of each row of `cells`
    source: str  # the path as given, or "centres.csv (bundled)"
    format: str  # "csv" or "xlsx"
    headers: dict[str, str]  # column → header as written in the file
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)
    bundled: bool = False  # the annex bundled with cicli

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame of strings, indexed by spreadsheet row numbers."""
        import pandas as pd

        if not self.cells.num_columns:
            return pd.DataFrame(index=self.rows)
        frame = self.cells.to_pandas().astype("str")
        frame.index = self.rows
        return frame


Naming = Callable[[str], "str | None"]  # a header → the column of cicli it stands for (schema.column_for_header)


def _header_score(record: list[str], naming: Naming) -> tuple[int, int]:
    # A header is short: long cells are data, and folding them would be wasted work.
    known = [naming(cell) for cell in record if cell.strip() and len(cell) <= MAX_HEADER]
    return ("name" in known, sum(k is not None for k in known))


def find_header(records: list[list[str]], naming: Naming = schema.column_for_header) -> tuple[int, tuple[int, int]]:
    """Index of the header record: the first that names the most known columns."""
    best, best_score = None, (0, 0)
    for i, record in enumerate(records):
        score = _header_score(record, naming)
        if score > best_score:
            best, best_score = i, score
    if best is None:  # nothing known: the first non-blank record
        best = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), 0)
    return best, best_score


def _as_arrow(cells):
    """A column of cells (Arrow array, pandas Series or list) as an Arrow large_string array; None → ""."""
    import pyarrow.compute as pc

    from ..speed.arrays import strings, text

    if isinstance(cells, list):
        try:
            cells = strings(cells)  # text and empty cells, the usual case
        except TypeError:  # numbers, dates, booleans: as a spreadsheet shows them
            return strings([c if isinstance(c, str) else cell_text(c) for c in cells])
    elif not isinstance(cells, (pa.Array, pa.ChunkedArray)):  # a Series, from the careful CSV path
        from ..speed.frames import arrow_strings

        return arrow_strings(cells)
    cells = cells.cast(pa.large_string()) if cells.type != pa.large_string() else cells
    return pc.fill_null(cells, text(""))


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(value, "date") else value.isoformat()
        return text[:10] if text.endswith(" 00:00:00") else text
    return str(value)


def undefuse(cells):
    """A cell « '=… » (an apostrophe, then what a spreadsheet would run as a formula) without its first
    apostrophe: how CSV files, cicli's exports among them, keep such text from running (writers.safety.defuse)."""
    import pyarrow.compute as pc

    from ..speed.arrays import holds_any

    if not holds_any(cells, (ord("'"),)) or not pc.any(pc.starts_with(cells, "'")).as_py():
        return cells
    return pc.replace_substring_regex(cells, pattern="^'('*[=+\\-@\t\r])", replacement="\\1")


def name_columns(columns: list, *, header_row: int, source: str, problems: list[Problem],
                 header_width: int | None = None, row_numbers: np.ndarray | None = None,
                 defused: bool = False, positions: list[int] | None = None,
                 naming: Naming = schema.column_for_header) -> Table:
    """Name the columns after the header record; keep row numbers; flag what cannot be kept.

    `columns` holds each column's cells, the header's first: Arrow arrays, pandas Series or lists.
    `header_width` is the header's own number of cells (CSV): a cell beyond it is an extra cell.
    `row_numbers`: the spreadsheet row of each cell after the header, when they do not follow each other.
    `defused`: the cells come from a CSV file, whose « '=… » cells are read without their apostrophe.
    `positions`: each column's number in the sheet, when the columns given skip some.
    Cells are stripped once, with Arrow; blank rows and empty columns come from the same masks.
    """
    import pyarrow.compute as pc

    from ..speed.arrays import booleans, edge_whitespace, in_parallel, text, to_numpy_bools

    columns = [undefuse(_as_arrow(c)) if defused else _as_arrow(c) for c in columns]
    length = len(columns[0]) if columns else 0
    rows = row_numbers if row_numbers is not None else np.arange(header_row + 1, header_row + length)
    header = [(c[0].as_py() or "").strip() for c in columns]
    width = header_width or len(header)
    header = header[:width]
    stripped = [column.slice(1) for column in columns]
    # Trimming a column copies its text: only those where a cell begins or ends with whitespace.
    untrimmed = [i for i, column in enumerate(stripped) if edge_whitespace(column)]
    trimmed = in_parallel(pc.utf8_trim_whitespace, [stripped[i] for i in untrimmed], length)
    for i, column in zip(untrimmed, trimmed, strict=True):
        stripped[i] = column
    filled = [to_numpy_bools(pc.not_equal(column, text(""))) for column in stripped]
    names: list[str] = []
    headers: dict[str, str] = {}
    keep: list[int] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        position = positions[i] if positions else i + 1
        if not h:
            if not filled[i].any():
                continue  # a trailing or empty column: nothing to keep
            h_name = _("column {number}", number=position)
            problems.append(Problem.of("blank-header", _("column {number} has data but no header; it is named {name}.",
                                                         number=position, name=quoted(h_name)),
                                       row=header_row, column=h_name))
        else:
            canonical = naming(h)
            if canonical and canonical in seen and not (schema.is_own_header(canonical, h)
                                                          and schema.is_own_header(canonical, headers[canonical])):
                canonical = None  # « Commentaires » beside « Notes »: a column of the user's own, shown as not used
            if canonical and canonical in seen:
                problems.append(Problem.of("duplicate-column", _(
                    "header {header} (column {number}) stands for {column}, like column {other} ({other_header}); "
                    "keep one of them.", header=quoted(h), number=position, column=quoted(canonical),
                    other=seen[canonical], other_header=quoted(headers[canonical])), row=header_row, column=h, value=h))
                continue
            if canonical:
                h_name = canonical
            elif h in seen:
                h_name = _("{header} (column {number})", header=h, number=position)
                problems.append(Problem.of("duplicate-header", _(
                    "header {header} appears twice; column {number} is named {name}.", header=quoted(h),
                    number=position, name=quoted(h_name)), row=header_row, column=h_name, value=h))
            else:
                h_name = h
        seen[h_name] = position
        headers[h_name] = h
        names.append(h_name)
        keep.append(i)
    if len(filled) > width:  # cells beyond the header: only CSV rows longer than their header get here
        beyond = np.column_stack(filled[width:])
        for r in np.flatnonzero(beyond.any(axis=1)):
            last = int(np.flatnonzero(beyond[r])[-1])
            first = int(np.flatnonzero(beyond[r])[0])
            problems.append(Problem.of("extra-cell", _(
                "row {row} has {count} cells but the header has {width}; the extra cells are not read.",
                row=rows[r], count=width + last + 1, width=width), row=int(rows[r]),
                value=stripped[width + first][r].as_py()))
    blank = ~np.logical_or.reduce([filled[i] for i in keep]) if keep else np.ones(len(rows), dtype=bool)
    kept = np.flatnonzero(~blank)
    if len(kept):
        _note_blank_rows(rows, rows[kept], header_row, problems)
    cells = pa.table([stripped[i] for i in keep], names=names) if keep else pa.table({})
    if len(kept) < len(rows) and keep:
        cells = cells.filter(booleans(~blank))
    return Table(cells=cells, rows=rows[kept], source=source, format="", headers=headers, header_row=header_row,
                 problems=problems)


def _note_blank_rows(rows: np.ndarray, kept: np.ndarray, header_row: int, problems: list[Problem]) -> None:
    """A note on the blank rows between the header and the last row with data (the rows a reader of the
    sheet sees as gaps; blank rows after the table are no part of it)."""
    if int(kept[-1]) - header_row == len(kept):  # one row after another, the usual case
        return
    blank = np.setdiff1d(np.arange(header_row + 1, int(kept[-1]) + 1), kept, assume_unique=True)
    if len(blank):
        problems.append(Problem.of("blank-row", ngettext(
            "row {rows} is blank: cicli skips it.", "rows {rows} are blank: cicli skips them.", len(blank),
            rows=ranges(blank.tolist())), row=int(blank[0])))
