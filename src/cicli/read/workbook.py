"""XLSX workbooks → an annex table, read by calamine (Rust) once the archive is known to be sane."""

from __future__ import annotations

import itertools
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from .delimited import first_line
from .table import HEADER_SEARCH_ROWS, Table, cell_text, find_header, name_columns

# Limits of a sane workbook, after Apache POI's.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_RATIO = 100
ZIP_MAX_TOTAL = 2 << 30


def _check_zip(p: Path, name: str) -> None:
    """Refuse what is not a sane workbook before any XML is parsed: sizes and ratios first, from the
    archive's directory; then only the first bytes of a few parts are inflated."""
    try:
        with zipfile.ZipFile(p) as z:
            _check_parts(z, name)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise InputError("the workbook is damaged or truncated (not a readable zip archive).",
                         code="unreadable-file", path=name) from None


def _check_parts(z: zipfile.ZipFile, name: str) -> None:
    infos = z.infolist()
    names = {i.filename for i in infos}
    if len(infos) > ZIP_MAX_ENTRIES:
        raise InputError(f"the workbook holds {len(infos)} parts (more than {ZIP_MAX_ENTRIES}): refused as unsafe.",
                         code="unsafe-file", path=name)
    total = sum(i.file_size for i in infos)
    if total > ZIP_MAX_TOTAL:
        raise InputError(f"the workbook would inflate to {total >> 20} MiB: refused as a zip bomb.",
                         code="unsafe-file", path=name)
    for i in infos:
        if i.file_size > (1 << 20) and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
            raise InputError(f"part {i.filename} inflates {i.file_size // max(i.compress_size, 1)} times "
                             f"(more than {ZIP_MAX_RATIO}:1): refused as a zip bomb.", code="unsafe-file", path=name)
    if "mimetype" in names and b"opendocument" in _head(z, "mimetype", 100):
        raise InputError("this is an OpenDocument spreadsheet (.ods); cicli reads .xlsx and CSV. "
                         "Save it as .xlsx from LibreOffice.", code="unsupported-format", path=name)
    if "xl/workbook.xml" not in names:
        what = "an empty zip archive" if not infos else "a zip archive without an Excel workbook in it"
        raise InputError(f"this is {what}; cicli reads .xlsx workbooks and CSV files.",
                         code="unsupported-format", path=name)
    if b"purl.oclc.org/ooxml" in _head(z, "xl/workbook.xml"):
        raise InputError("the workbook is saved as « Strict Open XML », which cicli cannot read. "
                         "Save it again from Excel as « Classeur Excel (.xlsx) ».",
                         code="unsupported-format", path=name)
    for i in infos:
        # A DTD can only stand in the prolog, before the root element: the first bytes tell.
        if i.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in (head := _head(z, i.filename))
                                                       or b"<!ENTITY" in head):
            raise InputError(f"part {i.filename} declares a DTD or XML entities, which workbooks never need: "
                             "refused as an XML entity attack.", code="unsafe-file", path=name)


def _head(z: zipfile.ZipFile, part: str, size: int = 4096) -> bytes:
    with z.open(part) as f:
        return f.read(size)


def read_xlsx(p: Path, name: str, sheet: str | None) -> Table:
    """Read a workbook with calamine (Rust): about six times openpyxl's speed (see benchmarks/).

    The archive is checked first (_check_zip): size, parts, ratio, DTDs; calamine's XML parser does
    not expand entities anyway.
    """
    _check_zip(p, name)
    import python_calamine

    try:
        with p.open("rb") as handle:  # a file, not a path: the suffix does not decide, the content does
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise InputError("the workbook is protected by a password; cicli cannot read it.",
                         code="encrypted-file", path=name) from None
    except (python_calamine.CalamineError, OSError, ValueError) as e:
        raise InputError(f"the workbook cannot be read ({first_line(e)}).", code="unreadable-file", path=name) from None
    try:
        names = workbook.sheet_names
        if sheet is not None and sheet not in names:
            raise InputError(f"no sheet named {sheet!r}; the sheets are: {', '.join(names)}.",
                             code="sheet-not-found", path=name)
        chosen = None
        for sheet_name in [sheet] if sheet is not None else names:
            try:
                rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            except python_calamine.CalamineError as e:
                raise InputError(f"sheet {sheet_name!r} cannot be read ({first_line(e)}).",
                                 code="unreadable-file", path=name) from None
            head = [[cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]
            index, score = find_header(head)
            if score[0] or sheet is not None:
                chosen = (sheet_name, rows, index)
                break
            if chosen is None and any(any(c.strip() for c in r) for r in head):
                chosen = (sheet_name, rows, index)
    finally:
        workbook.close()
    if chosen is None:
        raise InputError("the workbook's sheets are all empty.", code="empty-file", path=name)
    sheet_name, rows, index = chosen
    if not rows:
        raise InputError(f"sheet {sheet_name!r} is empty.", code="empty-file", path=name)
    body = rows[index:]
    columns = [list(column) for column in itertools.zip_longest(*body, fillvalue="")]
    table = name_columns(columns, header_row=index + 1, source=name, problems=[])
    table.format, table.sheet = "xlsx", sheet_name
    return table


