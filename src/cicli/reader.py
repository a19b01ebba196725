"""CSV and XLSX files → a table of raw strings, and what was used to read it.

Every cell is read as text. Row labels are the rows a person sees in a
spreadsheet (the header row is row 1 when nothing stands above it), so a
problem can point at them. Nothing here guesses a type. Cells are held as Arrow
columns; pandas is imported only when a command asks for the table as a DataFrame.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from . import schema
from .errors import InputError, UsageError
from .problems import Problem

if TYPE_CHECKING:
    import pandas as pd

BUNDLED = "centres.csv"
EVIDENCE = "evidence.csv"  # beside it: the report's sentences behind each centre's facts
CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
DELIMITERS = (",", ";", "\t", "|")
HEADER_SEARCH_ROWS = 30  # a header further down than this is not a header
MAX_HEADER = 60  # characters; a longer cell is not a header
SAMPLE_BYTES = 1 << 16
THREADED_READ_BYTES = 4 << 20  # below this, starting Arrow's thread pool costs more than it saves
READ_BLOCK_BYTES = 4 << 20  # Arrow parses blocks of this size; each becomes a chunk of every column,
# and work per chunk (a few numpy calls) adds up over 1 MB blocks, Arrow's default

# Limits of a sane workbook, after Apache POI's.
ZIP_MAX_ENTRIES = 1000
ZIP_MAX_RATIO = 100
ZIP_MAX_TOTAL = 2 << 30

_FRENCH = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’‘“”«»–—…°€©® \u00a0\u202f")
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)
_PANDAS_WIDTH = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PANDAS_OPEN_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")


@dataclass
class Table:
    """An annex table as read: raw string cells, and how they were read."""

    cells: pa.Table  # stripped text, never null; columns: schema names or the file's own headers
    rows: np.ndarray  # the spreadsheet row number of each row of `cells`
    source: str  # the path as given, or "centres.csv (bundled)"
    format: str  # "csv" or "xlsx"
    headers: dict[str, str]  # column → header as written in the file
    header_row: int
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a DataFrame of strings, indexed by spreadsheet row numbers."""
        import pandas as pd

        if not self.cells.num_columns:
            return pd.DataFrame(index=self.rows)
        frame = self.cells.to_pandas().astype("str")
        frame.index = self.rows
        return frame


def bundled_path(name: str = BUNDLED) -> Path:
    installed = Path(str(resources.files("cicli").joinpath("data", name)))
    if installed.is_file():
        return installed
    # An editable install maps no data folder into the package: use the checkout's data/.
    return Path(__file__).resolve().parents[2] / "data" / name


