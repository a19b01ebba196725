"""The one path every command takes: read → check → recognise the report's centres → complete → judge.

    read        read.read_table         a CSV or XLSX file → its cells as text, named after its headers
    check       validation.check        → typed values (codes, months, numbers, regions) and problems
    recognise   matching.rows           → which rows are the report's centres, close to one, or other bodies
    complete    completion.complete     → the report's facts where a row of its leaves them empty; both kept
                                          where the file and the report disagree
    judge       typology.judge          → the four verdicts of each row, with their reasons (results.classify)

`load` runs the first four and returns the centres; each command then judges and shows them. A file that cannot be
used (no name column, two columns for one) stops here; a row that cannot (no name, cells beyond the header) is
left out, said at its row, and the others go on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from .completion import FILE, REPORT, Completed, complete
from .errors import InputError
from .i18n import _, ngettext
from .matching.rows import Recognition
from .read import Table, read_table
from .validation import Findings, check, sort_problems

if TYPE_CHECKING:
    import pandas as pd

#: Errors that leave their row out; any other error stops the file.
ROW_ERRORS = ("empty-name", "extra-cell")


@dataclass
class Centres:
    """A file's centres, checked, recognised and completed: their values typed and as text, where each comes
    from, and what checking found. Rows in error are not here (the findings say which)."""

    table: Table  # the rows kept, their cells as read
    findings: Findings
    completed: Completed
    recognition: Recognition
    left_out: list[int] = field(default_factory=list)  # row numbers of the rows in error
    from_report: bool = True  # whether the report's centres were completed from it (not with --file-only)
    edited: set[str] = field(default_factory=set)  # verdict columns of the file that a person changed somewhere

    @property
    def the_reports(self) -> np.ndarray:
        """The rows whose facts are the report's where the file is silent: its annex, or its centres completed
        from it (a verdict left undetermined there is the report's silence, elsewhere the file's)."""
        if self.bundled or self.from_report:
            return self.recognition.known
        return np.zeros(len(self.recognition.known), dtype=bool)

    @property
    def bundled(self) -> bool:
        return self.table.bundled

    @property
    def known_rows(self) -> int:
        return 0 if self.bundled else self.completed.known

    @property
    def completed_cells(self) -> int:
        return self.completed.filled

    @property
    def columns(self) -> list[str]:
        """The file's columns, then those the report added."""
        return list(self.completed.typed)

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """The values as the typology reads them (codes, YYYY-MM months, floats), by spreadsheet row number."""
        return _frame(self.completed.typed, self.table.rows)

    @functools.cached_property
    def raw(self) -> pd.DataFrame:
        """The values as text, as the file writes them (completed from the report's): what exports write."""
        return _frame(self.completed.text, self.table.rows)

    def subset(self, keep: np.ndarray) -> Centres:
        """The same centres, only the rows `keep` holds true (the findings stay the file's)."""
        from dataclasses import replace

        from .speed.arrays import booleans

        mask = booleans(keep)
        table = replace(self.table, cells=self.table.cells.filter(mask), rows=self.table.rows[keep])
        table.__dict__.pop("frame", None)
        done = self.completed
        completed = Completed({c: v.filter(mask) for c, v in done.typed.items()},
                              {c: v.filter(mask) for c, v in done.text.items()},
                              {c: v[keep] for c, v in done.sources.items()},
                              {c: v.filter(mask) for c, v in done.theirs.items()},
                              {c: v.filter(mask) for c, v in done.theirs_text.items()}, done.known, done.filled)
        r = self.recognition
        recognition = Recognition(r.centre[keep], r.ground[keep], r.close[keep], r.why[keep], r.body[keep],
                                  r.shared[keep], r.limited, r.distinct)
        return Centres(table, self.findings, completed, recognition, self.left_out, self.from_report, self.edited)

    def in_regions(self, wanted: list[str]) -> Centres:
        """The centres of the regions a person names (any of them), written as people write them."""
        if not wanted:
            return self
        regions = self.completed.typed.get("region")
        values = regions.to_pylist() if regions is not None else [""] * len(self.table.rows)
        keep = np.zeros(len(values), dtype=bool)
        for asked in wanted:
            keep |= in_region(values, asked)
        return self.subset(keep)

    def source(self, column: str, position: int) -> int:
        """Where a cell comes from: completion.EMPTY, FILE, REPORT, SAME, DIFFERS."""
        return int(self.completed.sources[column][position]) if column in self.completed.sources else 0


