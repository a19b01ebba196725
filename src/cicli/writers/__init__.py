"""`cicli export`: the annex and its typology to a file, in the format OUT's suffix names.

WRITERS is the table of formats: each one's stable code, the suffix that names it, and the module of this package
whose `write(job)` writes it (imported when used: the Excel writer alone takes a fifth of a second to import).
Every writer goes through writers.safety: no file is overwritten without `force`, none is ever half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..i18n import _, ngettext, speaking
from ..labels import language
from ..text import quoted, shown
from .safety import check_output

if TYPE_CHECKING:
    import pandas as pd

    from ..pipeline import Centres


@dataclass(frozen=True)
class Writer:
    format: str  # the stable code, as --format takes it
    suffix: str  # the suffix of OUT that names it
    module: str  # the module of this package whose write(job) writes it

    def write(self, job: Job) -> int | None:
        """Write the file; the number of centres (or points) written when it differs from the table's rows."""
        return import_module(f".{self.module}", __name__).write(job)


WRITERS = {w.format: w for w in (Writer("xlsx", ".xlsx", "xlsx"), Writer("html", ".html", "html"),
                                  Writer("csv", ".csv", "csv"), Writer("json", ".json", "json"),
                                  Writer("markdown", ".md", "markdown"), Writer("geojson", ".geojson", "geojson"))}
FORMATS = tuple(WRITERS)
SUFFIXES = {w.suffix: w.format for w in WRITERS.values()}

Progress = Callable[[int, int], None]


@dataclass
class Job:
    """What a writer needs: where to write, the loaded annex and its classification, and the options."""

    target: Path
    force: bool
    centres: Centres
    table: pd.DataFrame  # the classification, with reasons
    lang: str
    source: str | None  # the input as given; None for the bundled annex
    excel: bool = False
    compare: list[str] | None = None
    progress: Progress | None = None
    compare_all: bool = False
    rows: list[str] | None = None
    notes: list[str] = field(default_factory=list)  # what the user should know: removed characters, missing points
    title: str | None = None  # the user's own title for a board document
    organisation: str | None = None  # the body whose document it is
    brief: bool = False  # HTML: the board version (counts, map, comparison, the regions kept)
    map_by: str = "status"  # the verdict the map's points are coloured by
    regions: list[str] | None = None  # the regions kept (--region), said on the document

    def note_earlier_verdicts(self) -> None:
        """Said, never silent: the verdict columns of an earlier export are computed again; one a person changed
        stays beside cicli's."""
        from ..pipeline import typed_verdicts

        written = typed_verdicts(self.centres.table)
        if not written:
            return
        headers = ", ".join(f"« {self.centres.table.headers[c]} »" for c in written.values())
        if self.centres.edited:
            self.notes.append(_("the columns {headers} hold an earlier export's verdicts: computed again; where "
                                "someone changed one, their cell is kept beside cicli's verdict.", headers=headers))
        else:
            self.notes.append(_("the columns {headers} hold an earlier export's verdicts: computed again, not copied.",
                                headers=headers))

    def note_removed(self, removed: int) -> None:
        if removed:
            self.notes.append(ngettext("removed {n} control character that Excel refuses.",
                                       "removed {n} control characters that Excel refuses.", removed))


@dataclass
class ExportResult:
    path: Path
    format: str
    centres: int  # how many centres the file holds (for GeoJSON: points on the map)
    centres_read: Centres  # what was read, and its report of problems
    notes: list[str] = field(default_factory=list)

    @property
    def shown_path(self) -> str:
        return shown(str(self.path))

    @property
    def count_text(self) -> str:
        if self.format == "geojson":
            return ngettext("{n} point", "{n} points", self.centres)
        return ngettext("{n} centre", "{n} centres", self.centres)


def format_for(out: str | os.PathLike, fmt: str | None) -> str:
    """The export format: `fmt` if given, else OUT's suffix; a usage error lists the choices."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(_("unknown export format {format}; choose one of: {choices}.", format=quoted(fmt),
                               choices=", ".join(FORMATS)))
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix not in SUFFIXES:
        choices = ", ".join(SUFFIXES)
        raise UsageError(_("cannot tell the format from {path}: name it with one of {choices}.",
                           path=quoted(str(out)), choices=choices), hint="format")
    return SUFFIXES[suffix]


def export(out: str | os.PathLike, source: str | os.PathLike | None = None, *, fmt: str | None = None,
           lang: str | None = None, force: bool = False, excel: bool = False, compare: list[str] | None = None,
           compare_all: bool = False, rows: str | None = None, sheet: str | None = None,
           encoding: str | None = None, progress: Progress | None = None, from_report: bool = True,
           columns: dict[str, str] | None = None, regions: list[str] | None = None, title: str | None = None,
           organisation: str | None = None, brief: bool = False, map_by: str = "status") -> ExportResult:
    """Export the annex (or `source`) with its typology to OUT; see writers.safety for the guarantees.

    `compare` (XLSX): a sheet comparing these centres; `compare_all`: a sheet with every centre on `rows`
    (results.compare_all). `from_report`: complete the rows of a user's file that are centres of the report.
    `title`, `organisation`: the user's words on a board document (XLSX, HTML, Markdown); `brief` (HTML): the
    board version; `map_by`: the verdict the map colours its points by (status, origin, anchoring, model).
    """
    from .. import results
    from ..pipeline import load

    source = None if source is None else str(source)
    lang = language(lang)
    with speaking(lang):
        kind = format_for(out, fmt)
        if excel and kind != "csv":
            raise UsageError(_("applies to CSV exports only."), option="excel")
        if (compare or compare_all) and kind not in ("xlsx", "html"):
            raise UsageError(_("adds a comparison to XLSX and HTML exports only."), option="compare")
        if brief and kind != "html":
            raise UsageError(_("makes the board version of an HTML page only."), option="brief")
        from ..results.map import AXES as MAP_AXES  # the verdicts a map can be coloured by: one list, the map's

        if map_by not in MAP_AXES:
            raise UsageError(_("is one of: {choices}.", choices=", ".join(MAP_AXES)), option="map-by")
        fields = results.parse_fields(rows) if compare_all or rows else None
        target = check_output(Path(out), source, force)
        centres = load(source, sheet=sheet, encoding=encoding, from_report=from_report,
                       columns=columns).in_regions(regions)
        if kind == "xlsx":
            from .xlsx import check_fits

            check_fits(centres)  # before the work: a workbook Excel cannot open whole is refused, with what to use
        table = results.classify(centres=centres, lang=lang).frame
        job = Job(target, force, centres, table, lang, source, excel, compare, progress, compare_all=compare_all,
                  rows=fields, title=title, organisation=organisation, brief=brief, map_by=map_by,
                  regions=list(regions or []))
        job.note_earlier_verdicts()
        written = WRITERS[kind].write(job)
        return ExportResult(target, kind, len(table) if written is None else written, centres, job.notes)