def bundled_evidence() -> list[dict]:
    """The report's sentences behind the bundled facts: id, columns (space-separated), section, quote."""
    with bundled_path(EVIDENCE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_table(path: str | os.PathLike | None = None, *, sheet: str | None = None,
               encoding: str | None = None) -> Table:
    """Read an annex table from a CSV or XLSX file; the bundled annex when `path` is None."""
    if path is None:
        table = _read_csv(bundled_path(), "utf-8", None)
        table.source = f"{BUNDLED} (bundled)"
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
        return _read_xlsx(p, name, sheet)
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
            raise UsageError(f"--encoding {encoding!r} is not an encoding Python knows; try utf-8, cp1252 "
                             "or latin-1.") from None
    if encoding is not None:
        return _read_csv(p, encoding, name)
    bom = _bom_encoding(p)
    if bom:
        return _read_csv(p, bom, name)
    try:  # most files are UTF-8: reading checks it strictly, no need for a pass of our own first
        return _read_csv(p, "utf-8", name)
    except InputError as e:
        if e.code != "encoding-error":
            raise
    return _read_csv(p, _detect_encoding(p, name), name)


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


# --- CSV -------------------------------------------------------------------------------------

def _bom_encoding(p: Path) -> str | None:
    """The encoding a byte order mark declares, if the file starts with one."""
    with p.open("rb") as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def _detect_encoding(p: Path, name: str) -> str:
    """For a file that is not UTF-8: cp1252 only when the text then looks French; else an error
    naming the line and the byte. The file is read in chunks: memory stays bounded whatever its size.
    """
    with p.open("rb") as f:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = lines = 0
        try:
            for chunk in iter(lambda: f.read(1 << 22), b""):
                decoder.decode(chunk)
                offset += len(chunk)
                lines += chunk.count(b"\n")
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError as e:
            bad_at, bad_byte = offset + e.start, chunk[e.start] if e.start < len(chunk) else 0
            line = lines + chunk.count(b"\n", 0, e.start) + 1
        if _looks_like_french_cp1252(f):
            return "cp1252"
    raise InputError(f"line {line}: byte {bad_byte:#04x} at offset {bad_at} is not UTF-8, and the file does not "
                     "read as French text in cp1252 either. Save it as « CSV UTF-8 », or pass --encoding.",
                     code="encoding-error", path=name)


_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _looks_like_french_cp1252(f) -> bool:
    """No byte cp1252 leaves undefined, and the first megabytes' accented letters are French ones."""
    f.seek(0)
    sample = f.read(1 << 22)
    f.seek(0)
    for chunk in iter(lambda: f.read(1 << 22), b""):
        if any(b in chunk for b in _CP1252_UNDEFINED):
            return False
    foreign = [ch for ch in sample.decode("cp1252") if ord(ch) > 127]
    return bool(foreign) and sum(ch in _FRENCH for ch in foreign) >= 0.9 * len(foreign)


def _sample_records(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """The first records of `text` split on `delimiter`, and the line each one ends on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, ends = [], []
    try:
        for record in reader:
            records.append(record)
            ends.append(reader.line_num)
            if len(records) >= HEADER_SEARCH_ROWS:
                break
    except csv.Error:
        pass
    return records, ends


def _header_score(record: list[str]) -> tuple[int, int]:
    # A header is short: long cells are data, and folding them would be wasted work.
    known = [schema.column_for_header(cell) for cell in record if cell.strip() and len(cell) <= MAX_HEADER]
    return ("name" in known, sum(k is not None for k in known))


def _find_header(records: list[list[str]]) -> tuple[int, tuple[int, int]]:
    """Index of the header record: the first that names the most known columns."""
    best, best_score = None, (0, 0)
    for i, record in enumerate(records):
        score = _header_score(record)
        if score > best_score:
            best, best_score = i, score
    if best is None:  # nothing known: the first non-blank record
        best = next((i for i, r in enumerate(records) if any(c.strip() for c in r)), 0)
    return best, best_score


def _sniff(sample: str, forced: str | None) -> tuple[str, int, int, int]:
    """Delimiter, index of the header record, the lines before it, and its width."""
    candidates = (forced,) if forced else DELIMITERS
    best = None
    for delimiter in candidates:
        records, ends = _sample_records(sample, delimiter)
        if not records:
            continue
        index, score = _find_header(records)
        width = len(records[index])
        rank = (score, width > 1, -candidates.index(delimiter))
        if best is None or rank > best[0]:
            best = (rank, delimiter, index, ends[index - 1] if index else 0, width)
    if best is None:
        return candidates[0], 0, 0, 1
    return best[1:]


def _read_csv(p: Path, encoding: str, name: str | None) -> Table:
    name = name or str(p)
    with p.open("r", encoding=encoding, newline="", errors="replace") as f:
        sample = f.read(SAMPLE_BYTES)
    if not sample.strip():
        raise InputError("the file holds no table (only blank lines).", code="empty-file", path=name)
    lines_before = 0
    forced = None
    first_line = sample.splitlines()[0] if sample else ""
    if m := _SEP_LINE.match(first_line):
        forced = m.group(1)
        lines_before = 1
        sample = sample[len(first_line):].lstrip("\r\n")
    delimiter, header_index, header_lines, header_width = _sniff(sample, forced)
    skip = lines_before + header_lines
    columns = _arrow_csv(p, encoding, delimiter, skip, header_width)
    problems: list[Problem] = []
    if columns is None:  # ragged rows, or a dialect Arrow does not take: the careful path says where
        frame, problems = _pandas_csv(p, encoding, delimiter, skip, name, header_row=header_index + 1)
        columns = [frame[c] for c in frame.columns]
    table = _frame_to_table(columns, header_row=header_index + 1, source=name, problems=problems,
                            header_width=header_width)
    table.format, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


def _arrow_csv(p: Path, encoding: str, delimiter: str, skip: int, width: int) -> list | None:
    """The fast path: Arrow's multi-threaded reader, every cell a string. None if any row is ragged
    or a byte does not decode: the careful path then says where."""
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    try:
        table = pcsv.read_csv(
            p,
            read_options=pcsv.ReadOptions(skip_rows=skip, column_names=names, block_size=READ_BLOCK_BYTES,
                                          encoding="utf8" if encoding in ("utf-8", "utf-8-sig") else encoding,
                                          use_threads=p.stat().st_size > THREADED_READ_BYTES),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                            newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.large_string() for n in names},  # no cast later
                                                strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, LookupError):
        return None  # a ragged row (Arrow stops at it), bytes not in the encoding, …
    if table.num_rows == 0 or (_may_swallow(p, table) and _odd_quotes(p)):
        return None
    return table.columns


def _may_swallow(p: Path, table) -> bool:
    """Whether a quote left open could have run silently to the end of the file. Arrow then reads the
    rest of the file into the last row's last cell (in any other cell the row comes out short, and
    Arrow refuses it): so only when that cell holds a line break, or the file ends without one."""
    last = table.column(table.num_columns - 1)[-1].as_py()
    if "\n" in last or "\r" in last:
        return True
    with p.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) not in (b"\n", b"\r")


def _as_arrow(cells):
    """A column of cells (Arrow array, pandas Series or list) as an Arrow large_string array; None → ""."""
    import pyarrow.compute as pc

    from .arrays import strings, text

    if isinstance(cells, list):
        try:
            cells = strings(cells)  # text and empty cells, the usual case
        except TypeError:  # numbers, dates, booleans: as a spreadsheet shows them
            return strings([c if isinstance(c, str) else _cell_text(c) for c in cells])
    elif not isinstance(cells, (pa.Array, pa.ChunkedArray)):  # a Series, from the careful CSV path
        from .columns import arrow_strings

        return arrow_strings(cells)
    cells = cells.cast(pa.large_string()) if cells.type != pa.large_string() else cells
    return pc.fill_null(cells, text(""))


def _odd_quotes(p: Path) -> bool:
    """An odd number of `"` means a quote is never closed (escaped quotes come in pairs)."""
    count = 0
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            count += chunk.count(b'"')
    return count % 2 == 1


def _pandas_csv(p: Path, encoding: str, delimiter: str, skip: int, name: str, *, header_row: int,
                width: int | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    import pandas as pd

    options = dict(sep=delimiter, header=None, skiprows=skip, dtype=str, keep_default_na=False,
                   na_filter=False, skip_blank_lines=False, index_col=False, encoding=encoding,
                   encoding_errors="strict", engine="c", quoting=csv.QUOTE_MINIMAL)
    if width:
        options["names"] = range(width)
    try:
        return pd.read_csv(p, **options), []
    except pd.errors.EmptyDataError:
        raise InputError("the file holds no table.", code="empty-file", path=name) from None
    except pd.errors.ParserError as e:
        if width is None and _PANDAS_WIDTH.search(str(e)):
            return _pandas_csv(p, encoding, delimiter, skip, name, header_row=header_row,
                               width=_max_width(p, encoding, delimiter, skip))
        if m := _PANDAS_OPEN_QUOTE.search(str(e)):
            row = header_row + int(m.group(1))  # pandas counts from the header, from 0
            raise InputError("a quoted cell opens (\") on this row and is never closed, so the rest of the file "
                             "would fall into it. Close the quote, or remove it.", code="unreadable-file",
                             path=name, row=row) from None
        raise InputError(f"the CSV cannot be parsed ({_first_line(e)}).", code="unreadable-file", path=name) from None
    except UnicodeDecodeError as e:
        raise InputError(f"the file is not valid {encoding} ({e.reason} at byte {e.start}); pass --encoding.",
                         code="encoding-error", path=name) from None


def _max_width(p: Path, encoding: str, delimiter: str, skip: int) -> int:
    # Only on files with ragged rows: the fast path has already failed.
    csv.field_size_limit(1 << 30)
    with p.open("r", encoding=encoding, newline="", errors="replace") as f:
        for _ in range(skip):
            f.readline()
        return max((len(r) for r in csv.reader(f, delimiter=delimiter)), default=1)


def _first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


# --- XLSX ------------------------------------------------------------------------------------

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


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        text = value.isoformat(sep=" ") if hasattr(value, "hour") and hasattr(value, "date") else value.isoformat()
        return text[:10] if text.endswith(" 00:00:00") else text
    return str(value)


def _read_xlsx(p: Path, name: str, sheet: str | None) -> Table:
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
        raise InputError(f"the workbook cannot be read ({_first_line(e)}).", code="unreadable-file", path=name) from None
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
                raise InputError(f"sheet {sheet_name!r} cannot be read ({_first_line(e)}).",
                                 code="unreadable-file", path=name) from None
            head = [[_cell_text(v) for v in row] for row in rows[:HEADER_SEARCH_ROWS]]
            index, score = _find_header(head)
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
    table = _frame_to_table(columns, header_row=index + 1, source=name, problems=[])
    table.format, table.sheet = "xlsx", sheet_name
    return table


# --- both ------------------------------------------------------------------------------------

def _frame_to_table(columns: list, *, header_row: int, source: str, problems: list[Problem],
                    header_width: int | None = None) -> Table:
    """Name the columns after the header record; keep row numbers; flag what cannot be kept.

    `columns` holds each column's cells, the header's first: Arrow arrays, pandas Series or lists.
    `header_width` is the header's own number of cells (CSV): a cell beyond it is an extra cell.
    Cells are stripped once, with Arrow; blank rows and empty columns come from the same masks.
    """
    import pyarrow.compute as pc

    from .arrays import booleans, edge_whitespace, in_parallel, text, to_numpy_bools

    columns = [_as_arrow(c) for c in columns]
    length = len(columns[0]) if columns else 0
    rows = np.arange(header_row + 1, header_row + length)
    header = [(c[0].as_py() or "").strip() for c in columns]
    width = header_width or len(header)
    header = header[:width]
    stripped = [column.slice(1) for column in columns]
    # Trimming a column copies its text: only those where a cell begins or ends with whitespace.
    untrimmed = [i for i, column in enumerate(stripped) if edge_whitespace(column)]
    for i, column in zip(untrimmed, in_parallel(pc.utf8_trim_whitespace, [stripped[i] for i in untrimmed], length)):
        stripped[i] = column
    filled = [to_numpy_bools(pc.not_equal(column, text(""))) for column in stripped]
    names: list[str] = []
    headers: dict[str, str] = {}
    keep: list[int] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        position = i + 1
        if not h:
            if not filled[i].any():
                continue  # a trailing or empty column: nothing to keep
            h_name = f"column {position}"
            problems.append(Problem.of("blank-header", f"column {position} has data but no header; it is named {h_name!r}.",
                                       row=header_row, column=h_name))
        else:
            canonical = schema.column_for_header(h)
            if canonical and canonical in seen:
                problems.append(Problem.of(
                    "duplicate-column",
                    f"header {h!r} (column {position}) stands for {canonical!r}, like column {seen[canonical]} "
                    f"({headers[canonical]!r}); keep one of them.", row=header_row, column=h, value=h))
                continue
            if canonical:
                h_name = canonical
            elif h in seen:
                h_name = f"{h} (column {position})"
                problems.append(Problem.of("duplicate-header", f"header {h!r} appears twice; column {position} is named {h_name!r}.",
                                           row=header_row, column=h_name, value=h))
            else:
                h_name = h
        seen[h_name] = position
        headers[h_name] = h
        names.append(h_name)
        keep.append(i)
    if len(filled) > width:  # cells beyond the header: only CSV rows longer than their header get here
        beyond = np.column_stack(filled[width:])
        for r in np.flatnonzero(beyond.any(axis=1)):
            last = int(np.flatnonzero(beyond[r])[-1])
            first = int(np.flatnonzero(beyond[r])[0])
            problems.append(Problem.of("extra-cell", f"row {rows[r]} has {width + last + 1} cells but the header has "
                                       f"{width}; the extra cells are not read.", row=int(rows[r]),
                                       value=stripped[width + first][r].as_py()))
    blank = ~np.logical_or.reduce([filled[i] for i in keep]) if keep else np.ones(len(rows), dtype=bool)
    kept = np.flatnonzero(~blank)
    cells = pa.table([stripped[i] for i in keep], names=names) if keep else pa.table({})
    if len(kept) < len(rows) and keep:
        cells = cells.filter(booleans(~blank))
    return Table(cells=cells, rows=rows[kept], source=source, format="", headers=headers, header_row=header_row,
                 problems=problems)
