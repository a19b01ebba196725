"""The XLSX writers cicli could export with, each writing the sheet the export writes.

Usage:  python benchmarks/xlsx_writers.py {xlsxwriter,openpyxl} ANNEX.csv OUT.xlsx

The sheet is the export's annex: a bold header row, frozen and filtered; every row two lines tall,
its text wrapped and aligned to the top; the sources as links; strings as text, never formulas.
bench.py times the two alternately. Measured on 100,000 rows × 7 columns (README, Performance):
XlsxWriter in constant-memory mode, the style on the row, is the fastest that keeps every property
the export tests check; openpyxl write-only needs a style on every cell.
"""

from __future__ import annotations

import csv
import sys

MAX_LINKS = 65_530  # Excel's limit of links on a sheet: beyond, the export writes sources as text


def rows(path: str) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        header, *body = list(csv.reader(f))
    return header, body


def with_xlsxwriter(header: list[str], body: list[list[str]], out: str) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False,
                                         "strings_to_formulas": False, "strings_to_urls": False})
    sheet = workbook.add_worksheet("Annexe")
    bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    link = workbook.add_format({"font_color": "blue", "underline": 1, "text_wrap": True, "valign": "top"})
    links = header.index("Sources") if len(body) <= MAX_LINKS else None
    sheet.freeze_panes(1, 3)
    sheet.autofilter(0, 0, len(body), len(header) - 1)
    sheet.write_row(0, 0, header, bold)
    for i, values in enumerate(body, 1):
        sheet.set_row(i, 30, wrap)
        for j, value in enumerate(values):
            if not value:
                continue
            if j == links and value.startswith(("http://", "https://")):
                sheet.write_url(i, j, value, link, value)
            else:
                sheet.write_string(i, j, value)
    workbook.close()


def with_openpyxl(header: list[str], body: list[list[str]], out: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Annexe")
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{chr(64 + len(header))}{len(body) + 1}"
    top = Alignment(wrap_text=True, vertical="top")
    links = header.index("Sources") if len(body) <= MAX_LINKS else None

    def cell(value: str, **style):
        made = WriteOnlyCell(sheet, value=value or None)
        made.alignment = top
        for name, setting in style.items():
            setattr(made, name, setting)
        return made

    sheet.append([cell(h, font=Font(bold=True)) for h in header])
    for i, values in enumerate(body, 2):
        sheet.row_dimensions[i].height = 30
        out_row = []
        for j, value in enumerate(values):
            made = cell(value)
            if j == links and value.startswith(("http://", "https://")):
                made.hyperlink = value
                made.font = Font(color="0000FF", underline="single")
            elif value:
                made.data_type = "s"  # text, never a formula
            out_row.append(made)
        sheet.append(out_row)
    workbook.save(out)


if __name__ == "__main__":
    engine, source, target = sys.argv[1:4]
    header, body = rows(source)
    {"xlsxwriter": with_xlsxwriter, "openpyxl": with_openpyxl}[engine](header, body, target)
