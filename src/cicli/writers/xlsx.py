"""The XLSX export: one workbook, styled for people who live in Excel and print for their board.

Tables have a bold, frozen header row (repeated on every printed page), an autofilter and column widths
that fit; long or multi-line text wraps and its rows are tall enough to show every line; sources are
links; strings are written as text, never as formulas; numbers are numbers and months are dates. Every
sheet prints landscape, fitted to the page width, with a title and the date in its header and footer.
The summary's charts stand beside their tables. openpyxl's write-only mode streams rows, so large annexes
export in bounded memory.
"""

from __future__ import annotations

import math
import os
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from .. import __version__, labels, schema
from ..i18n import _, readable_date
from ..typology import AXIS_NAMES
from .safety import atomic_write, input_checksum, strip_illegal
from .tables import annex_table, earlier_verdicts, typology_table

MAX_WIDTH = 60
PRINTED_WIDTH = 28  # the annex's columns: twelve of them fit a landscape page at a size one can read
SUMMARY_WIDTH = 40  # the summary's columns stay narrow enough for its charts to be in view
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one worksheet
PROGRESS_EVERY = 5000
LINE_HEIGHT = 15  # points: one line of Calibri 11
MAX_HEIGHT = 409  # points: Excel's tallest row
CHART_ROWS = 15  # rows a chart of a few bars spans; the next table starts below it


@dataclass
class Sheet:
    title: str
    sections: list[tuple[str | None, pd.DataFrame]]
    table: bool = True  # one table: frozen header, autofilter, header repeated on printed pages
    charts: bool = False  # a bar chart beside each table of counts
    max_width: int = MAX_WIDTH
    frozen_columns: int = 0
    printed_columns: int | None = None  # the columns a printed page holds (None: all)
    charted: list = field(default_factory=list)


def write(job) -> None:
    """Write the workbook to the job's target (atomically); notes how many illegal characters the data held."""
    from .. import reports

    side = None
    if job.compare_all:
        side = reports.compare_all(rows=job.rows, lang=job.lang, centres=job.centres).labelled()
    elif job.compare:
        side = reports.compare(job.compare, lang=job.lang, centres=job.centres, fields=job.rows).labelled()
        names = dict(zip(job.table["id"], job.table["name"], strict=True))
        shown = [names.get(c, c) for c in side.columns]
        side.columns = [f"{name} ({c})" if shown.count(name) > 1 else name
                        for c, name in zip(side.columns, shown, strict=True)]

    annex, removed = strip_illegal(annex_table(job.centres, job.table, job.lang, words=True))
    job.note_earlier_verdicts(earlier_verdicts(job.centres))
    typology = strip_illegal(typology_table(job.table, job.lang))[0]  # repeats the annex's names: counted once
    summary = reports.summarize(job.table, job.lang)
    source = job.source or job.centres.table.source
    # The annex prints as the report prints it, with the verdicts: its other columns are for the screen.
    printed = sum(c in job.centres.table.frame.columns for c in schema.ANNEX_COLUMNS) + len(AXIS_NAMES) + 1
    sheets = [Sheet(_name("sheet_annex"), [(None, annex)], frozen_columns=3, printed_columns=printed,
                    max_width=PRINTED_WIDTH),
              Sheet(_name("sheet_typology"), [(None, typology)], frozen_columns=2),
              Sheet(_name("sheet_summary"), [(s.title, strip_illegal(s.frame)[0]) for s in summary.sections()],
                    table=False, charts=True, max_width=SUMMARY_WIDTH),
              Sheet(_name("sheet_method"), [(None, strip_illegal(_method(source, input_checksum(job.source)))[0])])]
    if side is not None:
        sheets.append(Sheet(_name("sheet_compare"), [(None, strip_illegal(side)[0])],
                            frozen_columns=1 if job.compare_all else 2))
    write_workbook(job.target, sheets, force=job.force, progress=job.progress)
    job.note_removed(removed)


def write_workbook(target: Path, sheets: list[Sheet], *, force: bool, progress=None) -> None:
    """Write the sheets to `target`, atomically."""
    from openpyxl import Workbook

    total = sum(len(frame) for sheet in sheets for _heading, frame in sheet.sections)
    stamp = readable_date(*_today())

    def write(stream) -> None:
        workbook = Workbook(write_only=True)
        workbook.properties.title = labels.label("field", "annex_title")
        workbook.properties.creator = f"cicli {__version__}"
        done = 0
        try:
            for sheet in sheets:
                worksheet = workbook.create_sheet(sheet.title)
                _print_setup(worksheet, sheet, stamp)
                done = _write_sheet(worksheet, sheet, done=done, total=total, progress=progress)
            workbook.save(stream)
        except BaseException:
            _close_rows(workbook)
            raise
        finally:
            _remove_temporary_files()

    atomic_write(target, write, force)


def _today() -> tuple[int, int, int]:
    today = datetime.now().astimezone()
    return today.year, today.month, today.day


