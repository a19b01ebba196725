"""A worksheet read cell by cell from its XML, by Python's own parser: for the sheets the fast reader must not be
given (read.survey), and for the cells it cannot tell about (formulas without a stored result, error cells).

It reads what the format allows, as Excel and LibreOffice do: any prefix for the namespace, either quote, line
breaks inside tags, cells and rows without references (each then follows the one before), shared strings with
empty items (`<si/>`) and rich runs, without the phonetic guides (`<rPh>`) East Asian editions add, dates of
either date system. It allocates for the cells the sheet holds, never for the rectangle it claims, and stops
past the limits it is given.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from xml.parsers import expat

from ..errors import InputError
from ..i18n import _, readable_count
from .survey import MAX_COLUMN, MAX_ROW, column_number
from .table import cell_text
from .xml_parts import local

MAX_CAREFUL_CELLS = 500_000  # cells read one by one: about 2 seconds on the benchmark's machine
MAX_SHARED_ITEMS = 1_000_000  # shared strings read for such a sheet
# Excel's built-in number formats that show dates or times.
_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52,
                 53, 54, 55, 56, 57, 58}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[(?!h\]|m\]|s\])[^\]]*\]')
_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,7})$")


@dataclass
class Cells:
    """A sheet's cells (row → column → text) and those a spreadsheet shows but cicli cannot read."""

    rows: dict[int, dict[int, str]] = field(default_factory=dict)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, formula) without a value
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, #REF!…)


def shared_strings(data: bytes, part: str, name: str) -> list[str]:
    """The workbook's shared strings, in order: each item's text and rich runs, without phonetic guides."""
    count = data.count(b"<si") + data.count(b":si")
    if count > MAX_SHARED_ITEMS:
        raise InputError(_("the workbook's shared texts hold {count} items, more than cicli reads from a workbook "
                           "written this way ({limit}). Save the sheet as « CSV UTF-8 » and read that file.",
                           count=readable_count(count), limit=readable_count(MAX_SHARED_ITEMS)),
                         code="too-large", path=name)
    root = _tree(data, part, name)
    return [_item_text(item) for item in root if local(item.tag) == "si"]


def _item_text(item: ET.Element) -> str:
    pieces = []
    for child in item:
        tag = local(child.tag)
        if tag == "t":
            pieces.append(child.text or "")
        elif tag == "r":  # a run of rich text; its <rPr> holds no text
            pieces.extend(t.text or "" for t in child if local(t.tag) == "t")
    return "".join(pieces)


def date_styles(data: bytes | None, part: str, name: str) -> frozenset[int]:
    """The cell styles (indexes of cellXfs) whose number format shows a date or a time."""
    if not data:
        return frozenset()
    root = _tree(data, part, name)
    custom = {}
    for element in root.iter():
        if local(element.tag) == "numFmt":
            try:
                custom[int(element.get("numFmtId", ""))] = element.get("formatCode", "")
            except ValueError:
                continue
    dated = set()
    for formats in (e for e in root if local(e.tag) == "cellXfs"):
        for index, xf in enumerate(e for e in formats if local(e.tag) == "xf"):
            try:
                number_format = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            if number_format in _DATE_FORMATS or _is_date_format(custom.get(number_format, "")):
                dated.add(index)
    return frozenset(dated)


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return bool(bare) and any(letter in bare for letter in "ymdhs") and "general" not in bare


def _tree(data: bytes, part: str, name: str) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(_("part {part} of the workbook is not well-formed XML ({reason}).", part=part[:80],
                           reason=str(e)[:120]), code="unreadable-file", path=name) from None


def serial_date(serial: float, date1904: bool):
    """A spreadsheet's date serial as a date (a datetime when it holds a time); None when it is no date."""
    if not 0 <= serial < 2_958_466:
        return None
    if date1904:
        epoch = datetime(1904, 1, 1)
    elif serial < 60:
        epoch = datetime(1899, 12, 31)  # Excel counts a 29 February 1900 that never was
    else:
        epoch = datetime(1899, 12, 30)
    moment = epoch + timedelta(days=serial)
    return moment.date() if moment.time() == datetime.min.time() else moment


