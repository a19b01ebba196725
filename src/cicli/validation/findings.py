"""What checking a file found: its problems as data, how it was read, which of its columns cicli uses, and, for a
user's list, how it stands against the report (which rows are the report's centres, which are close, which name
a body of the report, which of its centres the list leaves out). This is what `cicli validate` prints.

Nothing heavy here: `cicli validate` builds its result without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import _, ngettext
from ..labels import label
from ..problems import ERROR, NOTE, SEVERITIES, WARNING, Problem
from ..sections import Section
from ..text import quoted, shown

PROBLEM_FIELDS = ["severity", "code", "row", "column", "value", "message"]
#: How a column of the file is read: a header cicli knows, one the user named (--column), or not at all.
USES = ("known", "mapped", "ignored")


@dataclass
class ColumnUse:
    header: str  # as the file writes it
    column: str | None  # the column of cicli it fills; None when ignored
    use: str  # USES

    def record(self) -> dict:
        return {"header": self.header, "column": self.column, "use": self.use}


@dataclass
class Findings:
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
    columns: list[ColumnUse] = field(default_factory=list)
    reconciliation: object | None = None  # matching.reconcile.Reconciliation, for a user's list

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
        out = {"valid": self.valid, "source": shown(self.source), "format": self.format, "encoding": self.encoding,
               "delimiter": self.delimiter, "sheet": self.sheet, "header_row": self.header_row,
               "counts": {severity: self.count(severity) for severity in SEVERITIES},
               "problems": [p.as_dict() for p in self.problems],
               "columns": [c.record() for c in self.columns]}
        if self.reconciliation is not None:
            out["reconciliation"] = self.reconciliation.records()
        return out

    # What `cicli validate` prints: a result too (cicli.sections).
    def records(self) -> dict:
        return self.as_dict()

    def rows(self):
        problems = [p.as_dict() for p in self.problems]
        return PROBLEM_FIELDS, [["" if p[c] is None else str(p[c]) for p in problems] for c in PROBLEM_FIELDS]

    def sections(self) -> list[Section]:
        """The problems for people (labels in the current language, the value where the message does not quote
        it; in a narrow terminal the code goes under the severity); then the columns, and the list against the
        report."""
        sections = []
        if self.problems:
            header = [_("Row"), _("Column"), _("Severity"), _("Code"), _("Message")]
            rows = [["" if p.row is None else str(p.row), p.column or "", label("severity", p.severity), p.code,
                     _message(p)] for p in self.problems]
            total = sum(self.count(severity) for severity in SEVERITIES)
            count = ngettext("{n} problem", "{n} problems", total)
            sections.append(Section(_("Problems"), header, rows, caption=count, priority=(4,), stack={3: 2}))
        if self.columns and not self.bundled:
            sections.append(self._columns_section())
        if self.reconciliation is not None:
            sections += self.reconciliation.sections()
        return sections

    def _columns_section(self) -> Section:
        from .. import schema

        rows = []
        for c in self.columns:
            if c.column is None:
                read = _("not used: to use it, pass --column \"{header}=COLUMN\"", header=c.header)
            else:
                read = schema.header(c.column) + (" " + _("(your --column)") if c.use == "mapped" else "")
            rows.append([shown(c.header, 80), read])
        ignored = sum(c.column is None for c in self.columns)
        caption = ngettext("{n} column read", "{n} columns read", len(self.columns) - ignored) + ", " + \
            ngettext("{n} ignored", "{n} ignored", ignored)
        return Section(_("Columns of your file"), [_("Header"), _("Read as")], rows, caption=caption)


def _message(problem: Problem) -> str:
    if not problem.value or problem.value in problem.message or quoted(problem.value) in problem.message:
        return problem.message
    return problem.message + "\n" + _("(the cell reads {value})", value=quoted(problem.value))
