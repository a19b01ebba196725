"""CSV files → an annex table: encoding, delimiter and header row found, every cell read as text.

Arrow's multi-threaded reader takes the usual file; ragged rows and dialects it refuses go through
pandas' careful reader, which says where.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from pathlib import Path

import pyarrow as pa

from .. import schema
from ..errors import InputError
from ..i18n import _, readable_count
from ..problems import Problem
from ..text import quoted
from .table import HEADER_SEARCH_ROWS, Naming, Table, find_header, name_columns

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 1 << 16
THREADED_READ_BYTES = 4 << 20  # below this, starting Arrow's thread pool costs more than it saves
READ_BLOCK_BYTES = 4 << 20  # Arrow parses blocks of this size; each becomes a chunk of every column,
# and work per chunk (a few numpy calls) adds up over 1 MB blocks, Arrow's default

_FRENCH = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’‘“”«»–—…°€©® \u00a0\u202f")
_SEP_LINE = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)
SEP_LINE_DELIMITERS = (",", ";", "\t", "|", ":")
MAX_COLUMNS = 1000  # a table of centres has tens of columns
MAX_FIELD_BYTES = 16 << 20  # one cell


def bom_encoding(p: Path) -> str | None:
    """The encoding a byte order mark declares, if the file starts with one."""
    with p.open("rb") as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    # UTF-32's little-endian mark begins as UTF-16's does: it is looked for first.
    if head.startswith(codecs.BOM_UTF32_LE) or head.startswith(codecs.BOM_UTF32_BE):
        return "utf-32"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16"
    return None


def detect_encoding(p: Path, name: str) -> str:
    """For a file that is not UTF-8: cp1252 only when the text then looks French; else an error
    naming the line and the byte. The file is read in chunks: memory stays bounded whatever its size.
    """
    with p.open("rb") as f:
        decoder = codecs.getincrementaldecoder("utf-8")()
        offset = lines = 0
        chunks = iter(lambda: f.read(1 << 22), b"")
        try:
            for chunk in itertools.chain(chunks, [None]):  # None: the end, where an unfinished character fails
                # The error's bytes are those the decoder held back (a character cut by the chunk) and the new ones.
                start = offset - len(decoder.getstate()[0])
                if chunk is None:
                    decoder.decode(b"", final=True)
                    return "utf-8"
                decoder.decode(chunk)
                offset += len(chunk)
                lines += chunk.count(b"\n")
        except UnicodeDecodeError as e:
            bad_at, bad_byte = start + e.start, e.object[e.start]
            line = lines + e.object.count(b"\n", 0, e.start) + 1
        if _looks_like_french_cp1252(f):
            return "cp1252"
    # The file's line is its row as a spreadsheet shows it: said where every message says a row.
    raise InputError(_("byte {byte} at offset {offset} is not UTF-8, and the file does not read as French text in "
                       "cp1252 either. Save it as « CSV UTF-8 ».", byte=f"{bad_byte:#04x}", offset=bad_at),
                     code="encoding-error", path=name, row=line, hint="encoding")


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


def _sniff(sample: str, forced: str | None, naming: Naming) -> tuple[str, int, int, int]:
    """Delimiter, index of the header record, the lines before it, and its width."""
    candidates = (forced,) if forced else DELIMITERS
    best = None
    for delimiter in candidates:
        records, ends = _sample_records(sample, delimiter)
        if not records:
            continue
        index, score = find_header(records, naming)
        width = len(records[index])
        rank = (score, width > 1, -candidates.index(delimiter))
        if best is None or rank > best[0]:
            best = (rank, delimiter, index, ends[index - 1] if index else 0, width)
    if best is None:
        return candidates[0], 0, 0, 1
    return best[1:]


def read_csv(p: Path, encoding: str, name: str | None, naming: Naming = schema.column_for_header) -> Table:
    name = name or str(p)
    with p.open("r", encoding=encoding, newline="", errors="replace") as f:
        sample = f.read(SAMPLE_BYTES)
    if not sample.strip():
        raise InputError(_("the file holds no table (only blank lines)."), code="empty-file", path=name)
    lines_before = 0
    forced = None
    first = sample.splitlines()[0] if sample else ""
    if m := _SEP_LINE.match(first):
        forced = m.group(1)
        if forced not in SEP_LINE_DELIMITERS:
            raise InputError(_("the first line says « sep= » followed by {character}, which is not a separator cicli "
                               "reads (comma, semicolon, tab, vertical bar, colon). Remove that line or fix it.",
                               character=repr(forced)), code="unreadable-file", path=name, row=1)
        lines_before = 1
        sample = sample[len(first):].lstrip("\r\n")
    delimiter, header_index, header_lines, header_width = _sniff(sample, forced, naming)
    if header_width > MAX_COLUMNS:
        raise InputError(_("the header holds {count} columns or more, more than cicli reads ({limit}): this is not a "
                           "table of centres, or its separator is not one cicli can tell.",
                           count=readable_count(header_width), limit=readable_count(MAX_COLUMNS)),
                         code="too-large", path=name, row=header_index + 1)
    skip = lines_before + header_lines
    columns = _arrow_csv(p, encoding, delimiter, skip, header_width)
    problems: list[Problem] = []
    if columns is None:  # ragged rows, or a dialect Arrow does not take: the careful path says where
        columns, problems = _careful_csv(p, encoding, delimiter, skip, name, header_row=header_index + 1,
                                         width=header_width)
    table = name_columns(columns, header_row=header_index + 1, source=name, problems=problems,
                         header_width=header_width, defused=True, naming=naming)
    table.format, table.encoding, table.delimiter = "csv", encoding, delimiter
    if encoding == "cp1252":
        table.problems.extend(utf8_rows(table))
    return table


def _arrow_csv(p: Path, encoding: str, delimiter: str, skip: int, width: int) -> list | None:
    """The fast path: Arrow's multi-threaded reader, every cell a string. None if any row is ragged
    or a byte does not decode: the careful path then says where."""
    import pyarrow.csv as pcsv

    names = [f"c{i}" for i in range(width)]
    source = _arrow_source(p)
    try:
        table = pcsv.read_csv(
            source,
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
    finally:
        if not isinstance(source, str):
            source.close()
    if table.num_rows == 0 or (_may_swallow(p, table) and _odd_quotes(p)):
        return None
    return table.columns


def _arrow_source(p: Path):
    """The path as Arrow opens it; a name that is not UTF-8 (Arrow cannot encode it) as a file Python opened."""
    try:
        return str(p).encode("utf-8") and str(p)
    except UnicodeEncodeError:
        return p.open("rb")


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


def _ends_with_a_line_break(p: Path) -> bool:
    with p.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) in (b"\n", b"\r")


def _odd_quotes(p: Path) -> bool:
    """An odd number of `"` means a quote is never closed (escaped quotes come in pairs)."""
    count = 0
    with p.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            count += chunk.count(b'"')
    return count % 2 == 1


def _careful_csv(p: Path, encoding: str, delimiter: str, skip: int, name: str, *, header_row: int,
                 width: int) -> tuple[list[list[str]], list[Problem]]:
    """Every record with the csv module, one at a time: the header's columns are kept, cells beyond them are
    counted and reported at their row (never built into columns), short rows are padded, and a quote never
    closed is an error at the row where it opens."""
    csv.field_size_limit(MAX_FIELD_BYTES)
    columns: list[list[str]] = [[] for _column in range(width)]
    problems: list[Problem] = []
    last = ""
    try:
        with p.open("r", encoding=encoding, newline="", errors="strict") as f:
            for _line in range(skip):
                f.readline()
            for n, record in enumerate(csv.reader(f, delimiter=delimiter)):
                if len(record) > width:
                    filled = [k for k in range(width, len(record)) if record[k].strip()]
                    if filled:
                        problems.append(Problem.of("extra-cell", _(
                            "row {row} has {count} cells but the header has {width}; the extra cells are not read.",
                            row=header_row + n, count=readable_count(filled[-1] + 1), width=width), row=header_row + n,
                            value=record[filled[0]][:80]))
                    record = record[:width]
                for column, cell in zip(columns, record, strict=False):
                    column.append(cell)
                for column in columns[len(record):]:
                    column.append("")
                last = record[-1] if record else ""
    except UnicodeDecodeError as e:
        raise InputError(_("the file is not valid {encoding} ({reason} at byte {offset}).", encoding=encoding,
                           reason=e.reason, offset=e.start),
                         code="encoding-error", path=name, hint="encoding") from None
    except csv.Error as e:
        raise InputError(_("the CSV cannot be parsed ({reason}).", reason=first_line(e)[:200]),
                         code="unreadable-file", path=name) from None
    rows = len(columns[0]) if columns else 0
    if rows <= 1 and not any(c and c[0].strip() for c in columns):
        raise InputError(_("the file holds no table."), code="empty-file", path=name)
    if ("\n" in last or "\r" in last or not _ends_with_a_line_break(p)) and _odd_quotes(p):
        raise InputError(_("a quoted cell opens (\") on this row and is never closed, so the rest of the file would "
                           "fall into it. Close the quote, or remove it."), code="unreadable-file", path=name,
                         row=header_row + rows - 1)
    return columns, problems


def utf8_rows(table: Table) -> list[Problem]:
    """In a file read as cp1252, the cells written in UTF-8 (« ajoutÃ© »): a warning at each, with what it
    would read in UTF-8. A few such rows among French text is a file pasted together from two sources."""
    import pyarrow.compute as pc

    from ..speed.arrays import to_numpy_bools

    problems = []
    for column in table.cells.column_names:
        values = table.cells[column]
        hits = to_numpy_bools(pc.match_substring_regex(values, "Ã[\u0080-\u00bf\u0152-\u2122]|â€"))
        for i in hits.nonzero()[0][:200]:
            cell = values[int(i)].as_py()
            try:
                fixed = cell.encode("cp1252").decode("utf-8")
            except UnicodeError:
                continue
            problems.append(Problem.of("mixed-encoding", _(
                "this cell is written in UTF-8 while the file is cp1252: {cell} should read {fixed}. Save the file "
                "in one encoding (« CSV UTF-8 »).", cell=quoted(cell), fixed=quoted(fixed)),
                row=int(table.rows[i]), column=table.headers.get(column, column), value=cell[:80]))
    return problems


def first_line(e: Exception) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
