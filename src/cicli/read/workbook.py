"""XLSX workbooks → an annex table: the visible active sheet (or the one asked for), surveyed before it is read,
read by calamine (Rust) when it is written the plain way, else cell by cell (read.sheet_xml).

A spreadsheet shows cells cicli cannot read: a formula without a stored result, an error (#REF!). They
are warnings at their row and column, never a silent gap.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from .. import schema
from ..errors import InputError
from ..i18n import _, readable_count
from ..problems import Problem
from ..text import quoted, some_of
from .delimited import MAX_COLUMNS
from .package import Package, Sheet
from .sheet_xml import Cells, SheetReader, date_styles, letters, pinpoint, shared_strings
from .survey import shared_text, survey
from .table import HEADER_SEARCH_ROWS, Naming, Table, cell_text, find_header, name_columns

MAX_DENSE_CELLS = 4_000_000  # the rectangle calamine builds; beyond it, cells are read one by one
MAX_CELLS = 3_000_000  # cells cicli reads from a workbook (a CSV has no such limit)
MAX_TEXT = 400 << 20  # bytes of text the cells hold once shared strings are expanded


def read_xlsx(p: Path, name: str, sheet: str | None, naming: Naming = schema.column_for_header) -> Table:
    book = _Book(p, name, naming)
    try:
        chosen, sheet_read = book.choose(sheet)
    finally:
        book.close()
    rows, index, cells = sheet_read
    header_row = index + 1 if isinstance(rows, list) else index
    if isinstance(rows, dict):  # read cell by cell
        header = [rows.get(header_row, {}).get(c, "") for c in range(1, max(rows.get(header_row, {}), default=0) + 1)]
        _check_width(header, name, header_row)
        table = _sparse_table(rows, header_row, name, _unreadable(cells, header_row, header), naming)
    else:
        body = rows[index:]
        header = [cell_text(v) for v in body[0]] if body else []
        _check_width(header, name, header_row)
        columns = [list(column) for column in itertools.zip_longest(*body, fillvalue="")]
        table = name_columns(columns, header_row=header_row, source=name,
                             problems=_unreadable(cells, header_row, header), naming=naming)
    table.format, table.sheet = "xlsx", chosen.name
    return table


def _check_width(header: list, name: str, row: int) -> None:
    filled = [i for i, cell in enumerate(header) if str(cell).strip()]
    if filled and filled[-1] + 1 > MAX_COLUMNS:
        raise InputError(_("the header holds {count} columns, more than cicli reads ({limit}): this is not a table of "
                           "centres.", count=readable_count(filled[-1] + 1), limit=readable_count(MAX_COLUMNS)),
                         code="too-large", path=name, row=row)


class _Book:
    """A workbook being read: its package, and calamine's reading of it, opened once for every sheet."""

    def __init__(self, p: Path, name: str, naming: Naming):
        self.path, self.name, self.naming = p, name, naming
        self.package = Package(p, name)
        self._calamine = None
        self._shared: list[str] | None = None
        self._dates = None

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
        self.package.close()

    def choose(self, wanted: str | None):
        """The sheet to read: the one asked for; else the active sheet if it is visible and holds a table with a
        name column; else the first visible sheet that does; else the first visible sheet with data."""
        sheets = self.package.sheets
        if wanted is not None:
            chosen = next((s for s in sheets if s.name == wanted), None)
            if chosen is None:
                raise InputError(_("no sheet named {sheet}; the sheets are: {sheets}.", sheet=quoted(wanted),
                                   sheets=some_of([quoted(s.name) for s in sheets])), code="sheet-not-found",
                                 path=self.name)
            rows, index, cells, _score = self.read_sheet(chosen)
            if not rows:
                raise InputError(_("sheet {sheet} is empty.", sheet=quoted(chosen.name)), code="empty-file",
                                 path=self.name)
            return chosen, (rows, index, cells)
        visible = [s for s in sheets if s.visible]
        active = next((s for s in visible if s.position == self.package.active), None)
        order = ([active] if active else []) + [s for s in visible if s is not active]
        fallback = None
        for sheet in order:
            rows, index, cells, score = self.read_sheet(sheet)
            if score[0]:
                return sheet, (rows, index, cells)
            if fallback is None and rows:
                fallback = (sheet, (rows, index, cells))
        if fallback is not None:
            return fallback
        hidden = [s.name for s in sheets if not s.visible]
        if hidden:
            raise InputError(_("the visible sheets hold no table; hidden sheets do ({sheets}).",
                               sheets=some_of([quoted(h) for h in hidden])), code="empty-file", path=self.name,
                             hint="sheet")
        raise InputError(_("the workbook's sheets are all empty."), code="empty-file", path=self.name)

    def read_sheet(self, sheet: Sheet):
        """(rows, index of the header row, the cells cicli cannot read, header score) of one sheet, within the
        limits. Rows are a list of lists (calamine) whose header is at the index, or row → column → text (cell by
        cell) whose header is at the row number."""
        data = self.package.xml(sheet.part)
        found = survey(data)
        if found.cells > MAX_CELLS:
            raise InputError(_("sheet {sheet} holds {cells} cells, more than cicli reads from a workbook ({limit}). "
                               "Save the sheet as « CSV UTF-8 » and read that file.", sheet=quoted(sheet.name),
                               cells=readable_count(found.cells), limit=readable_count(MAX_CELLS)),
                             code="too-large", path=self.name)
        # calamine looks for the workbook at xl/workbook.xml only: another place is read cell by cell too.
        # A sheet without cells is parsed here too: it may be empty, or not XML at all.
        careful = not found.plain or found.dense > MAX_DENSE_CELLS or self.package.workbook_part != "xl/workbook.xml" \
            or found.cells == 0
        if not careful:
            strings = self.package.xml(self.package.shared_strings_part) \
                if found.shared_uses and self._has_shared() else None
            if shared_text(data, found, strings, MAX_TEXT) > MAX_TEXT:
                raise InputError(_("the cells of sheet {sheet} would hold more than {limit} MiB of text: a long shared "
                                   "text is repeated in many cells. Save the sheet as « CSV UTF-8 » to read it.",
                                   sheet=quoted(sheet.name), limit=MAX_TEXT >> 20), code="too-large", path=self.name)
            unreadable = pinpoint(data, self.name, sheet.name) if found.unreadable else Cells()
            careful = unreadable is None
        rows = None if careful else self._calamine_rows(sheet)
        if rows is None:  # not for calamine, or calamine could not: cell by cell, which says why if it cannot either
            cells = SheetReader(self.name, sheet.name, self.shared_strings, self.date_styles(),
                                self.package.date1904, max_text=MAX_TEXT).read(data)
            rows = cells.rows
            first = sorted(rows)[:HEADER_SEARCH_ROWS]
            width = max((max(r) for r in rows.values()), default=0)
            head = [[rows[r].get(c, "") for c in range(1, min(width, 200) + 1)] for r in first]
            index, score = find_header(head, self.naming) if head else (0, (0, 0))
            return rows, first[index] if first else 1, cells, score
        head = [[cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]
        index, score = find_header(head, self.naming)
        return rows, index, unreadable, score

    def _has_shared(self) -> bool:
        part = self.package.shared_strings_part
        return bool(part) and self.package.has(part)

    def shared_strings(self) -> list[str]:
        if self._shared is None:
            part = self.package.shared_strings_part
            self._shared = shared_strings(self.package.xml(part), part, self.name) if self._has_shared() else []
        return self._shared

    def date_styles(self) -> frozenset[int]:
        if self._dates is None:
            part = self.package.styles_part
            self._dates = date_styles(self.package.xml(part), part, self.name) \
                if part and self.package.has(part) else frozenset()
        return self._dates

    def _calamine_rows(self, sheet: Sheet) -> list[list] | None:
        """The sheet's rows as calamine reads them; None when it cannot (the careful reader then says why)."""
        import python_calamine

        try:
            if self._calamine is None:
                # A file, not a path: the suffix does not decide, the content does.
                with self.path.open("rb") as handle:
                    self._calamine = python_calamine.CalamineWorkbook.from_filelike(handle)
            return self._calamine.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
        except python_calamine.PasswordError:
            raise InputError(_("the workbook is protected by a password; cicli cannot read it."),
                             code="encrypted-file", path=self.name) from None
        except (python_calamine.CalamineError, OSError, ValueError):
            return None
        except BaseException as e:  # a panic of the Rust reader is a BaseException
            if type(e).__name__ != "PanicException":
                raise
            return None


def _sparse_table(rows: dict[int, dict[int, str]], header_row: int, name: str, problems: list[Problem],
                  naming: Naming) -> Table:
    """A table from cells read one by one, as calamine would give it without the empty columns between: the
    columns that hold something, each under its number in the sheet, for every row that has cells."""
    numbers = np.array(sorted(r for r in rows if r > header_row), dtype=np.int64)
    header = rows.get(header_row, {})
    used = sorted({c for r in (header_row, *numbers.tolist()) for c in rows.get(r, {})})
    columns = [[header.get(c, ""), *(rows[r].get(c, "") for r in numbers.tolist())] for c in used]
    return name_columns(columns, header_row=header_row, source=name, problems=problems, row_numbers=numbers,
                        positions=used, naming=naming)


def _unreadable(cells: Cells, header_row: int, header: list[str]) -> list[Problem]:
    """Warnings for the formulas without a result and the error cells below the header, at their row and
    under their column's header (its letter when it has none)."""
    def column_name(column: int) -> str:
        return header[column - 1].strip() if column <= len(header) and str(header[column - 1]).strip() \
            else letters(column)

    problems = []
    for row, column, formula in cells.formulas:
        if row > header_row:
            problems.append(Problem.of("formula-without-value", _(
                "a formula without a stored result ({formula}): cicli reads what Excel stored, and it stored "
                "nothing. Open the file in Excel and save it again, or paste the values.", formula=quoted(formula)),
                row=row, column=column_name(column), value=formula[:80]))
    for row, column, error in cells.errors:
        if row > header_row:
            problems.append(Problem.of("error-cell", _(
                "the cell shows the error {error}; cicli reads it as empty.", error=error or "#?"),
                row=row, column=column_name(column), value=error))
    return problems
