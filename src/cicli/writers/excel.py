"""Workbooks for people who live in Excel and print for their board: the mechanics every workbook cicli writes
shares (the export's, the template's, the changes of `cicli diff`).

Tables have a bold, frozen header row (repeated on every printed page), an autofilter and column widths
that fit; long or multi-line text wraps and its rows are tall enough to show every line; sources are
links; strings are written as text, never as formulas; numbers are numbers and months are dates. Every
sheet prints landscape at a scale that keeps text at 8 points or more (columns that do not fit go to the
next page, the frozen ones repeated), with a title and the date in its header and footer; the summary's
charts stand beside their tables and a page break never cuts one. XlsxWriter's constant-memory mode streams
rows, so large annexes export in bounded memory.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from .. import __version__, labels
from ..i18n import _, current, readable_date
from ..wording import Hedged, qualifier_words
from .safety import atomic_write
from .scratch import temporary_folder

MAX_WIDTH = 60
PRINTED_WIDTH = 28  # the annex's columns: twelve of them fit a landscape page at a size one can read
SUMMARY_WIDTH = 40  # the summary's columns stay narrow enough for its charts to be in view
MAX_ROWS = 1_048_575  # rows of data a sheet holds under its header
MAX_CELL = 32_767  # characters a cell holds
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one worksheet
MAX_LINK_LENGTH = 2079  # Excel's longest link; a longer address stays text
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
    comments: dict[tuple[int, int], str] = field(default_factory=dict)  # (data row, column) → a note on the cell
    heading: str = ""  # the document's title, printed in every page's header


def write_workbook(target: Path, sheets: list[Sheet], *, force: bool, progress=None, title: str = "") -> None:
    """Write the sheets to `target`, atomically, with XlsxWriter: it writes a styled workbook twice as fast
    as openpyxl (measured on 100,000 rows: benchmarks/xlsx_writers.py), and its rows carry a format that
    their cells take, so that a row of several lines is aligned to the top without a style on every cell.
    In constant-memory mode it streams rows through temporary files: they live in a directory of their own,
    removed whether the export ends, fails or is interrupted."""
    import xlsxwriter

    total = sum(len(frame) for sheet in sheets for _heading, frame in sheet.sections)
    stamp = readable_date(*_today())

    def write(stream) -> None:
        with temporary_folder() as scratch:
            workbook = xlsxwriter.Workbook(stream, {"constant_memory": True, "tmpdir": scratch,
                                                    "strings_to_numbers": False, "strings_to_formulas": False,
                                                    "strings_to_urls": False})
            try:
                _write_sheets(workbook, sheets, stamp, total, progress, title)
            except BaseException:
                _abandon(workbook)  # an interrupt or a failure: no package to finish, the files to let go
                raise
            workbook.close()

    atomic_write(target, write, force)


def _write_sheets(workbook, sheets: list[Sheet], stamp: str, total: int, progress, title: str) -> None:
    workbook.set_properties({"title": title or labels.label("field", "annex_title"), "author": f"cicli {__version__}"})
    formats = _Formats(workbook)
    done = 0
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.title)
        widths = fit_to_print(_widths(sheet), sheet.printed_columns)
        _print_setup(worksheet, sheet, stamp, widths)
        done = _write_sheet(workbook, worksheet, sheet, formats, widths, done=done, total=total, progress=progress)


def _abandon(workbook) -> None:
    """Close the row files a constant-memory worksheet holds open (Windows removes no open file)."""
    for worksheet in workbook.worksheets():
        handle = getattr(worksheet, "row_data_fh", None)
        if handle is not None and not handle.closed:
            handle.close()


class _Formats:
    """The few cell formats of the workbook, made once."""

    def __init__(self, workbook):
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = workbook.add_format({"bold": True})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})  # a column's long text; a tall row
        self.link = workbook.add_format({"font_color": "blue", "underline": 1, "text_wrap": True, "valign": "top"})
        self.month = workbook.add_format({"num_format": "yyyy-mm", "valign": "top"})
        self._workbook, self._hedged = workbook, {}

    def hedged(self, qualifier: str):
        """A number shown with the report's hedge before it, « plus de 35 000 000 »: still a number that sums."""
        if qualifier not in self._hedged:
            words = qualifier_words(qualifier, current()).replace('"', "")
            self._hedged[qualifier] = self._workbook.add_format({"num_format": f'"{words} "#,##0', "valign": "top"})
        return self._hedged[qualifier]


def _today() -> tuple[int, int, int]:
    today = datetime.now().astimezone()
    return today.year, today.month, today.day


PAGE_WIDTH = 979  # pixels of a landscape Letter page inside its margins (10.2 in at 96 per inch)
PAGE_ROWS = 33  # rows of 15 points a landscape Letter page holds at full scale (7.3 in inside its margins)
MIN_SCALE = 75  # per cent: Calibri 11 prints at 8.25 points


NARROWEST = 10  # characters: a column printed narrower would break its words