def _print_setup(worksheet, sheet: Sheet, stamp: str) -> None:
    """Landscape, as wide as the page, the header row on every page, a title and the date on every page."""
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = "1"  # Letter, as offices in Quebec print
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True
    worksheet.print_options.gridLines = sheet.table
    worksheet.page_margins.left = worksheet.page_margins.right = 0.4  # inches: a wider table, a larger print
    worksheet.page_margins.top = worksheet.page_margins.bottom = 0.6
    worksheet.page_margins.header = worksheet.page_margins.footer = 0.3
    if sheet.table:
        worksheet.print_title_rows = "1:1"
    if sheet.printed_columns:
        from openpyxl.utils import get_column_letter

        rows = sum(len(frame) for _heading, frame in sheet.sections) + 1
        worksheet.print_area = f"A1:{get_column_letter(sheet.printed_columns)}{rows}"
    title = f"{labels.label('field', 'annex_title')} — {sheet.title}"
    worksheet.oddHeader.center.text = title.replace("&", "&&")
    worksheet.oddHeader.center.size = 11
    worksheet.oddFooter.left.text = _("cicli, {date}", date=stamp).replace("&", "&&")
    worksheet.oddFooter.right.text = _("Page &P of &N")


def _remove_temporary_files() -> None:
    """openpyxl's write-only sheets go through temporary files (in TMPDIR), which it removes at exit; cicli
    ends its process without Python's exit (cli.process.end), and an interruption must not leave the user's
    data behind in them either: removed here, whatever happened."""
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    for path in list(ALL_TEMP_FILES):
        try:
            os.remove(path)
        except OSError:
            pass
        ALL_TEMP_FILES.remove(path)


def _close_rows(workbook) -> None:
    """After an interruption, end each sheet's row writer now, while its file is open; else Python
    would finalise it at exit and print « Exception ignored … I/O operation on closed file »."""
    for worksheet in workbook.worksheets:
        rows = getattr(worksheet, "_rows", None)  # openpyxl's write-only row generator
        if rows is not None:
            try:
                rows.close()
            except Exception:
                pass


def _name(code: str) -> str:
    return labels.label("field", code)


def _widths(sheet: Sheet) -> list[float]:
    width = max(len(frame.columns) for _heading, frame in sheet.sections)
    widths = [8.0] * width
    for _heading, frame in sheet.sections:
        for j, column in enumerate(frame.columns):
            longest = _longest_line(frame[column].astype(str)) if len(frame) else 0
            header = max(map(len, str(column).split())) if sheet.table else len(str(column))
            widths[j] = max(widths[j], min(float(max(header, longest or 0)) + 2, sheet.max_width))
    return widths


def _longest_line(text: pd.Series) -> int:
    """The longest line of a column's cells (only cells with line breaks are split: a column at a time)."""
    lengths = text.str.len()
    broken = text.str.contains("\n", regex=False)
    if broken.any():
        lengths[broken] = text[broken].str.split("\n").map(lambda lines: max(map(len, lines)))
    return int(lengths.max())


