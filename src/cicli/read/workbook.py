"""XLSX workbooks → an annex table: the visible active sheet (or the one asked for), measured before it
is read, read by calamine (Rust) or, when its rectangle is absurd, cell by cell.

A spreadsheet shows cells cicli cannot read: a formula without a stored result, an error (#REF!). They
are warnings at their row and column, never a silent gap.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..i18n import _, readable_count
from ..problems import Problem
from ..text import quoted, some_of
from .delimited import first_line
from .package import MAX_CELLS, MAX_DENSE_CELLS, MAX_TEXT, Measure, Package, Sheet
from .table import HEADER_SEARCH_ROWS, Table, cell_text, find_header, name_columns


def read_xlsx(p: Path, name: str, sheet: str | None) -> Table:
    package = Package(p, name)
    try:
        chosen, measure, rows, index = _choose(package, name, sheet)
    finally:
        package.close()
    if isinstance(rows, dict):  # read cell by cell
        header = [rows.get(index + 1, {}).get(c, "") for c in range(1, max(rows.get(index + 1, {}), default=0) + 1)]
        table = _sparse_table(rows, index + 1, name, _unreadable(measure, index + 1, header))
    else:
        body = rows[index:]
        header = [cell_text(v) for v in body[0]] if body else []
        columns = [list(column) for column in itertools.zip_longest(*body, fillvalue="")]
        table = name_columns(columns, header_row=index + 1, source=name,
                             problems=_unreadable(measure, index + 1, header))
    table.format, table.sheet = "xlsx", chosen.name
    return table


def _choose(package: Package, name: str, wanted: str | None):
    """The sheet to read: the one asked for; else the active sheet if it is visible and holds a table with a
    name column; else the first visible sheet that does; else the first visible sheet with data."""
    sheets = package.sheets
    if wanted is not None:
        chosen = next((s for s in sheets if s.name == wanted), None)
        if chosen is None:
            raise InputError(_("no sheet named {sheet}; the sheets are: {sheets}.", sheet=quoted(wanted),
                               sheets=some_of([quoted(s.name) for s in sheets])), code="sheet-not-found", path=name)
        measure, rows, index, _score = _read_sheet(package, chosen, name)
        if not rows:
            raise InputError(_("sheet {sheet} is empty.", sheet=quoted(chosen.name)), code="empty-file", path=name)
        return chosen, measure, rows, index
    visible = [s for s in sheets if s.visible]
    active = next((s for s in visible if s.position == package.active), None)
    order = ([active] if active else []) + [s for s in visible if s is not active]
    fallback = None
    for sheet in order:
        measure, rows, index, score = _read_sheet(package, sheet, name)
        if score[0]:
            return sheet, measure, rows, index
        if fallback is None and rows:
            fallback = (sheet, measure, rows, index)
    if fallback is not None:
        return fallback
    hidden = [s.name for s in sheets if not s.visible]
    if hidden:
        raise InputError(_("the visible sheets hold no table; hidden sheets do ({sheets}).",
                           sheets=some_of([quoted(h) for h in hidden])), code="empty-file", path=name, hint="sheet")
    raise InputError(_("the workbook's sheets are all empty."), code="empty-file", path=name)


def _read_sheet(package: Package, sheet: Sheet, name: str):
    """(measure, rows, index of the header row, header score) of one sheet, within the limits."""
    measure = package.measure(sheet)
    if measure.cells > MAX_CELLS:
        raise InputError(_("sheet {sheet} holds {cells} cells, more than cicli reads from a workbook ({limit}). "
                           "Save the sheet as « CSV UTF-8 » and read that file.", sheet=quoted(sheet.name),
                           cells=readable_count(measure.cells), limit=readable_count(MAX_CELLS)),
                         code="too-large", path=name)
    if measure.text > MAX_TEXT:
        raise InputError(_("the cells of sheet {sheet} would hold {size} MiB of text (more than {limit} MiB): "
                           "a long shared text is repeated in many cells. Save the sheet as « CSV UTF-8 » to read "
                           "it.", sheet=quoted(sheet.name), size=measure.text >> 20, limit=MAX_TEXT >> 20),
                         code="too-large", path=name)
    if measure.cells == 0:
        return measure, [], 0, (0, 0)
    # A few cells far apart (no rectangle to build), or a package calamine does not find its way in (it looks
    # for the workbook at xl/workbook.xml only): read cell by cell.
    if measure.dense > MAX_DENSE_CELLS or package.workbook_part != "xl/workbook.xml":
        rows = package.sparse_rows(sheet, package.shared_strings())
        first = sorted(rows)[:HEADER_SEARCH_ROWS]
        width = max((max(cells) for cells in rows.values()), default=0)
        head = [[rows[r].get(c, "") for c in range(1, min(width, 200) + 1)] for r in first]
        index, score = find_header(head)
        return measure, rows, first[index] - 1 if first else 0, score
    rows = _calamine_rows(package.path, sheet, name)
    head = [[cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]
    index, score = find_header(head)
    return measure, rows, index, score


def _calamine_rows(p: Path, sheet: Sheet, name: str) -> list[list]:
    import python_calamine

    try:
        with p.open("rb") as handle:  # a file, not a path: the suffix does not decide, the content does
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
            try:
                return workbook.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
            finally:
                workbook.close()
    except python_calamine.PasswordError:
        raise InputError(_("the workbook is protected by a password; cicli cannot read it."),
                         code="encrypted-file", path=name) from None
    except (python_calamine.CalamineError, OSError, ValueError) as e:
        raise InputError(_("the workbook cannot be read ({reason}).", reason=first_line(e)[:200]),
                         code="unreadable-file", path=name) from None
    except BaseException as e:  # a panic of the Rust reader is a BaseException: one line, not a traceback
        if type(e).__name__ != "PanicException":
            raise
        raise InputError(_("the workbook cannot be read ({reason}).", reason=str(e)[:200]),
                         code="unreadable-file", path=name) from None


def _sparse_table(rows: dict[int, dict[int, str]], header_row: int, name: str, problems: list[Problem]) -> Table:
    """A table from cells read one by one, as calamine would give it without the empty columns between: the
    columns that hold something, each under its number in the sheet, for every row that has cells."""
    numbers = np.array(sorted(r for r in rows if r > header_row), dtype=np.int64)
    header = rows.get(header_row, {})
    used = sorted({c for r in (header_row, *numbers.tolist()) for c in rows.get(r, {})})
    columns = [[header.get(c, ""), *(rows[r].get(c, "") for r in numbers.tolist())] for c in used]
    return name_columns(columns, header_row=header_row, source=name, problems=problems, row_numbers=numbers,
                        positions=used)


def _unreadable(measure: Measure, header_row: int, header: list[str]) -> list[Problem]:
    """Warnings for the formulas without a result and the error cells below the header, at their row and
    under their column's header (its letter when it has none)."""
    def column_name(column: int) -> str:
        return header[column - 1].strip() if column <= len(header) and header[column - 1].strip() else _letters(column)

    problems = []
    for row, column, formula in measure.formulas:
        if row > header_row:
            problems.append(Problem.of("formula-without-value", _(
                "a formula without a stored result ({formula}): cicli reads what Excel stored, and it stored "
                "nothing. Open the file in Excel and save it again, or paste the values.", formula=quoted(formula)),
                row=row, column=column_name(column), value=formula[:80]))
    for row, column, error in measure.errors:
        if row > header_row:
            problems.append(Problem.of("error-cell", _(
                "the cell shows the error {error}; cicli reads it as empty.", error=error or "#?"),
                row=row, column=column_name(column), value=error))
    return problems


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
