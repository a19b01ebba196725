"""A sheet's XML surveyed as bytes, before any reader builds it: is it written the plain way Excel,
LibreOffice and XlsxWriter write it, and if so how large a rectangle would it make?

The Rust reader (calamine) is fast, and builds the rectangle from the first to the last cell it finds; a
lower-case or four-letter reference, or a row number past Excel's last, makes it allocate terabytes and abort
the process. So it only gets sheets whose every cell and row carries a plain reference (`<c r="B12"`,
`<row r="12"`), within Excel's limits: then the references alone say what it will build, and a few byte
counts measure it. Any other sheet is read cell by cell (read.sheet_xml), which allocates only for the cells
the sheet holds.

Every search here runs in time linear in the part's size: counts of fixed bytes, and patterns whose repeats are
bounded (a pattern free to run to the next `>` or `</c>` scans the rest of the file from every start, which a
few kilobytes of `<c<c<c…` turn into minutes).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MAX_ROW = 1_048_576  # Excel's last row
MAX_COLUMN = 16_384  # Excel's last column, XFD

_AFTER_TAG = (b" ", b">", b"/", b"\n", b"\r", b"\t")
_BAD_CELL_REF = re.compile(rb'<c r="(?![A-Z]{1,3}[1-9][0-9]{0,6}")')
_BAD_ROW_REF = re.compile(rb'<row r="(?![1-9][0-9]{0,6}")')
_TWICE = re.compile(rb'<(?:c|row) r="[^"<>]{0,12}"[^<>]{0,300}?\sr\s*=')  # a second reference: which one counts?
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.\-]{0,40}:(?:c|row|sheetData|is|v|f|t|r)[\s/>]")
_ROW_NUMBER = re.compile(rb'<row r="([0-9]{1,7})"')
_SHARED_VALUE = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"[^<>]{0,200}?\bt="s"[^<>]{0,200}>\s{0,40}<v>([0-9]{1,9})</v>')
_ITEM_START = re.compile(rb"<(?:[\w.\-]{1,40}:)?si[\s/>]")


@dataclass
class Survey:
    plain: bool  # every cell and row written with a plain reference, within Excel's limits
    cells: int  # cell elements
    rows: int = 0  # the last row number (plain sheets)
    width: int = 0  # the last column number (plain sheets)
    unreadable: bool = False  # formulas or error cells, to be looked at one by one
    shared_uses: int = 0  # cells holding a shared string

    @property
    def dense(self) -> int:
        """The rectangle the fast reader builds."""
        return self.rows * self.width


def tags(data: bytes, name: bytes) -> int:
    """How many elements of this name (unprefixed) the XML opens."""
    return sum(data.count(b"<" + name + after) for after in _AFTER_TAG)


def survey(data: bytes) -> Survey:
    cells = tags(data, b"c")
    plain = (data.count(b'<c r="') == cells and data.count(b'<row r="') == tags(data, b"row")
             and not _BAD_CELL_REF.search(data) and not _BAD_ROW_REF.search(data) and not _PREFIXED.search(data)
             and not _TWICE.search(data))
    unreadable = b"<f" in data or b't="e"' in data or b"t='e'" in data
    if not plain:
        return Survey(False, cells, unreadable=unreadable)
    rows = max((int(n) for n in _ROW_NUMBER.findall(data)), default=0)
    width = _widest(data)
    if rows > MAX_ROW or width > MAX_COLUMN:
        return Survey(False, cells, unreadable=unreadable)
    return Survey(True, cells, rows, width, unreadable, data.count(b't="s"'))


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _widest(data: bytes) -> int:
    """The last column any cell reference names, from the longest run of letters found."""
    for letters in (3, 2, 1):
        found = re.findall(rb'<c r="([A-Z]{%d})[0-9]' % letters, data)
        if found:
            return max(column_number(f.decode()) for f in set(found))  # a few distinct columns, many cells
    return 0


def shared_text(data: bytes, survey: Survey, strings: bytes | None, limit: int) -> int:
    """An upper bound of the bytes of text the shared strings make once copied into every cell that uses them
    (an item's XML is at least as long as its text): first from the whole table, then from the longest item,
    exactly when those bounds pass `limit`."""
    if not strings or not survey.shared_uses:
        return 0
    if survey.shared_uses * len(strings) <= limit:
        return survey.shared_uses * len(strings)
    starts = [m.start() for m in _ITEM_START.finditer(strings)] + [len(strings)]
    lengths = [b - a for a, b in itertools.pairwise(starts)]
    if not lengths:
        return 0
    if survey.shared_uses * max(lengths) <= limit:
        return survey.shared_uses * max(lengths)
    return sum(lengths[int(i)] if int(i) < len(lengths) else 0 for i in _SHARED_VALUE.findall(data))
