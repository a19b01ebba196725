"""The commands: each parses its options, calls one function of the library, and renders the result.
(classify and summary first load the file, so that pandas imports while it is read: `_annex`.)

Heavy libraries (pandas, openpyxl, tabulate) are imported inside commands, never here, so that
`cicli --help` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from .messages import _state, guarded
from .options import (
    EncodingOpt,
    ExportFormat,
    Format,
    FormatOpt,
    FromOpt,
    LangOpt,
    PathArg,
    SheetOpt,
    language,
)
from .process import import_meanwhile, say

app = typer.Typer(
    name="cicli",
    help="Les centres d'innovation du Québec, d'après le rapport de 2025 : charger l'annexe, appliquer la typologie, "
         "comparer. / Quebec's innovation centres, from the 2025 report: load the annex, apply the typology, compare.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

def _version(value: bool) -> None:
    if value:
        print(f"cicli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an internal error.")] = False,
) -> None:
    """Les centres d'innovation du Québec / Quebec's innovation centres."""
    _state["debug"] = debug


@app.command()
@guarded
def validate(path: PathArg = None, sheet: SheetOpt = None, encoding: EncodingOpt = None,
             format: FormatOpt = Format.table) -> None:
    """Check an annex table and list its problems (errors and warnings).

    Exit code 0 when there is no error, 1 otherwise.

    Example: cicli validate mes-centres.xlsx --format json
    """
    from ..render import render
    from ..validation import validate as run

    report = run(path, sheet=sheet, encoding=encoding)
    if report.format:
        say(f"read {report.source}: {_how_read(report)}")
    render(report, format.value)
    errors = len(report.errors)
    warnings = len(report.problems) - errors
    say(f"{'valid' if report.valid else 'invalid'}: {errors} error(s), {warnings} warning(s).")
    raise typer.Exit(0 if report.valid else 1)


def _annex(path, sheet, encoding):
    """The annex file, read while pandas and the reports import on a thread: Arrow reads and checks
    with the GIL mostly released, and pandas alone takes ~0.4 s to import, so on a large file the two
    overlap. For classify and summary, which read whole inventories; compare and show check their
    arguments before reading, and keep that order.

    validation (with numpy and pyarrow) is imported here first, so that the second thread only
    imports modules the main one does not touch until the file is read.
    """
    from ..validation import load

    import_meanwhile("cicli.reports")
    return load(path, sheet=sheet, encoding=encoding)


def _how_read(report) -> str:
    parts = [report.format]
    if report.encoding:
        parts.append(f"encoding {report.encoding}")
    if report.delimiter:
        parts.append(f"delimiter {report.delimiter!r}")
    if report.sheet:
        parts.append(f"sheet {report.sheet!r}")
    parts.append(f"header on row {report.header_row}")
    return ", ".join(parts)


@app.command()
@guarded
def classify(
    path: PathArg = None,
    explain: Annotated[bool, typer.Option("--explain", "-e", help="Add the reason of every verdict.")] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    region: Annotated[str | None, typer.Option(help="Keep centres of this region (part of its name).")] = None,
    origin: Annotated[str | None, typer.Option(help="private, public or undetermined (or privée, publique…).")] = None,
    anchoring: Annotated[str | None, typer.Option(help="standalone, zone-affiliated, pre-zone or undetermined.")] = None,
    model: Annotated[str | None, typer.Option(help="hifa, miniature-zone or undetermined.")] = None,
    status: Annotated[str | None, typer.Option(help="designated, project or undetermined (or désigné, projet).")] = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Classify every centre along the report's typology: origin, anchoring, model, status.

    Example: cicli classify --explain --lang fr --status désigné
    """
    centres = _annex(path, sheet, encoding)
    from .. import reports
    from ..render import render

    result = reports.classify(centres=centres, lang=language(lang), region=region, origin=origin, anchoring=anchoring,
                              model=model, status=status, reasons=format == Format.json, explain=explain)
    render(result, format.value)


