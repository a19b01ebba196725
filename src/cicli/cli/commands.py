"""The commands: each parses its options, calls one function of the library, and renders the result.

Help texts are English here (`N_`) and shown in the user's language (cli.language). Heavy libraries
(pandas, openpyxl, tabulate) are imported inside commands, never here, so that `cicli --help` stays
fast. classify and summary read the file while pandas imports on a thread (`_annex`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from .. import __version__
from ..i18n import N_, _, ngettext, readable_count
from ..text import ranges
from . import completion
from .language import CicliCommand, CicliGroup
from .messages import _state, guarded
from .options import (
    ColumnOpt,
    EncodingOpt,
    FileOnlyOpt,
    ForceOpt,
    Format,
    FormatOpt,
    FromOpt,
    LangOpt,
    OutputOpt,
    PathArg,
    RegionOpt,
    RowsOpt,
    SheetOpt,
    StrictOpt,
    flag,
)
from .output import emit, input_path, read_note, report_line, use_language
from .process import import_meanwhile, say

app = typer.Typer(
    name="cicli",
    cls=CicliGroup,
    help=N_("Quebec's innovation centres, from the 2025 report: load the annex or your own list, apply the "
            "report's typology with the reason of every verdict, compare centres, export a workbook."),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"cicli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, metavar="",
                                          help=N_("Print the version and exit."))] = False,
    debug: Annotated[bool, flag("--debug", help=N_("Show the full traceback of an internal error."))] = False,
) -> None:
    _state["debug"] = debug


@app.command(cls=CicliCommand, help=N_(
    "Check a table of centres and list its problems: errors, which stop the other commands, and warnings."
    "\n\nExit code 0 when there is no error (1 with --strict when there are warnings), 1 otherwise."
    "\n\nExample: cicli validate mes-centres.xlsx --format json"))
@guarded
def validate(path: PathArg = None, source: FromOpt = None, sheet: SheetOpt = None, encoding: EncodingOpt = None,
             format: FormatOpt = Format.table, lang: LangOpt = None, output: OutputOpt = None,
             force: ForceOpt = False, strict: StrictOpt = False, column: ColumnOpt = None) -> None:
    from ..pipeline import validate as run
    from ..read import column_mapping

    use_language(lang)
    report = run(input_path(path, source), sheet=sheet, encoding=encoding,
                 columns=column_mapping(column) if column else None)
    if report.format:
        say(read_note(report))
    emit(report, format, output, force, reading=input_path(path, source))
    say(report_line(report, always=True))
    raise typer.Exit(0 if report.valid and not (strict and report.warnings) else 1)


def _annex(path, sheet, encoding, file_only: bool = False, columns: list[str] | None = None,
           regions: list[str] | None = None):
    """The file, read, checked, recognised and completed (cicli.pipeline) while pandas and the results import on a
    thread; only the centres of `regions` when some are named."""
    from ..pipeline import load
    from ..read import column_mapping

    import_meanwhile("cicli.results")
    mapping = column_mapping(columns) if columns else None
    centres = load(path, sheet=sheet, encoding=encoding, from_report=not file_only, columns=mapping)
    chosen = centres.in_regions(regions)
    if regions and not len(chosen.table.rows) and len(centres.table.rows):
        held = sorted({r for r in centres.frame.get("region", []) if r})
        say(_("no centre of the file is in {regions}; its regions are: {held}.", regions=" / ".join(regions),
              held=", ".join(held) or _("none")))
    return chosen


def _done(centres, strict: bool) -> None:
    """The last lines of a command that read a file: the rows left out, the report's centres completed, its
    problems and how to see them; exit code 1 when a row was left out (or, with --strict, on a warning)."""
    findings = centres.findings
    if centres.left_out:
        say(ngettext("row {rows} is left out: it has an error (cicli validate says which); the other rows are shown.",
                     "rows {rows} are left out: they have errors (cicli validate says which); the other rows are "
                     "shown.", len(centres.left_out), rows=ranges(centres.left_out)))
    if centres.known_rows:
        say(ngettext("{n} row of your file is a centre of the report: cicli completed {cells} of its empty cells "
                     "from what the report says (--file-only keeps your file as it is).",
                     "{n} rows of your file are centres of the report: cicli completed {cells} of their empty cells "
                     "from what the report says (--file-only keeps your file as it is).", centres.known_rows,
                     cells=readable_count(centres.completed_cells)))
    line = report_line(findings)
    if line:
        say(line)
    if centres.left_out or (strict and findings.warnings):
        raise typer.Exit(1)


@app.command(cls=CicliCommand, help=N_(
    "Classify every centre along four axes. Origin (a private or a public initiative) is the report's own "
    "categorisation of CIs by their « modèle d'implantation »; anchoring, model and status are drawn by cicli from "
    "the report's text (docs/typology.md names the passages). Every verdict has its reason."
    "\n\nFilters take codes or labels, in French or English, accents optional."
    "\n\nExample: cicli classify --explain --lang fr --status désigné"))
@guarded
def classify(
    path: PathArg = None,
    source: FromOpt = None,
    explain: Annotated[bool, flag("--explain", "-e", help=N_("Add the reason of every verdict."))] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    region: RegionOpt = None,
    origin: Annotated[str | None, typer.Option(metavar=N_("ORIGIN"), autocompletion=completion.coded("origin"), help=N_(
        "Keep this origin: private, public or undetermined."))] = None,
    anchoring: Annotated[str | None, typer.Option(metavar=N_("ANCHORING"), autocompletion=completion.coded("anchoring"),
                                                  help=N_(
        "Keep this anchoring: standalone, zone-affiliated, pre-zone or undetermined."))] = None,
    model: Annotated[str | None, typer.Option(metavar=N_("MODEL"), autocompletion=completion.coded("model"), help=N_(
        "Keep this model: hifa, miniature-zone or undetermined."))] = None,
    status: Annotated[str | None, typer.Option(metavar=N_("STATUS"), autocompletion=completion.coded("status"), help=N_(
        "Keep this status: designated, funded, project, abandoned, refused or undetermined."))] = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    file_only: FileOnlyOpt = False,
    column: ColumnOpt = None,
) -> None:
    language = use_language(lang)
    reading = input_path(path, source)
    centres = _annex(reading, sheet, encoding, file_only, column, region)
    from .. import results

    result = results.classify(centres=centres, lang=language, origin=origin, anchoring=anchoring, model=model,
                              status=status, explain=explain)
    for note in result.notes:
        say(note)
    emit(result, format, output, force, reading=reading)
    _done(centres, strict)


@app.command(cls=CicliCommand, help=N_(
    "Compare centres side by side: facts and verdicts in rows, centres in columns; the rows where they "
    "differ stand out."
    "\n\nCentres are named as people type them: acronym (HIFA, CIM), any name, part of it, the locality or "
    "the id; case and accents optional."
    "\n\nWith --all, every centre, one per line, on the rows --rows chooses (niches, services and equipment by "
    "default): the services the other centres offer, side by side."
    "\n\nExample: cicli compare HIFA \"Sept-Îles\" --diff"
    "\n\nExample: cicli compare --all --rows services,partners"))
@guarded
def compare(
    centres: Annotated[list[str] | None, typer.Argument(metavar=N_("[CENTRE...]"), show_default=False,
                                                        autocompletion=completion.centres, help=N_(
        "Two centres or more (none with --all)."))] = None,
    every: Annotated[bool, flag("--all", help=N_("Every centre, one per line, on the rows --rows chooses."))] = False,
    rows: RowsOpt = None,
    diff: Annotated[bool, flag("--diff", help=N_("Keep only the rows where the centres differ."))] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    file_only: FileOnlyOpt = False,
    column: ColumnOpt = None,
    region: RegionOpt = None,
) -> None:
    from .. import results

    language = use_language(lang)
    check_compare(centres, every)
    fields = results.parse_fields(rows) if rows or every else None
    annex = _annex(source, sheet, encoding, file_only, column, region)
    if every:
        result = results.compare_all(rows=fields, lang=language, centres=annex)
    else:
        result = results.compare(centres, lang=language, centres=annex, fields=fields)
        result = result.only_differences() if diff else result
    emit(result, format, output, force, reading=source)
    _done(annex, strict)


def check_compare(centres: list[str] | None, every: bool) -> None:
    """Centres, or --all: one or the other, said before any file is read."""
    from .. import results
    from ..errors import UsageError

    if every and centres:
        raise UsageError(_("--all compares every centre: name none, or leave out --all."))
    if not every:
        results.check_comparable(centres or [])


@app.command(cls=CicliCommand, help=N_(
    "Everything known about one centre: each fact with where it comes from, each verdict with its reason."
    "\n\nExample: cicli show \"sept iles\" --lang fr"))
@guarded
def show(
    centre: Annotated[str, typer.Argument(metavar=N_("CENTRE"), show_default=False, autocompletion=completion.centres,
                                          help=N_(
        "Acronym, name, part of it, locality or id."))],
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    file_only: FileOnlyOpt = False,
    column: ColumnOpt = None,
) -> None:
    from .. import results

    language = use_language(lang)
    annex = _annex(source, sheet, encoding, file_only, column)
    emit(results.show(centre, lang=language, centres=annex), format, output, force, reading=source)
    _done(annex, strict)


@app.command(cls=CicliCommand, help=N_(
    "The landscape: counts per axis, crosstabs, centres per region, designations, projects still waiting, "
    "and the report's funding figures."
    "\n\nExample: cicli summary --lang fr --format markdown -o synthese.md"))
@guarded
def summary(path: PathArg = None, source: FromOpt = None, format: FormatOpt = Format.table, lang: LangOpt = None,
            sheet: SheetOpt = None, encoding: EncodingOpt = None, output: OutputOpt = None, force: ForceOpt = False,
            strict: StrictOpt = False, file_only: FileOnlyOpt = False, column: ColumnOpt = None,
            region: RegionOpt = None) -> None:
    language = use_language(lang)
    reading = input_path(path, source)
    centres = _annex(reading, sheet, encoding, file_only, column, region)
    from .. import results

    emit(results.summary(lang=language, centres=centres), format, output, force, reading=reading)
    _done(centres, strict)


@app.command(cls=CicliCommand, help=N_(
    "What the report says beyond its annex: what a centre is and is not, the programme, designation, what "
    "bears the name without being a centre of the programme, the caveats, the recommendations… each in "
    "short, then in the report's own words with their section."
    "\n\nExample: cicli context ci-vs-zi"))
@guarded
def context(
    topic: Annotated[str | None, typer.Argument(metavar=N_("[TOPIC]"), show_default=False,
                                                autocompletion=completion.topics, help=N_(
        "A topic's id or title (default: every topic)."))] = None,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    from .. import results

    language = use_language(lang)
    emit(results.context(topic, lang=language), format, output, force)


#: The commands, in the order the reference lists them.
COMMANDS = ("classify", "compare", "show", "summary", "context", "diff", "export", "template", "validate")
