"""The options several commands share, declared once."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Lang(str, Enum):
    fr = "fr"
    en = "en"


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    geojson = "geojson"


PathArg = Annotated[str | None, typer.Argument(
    metavar="[PATH]", help="CSV or XLSX annex table; the bundled annex of the report when omitted.", show_default=False)]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help="CSV or XLSX annex table to read (default: the bundled annex of the report).", show_default=False)]
SheetOpt = Annotated[str | None, typer.Option("--sheet", help="XLSX sheet to read (default: the first with a name column).")]
EncodingOpt = Annotated[str | None, typer.Option("--encoding", help="CSV encoding (default: detected: UTF-8, BOM, or cp1252).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format: table, csv, json or markdown.")]
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of labels: fr or en (default: $CICLI_LANG, else the locale, else en).", show_default=False)]


def language(lang: Lang | None) -> str:
    from ..labels import default_lang

    return lang.value if lang else default_lang()