@app.command()
@guarded
def compare(
    centres: Annotated[list[str], typer.Argument(
        metavar="CENTRE CENTRE [CENTRE...]",
        help="Two centres or more: acronym (HIFA, CIM), any name, part of it, or the locality (\"Sept-Îles\"); "
             "case and accents optional.")],
    diff: Annotated[bool, typer.Option("--diff", help="Keep only the rows where the centres differ.")] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Compare centres side by side: facts and verdicts in rows, centres in columns; differences stand out.

    Example: cicli compare HIFA "Sept-Îles" --diff
    """
    from .. import reports
    from ..render import render

    result = reports.compare(centres, source, lang=language(lang), sheet=sheet, encoding=encoding)
    render(result.only_differences() if diff else result, format.value)


@app.command()
@guarded
def show(
    centre: Annotated[str, typer.Argument(metavar="CENTRE", help="Acronym, name, part of it, or locality.")],
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Everything known about one centre: each fact with where it comes from, each verdict with its reason.

    Example: cicli show "sept iles" --lang fr
    """
    from .. import reports
    from ..render import render

    render(reports.show(centre, source, lang=language(lang), sheet=sheet, encoding=encoding), format.value)


@app.command()
@guarded
def summary(path: PathArg = None, format: FormatOpt = Format.table, lang: LangOpt = None,
            sheet: SheetOpt = None, encoding: EncodingOpt = None) -> None:
    """Summarise the landscape: counts per axis, crosstabs, regions, designations, waiting projects, funding.

    Example: cicli summary --lang fr --format markdown > synthese.md
    """
    centres = _annex(path, sheet, encoding)
    from .. import reports
    from ..render import render

    render(reports.summary(lang=language(lang), centres=centres), format.value)


@app.command()
@guarded
def export(
    out: Annotated[str, typer.Argument(metavar="OUT", help="File to write: .xlsx, .csv, .json, .md or .geojson.")],
    centres: Annotated[list[str] | None, typer.Argument(
        metavar="[CENTRE...]", help="With --compare: the centres of the comparison sheet.", show_default=False)] = None,
    source: FromOpt = None,
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", help="Format, when OUT's suffix does not say it.", show_default=False)] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for French Excel: ';' separator, UTF-8 with BOM.")] = False,
    compare: Annotated[bool, typer.Option("--compare", help="XLSX: add a sheet comparing the CENTREs named after OUT.")] = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Export the annex and its typology: a styled Excel workbook, CSV, JSON, Markdown or GeoJSON for maps.

    OUT is never overwritten without --force, and is written all at once: an interrupted export leaves no half file.

    Example: cicli export annexe.xlsx --compare HIFA "Sept-Îles"
    """
    from ..errors import UsageError
    from ..writers import export as run

    if centres and not compare:
        raise UsageError(f"unexpected argument {centres[0]!r}: to compare centres in the workbook, add --compare.")
    if compare and len(centres or []) < 2:
        raise UsageError("--compare needs two centres or more after OUT, for example: "
                         "cicli export annexe.xlsx --compare HIFA \"Sept-Îles\".")
    bar = _ProgressBar()
    try:
        result = run(out, source, fmt=format.value if format else None, lang=language(lang), force=force, excel=excel,
                     compare=centres if compare else None, sheet=sheet, encoding=encoding, progress=bar)
    finally:
        bar.close()
    for note in result.notes:
        say(note)
    say(f"wrote {result.path} ({result.format}, {result.centres} centres).")


class _ProgressBar:
    """A bar on stderr, shown only once a long export reports progress."""

    def __init__(self):
        self.progress = None

    def __call__(self, done: int, total: int) -> None:
        if total < 20_000:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("export", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()




#: The commands, in the order the reference lists them.
COMMANDS = ("classify", "compare", "show", "summary", "export", "validate")