class SheetReader:
    """Reads one sheet's XML with expat, a cell at a time.

    `shared` gives the shared strings when a cell first needs them; `dates` are the date styles; `limit` the most
    cells it reads before it refuses the sheet; `values`: False to look only for formulas and error cells."""

    def __init__(self, name: str, sheet: str, shared: Callable[[], list[str]], dates: frozenset[int],
                 date1904: bool, limit: int = MAX_CAREFUL_CELLS, max_text: int = 400 << 20, values: bool = True):
        self.name, self.sheet = name, sheet
        self.shared, self.dates, self.date1904 = shared, dates, date1904
        self.limit, self.max_text, self.values = limit, max_text, values
        self.cells = Cells()
        self._strings: list[str] | None = None
        self.row = 0
        self.column = 0
        self.count = 0
        self.text = 0
        self.attributes: dict[str, str] = {}
        self.capture: list[str] | None = None
        self.value: list[str] = []
        self.formula: list[str] | None = None
        self.inline: list[str] = []
        self.in_inline = False
        self.phonetic = 0

    def read(self, data: bytes) -> Cells:
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        try:
            parser.Parse(data, True)
        except expat.ExpatError as e:
            raise InputError(_("sheet {sheet} is not well-formed XML ({reason}).", sheet=_quoted(self.sheet),
                               reason=expat.ErrorString(e.code)), code="unreadable-file", path=self.name) from None
        return self.cells

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c":
            self.attributes = attributes
            self.value, self.inline, self.formula = [], [], None
            self.capture = None
            self._place(attributes.get("r"))
        elif tag == "v":
            self.capture = self.value
        elif tag == "f":
            self.formula = []
            self.capture = self.formula
        elif tag == "is":
            self.in_inline = True
        elif tag == "t" and self.in_inline and not self.phonetic:
            self.capture = self.inline
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "row":
            self._new_row(attributes.get("r"))

    def _end(self, name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag in ("v", "f", "t"):
            self.capture = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "is":
            self.in_inline = False
        elif tag == "c":
            self._cell()

    def _characters(self, data: str) -> None:
        if self.capture is not None:
            self.text += len(data)
            if self.text > self.max_text:
                raise InputError(_("the cells of sheet {sheet} hold more than {limit} MiB of text. Save the sheet as "
                                   "« CSV UTF-8 » to read it.", sheet=_quoted(self.sheet), limit=self.max_text >> 20),
                                 code="too-large", path=self.name)
            self.capture.append(data)

    def _new_row(self, reference: str | None) -> None:
        if reference is None:
            self.row += 1
        else:
            try:
                self.row = int(reference)
            except ValueError:
                self.row = 0
        if not 1 <= self.row <= MAX_ROW:
            raise InputError(_("sheet {sheet} numbers a row {reference}, beyond what a spreadsheet holds (rows 1 to "
                               "{rows}): the file is damaged or was not made by a spreadsheet.",
                               sheet=_quoted(self.sheet), reference=_quoted(reference or str(self.row), 24),
                               rows=readable_count(MAX_ROW)), code="unreadable-file", path=self.name)
        self.column = 0

    def _place(self, reference: str | None) -> None:
        if reference is None:
            self.column += 1
            if self.row == 0:
                self.row = 1
        else:
            m = _REF.match(reference.strip())
            if m is None:
                self._refuse_position(reference)
            self.column, self.row = column_number(m.group(1)), int(m.group(2))
        if not (1 <= self.row <= MAX_ROW and 1 <= self.column <= MAX_COLUMN):
            self._refuse_position(reference or f"{self.row}")
        self.count += 1
        if self.count > self.limit:
            raise InputError(_("sheet {sheet} holds more than {limit} cells written in a way cicli reads one by one "
                               "(not as Excel writes them). Open it in Excel or LibreOffice and save it again, or save "
                               "it as « CSV UTF-8 ».", sheet=_quoted(self.sheet), limit=readable_count(self.limit)),
                             code="too-large", path=self.name)

    def _refuse_position(self, reference: str) -> None:
        raise InputError(_("sheet {sheet} places a cell at {reference}, beyond what a spreadsheet holds (row "
                           "{rows}, column XFD): the file is damaged or was not made by a spreadsheet.",
                           sheet=_quoted(self.sheet), reference=_quoted(reference, 24), rows=readable_count(MAX_ROW)),
                         code="unreadable-file", path=self.name)

    def _cell(self) -> None:
        kind = self.attributes.get("t", "n")
        raw = "".join(self.value)
        if kind == "e":
            self.cells.errors.append((self.row, self.column, raw.strip()))
            return
        if self.formula is not None and not raw and kind != "inlineStr":
            self.cells.formulas.append((self.row, self.column, "=" + "".join(self.formula)))
            return
        if not self.values:
            return
        text = self._text(kind, raw)
        if text != "":
            self.cells.rows.setdefault(self.row, {})[self.column] = text

    def _text(self, kind: str, raw: str) -> str:
        if kind == "s":
            if self._strings is None:
                self._strings = self.shared()
            try:
                return self._strings[int(raw)]
            except (ValueError, IndexError):
                raise InputError(_("sheet {sheet}, cell {cell}, refers to shared text {index}, which the workbook does "
                                   "not hold: it is damaged. Open it in Excel or LibreOffice and save it again.",
                                   sheet=_quoted(self.sheet), cell=_letters(self.column) + str(self.row),
                                   index=_quoted(raw, 20)), code="unreadable-file", path=self.name) from None
        if kind == "inlineStr":
            return "".join(self.inline)
        if kind in ("str", "d"):
            return raw[:10] if kind == "d" and raw.endswith("T00:00:00") else raw
        if kind == "b":
            return {"1": "true", "0": "false"}.get(raw.strip(), raw)
        if not raw.strip():
            return ""
        try:
            number = float(raw)
        except ValueError:
            return raw
        style = self.attributes.get("s")
        if style is not None and style.isdigit() and int(style) in self.dates:
            moment = serial_date(number, self.date1904)
            if moment is not None:
                return cell_text(moment)
        return cell_text(number)


_FORMULA_OR_ERROR = re.compile(rb'<f[\s/>]|\st="e"')
_WINDOW = 1 << 20  # how far a formula's cell may end from where it begins


def pinpoint(data: bytes, name: str, sheet: str) -> Cells | None:
    """In a plain sheet (read.survey), the formulas without a stored result and the error cells, found where they
    stand: each `<f` or `t="e"` is read with its cell alone, and the search goes on past that cell, so that every
    byte is looked at a bounded number of times. None when a cell cannot be isolated: read the sheet whole."""
    found = Cells()
    position = 0
    while (m := _FORMULA_OR_ERROR.search(data, position)):
        start = data.rfind(b'<c r="', max(0, m.start() - 4096), m.start() + 1)
        close = data.find(b">", start, start + 4096) if start >= 0 else -1
        if close < 0:
            return None
        end = close + 1 if data[close - 1: close] == b"/" else data.find(b"</c>", close, close + _WINDOW)
        if end < 0:
            return None
        end = end if data[close - 1: close] == b"/" else end + 4
        reader = SheetReader(name, sheet, list, frozenset(), False, values=False)
        try:
            cells = reader.read(data[start:end])
        except InputError:
            return None
        found.formulas += cells.formulas
        found.errors += cells.errors
        position = max(end, m.end())
    return found


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _quoted(text: str, limit: int = 80) -> str:
    from ..text import quoted

    return quoted(text, limit)


def letters(column: int) -> str:
    return _letters(column)
