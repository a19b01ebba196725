"""Checking a file: its table of raw strings → typed values, and the problems found, at their row and column.

This stage only checks; cicli.pipeline runs it between reading the file and recognising the report's centres.
Checks run on whole Arrow columns, without pandas (`cicli validate` never imports it); only the rows they flag are
visited, and at most MAX_PER_CODE of them are listed for each code.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from ..i18n import _
from ..read import Table
from ..speed.arrays import holds_any, in_parallel, text, text_bytes
from ..text import quoted, some_of
from .checks import (
    _CONTROL,
    CONTROL,
    Flagger,
    check_coordinates,
    check_duplicates,
    check_look_alike,
    regions,
    total_rows,
)
from .checks import typed as typed_values
from .findings import PROBLEM_FIELDS, ColumnUse, Findings

__all__ = ["PROBLEM_FIELDS", "ColumnUse", "Findings", "check"]


def check(table: Table) -> tuple[dict[str, pa.Array], Findings]:
    """The typed values of the columns whose type is not text (codes, months, numbers, official regions), and
    what checking the table found."""
    report = Findings(source=table.source, format=table.format, encoding=table.encoding,
                      delimiter=table.delimiter, sheet=table.sheet, header_row=table.header_row,
                      problems=list(table.problems), bundled=table.bundled, columns=_uses(table))
    cells = table.cells
    flag = Flagger(report.problems, table.headers, table.rows, counts=report.flagged)
    if cells.num_rows == 0 and not table.bundled:
        flag.one("no-rows", _("the table has its header on row {row} and no row under it: no centre to show.",
                              row=table.header_row), row=table.header_row)
    if "name" not in cells.column_names:
        found = some_of([quoted(h) for h in table.headers.values() if h]) or _("none")
        unread = next((h for c, h in table.headers.items() if h and c not in schema.BY_NAME), None)
        hint = _(" If it is {header}, pass --column \"{raw}=Nom\".", header=quoted(unread), raw=unread) \
            if unread else ""
        flag.one("missing-name-column", _("no column holds the centres' names: name its header « Nom » or « name ». "
                                          "Headers found on row {row}: {found}.", row=table.header_row, found=found)
                 + hint, row=table.header_row)
    else:
        flag.rows("empty-name", pc.equal(cells["name"], text("")), "name", cells["name"],
                  lambda i, v: _("this row has data but no name: cicli leaves it out and classifies the others; write "
                                 "the centre's name in its « {header} » cell, or delete the row.",
                                 header=table.headers.get("name", "Nom")))

    def scan(column: str) -> tuple[bool, bool]:  # whether the column holds anything, and control characters
        filled = text_bytes(cells[column]) > 0
        return filled, filled and holds_any(cells[column], CONTROL)

    typed: dict[str, pa.Array] = {}
    scanned = in_parallel(scan, cells.column_names, cells.num_rows)
    for column, (filled, control) in zip(cells.column_names, scanned, strict=True):
        spec = schema.BY_NAME.get(column)
        if not filled:  # an empty column: nothing to read or flag
            if spec is not None and spec.type == "number":
                typed[column] = pa.nulls(cells.num_rows, pa.float64())
            continue
        if control:
            flag.rows("control-character", pc.match_substring_regex(cells[column], _CONTROL), column, cells[column],
                      lambda i, v: _("the cell holds control, zero-width or direction characters; check it in the "
                                     "source."))
        if spec is not None and spec.type != "text":
            values = typed_values(cells[column], spec, flag)
            if values is not None:
                typed[column] = values
    region = regions(cells, flag, total_rows(cells, flag))
    if region is not None:
        typed["region"] = region
    check_look_alike(cells, flag)
    check_duplicates(cells, flag)
    check_coordinates(typed, flag)
    sort_problems(report, table)
    return typed, report


def sort_problems(findings: Findings, table: Table) -> None:
    """As a person reads a sheet: by row, then left to right; problems without a row last."""
    position = {header: i for i, header in enumerate(table.headers.values())}
    findings.problems.sort(key=lambda p: (float("inf") if p.row is None else p.row, position.get(p.column, -1)))


def _uses(table: Table) -> list[ColumnUse]:
    """Each column of the file and what cicli reads it as."""
    out = []
    for column, header in table.headers.items():
        known = schema.column_for_header(header) == column
        out.append(ColumnUse(header, column if column in schema.BY_NAME else None,
                             "known" if known else "mapped" if column in schema.BY_NAME else "ignored"))
    return out


