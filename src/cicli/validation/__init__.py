"""Validating a file: a table of raw strings → typed values and a report of problems.

Checks run on whole Arrow columns, without pandas (`cicli validate` never imports it); only the
rows they flag are visited, and at most MAX_PER_CODE of them are listed for each code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from .. import schema
from ..errors import InputError
from ..i18n import _, ngettext, speaking
from ..labels import label, language
from ..problems import ERROR, NOTE, SEVERITIES, WARNING, Problem
from ..provenance import Provenance
from ..read import Table, read_table
from ..sections import Section
from ..speed.arrays import holds_any, in_parallel, text, text_bytes
from ..text import quoted, some_of
from .checks import (
    _CONTROL,
    CONTROL,
    Flagger,
    check_coordinates,
    check_duplicates,
    check_look_alike,
    check_regions,
    total_rows,
)
from .checks import typed as typed_values
from .names import check_not_a_ci

if TYPE_CHECKING:
    import pandas as pd

PROBLEM_FIELDS = ["severity", "code", "row", "column", "value", "message"]


@dataclass
class Report:
    """What validation found: problems as data, and how the file was read."""

    source: str
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    problems: list[Problem] = field(default_factory=list)
    bundled: bool = False  # the annex bundled with cicli, not a user's file
    flagged: dict[str, int] = field(default_factory=dict)  # code → rows it flags, listed or not (MAX_PER_CODE)

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == NOTE]

    def count(self, severity: str) -> int:
        """How many problems of this severity the file has: every row a code flags, listed or not (only the
        first MAX_PER_CODE of a code are listed, then a line says how many more)."""
        listed: dict[str, int] = {}
        for p in self.problems:
            if p.severity == severity:
                listed[p.code] = listed.get(p.code, 0) + 1
        return sum(self.flagged.get(code, n) for code, n in listed.items())

    def as_dict(self) -> dict:
        return {"valid": self.valid, "source": self.source, "format": self.format, "encoding": self.encoding,
                "delimiter": self.delimiter, "sheet": self.sheet, "header_row": self.header_row,
                "counts": {severity: self.count(severity) for severity in SEVERITIES},
                "problems": [p.as_dict() for p in self.problems]}

    # A report is a result too (cicli.results): what `cicli validate` prints.
    def records(self) -> dict:
        return self.as_dict()

    def rows(self):
        problems = [p.as_dict() for p in self.problems]
        return PROBLEM_FIELDS, [["" if p[c] is None else str(p[c]) for p in problems] for c in PROBLEM_FIELDS]

    def sections(self) -> list[Section]:
        """The problems for people: labels in the current language, the value where the message does not
        quote it; in a narrow terminal the code goes under the severity."""
        if not self.problems:
            return []
        header = [_("Row"), _("Column"), _("Severity"), _("Code"), _("Message")]
        rows = [["" if p.row is None else str(p.row), p.column or "", label("severity", p.severity), p.code,
                 _message(p)] for p in self.problems]
        total = sum(self.count(severity) for severity in SEVERITIES)
        count = ngettext("{n} problem", "{n} problems", total)
        return [Section(None, header, rows, caption=count, priority=(4,), stack={3: 2})]


def _message(problem: Problem) -> str:
    if not problem.value or problem.value in problem.message or quoted(problem.value) in problem.message:
        return problem.message
    return problem.message + "\n" + _("(the cell reads {value})", value=quoted(problem.value))


@dataclass
class Centres:
    """A validated annex: typed values (codes for enums, YYYY-MM months, floats), and its report."""

    frame: pd.DataFrame
    table: Table
    report: Report
    provenance: Provenance = field(default_factory=Provenance.of_report)  # where each cell comes from
    known_rows: int = 0  # rows of a user's file that are centres of the report (cicli.known)
    completed_cells: int = 0  # their empty cells filled from the report


def validate(path=None, *, sheet: str | None = None, encoding: str | None = None, lang: str | None = None) -> Report:
    """Read and check an annex file; a file that cannot be read gives a report with one error.
    Messages are in `lang` (default: the current language)."""
    with speaking(language(lang)):
        try:
            table = read_table(path, sheet=sheet, encoding=encoding)
        except InputError as e:
            return Report(source=str(path), problems=[Problem.of(e.code, e.message, row=e.row, column=e.column)])
        return check(table)[1]


def load(path=None, *, sheet: str | None = None, encoding: str | None = None, warnings: bool = True,
         from_report: bool = True, for_verdicts: bool = False) -> Centres:
    """Read and check an annex file; raise InputError naming the problems if it has errors.

    The report lists the errors and warnings; without `warnings`, only the checks that can find
    errors run (and the report lists the warnings found while reading). With `from_report`, the rows of
    a user's file that are centres of the report get the report's facts where the file is silent
    (cicli.known); the file's own values always win. `for_verdicts`: only the columns the verdicts need.
    """
    table = read_table(path, sheet=sheet, encoding=encoding)
    typed, report = check(table, warnings=warnings)
    if not report.valid:
        errors = report.errors
        first = errors[0]
        more = " " + ngettext("(and {count} more error)", "(and {count} more errors)", len(errors) - 1,
                              count=len(errors) - 1) if len(errors) > 1 else ""
        raise InputError(first.message + more, code=first.code, path=table.source, row=first.row, column=first.column,
                         hint="validate" if len(errors) > 1 else None)
    provenance = Provenance.of_report() if table.bundled else Provenance.of_file(table.cells.column_names)
    centres = Centres(frame=_typed_frame(table, typed), table=table, report=report, provenance=provenance)
    if from_report and not table.bundled:
        from ..known import FILLED, FOR_VERDICTS, complete

        centres, centres.known_rows, centres.completed_cells = complete(
            centres, report_annex(), FOR_VERDICTS if for_verdicts else FILLED, with_text=not for_verdicts)
    return centres


@functools.cache
def report_annex():
    """The report's annex and the keys that name its centres (cicli.known.Report), loaded once."""
    from ..known import ReportAnnex

    return ReportAnnex.of(load(None))


