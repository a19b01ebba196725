"""The XLSX export: one workbook, styled for people who live in Excel.

Every sheet has a bold, frozen header row, an autofilter and column widths that fit;
long text wraps; sources are links; strings are written as text, never as formulas.
openpyxl's write-only mode streams rows, so large annexes export in bounded memory.
"""

from __future__ import annotations

import os
from copy import copy
from datetime import datetime
from pathlib import Path

import pandas as pd

from .. import __version__, labels
from .safety import atomic_write, input_checksum, strip_illegal
from .tables import annex_table, typology_table

MAX_WIDTH = 60
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one worksheet
PROGRESS_EVERY = 5000


def write(job) -> None:
    """Write the workbook to the job's target (atomically); notes how many illegal characters the data held."""
    from .. import reports

    side = reports.compare(job.compare, lang=job.lang, centres=job.centres) if job.compare else None
    removed = write_workbook(job.target, force=job.force, raw=job.centres.table.frame,
                             headers=job.centres.table.headers,
                             table=job.table, summary=reports.summarize(job.table, job.lang), side=side, lang=job.lang,
                             source=job.source or job.centres.table.source,
                             checksum=input_checksum(job.source), progress=job.progress)
    job.note_removed(removed)


def write_workbook(target: Path, *, force: bool, raw: pd.DataFrame, headers: dict, table: pd.DataFrame,
                   summary, side, lang: str, source: str, checksum: str, progress) -> int:
    """Write the workbook to `target` (atomically); returns how many illegal characters the data held."""
    from openpyxl import Workbook

    sheets: list[tuple[str, list[tuple[str | None, pd.DataFrame]]]] = []
    annex, removed_annex = strip_illegal(annex_table(raw, headers, table, lang))
    typology, _removed = strip_illegal(typology_table(table, lang))  # repeats the annex's names: counted once
    sheets.append((_name("sheet_annex", lang), [(None, annex)]))
    sheets.append((_name("sheet_typology", lang), [(None, typology)]))
    sheets.append((_name("sheet_summary", lang), [(s.title, strip_illegal(s.frame)[0]) for s in summary.sections()]))
    sheets.append((_name("sheet_method", lang), [(None, strip_illegal(_method(lang, source, checksum))[0])]))
    if side is not None:
        sheets.append((_name("sheet_compare", lang), [(None, strip_illegal(side.labelled())[0])]))
    total = sum(len(frame) for _title, sections in sheets for _heading, frame in sections)

    def write(stream) -> None:
        workbook = Workbook(write_only=True)
        done = 0
        try:
            for title, sections in sheets:
                worksheet = workbook.create_sheet(title)
                done = _write_sheet(worksheet, sections, chart=title == _name("sheet_summary", lang),
                                    done=done, total=total, progress=progress)
            workbook.save(stream)
        except BaseException:
            _close_rows(workbook)
            raise
        finally:
            _remove_temporary_files()

    atomic_write(target, write, force)
    return removed_annex


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


def _name(code: str, lang: str) -> str:
    return labels.label("field", code, lang)


def _write_sheet(worksheet, sections, *, chart: bool, done: int, total: int, progress) -> int:
    """Sections one under the other; the first one's header is the sheet's frozen, filtered header."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    width = max(len(frame.columns) for _heading, frame in sections)
    widths = [8.0] * width
    for _heading, frame in sections:
        for j, column in enumerate(frame.columns):
            longest = frame[column].astype(str).str.len().max() if len(frame) else 0
            widths[j] = max(widths[j], min(float(max(len(str(column)), longest or 0)) + 2, MAX_WIDTH))
    for j, w in enumerate(widths, 1):
        worksheet.column_dimensions[get_column_letter(j)].width = w
    # Write-only mode writes the sheet's view with its first row: freeze before any row.
    worksheet.freeze_panes = "A3" if sections[0][0] else "A2"

    styles = {}

    def style(font, link: bool, wrapped: bool):
        """The cell style of this combination, built once: setting a style on each cell hashes it each time."""
        key = (font, link, wrapped)
        if key not in styles:
            model = WriteOnlyCell(worksheet)
            if font:
                model.font = font
            if wrapped:
                model.alignment = wrap
            if link:
                model.style = "Hyperlink"  # after the others: a named style replaces them
            styles[key] = model._style
        return styles[key]

    def cell(value, *, font=None, link=False, wrapped=False):
        c = WriteOnlyCell(worksheet, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # a string is text, even when it starts with "="
        link = link and isinstance(value, str) and value.startswith(("http://", "https://"))
        if font or link or wrapped:
            c._style = copy(style(font, link, wrapped))
        if link:
            c.hyperlink = value
        return c

    row_number = 0
    charts = []
    for n, (title, frame) in enumerate(sections):
        if title:
            if n:
                worksheet.append([])
                row_number += 1
            worksheet.append([cell(title, font=bold)])
            row_number += 1
        header_row = row_number + 1
        worksheet.append([cell(str(c), font=bold) for c in frame.columns])
        row_number += 1
        if n == 0:
            last = get_column_letter(len(frame.columns))
            worksheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(frame)}"
        # Excel keeps at most 65,530 links a sheet: beyond, sources stay plain text.
        links = {j for j, c in enumerate(frame.columns) if _is_link_column(frame[c])} \
            if len(frame) <= MAX_LINKS else set()
        long_text = {j for j, c in enumerate(frame.columns) if widths[j] >= MAX_WIDTH}
        styled = links | long_text
        for values in frame.itertuples(index=False):
            # Only cells that need a style, or text that would read as a formula, become cell objects:
            # they cost ten times a plain value.
            worksheet.append([cell(_value(v), link=j in links, wrapped=j in long_text)
                              if j in styled or (isinstance(v, str) and v[:1] == "=") else _value(v)
                              for j, v in enumerate(values)])
            row_number += 1
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
        if chart and len(frame) and len(frame.columns) >= 2 and pd.api.types.is_integer_dtype(frame.iloc[:, 1]) \
                and len(charts) < 4:
            charts.append((title, header_row, len(frame)))
    for k, (title, header_row, rows) in enumerate(charts):
        _add_chart(worksheet, title, header_row, rows, anchor=f"{get_column_letter(width + 2)}{1 + 16 * k}")
    if progress:
        progress(done, total)
    return done


def _add_chart(worksheet, title, header_row, rows, anchor) -> None:
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(worksheet, min_col=2, min_row=header_row, max_row=header_row + rows),
                   titles_from_data=True)
    chart.set_categories(Reference(worksheet, min_col=1, min_row=header_row + 1, max_row=header_row + rows))
    chart.height, chart.width = 7, 14
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


def _method(lang: str, source: str, checksum: str) -> pd.DataFrame:
    """The source and how to cite it, the version, the input and its checksum, the date; then what each axis
    means and each of its rules in a sentence."""
    from ..i18n import _, readable_datetime
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
