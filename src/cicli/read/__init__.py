"""Reading a file: CSV or XLSX → a table of raw strings, and how it was read.

Every cell is read as text. Row labels are the rows a person sees in a spreadsheet (the header row
is row 1 when nothing stands above it), so a problem can point at them. Nothing here guesses a
type. Cells are held as Arrow columns; pandas is imported only when a command asks for a DataFrame.
"""

from __future__ import annotations

import codecs
import csv
import errno
import os
import stat
from importlib import resources
from pathlib import Path

from .. import schema
from ..errors import InputError, UsageError
from ..i18n import _
from ..text import fold, quoted, shown
from .delimited import bom_encoding, detect_encoding, read_csv
from .table import Table
from .workbook import read_xlsx

BUNDLED = "centres.csv"
EVIDENCE = "evidence.csv"  # beside it: the report's sentences behind each centre's facts
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_NOT_TEXT = {"rot-13", "rot13", "base64", "hex", "quopri", "uu", "zlib", "bz2", "idna", "punycode", "undefined",
             "unicode-escape", "raw-unicode-escape", "unicode_escape", "raw_unicode_escape"}
MAX_CSV_BYTES = 1 << 30  # a gigabyte of text: ten times the largest inventory this machine reads in seconds

__all__ = ["Table", "bundled_evidence", "bundled_path", "column_mapping", "read_table"]


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
               encoding: str | None = None, columns: dict[str, str] | None = None) -> Table:
    """Read an annex table from a CSV or XLSX file; the bundled annex when `path` is None. `columns`: the user's
    own naming of headers, header as written → column of cicli (see `column_mapping`)."""
    naming = _naming(columns)
    if path is None:
        table = read_csv(bundled_path(), "utf-8", None)
        table.source = _("{name} (bundled with cicli)", name=BUNDLED)
        table.bundled = True
        return table
    p = Path(path)
    name = str(path)
    head = _open(p, name)
    suffix = p.suffix.lower()
    kind = _kind_of(head)
    if kind == "zip":
        return read_xlsx(p, name, sheet, naming)
    if kind == "ole":
        _refuse_ole(p, name)
    if kind in ("gzip", "bzip2"):
        raise InputError(_("this is a {kind}-compressed file; decompress it first. cicli reads CSV and XLSX files.",
                           kind=kind), code="unsupported-format", path=name)
    if suffix in XLSX_SUFFIXES:
        raise InputError(_("this is a text file, not an XLSX workbook: rename it .csv, or save it from Excel as "
                           ".xlsx."), code="unsupported-format", path=name)
    if suffix not in CSV_SUFFIXES:
        raise InputError(_("cicli reads CSV (.csv, .tsv, .txt) and XLSX (.xlsx) files, not {what}.",
                           what=shown(suffix, 20) if suffix else _("files without a suffix")),
                         code="unsupported-format", path=name)
    size = p.stat().st_size
    if size > MAX_CSV_BYTES:
        raise InputError(_("the file weighs {size} MiB, more than cicli reads ({limit} MiB): split it into smaller "
                           "files.", size=size >> 20, limit=MAX_CSV_BYTES >> 20), code="too-large", path=name)
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise UsageError(_("{encoding} is not an encoding Python knows; try utf-8, cp1252 or latin-1.",
                               encoding=quoted(encoding)), option="encoding") from None
        # base64, rot13, zlib… are codecs too, but of bytes or of text into text: not how a file's text is written.
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_TEXT:
            raise UsageError(_("{encoding} is not a text encoding; try utf-8, cp1252 or latin-1.",
                               encoding=quoted(encoding)), option="encoding")
        return read_csv(p, encoding, name, naming)
    bom = bom_encoding(p) or _wide_encoding(p)
    if bom:
        return read_csv(p, bom, name, naming)
    try:  # most files are UTF-8: reading checks it strictly, no need for a pass of our own first
        return read_csv(p, "utf-8", name, naming)
    except InputError as e:
        if e.code != "encoding-error":
            raise
    return read_csv(p, detect_encoding(p, name), name, naming)