def in_region(values: list[str], wanted: str) -> np.ndarray:
    """Which of `values` (regions as the pipeline reads them) are the region a person means: its name, short
    (« Mtl », « Bas-St-Laurent »), its number or in part (« Gaspésie »). A text that names no region is a usage
    error that lists them."""
    from .errors import UsageError
    from .schema import REGIONS, region_of
    from .text import fold, quoted

    meant = region_of(wanted)
    regions = {meant} if meant else {r for r in REGIONS if fold(wanted) and fold(wanted) in fold(r)}  # « Nord »
    if not regions:
        raise UsageError(_("{value} is none of Quebec's 17 administrative regions: {regions}.", value=quoted(wanted),
                           regions=", ".join(REGIONS)), option="region")
    cache: dict[str, bool] = {}
    return np.array([cache.setdefault(v, region_of(v) in regions) if v else False for v in values], dtype=bool)


def load(path=None, *, sheet: str | None = None, encoding: str | None = None, columns: dict[str, str] | None = None,
         from_report: bool = True, stop: bool = True) -> Centres:
    """Read, check, recognise and complete a file (the bundled annex when `path` is None).

    `columns`: the user's naming of headers (read.column_mapping). Without `from_report`, rows are recognised
    but not completed (the user's file as it is). With `stop`, a file that cannot be used raises InputError; without,
    its findings say why (what `validate` prints)."""
    table = read_table(path, sheet=sheet, encoding=encoding, columns=columns)
    typed, findings = check(table)
    blocking = [p for p in findings.errors if p.code not in ROW_ERRORS]
    if blocking:
        if stop:
            first = blocking[0]
            more = " " + ngettext("(and {count} more error)", "(and {count} more errors)", len(blocking) - 1,
                                  count=len(blocking) - 1) if len(blocking) > 1 else ""
            raise InputError(first.message.rstrip(".") + more + ".", code=first.code, path=table.source,
                             row=first.row, column=first.column, hint="validate" if len(blocking) > 1 else None)
        return Centres(table, findings, complete(table.cells, typed, np.full(table.cells.num_rows, ""), None),
                       Recognition.none(table.cells.num_rows))
    table, typed, left_out = _without_rows_in_error(table, typed, findings)
    recognition = _recognise(table, findings)
    if from_report and not table.bundled:
        from .study.annex import annex

        completed = complete(table.cells, typed, recognition.centre, annex())
        _warn_where_they_differ(table, completed, findings)
    else:  # the report's annex is the report's; a file the user keeps as it is, the user's
        completed = complete(table.cells, typed, np.full(table.cells.num_rows, ""), None,
                             own=REPORT if table.bundled else FILE)
    centres = Centres(table, findings, completed, recognition, left_out, from_report)
    _compare_the_verdicts_written(centres)
    sort_problems(findings, table)
    return centres


def validate(path=None, *, sheet: str | None = None, encoding: str | None = None, lang: str | None = None,
             columns: dict[str, str] | None = None) -> Findings:
    """Read and check a file, and set it against the report (`load` without stopping); a file that cannot be read gives
    findings with one error. Messages are in `lang` (default: the current language)."""
    from .errors import InputError
    from .i18n import speaking
    from .labels import language
    from .problems import Problem

    with speaking(language(lang)):
        try:
            return load(path, sheet=sheet, encoding=encoding, columns=columns, stop=False).findings
        except InputError as e:
            return Findings(source=str(path), problems=[Problem.of(e.code, e.message, row=e.row, column=e.column)])


def typed_verdicts(table: Table) -> dict[str, str]:
    """The verdict columns a file holds (a workbook cicli exported, brought back): verdict (axis or zone) → column."""
    from .verdict_columns import field_of

    return {verdict: column for column, header in table.headers.items() if (verdict := field_of(header))}