def _lines(frame: pd.DataFrame, wrapped: set[int], widths: list[float]) -> pd.Series:
    """How many lines each row needs, from its wrapped cells: their line breaks, and their length over the
    column's width (an estimate: a spreadsheet wraps on words)."""
    lines = pd.Series(1, index=frame.index)
    for j in wrapped:
        text = frame.iloc[:, j].astype(str)
        per_line = max((widths[j] - 2) * 1.15, 1)  # a column's width counts digits; letters are narrower
        estimate = (text.str.len() // per_line + 1).where(~text.str.contains("\n", regex=False), 0)
        broken = estimate == 0
        if broken.any():
            estimate[broken] = text[broken].str.split("\n").map(
                lambda parts, w=per_line: sum(max(1, math.ceil(len(p) / w)) for p in parts))
        lines = lines.where(lines >= estimate, estimate)
    return lines


def _write_sheet(worksheet, sheet: Sheet, *, done: int, total: int, progress) -> int:
    """Sections one under the other; a table's header is frozen and filtered; charts beside tables of counts."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap, top = Font(bold=True), Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    widths = _widths(sheet)
    for j, w in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(j)].width = w
    # Write-only mode writes the sheet's view with its first row: freeze before any row.
    if sheet.table:
        worksheet.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}2"

    styles = {}

    def style(font, link: bool, wrapped: bool, number_format: str | None, tall: bool):
        """The cell style of this combination, built once: setting a style on each cell hashes it each time."""
        key = (font, link, wrapped, number_format, tall)
        if key not in styles:
            model = WriteOnlyCell(worksheet)
            if link:
                model.style = "Hyperlink"  # first: a named style replaces what was set before it
            if font:
                model.font = font
            if wrapped or tall:
                model.alignment = wrap if wrapped else top
            if number_format:
                model.number_format = number_format
            styles[key] = model._style
        return styles[key]

    def cell(value, *, font=None, link=False, wrapped=False, tall=False):
        """A cell object; `tall`: in a row of several lines, aligned to the top like its wrapped neighbours."""
        c = WriteOnlyCell(worksheet, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # a string is text, even when it starts with "="
        link = link and isinstance(value, str) and value.startswith(("http://", "https://"))
        number_format = "yyyy-mm" if isinstance(value, date) else None
        if font or link or wrapped or number_format or tall:
            c._style = copy(style(font, link, wrapped, number_format, tall))
        if link:
            c.hyperlink = value
        return c

    row_number = 0
    for n, (title, frame) in enumerate(sheet.sections):
        if title:
            if n:
                worksheet.append([])
                row_number += 1
            worksheet.append([cell(title, font=bold)])
            row_number += 1
        header_row = row_number + 1
        if sheet.table:
            worksheet.row_dimensions[header_row].height = LINE_HEIGHT * max(
                math.ceil(len(str(c)) / max(widths[j] - 2, 1)) for j, c in enumerate(frame.columns))
        worksheet.append([cell(str(c), font=bold, wrapped=sheet.table) for c in frame.columns])
        row_number += 1
        if sheet.table and n == 0:
            last = get_column_letter(len(frame.columns))
            worksheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(frame)}"
        # Excel keeps at most 65,530 links a sheet: beyond, sources stay plain text.
        links = {j for j, c in enumerate(frame.columns) if _is_link_column(frame[c])} \
            if len(frame) <= MAX_LINKS else set()
        wrapped = {j for j, c in enumerate(frame.columns)  # cells longer than their column, or of several lines
                   if len(frame) and (_longest_line(frame[c].astype(str)) + 2 > widths[j]
                                      or frame[c].astype(str).str.contains("\n", regex=False).any())}
        dated = {j for j, c in enumerate(frame.columns)  # month columns: their cells are dates, or text as written
                 if frame[c].dtype == object and any(isinstance(v, date) for v in frame[c].dropna().head(20))}
        styled = links | wrapped | dated
        lines = _lines(frame, wrapped, widths).tolist()
        for values, height in zip(frame.itertuples(index=False), lines, strict=True):
            row_number += 1
            if height > 1:
                worksheet.row_dimensions[row_number].height = min(LINE_HEIGHT * height, MAX_HEIGHT)
            # Only cells that need a style (in a row of one line), or text that would read as a formula, become
            # cell objects: they cost ten times a plain value.
            tall = height > 1
            worksheet.append([cell(_value(v), link=j in links, wrapped=j in wrapped, tall=tall)
                              if tall or j in styled or (isinstance(v, str) and v[:1] == "=") else _value(v)
                              for j, v in enumerate(values)])
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if sheet.charts and _counts(frame):
            rows = _chart_rows(len(frame))
            sheet.charted.append((title, header_row, len(frame), len(frame.columns), rows))
            for _pad in range(max(rows - len(frame) - 1, 0)):  # the next table starts below the chart
                worksheet.append([])
                row_number += 1
    for title, header_row, rows, columns, span in sheet.charted:
        anchor = f"{get_column_letter(columns + 2)}{header_row}"
        _add_chart(worksheet, title, header_row, rows, anchor, span)
    if progress:
        progress(done, total)
    return done


def _counts(frame: pd.DataFrame) -> bool:
    """A table of counts: a label and a whole number per row (the summary's counts and regions)."""
    return len(frame) > 0 and len(frame.columns) == 2 and pd.api.types.is_integer_dtype(frame.iloc[:, 1])


def _chart_rows(bars: int) -> int:
    return max(CHART_ROWS, bars + 6)


def _add_chart(worksheet, title, header_row, rows, anchor, span: int) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(worksheet, min_col=2, min_row=header_row, max_row=header_row + rows),
                   titles_from_data=True)
    chart.set_categories(Reference(worksheet, min_col=1, min_row=header_row + 1, max_row=header_row + rows))
    chart.x_axis.scaling.orientation = "maxMin"  # bars in the order of the table, top to bottom
    chart.height, chart.width = span * 0.5, 14  # centimetres: a row is about half a centimetre
    worksheet.add_chart(chart, anchor)


def _is_link_column(values: pd.Series) -> bool:
    text = values.astype(str)
    return bool(len(text)) and bool(text.str.match(r"https?://").any())


def _value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _method(source: str, checksum: str) -> pd.DataFrame:
    """The source and how to cite it, the version, the input and its checksum, the date; then what each axis
    means and each of its rules in a sentence."""
    from ..i18n import readable_datetime
    from ..knowledge import citation
    from ..text import shown
    from ..typology.describe import method_rows

    rows = [
        ("cicli", _("Source"), citation()),
        ("cicli", _("Version of cicli"), __version__),
        ("cicli", _("File read"), shown(source)),
        ("cicli", "SHA-256", checksum),
        ("cicli", _("Exported on"), readable_datetime(datetime.now().astimezone())),
        *method_rows(),
    ]
    return pd.DataFrame(rows, columns=[_("Topic"), _("Item"), _("Description")])