def _typed_frame(table: Table, typed: dict) -> pd.DataFrame:
    """The table as a DataFrame, typed columns in place of their text."""
    import pandas as pd

    from ..speed.frames import str_series

    frame = table.frame  # never written to: typed columns come back in a new frame (assign)
    if not typed:
        return frame

    def series(values) -> pd.Series:
        if pa.types.is_large_string(values.type):
            return str_series(values, frame.index)
        return pd.Series(values.to_numpy(zero_copy_only=False), index=frame.index)

    return frame.assign(**{column: series(values) for column, values in typed.items()})


def check(table: Table, *, warnings: bool = True) -> tuple[dict[str, pa.Array], Report]:
    """The typed values of the columns whose type is not text, and the report of problems of a table.

    Without `warnings`, only the checks that can find errors run (those that would stop a command):
    what classify, compare and export need; on a million rows the others cost half a second.
    """
    report = Report(source=table.source, format=table.format, encoding=table.encoding,
                    delimiter=table.delimiter, sheet=table.sheet, header_row=table.header_row,
                    problems=list(table.problems), bundled=table.bundled)
    cells = table.cells
    flag = Flagger(report.problems, table.headers, table.rows, counts=report.flagged)
    if cells.num_rows == 0 and not table.bundled:
        flag.one("no-rows", _("the table has its header on row {row} and no row under it: no centre to show.",
                              row=table.header_row), row=table.header_row)
    if "name" not in cells.column_names:
        found = some_of([quoted(h) for h in table.headers.values() if h]) or _("none")
        flag.one("missing-name-column", _("no column holds the centres' names: name it `Nom` or `name`. Headers "
                                          "found on row {row}: {found}.", row=table.header_row, found=found),
                 row=table.header_row)
    else:
        flag.rows("empty-name", pc.equal(cells["name"], text("")), "name", cells["name"],
                  lambda i, v: _("this row has data but no name."))

    def scan(column: str) -> tuple[bool, bool]:  # whether the column holds anything, and control characters
        filled = text_bytes(cells[column]) > 0
        return filled, warnings and filled and holds_any(cells[column], CONTROL)

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
        if spec is not None and spec.type != "text" and (warnings or spec.type != "url"):  # addresses only warn
            values = typed_values(cells[column], spec, flag)
            if values is not None:
                typed[column] = values
    if warnings:
        check_regions(cells, flag, total_rows(cells, flag))
        check_not_a_ci(cells, flag)
        check_look_alike(cells, flag)
        check_duplicates(cells, flag)
        check_coordinates(typed, flag)
    # As a person reads a sheet: by row, then left to right; notes without a row last.
    position = {header: i for i, header in enumerate(table.headers.values())}
    report.problems.sort(key=lambda p: (float("inf") if p.row is None else p.row, position.get(p.column, -1)))
    return typed, report