def column_mapping(pairs: list[str]) -> dict[str, str]:
    """`--column "Nom du projet=Nom"` as a mapping: each header (as the file writes it, case and accents aside) to
    the column of cicli named on the right (its code, French or English header). A right side that names no
    column is a usage error that lists them."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        header, sep, target = pair.partition("=")
        column = schema.column_for_header(target.strip()) if sep else None
        if not sep or not header.strip() or column is None:
            choices = ", ".join(f"{c.name} ({c.fr})" for c in schema.COLUMNS)
            raise UsageError(_("{pair} does not say HEADER=COLUMN with a column of cicli; the columns are: {choices}.",
                               pair=quoted(pair), choices=choices), option="column")
        mapping[fold(header)] = column
    return mapping


def _naming(mapping: dict[str, str] | None):
    if not mapping:
        return schema.column_for_header

    def naming(header: str) -> str | None:
        return mapping.get(fold(header)) or schema.column_for_header(header)

    return naming


def _open(p: Path, name: str) -> bytes:
    """The first bytes of a regular file; a clear refusal for anything else (a folder, a device, a pipe, a link
    that goes round, standard input)."""
    if name == "-":
        raise InputError(_("cicli reads a file, not standard input: save the table to a file and name it."),
                         code="not-a-file", path=name)
    try:
        mode = p.stat().st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InputError(_("this link leads back to itself (a loop of links)."), code="not-a-file",
                             path=name) from None
        if os.path.islink(p):
            raise InputError(_("this link points to a file that does not exist."), code="file-not-found",
                             path=name) from None
        if e.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError(_("no such file."), code="file-not-found", path=name) from None
        raise InputError(_("cannot open the file ({reason}).", reason=e.strerror), code="unreadable-file",
                         path=name) from None
    if stat.S_ISDIR(mode):
        raise InputError(_("this is a folder, not a file."), code="not-a-file", path=name)
    if not stat.S_ISREG(mode):
        raise InputError(_("this is not a saved file but a device or a pipe; cicli reads CSV or XLSX files."),
                         code="not-a-file", path=name)
    try:
        with p.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        raise InputError(_("cannot open the file ({reason}).", reason=e.strerror), code="unreadable-file",
                         path=name) from None
    if not head:
        raise InputError(_("the file is empty."), code="empty-file", path=name)
    return head


def _wide_encoding(p: Path) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, known by where the zero bytes of its ASCII letters fall."""
    with p.open("rb") as f:
        sample = f.read(4096)
    sample = sample[: len(sample) // 4 * 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    zeros = [sum(1 for i in range(k, len(sample), 4) if sample[i] == 0) for k in range(4)]
    quarter = len(sample) // 4
    if zeros[1] == zeros[2] == zeros[3] == quarter and zeros[0] < quarter:
        return "utf-32-le"
    if zeros[0] == zeros[1] == zeros[2] == quarter and zeros[3] < quarter:
        return "utf-32-be"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    if odd > 0.8 * len(sample) / 2 and even < odd / 4:
        return "utf-16-le"
    if even > 0.8 * len(sample) / 2 and odd < even / 4:
        return "utf-16-be"
    return None


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
    """A legacy Excel file: encrypted (OOXML in an OLE box, or an .xls whose first record after BOF is FILEPASS)
    or not, a refusal either way, with how to go on."""
    with p.open("rb") as f:
        head = f.read(1 << 20)
    encrypted = "EncryptionInfo".encode("utf-16-le") in head
    bof = head.find(b"\x09\x08\x10\x00\x00\x06\x05\x00")  # BIFF8 BOF of the workbook globals
    if bof >= 0 and head[bof + 20: bof + 22] == b"\x2f\x00":  # FILEPASS comes right after BOF
        encrypted = True
    if encrypted:
        raise InputError(_("the workbook is protected by a password; cicli cannot read it. Remove the password in "
                           "Excel (File > Info > Protect Workbook) and save it as .xlsx."), code="encrypted-file",
                         path=name)
    raise InputError(_("this is a legacy Excel 97-2003 workbook (.xls); cicli reads .xlsx and CSV. Open it in Excel "
                       "or LibreOffice and save it as .xlsx."), code="unsupported-format", path=name)
