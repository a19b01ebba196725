"""The options several commands share, declared once. Help texts are English here and translated
when shown (cli.language)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from ..i18n import N_
from . import completion


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Lang(StrEnum):
    fr = "fr"
    en = "en"


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    html = "html"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    geojson = "geojson"


def flag(*names: str, help: str) -> typer.models.OptionInfo:
    """A yes/no option: no value to show after it in the help."""
    return typer.Option(*names, help=help, metavar="")


PathArg = Annotated[str | None, typer.Argument(
    metavar=N_("PATH"), show_default=False,
    help=N_("CSV or XLSX table of centres (the same as --from); the report's annex when omitted."))]
FromOpt = Annotated[str | None, typer.Option(
    "--from", "-i", metavar=N_("PATH"), show_default=False,
    help=N_("CSV or XLSX table of centres to read (default: the report's annex, bundled with cicli)."))]
SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", metavar=N_("NAME"), help=N_("Sheet of a workbook to read (default: the visible active sheet)."))]
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", metavar=N_("NAME"), help=N_("Encoding of a CSV file (default: detected, and said)."))]
FormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", metavar=N_("FORMAT"), help=N_("Output: table, csv, json or markdown."))]
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", metavar="fr|en", show_default=False,
    help=N_("Language: fr or en (default: $CICLI_LANG, else the system's language, else fr)."))]
OutputOpt = Annotated[str | None, typer.Option(
    "--output", "-o", metavar=N_("FILE"), show_default=False,
    help=N_("Write to FILE instead of the terminal (never over an existing file without --force)."))]
ForceOpt = Annotated[bool, flag("--force", help=N_("Replace the output file if it exists."))]
StrictOpt = Annotated[bool, flag("--strict", help=N_(
    "Fail (exit code 1) when the file has warnings, not only errors."))]
FileOnlyOpt = Annotated[bool, flag("--file-only", help=N_(
    "Use your file as it is: do not complete the rows that are centres of the report with what the report says."))]
ColumnOpt = Annotated[list[str] | None, typer.Option(
    "--column", "-c", metavar=N_("HEADER=COLUMN"), show_default=False, help=N_(
        "Read a column of your file as a column of cicli: --column \"Ville=Localisation\" (repeat it for several; "
        "cicli validate lists the columns it reads and ignores)."))]
RegionOpt = Annotated[list[str] | None, typer.Option(
    "--region", "-r", metavar=N_("REGION"), show_default=False, autocompletion=completion.regions, help=N_(
        "Keep the centres of this region, written any usual way (Côte-Nord, 09, Gaspésie, Mtl); repeat it for "
        "several."))]
RowsOpt = Annotated[str | None, typer.Option(
    "--rows", metavar=N_("ROWS"), show_default=False, help=N_(
        "The rows to compare, separated by commas: niche, services, equipment, partners, research_anchors, "
        "initiators, status… (codes or labels)."))]
