"""Reading a file: CSV or XLSX → a table of raw strings, and how it was read.

Every cell is read as text. Row labels are the rows a person sees in a spreadsheet (the header row
is row 1 when nothing stands above it), so a problem can point at them. Nothing here guesses a
type. Cells are held as Arrow columns; pandas is imported only when a command asks for a DataFrame.
"""

from __future__ import annotations

import codecs
import csv
import os
from importlib import resources
from pathlib import Path

from ..errors import InputError, UsageError
from ..i18n import _
from .delimited import bom_encoding, detect_encoding, read_csv
from .table import Table
from .workbook import read_xlsx

BUNDLED = "centres.csv"
EVIDENCE = "evidence.csv"  # beside it: the report's sentences behind each centre's facts
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}

__all__ = ["Table", "bundled_evidence", "bundled_path", "read_table"]


def bundled_path(name: str = BUNDLED) -> Path:
    installed = Path(str(resources.files("cicli").joinpath("data", name)))
    if installed.is_file():
        return installed
    # An editable install maps no data folder into the package: use the checkout's data/.
    return Path(__file__).resolve().parents[3] / "data" / name


def bundled_evidence() -> list[dict]:
    """The report's sentences behind the bundled facts: id, columns (space-separated), section, quote."""
    with bundled_path(EVIDENCE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_table(path: str | os.PathLike | None = None, *, sheet: str | None = None,
               encoding: str | None = None) -> Table:
    """Read an annex table from a CSV or XLSX file; the bundled annex when `path` is None."""
    if path is None:
        table = read_csv(bundled_path(), "utf-8", None)
        table.source = _("{name} (bundled with cicli)", name=BUNDLED)
        table.bundled = True
        return table
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError("no such file.", code="file-not-found", path=name)
    if not p.is_file():
        raise InputError("this is a folder, not a file.", code="not-a-file", path=name)
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise InputError(f"cannot open the file ({e.strerror}).", code="unreadable-file", path=name) from None
    if not head:
        raise InputError("the file is empty.", code="empty-file", path=name)
    suffix = p.suffix.lower()
    kind = _kind_of(head)
    if kind == "zip":
        return read_xlsx(p, name, sheet)
    if kind == "ole":
        _refuse_ole(p, name)
    if kind in ("gzip", "bzip2"):
        raise InputError(f"this is a {kind}-compressed file; decompress it first. cicli reads CSV and XLSX files.",
                         code="unsupported-format", path=name)
    if suffix in XLSX_SUFFIXES:
        raise InputError("this is a text file, not an XLSX workbook: rename it .csv, or save it from Excel as .xlsx.",
                         code="unsupported-format", path=name)
    if suffix not in CSV_SUFFIXES:
        raise InputError(f"cicli reads CSV (.csv, .tsv, .txt) and XLSX (.xlsx) files, not {suffix or 'files without a suffix'}.",
                         code="unsupported-format", path=name)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"{encoding!r} is not an encoding Python knows; try utf-8, cp1252 or latin-1.",
                             option="encoding") from None
    if encoding is not None:
        return read_csv(p, encoding, name)
    bom = bom_encoding(p)
    if bom:
        return read_csv(p, bom, name)
    try:  # most files are UTF-8: reading checks it strictly, no need for a pass of our own first
        return read_csv(p, "utf-8", name)
    except InputError as e:
        if e.code != "encoding-error":
            raise
    return read_csv(p, detect_encoding(p, name), name)


def _kind_of(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"BZh"):
        return "bzip2"
    return "text"


def _refuse_ole(p: Path, name: str) -> None:
    with p.open("rb") as f:
        head = f.read(1 << 20)
    if "EncryptionInfo".encode("utf-16-le") in head:
        raise InputError("the workbook is protected by a password; cicli cannot read it. "
                         "Remove the password in Excel (File > Info > Protect Workbook) and save again.",
                         code="encrypted-file", path=name)
    raise InputError("this is a legacy Excel 97-2003 workbook (.xls); cicli reads .xlsx and CSV. "
                     "Open it in Excel or LibreOffice and save it as .xlsx.", code="unsupported-format", path=name)