def fit_to_print(widths: list[float], printed: int | None) -> list[float]:
    """The widths of a sheet's columns, the printed ones narrowed (the widest first, down to NARROWEST) until they
    fit a landscape page at MIN_SCALE: wider text wraps into taller rows rather than printing smaller."""
    count = printed or len(widths)
    room = PAGE_WIDTH * 100 / MIN_SCALE * 0.92  # to spare: spreadsheets round widths and margins differently
    fitted = list(widths)
    for _step in range(200):
        pixels = _pixels(fitted[:count])
        wide = [j for j in range(count) if fitted[j] > NARROWEST]
        if pixels <= room or not wide:
            break
        widest = max(fitted[j] for j in wide)
        for j in wide:
            if fitted[j] >= widest - 0.5:
                fitted[j] = max(NARROWEST, fitted[j] - max(1.0, (pixels - room) / 7 / len(wide)))
    return fitted


def _pixels(widths: list[float]) -> float:
    """The printed width of columns of these widths (characters): Excel writes w + 0.71, 7 pixels a character of
    Calibri 11 and 5 of margin."""
    return sum((w + 0.71) * 7 + 5 for w in widths)


def print_scale(widths: list[float]) -> int:
    """The scale a sheet prints at: as wide as the page when its columns fit at MIN_SCALE or more, else
    MIN_SCALE (the columns that do not fit print on the next page across): never under 8 points."""
    pixels = _pixels(widths)
    return max(MIN_SCALE, min(100, int(PAGE_WIDTH * 100 / max(pixels, 1))))


