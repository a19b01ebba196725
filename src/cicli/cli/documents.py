"""The commands that write documents: `export` (the centres and their typology to a file), `template` (a workbook to
fill in) and `diff` (what changed between two editions of a list). Like every command, each parses its options,
calls one function of the library and says what it wrote."""

from __future__ import annotations

from typing import Annotated

import typer

from ..i18n import N_, _, ngettext, readable_count
from ..text import shown
from . import completion
from .commands import _done, app, check_compare
from .language import CicliCommand
from .messages import guarded
from .options import (
    ColumnOpt,
    EncodingOpt,
    ExportFormat,
    FileOnlyOpt,
    ForceOpt,
    Format,
    FormatOpt,
    FromOpt,
    LangOpt,
    OutputOpt,
    RegionOpt,
    RowsOpt,
    SheetOpt,
    StrictOpt,
    flag,
)
from .output import emit, report_line, use_language
from .process import say


@app.command(cls=CicliCommand, help=N_(
    "Export the centres and their typology to a file: a styled Excel workbook (.xlsx), a report to e-mail "
    "(.html), CSV (.csv), JSON (.json), Markdown (.md) or GeoJSON for maps (.geojson); the format comes from "
    "OUT's suffix."
    "\n\nOUT is never replaced without --force, and is written all at once: an interrupted export leaves no "
    "half-written file."
    "\n\nExample: cicli export annexe.xlsx --compare HIFA \"Sept-Îles\""))
@guarded
def export(
    out: Annotated[str, typer.Argument(metavar=N_("OUT"), show_default=False, help=N_(
        "File to write: .xlsx, .html, .csv, .json, .md or .geojson."))],
    centres: Annotated[list[str] | None, typer.Argument(metavar=N_("[CENTRE...]"), show_default=False,
                                                        autocompletion=completion.centres, help=N_(
        "With --compare: the centres of the comparison sheet."))] = None,
    source: FromOpt = None,
    format: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", metavar=N_("FORMAT"), show_default=False,
        help=N_("Format, when OUT's suffix does not say it: xlsx, html, csv, json, markdown or geojson."))] = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
    excel: Annotated[bool, flag("--excel", help=N_(
        "CSV for French Excel: ';' separator, UTF-8 with a BOM, decimal commas."))] = False,
    compare: Annotated[bool, flag("--compare", help=N_(
        "XLSX and HTML: add a comparison of the CENTREs named after OUT (or every centre, with --all)."))] = False,
    every: Annotated[bool, flag("--all", help=N_("With --compare: every centre, on the rows --rows chooses."))] = False,
    rows: RowsOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    strict: StrictOpt = False,
    file_only: FileOnlyOpt = False,
    column: ColumnOpt = None,
    region: RegionOpt = None,
    title: Annotated[str | None, typer.Option("--title", metavar=N_("TITLE"), show_default=False, help=N_(
        "XLSX, HTML and Markdown: your own title for the document (your list is never titled as the report's "
        "annex)."))] = None,
    organisation: Annotated[str | None, typer.Option("--organisation", metavar=N_("NAME"), show_default=False, help=N_(
        "XLSX, HTML and Markdown: the name of your organisation, above the title."))] = None,
    brief: Annotated[bool, flag("--brief", help=N_(
        "HTML: the board version, four printed pages at most: the counts, the map, the list, the comparison "
        "asked for, the regions kept."))] = False,
    map_by: Annotated[str, typer.Option("--map-by", metavar=N_("AXIS"), show_default=False, help=N_(
        "HTML: the verdict that colours the map's points: status (the default), origin, anchoring or "
        "model."))] = "status",
) -> None:
    from ..errors import UsageError
    from ..read import column_mapping
    from ..writers import export as run
    from .output import ProgressBar

    language = use_language(lang)
    if centres and not compare:
        raise UsageError(_("unexpected argument {argument}: to compare centres in the workbook, add --compare.",
                           argument=repr(centres[0])))
    if (every or rows) and not compare:
        raise UsageError(_("--all and --rows go with --compare: cicli export annexe.xlsx --compare --all."))
    if compare and not every and len(centres or []) < 2:
        raise UsageError(_("--compare needs two centres or more after OUT (or --all), for example: "
                           "cicli export annexe.xlsx --compare HIFA \"Sept-Îles\"."))
    if compare:
        check_compare(centres, every)
    bar = ProgressBar()
    try:
        result = run(out, source, fmt=format.value if format else None, lang=language, force=force, excel=excel,
                     compare=centres if compare else None, sheet=sheet, encoding=encoding, progress=bar,
                     from_report=not file_only, compare_all=compare and every, rows=rows,
                     columns=column_mapping(column) if column else None, regions=region, title=title,
                     organisation=organisation, brief=brief, map_by=map_by)
    finally:
        bar.close()
    for note in result.notes:
        say(note)
    say(_("wrote {path} ({format}, {count}).", path=result.shown_path, format=result.format,
          count=result.count_text))
    _done(result.centres_read, strict)


