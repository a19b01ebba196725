"""`cicli template`: a workbook to fill in, for a list of centres started from nothing or from the report's.

The sheet « Centres » has one column per column cicli reads, headed as the report heads them (in the chosen
language), drop-down lists where a column takes coded values (regions, oui/non, statuses, kinds of
initiators), months kept as text (Excel would turn « 2022-02 » into a date it shows as « févr-22 »), and,
unless empty, the report's centres as examples. « Mode d'emploi » says what each column holds and which
values it takes. A hidden sheet holds the lists. cicli reads the sheet back, filled in, without a warning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import labels, schema
from ..errors import UsageError
from ..i18n import _, speaking
from ..labels import language
from ..text import quoted
from .safety import atomic_write, check_output

ROWS = 500  # rows the drop-down lists cover below the examples
WIDTH = 32


@dataclass
class TemplateResult:
    path: Path
    examples: int  # rows of examples written (0 with `empty`)


def _choices(column: schema.Column) -> list[str]:
    """The words a coded column offers, in the current language (codes for an unknown column)."""
    if column.type == "bool":
        return [labels.label("bool", code) for code in ("yes", "no")]
    if column.type in ("enum", "enum_list"):
        return [labels.label(column.domain, code) for code in column.allowed]
    if column.name == "region":
        return list(schema.REGIONS)
    return []


def write_template(out: str | os.PathLike, *, lang: str | None = None, empty: bool = False,
                   force: bool = False, regions: list[str] | None = None) -> TemplateResult:
    """Write the fill-in workbook to `out`, atomically; never over a file without `force`. Its examples are the
    report's centres (of `regions`, when some are named)."""
    lang = language(lang)
    with speaking(lang):
        if Path(out).suffix.lower() != ".xlsx":
            raise UsageError(_("a template is an Excel workbook: name it with .xlsx, as {example}.",
                               example=quoted(Path(out).with_suffix(".xlsx").name)))
        target = check_output(Path(out), None, force)
        examples = [] if empty else _examples(regions)
        atomic_write(target, lambda stream: _workbook(lang, examples).save(stream), force)
        return TemplateResult(target, len(examples))


def _examples(regions: list[str] | None = None) -> list[list]:
    """The report's centres, as the template's columns want them: words, numbers, months as text."""
    from ..pipeline import load
    from .tables import people_cells

    centres = load(None).in_regions(regions)
    cells = people_cells(centres.frame, centres.raw)
    out = []
    for _label, row in cells.iterrows():
        values = []
        for column in schema.COLUMNS:
            value = row.get(column.name)
            if hasattr(value, "year") and hasattr(value, "month"):
                value = f"{value.year:04d}-{value.month:02d}"
            values.append(None if value in ("", None) or value != value else value)
        out.append(values)
    return out


def _workbook(lang: str, examples: list[list]):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Centres")
    header = [column.fr if lang == "fr" else column.en for column in schema.COLUMNS]
    sheet.append(header)
    for row in examples:
        sheet.append(row)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    required = PatternFill("solid", fgColor="FFF2CC")
    for j, column in enumerate(schema.COLUMNS, 1):
        letter = get_column_letter(j)
        cell = sheet.cell(1, j)
        cell.font, cell.alignment = bold, wrap
        if column.name == "name":
            cell.fill = required
        sheet.column_dimensions[letter].width = WIDTH if column.type in ("text", "list", "url") else 18
        if column.type == "month":  # text, so that a spreadsheet keeps « 2022-02 » as typed
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, len(examples) + 2):
                sheet.cell(row, j).number_format = "@"
    sheet.freeze_panes = "D2"
    last_row = len(examples) + ROWS + 1
    lists = workbook.create_sheet(_("Lists"))
    lists.sheet_state = "hidden"
    for j, column in enumerate(c for c in schema.COLUMNS if _choices(c)):
        choices = _choices(column)
        lists.cell(1, j + 1, header[schema.COLUMNS.index(column)])
        for i, choice in enumerate(choices, 2):
            lists.cell(i, j + 1, choice)
        letter = get_column_letter(j + 1)
        source = f"'{lists.title}'!${letter}$2:${letter}${len(choices) + 1}"
        validation = DataValidation(type="list", formula1=source, allow_blank=True)
        if column.type == "enum_list":  # several kinds, separated by « ; »: the list suggests, it does not refuse
            validation.showErrorMessage = False
        validation.promptTitle = header[schema.COLUMNS.index(column)][:32]
        validation.prompt = _prompt(column)[:255]
        validation.showInputMessage = True
        target = get_column_letter(schema.COLUMNS.index(column) + 1)
        validation.add(f"{target}2:{target}{last_row}")
        sheet.add_data_validation(validation)
    _instructions(workbook.create_sheet(_("How to fill it in"), 1), header)
    workbook.active = 0
    return workbook


def _prompt(column: schema.Column) -> str:
    if column.type == "enum_list":
        return _("One kind per initiator, in the same order, separated by « ; ».")
    return _("Choose from the list.")


def _instructions(sheet, header: list[str]) -> None:
    from openpyxl.styles import Alignment, Font

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.append([_("How to fill in the sheet « Centres »")])
    sheet["A1"].font = Font(bold=True, size=13)
    for line in (_("One row per centre. Only the name is required; leave a cell empty where you do not know."),
                 _("Keep the headers: cicli finds the columns by them (in French or in English)."),
                 _("Then check the file: cicli validate my-centres.xlsx — and classify it: cicli classify "
                   "my-centres.xlsx"),
                 ""):
        sheet.append([line])
    sheet.append([_("Column"), _("What it holds"), _("Values"), _("Where the report's come from")])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for name, column in zip(header, schema.COLUMNS, strict=True):
        choices = ", ".join(_choices(column)) or _type_words(column)
        sheet.append([name, _(column.description), choices, _(column.source)])
    for row in sheet.iter_rows(min_row=7):
        for cell in row:
            cell.alignment = wrap
    for letter, width in zip("ABCD", (26, 60, 40, 50), strict=True):
        sheet.column_dimensions[letter].width = width


def _type_words(column: schema.Column) -> str:
    return {"month": _("a month: YYYY-MM, as 2022-02"), "year": _("a year: four digits"),
            "number": _("a number (an amount in dollars: 35000000)"), "url": _("a web address (https://…)"),
            "list": _("several items, separated by « ; »")}.get(column.type, _("text"))