def _print_setup(worksheet, sheet: Sheet, stamp: str, widths: list[float]) -> None:
    """Landscape, at a readable scale, the header row (and frozen columns) on every page, a title and the date on
    every page."""
    worksheet.set_landscape()
    worksheet.set_paper(1)  # Letter, as offices in Quebec print
    worksheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)  # inches: a wider table, a larger print
    printed = widths[: sheet.printed_columns] if sheet.printed_columns else widths
    if _pixels(printed) * MIN_SCALE / 100 <= PAGE_WIDTH:
        worksheet.fit_to_pages(1, 0)  # as wide as the page (at MIN_SCALE or more), as many pages down as needed
    else:
        worksheet.set_print_scale(MIN_SCALE)  # too many columns even narrowed: the rest print on the next page
    if sheet.table:
        worksheet.hide_gridlines(0)  # printed, as a table's
        worksheet.repeat_rows(0)
        if sheet.frozen_columns:
            worksheet.repeat_columns(0, sheet.frozen_columns - 1)
    if sheet.printed_columns:
        rows = sum(len(frame) for _heading, frame in sheet.sections)
        worksheet.print_area(0, 0, rows, sheet.printed_columns - 1)
    title = f"{sheet.heading or labels.label('field', 'annex_title')} — {sheet.title}"
    worksheet.set_header("&C" + title.replace("&", "&&"), {"margin": 0.3})
    worksheet.set_footer("&L" + _("cicli, {date}", date=stamp).replace("&", "&&") + "&R" + _("Page &P of &N"),
                         {"margin": 0.3})


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
        # A column's width counts digits; letters are narrower, but a cell of one long word (a checksum, an
        # address) is broken where the column ends, a digit's width at a time.
        per_line = max((widths[j] - 2) * 1.15, 1)
        per_cell = pd.Series(per_line, index=text.index).where(text.str.contains(" ", regex=False),
                                                                max(widths[j] - 2, 1))
        estimate = (text.str.len() // per_cell + 1).astype("int64").where(~text.str.contains("\n", regex=False), 0)
        broken = estimate == 0
        if broken.any():
            estimate[broken] = text[broken].str.split("\n").map(
                lambda parts, w=per_line: sum(max(1, math.ceil(len(p) / w)) for p in parts))
        lines = lines.where(lines >= estimate, estimate)
    return lines


def _write_sheet(workbook, worksheet, sheet: Sheet, formats: _Formats, widths: list[float], *, done: int,
                 total: int, progress) -> int:
    """Sections one under the other; a table's header is frozen and filtered; charts beside tables of counts; a
    section that would straddle a printed page starts the next one."""
    for j, w in enumerate(widths):
        worksheet.set_column(j, j, w)
    if sheet.table:
        worksheet.freeze_panes(1, sheet.frozen_columns)

    row = 0  # the next row to write
    charts, breaks, page = [], [], PAGE_ROWS * 100 // print_scale(widths)
    for n, (title, frame) in enumerate(sheet.sections):
        if not sheet.table and row and row // page != (row + _height(sheet, frame)) // page:
            breaks.append(row)
        if title:
            row += 1 if n else 0  # a blank row between sections
            worksheet.write_string(row, 0, title, formats.title)
            row += 1
        header_row = row
        if sheet.table:
            worksheet.set_row(row, LINE_HEIGHT * max(math.ceil(len(str(c)) / max(widths[j] - 2, 1))
                                                     for j, c in enumerate(frame.columns)))
        for j, column in enumerate(frame.columns):
            worksheet.write_string(row, j, str(column), formats.header)
        row += 1
        if sheet.table and n == 0:
            worksheet.autofilter(header_row, 0, header_row + len(frame), len(frame.columns) - 1)
        # Excel keeps at most 65,530 links a sheet: beyond, sources stay plain text.
        links = {j for j, c in enumerate(frame.columns) if _is_link_column(frame[c])} \
            if len(frame) <= MAX_LINKS else set()
        wrapped = {j for j, c in enumerate(frame.columns)  # cells longer than their column, or of several lines
                   if len(frame) and (_longest_line(frame[c].astype(str)) + 2 > widths[j]
                                      or frame[c].astype(str).str.contains("\n", regex=False).any())}
        lines = _lines(frame, wrapped, widths).tolist()
        for values, height in zip(_python_rows(frame), lines, strict=True):
            tall = height > 1
            # A tall row carries the top-aligned, wrapping format its cells take; in a row of one line, only
            # the cells of wrapped columns need it.
            if tall:
                worksheet.set_row(row, min(LINE_HEIGHT * height, MAX_HEIGHT), formats.wrap)
            for j, value in enumerate(values):
                _write_cell(worksheet, row, j, _value(value), formats,
                            link=j in links, wrapped=j in wrapped and not tall)
                if n == 0 and (row - header_row - 1, j) in sheet.comments:
                    worksheet.write_comment(row, j, sheet.comments[row - header_row - 1, j],
                                            {"x_scale": 2, "y_scale": 2})
            row += 1
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if sheet.charts and _counts(frame):
            span = _chart_rows(len(frame))
            charts.append((title, header_row, len(frame), len(frame.columns), span))
            row += max(span - len(frame) - 1, 0)  # the next table starts below the chart
    for title, header_row, rows, columns, span in charts:
        _add_chart(workbook, worksheet, sheet.title, title, header_row, rows, (header_row, columns + 1), span)
    if breaks:
        worksheet.set_h_pagebreaks(breaks)
    if progress:
        progress(done, total)
    return done


def _python_rows(frame: pd.DataFrame, block: int = 10_000):
    """The frame's rows as tuples of Python values, converted a block of whole columns at a time: iterating an
    Arrow-backed frame row by row costs more, and a whole sheet at once would hold every cell twice."""
    if not len(frame.columns):
        yield from (() for _row in range(len(frame)))
        return
    for start in range(0, len(frame), block):
        part = frame.iloc[start:start + block]
        yield from zip(*(part.iloc[:, j].tolist() for j in range(len(frame.columns))), strict=True)


def _write_cell(worksheet, row: int, column: int, value, formats: _Formats, *, link: bool, wrapped: bool) -> None:
    """One cell: text as text (never a formula), numbers as numbers, months as dates, addresses as links."""
    style = formats.wrap if wrapped else None
    if value is None:
        return
    if isinstance(value, str):
        if link and value.startswith(("http://", "https://")) and len(value) <= MAX_LINK_LENGTH:
            with warnings.catch_warnings():  # a link Excel would refuse is said by the return code
                warnings.simplefilter("ignore")
                if worksheet.write_url(row, column, value, formats.link, value) >= 0:
                    return  # else plain text below
        worksheet.write_string(row, column, value, style)
    elif isinstance(value, bool):
        worksheet.write_boolean(row, column, value, style)
    elif isinstance(value, Hedged):
        worksheet.write_number(row, column, value, formats.hedged(value.qualifier))
    elif isinstance(value, (int, float)):
        worksheet.write_number(row, column, value, style)
    elif isinstance(value, date):
        worksheet.write_datetime(row, column, datetime(value.year, value.month, value.day), formats.month)
    else:
        worksheet.write_string(row, column, str(value), style)


def _height(sheet: Sheet, frame: pd.DataFrame) -> int:
    """The rows a section of a sheet of sections takes: its title, header and rows, or its chart if taller."""
    rows = len(frame) + 3
    return max(rows, _chart_rows(len(frame)) + 2) if sheet.charts and _counts(frame) else rows


def _counts(frame: pd.DataFrame) -> bool:
    """A table of counts: a label and a whole number per row (the summary's counts and regions)."""
    return len(frame) > 0 and len(frame.columns) == 2 and pd.api.types.is_integer_dtype(frame.iloc[:, 1])


def _chart_rows(bars: int) -> int:
    return max(CHART_ROWS, bars + 6)


def _add_chart(workbook, worksheet, sheet: str, title, header_row: int, rows: int, at: tuple[int, int],
               span: int) -> None:
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({"name": title, "categories": [sheet, header_row + 1, 0, header_row + rows, 0],
                      "values": [sheet, header_row + 1, 1, header_row + rows, 1]})
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # bars in the order of the table, top to bottom
    chart.set_size({"width": 530, "height": span * 20})  # pixels: a row is 20
    worksheet.insert_chart(*at, chart)


def _is_link_column(values: pd.Series) -> bool:
    text = values.astype(str)
    return bool(len(text)) and bool(text.str.match(r"https?://").any())


def _value(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