@app.command(cls=CicliCommand, help=N_(
    "Write a workbook to fill in: the report's headers, drop-down lists for the coded columns, a sheet that "
    "says what each column holds, and the report's centres as examples (unless --empty). cicli reads it back, "
    "filled in."
    "\n\nExample: cicli template mes-centres.xlsx --empty"))
@guarded
def template(
    out: Annotated[str, typer.Argument(metavar=N_("OUT"), show_default=False, help=N_("Workbook to write (.xlsx)."))],
    empty: Annotated[bool, flag("--empty", help=N_("No examples: only the headers and the lists."))] = False,
    lang: LangOpt = None,
    force: ForceOpt = False,
    region: RegionOpt = None,
) -> None:
    from ..writers.template import write_template

    language = use_language(lang)
    result = write_template(out, lang=language, empty=empty, force=force, regions=region)
    say(ngettext("wrote {path}, with {n} centre as an example.", "wrote {path}, with {n} centres as examples.",
                 result.examples, path=shown(str(result.path))) if result.examples else
        _("wrote {path}, with no example.", path=shown(str(result.path))))


@app.command(cls=CicliCommand, help=N_(
    "What changed between two editions of a list (CSV or XLSX, French or English headers): the centres added, "
    "removed and renamed, every cell changed with its old and new value, and every verdict that changed, with why."
    "\n\nRows are paired by id, then by name. --output writes the changes to a file: .xlsx or .html for a board, "
    "or the --format given."
    "\n\nExit code 0 when both editions can be read (with --strict: and have no warning), 1 otherwise."
    "\n\nExample: cicli diff liste-2025.xlsx liste-2026.xlsx -o changements.html"))
@guarded
def diff(
    old: Annotated[str, typer.Argument(metavar=N_("OLD"), show_default=False, help=N_("The earlier edition."))],
    new: Annotated[str, typer.Argument(metavar=N_("NEW"), show_default=False, help=N_("The later edition."))],
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
    strict: StrictOpt = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
    column: ColumnOpt = None,
) -> None:
    from pathlib import Path

    from .. import results
    from ..read import column_mapping
    from ..writers.safety import check_output

    language = use_language(lang)
    target = check_output(Path(output), [old, new], force) if output else None
    result = results.diff(old, new, lang=language, sheet=sheet, encoding=encoding,
                          columns=column_mapping(column) if column else None)
    if target is not None and target.suffix.lower() in (".xlsx", ".html"):
        from ..writers.sections import write_sections

        write_sections(target, result.sections(), title=_("What changed in the list"), lang=language, force=force,
                       subtitle=[_("From {old} to {new}", old=shown(old), new=shown(new)),
                                 _("{added} added, {removed} removed, {cells} cells and {verdicts} verdicts changed",
                                   added=readable_count(len(result.added)), removed=readable_count(len(result.removed)),
                                   cells=readable_count(len(result.cells)),
                                   verdicts=readable_count(len(result.verdicts)))])
        say(_("wrote {path}.", path=shown(str(target))))
    else:
        emit(result, format, output, force, reading=[old, new])
    for edition in result.editions:
        line = report_line(edition.findings)
        if line:
            say(line)
    if any(e.left_out or (strict and e.findings.warnings) for e in result.editions):
        raise typer.Exit(1)