def _compare_the_verdicts_written(centres: Centres) -> None:
    """Where a person wrote a verdict (an exported workbook, edited), a warning at each row where the typology gives
    another, with its reason: cicli never overwrites the cell (exports keep it beside its own)."""
    written = typed_verdicts(centres.table)
    if not written or not len(centres.table.rows):
        return
    from . import labels
    from .i18n import current
    from .text import fold, quoted
    from .typology import judge
    from .validation.checks import Flagger

    verdicts = judge(centres.frame, current(), sources=centres.completed.sources,
                     known=centres.the_reports)
    flag = Flagger(centres.findings.problems, centres.table.headers, centres.table.rows,
                   counts=centres.findings.flagged)
    for verdict, column in written.items():
        values = centres.completed.text[column]
        mine = values.to_pylist()
        axis = "anchoring" if verdict == "zone" else verdict
        theirs = verdicts[verdict].tolist()
        # A column of an export holds a few distinct (written, cicli's) pairs: each is compared once.
        same = functools.cache((lambda m, t: fold(m) == fold(t)) if verdict == "zone" else
                               (lambda m, t, v=verdict: labels.parse(v, m) == t))
        differs = [bool(m) and not same(m, t) for m, t in zip(mine, theirs, strict=True)]
        reasons = verdicts[f"{axis}_reason"].tolist()

        def message(i, value, verdict=verdict, theirs=theirs, reasons=reasons):
            given = theirs[i] if verdict == "zone" else labels.label(verdict, theirs[i])
            return _("you wrote {mine}; the typology gives {theirs}: {reason}. cicli keeps your cell beside its "
                     "verdict.", mine=quoted(value), theirs=quoted(given or "—"), reason=reasons[i])

        flag.rows("verdict-differs", np.array(differs, dtype=bool), column, values, message)
        if any(differs):
            centres.edited.add(verdict)


def _without_rows_in_error(table: Table, typed: dict, findings: Findings):
    """The table and its typed values without the rows an error is about (said in the findings)."""
    rows = sorted({p.row for p in findings.errors if p.code in ROW_ERRORS and p.row is not None})
    if not rows:
        return table, typed, []
    from dataclasses import replace

    from .speed.arrays import booleans

    keep = ~np.isin(table.rows, rows)
    mask = booleans(keep)
    kept = replace(table, cells=table.cells.filter(mask), rows=table.rows[keep])
    kept.__dict__.pop("frame", None)
    return kept, {c: v.filter(mask) for c, v in typed.items()}, rows


def _recognise(table: Table, findings: Findings) -> Recognition:
    """Which rows are the report's centres (all of the report's own annex), with the reconciliation of a user's
    list in the findings."""
    if table.bundled:
        return Recognition.every(table.cells["id"].to_pylist())
    from .matching import report_matcher
    from .matching.reconcile import reconcile
    from .matching.rows import recognise
    from .validation.checks import Flagger

    matcher = report_matcher()
    recognition = recognise(table.cells, matcher)
    if "name" in table.cells.column_names:
        flag = Flagger(findings.problems, table.headers, table.rows, counts=findings.flagged)
        findings.reconciliation = reconcile(table.cells["name"], table.rows, recognition, flag, matcher)
    return recognition


def _warn_where_they_differ(table: Table, completed: Completed, findings: Findings) -> None:
    """A warning at each cell where the file and the report disagree: both values, and the report's words."""
    from .i18n import current
    from .problems import Problem
    from .study.knowledge import knowledge
    from .text import quoted
    from .wording import value_text

    k, lang = knowledge(), current()
    for position, column in completed.differing():
        mine = completed.typed[column][position].as_py()
        theirs = completed.theirs[column][position].as_py()
        centre = _centre_at(completed, position)
        passages = k.supporting(centre, column) if centre else []
        shortest = min(passages, key=lambda p: len(p.quote)) if passages else None
        quote = _(" (« {quote} »)", quote=shortest.quote) if shortest else ""
        findings.problems.append(Problem.of("differs-from-report", _(
            "your file: {mine}; the report: {theirs}{quote}. cicli uses your file's value and shows both.",
            mine=quoted(value_text(column, mine, lang), 120), theirs=quoted(value_text(column, theirs, lang), 120),
            quote=quote), row=int(table.rows[position]), column=table.headers.get(column, column),
            value=_raw(table, column, position, mine)))


def _raw(table: Table, column: str, position: int, typed) -> str:
    """The cell as the file writes it (« en développement »), not as cicli reads it (project)."""
    cells = table.cells
    return cells[column][position].as_py() if column in cells.column_names else str(typed)


def _centre_at(completed: Completed, position: int) -> str | None:
    ids = completed.theirs.get("id")
    return ids[position].as_py() if ids is not None else None


def _frame(columns: dict[str, pa.Array], rows: np.ndarray) -> pd.DataFrame:
    import pandas as pd

    from .speed.frames import str_series

    if not columns:
        return pd.DataFrame(index=rows)

    def series(values) -> pd.Series:
        if pa.types.is_large_string(values.type):
            return str_series(values, rows)
        return pd.Series(values.to_numpy(zero_copy_only=False), index=rows)

    return pd.DataFrame({column: series(values) for column, values in columns.items()}, index=rows)


__all__ = ["REPORT", "ROW_ERRORS", "Centres", "load"]
