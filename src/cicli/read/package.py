"""An XLSX file as a package of parts, looked at before any cell is expanded.

A workbook declares little and may hold anything: a corner cell at XFD1048576 makes a reader build a
rectangle of 17 billion cells, one long shared text used by every cell makes gigabytes of copies.
So the archive is checked first (entries, sizes, ratios, DTDs), then the chosen sheet's XML is
measured with byte searches (its extent, its cells, the text its shared strings would expand to,
its formulas and error cells) before anything builds a table. Limits are Apache POI's for the
archive, and what this machine reads in a few seconds for the cells.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..i18n import _

ZIP_MAX_ENTRIES = 1000
ZIP_MAX_RATIO = 100
ZIP_MAX_TOTAL = 1 << 30  # bytes the whole archive may inflate to
MAX_DENSE_CELLS = 4_000_000  # the rectangle calamine builds; beyond it, cells are read one by one
MAX_CELLS = 3_000_000  # cells cicli reads from a workbook (a CSV has no such limit)
MAX_TEXT = 400 << 20  # bytes of text the cells hold once shared strings are expanded
MAX_SHEET_XML = 400 << 20  # bytes of a sheet's XML, read whole to be measured

_OFFICE_DOCUMENT = "/officeDocument"
_SHEET_REF = re.compile(rb'<sheet\b([^>]*)/?>')
_ATTRIBUTE = re.compile(rb'([\w:]+)="([^"]*)"')
_ACTIVE_TAB = re.compile(rb'<workbookView\b[^>]*\bactiveTab="(\d+)"')
_RELATIONSHIP = re.compile(rb'<Relationship\b([^>]*)/?>')
_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_CELL = re.compile(rb'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_SHARED_CELL = re.compile(rb'<c\b[^>]*?\bt="s"[^>]*>\s*<v>(\d+)</v>')
_STRING_ITEM = re.compile(rb'<si\b[^>]*>(.*?)</si>|<si\b[^>]*/>', re.DOTALL)
_TEXT_RUN = re.compile(rb'<t\b[^>]*>(.*?)</t>', re.DOTALL)
_VALUE = re.compile(rb'<v\b[^>]*>(.*?)</v>', re.DOTALL)
_FORMULA = re.compile(rb'<f\b[^>]*?(?:/>|>(.*?)</f>)', re.DOTALL)
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass
class Sheet:
    name: str
    part: str  # path of its XML in the archive
    state: str  # visible, hidden or veryHidden
    position: int

    @property
    def visible(self) -> bool:
        return self.state == "visible"


@dataclass
class Measure:
    """What a sheet holds, from its XML's bytes: extent, cells, text, and the cells cicli cannot read."""

    rows: int  # the last row number
    width: int  # the last column number
    cells: int
    text: int  # bytes of text of its shared strings, expanded cell by cell (an upper bound)
    formulas: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, formula) without a value
    errors: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column, #REF!…)

    @property
    def dense(self) -> int:
        return self.rows * self.width


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def cell_position(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref)
    return (int(match.group(2)), column_number(match.group(1))) if match else None


class Package:
    """The parts of an XLSX archive that cicli reads, opened once."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        try:
            self.zip = zipfile.ZipFile(path)
            self._check()
            self.workbook_part = self._workbook_part()
            self.sheets = self._sheets()
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError):
            raise InputError(_("the workbook is damaged or truncated (not a readable zip archive)."),
                             code="unreadable-file", path=name) from None

    def close(self) -> None:
        self.zip.close()

    def read(self, part: str) -> bytes:
        return self.zip.read(part)

    def _refuse(self, message: str, code: str = "unsafe-file") -> None:
        raise InputError(message, code=code, path=self.name)

    def _check(self) -> None:
        """Refuse what is not a sane workbook from the archive's directory, before any XML is parsed."""
        infos = self.zip.infolist()
        names = {i.filename for i in infos}
        if len(infos) > ZIP_MAX_ENTRIES:
            self._refuse(_("the workbook holds {count} parts (more than {limit}): refused as unsafe.",
                           count=len(infos), limit=ZIP_MAX_ENTRIES))
        total = sum(i.file_size for i in infos)
        if total > ZIP_MAX_TOTAL:
            self._refuse(_("the workbook would inflate to {size} MiB (more than {limit} MiB): refused as a zip bomb.",
                           size=total >> 20, limit=ZIP_MAX_TOTAL >> 20))
        for i in infos:
            if i.file_size > (1 << 20) and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
                self._refuse(_("part {part} inflates {ratio} times (more than {limit}:1): refused as a zip bomb.",
                               part=i.filename[:80], ratio=i.file_size // max(i.compress_size, 1), limit=ZIP_MAX_RATIO))
        if "mimetype" in names and b"opendocument" in self._head("mimetype", 100):
            self._refuse(_("this is an OpenDocument spreadsheet (.ods); cicli reads .xlsx and CSV. "
                           "Save it as .xlsx from LibreOffice."), "unsupported-format")
        if any(n.endswith("workbook.bin") for n in names):
            self._refuse(_("this is an Excel binary workbook (.xlsb); cicli reads .xlsx and CSV. "
                           "Save it from Excel as « Classeur Excel (.xlsx) »."), "unsupported-format")
        for i in infos:
            # A DTD can only stand in the prolog, before the root element: the first bytes tell.
            if i.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in (head := self._head(i.filename))
                                                           or b"<!ENTITY" in head):
                self._refuse(_("part {part} declares a DTD or XML entities, which workbooks never need: refused as "
                               "an XML entity attack.", part=i.filename[:80]))

    def _head(self, part: str, size: int = 4096) -> bytes:
        with self.zip.open(part) as f:
            return f.read(size)

    def _workbook_part(self) -> str:
        """Where the workbook is: the package's relationships say (most put it at xl/workbook.xml)."""
        names = set(self.zip.namelist())
        target = None
        if "_rels/.rels" in names:
            for attributes in _RELATIONSHIP.findall(self.read("_rels/.rels")):
                found = dict(_ATTRIBUTE.findall(attributes))
                if found.get(b"Type", b"").decode().endswith(_OFFICE_DOCUMENT):
                    target = found.get(b"Target", b"").decode().lstrip("/")
        target = target or "xl/workbook.xml"
        if target not in names:
            what = _("an empty zip archive") if not names else _("a zip archive without an Excel workbook in it")
            self._refuse(_("this is {what}; cicli reads .xlsx workbooks and CSV files.", what=what),
                         "unsupported-format")
        if b"purl.oclc.org/ooxml" in self._head(target):
            self._refuse(_("the workbook is saved as « Strict Open XML », which cicli cannot read. Save it again "
                           "from Excel as « Classeur Excel (.xlsx) »."), "unsupported-format")
        return target

    def _relationships(self, part: str) -> dict[str, str]:
        """The targets of a part's relationships, as paths in the archive."""
        folder = PurePosixPath(part).parent
        rels = folder / "_rels" / (PurePosixPath(part).name + ".rels")
        if str(rels) not in self.zip.namelist():
            return {}
        out = {}
        for attributes in _RELATIONSHIP.findall(self.read(str(rels))):
            found = {k.decode(): v.decode() for k, v in _ATTRIBUTE.findall(attributes)}
            target = found.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else str(folder / target)
            out[found.get("Id", "")] = _normal(path)
            if found.get("Type", "").endswith("/sharedStrings"):
                out["sharedStrings"] = _normal(path)
        return out

    def _sheets(self) -> list[Sheet]:
        workbook = self.read(self.workbook_part)
        targets = self._relationships(self.workbook_part)
        self.shared_strings_part = targets.get("sharedStrings")
        active = _ACTIVE_TAB.search(workbook)
        self.active = int(active.group(1)) if active else 0
        sheets = []
        for position, attributes in enumerate(_SHEET_REF.findall(workbook)):
            found = {k.decode(): html.unescape(v.decode()) for k, v in _ATTRIBUTE.findall(attributes)}
            part = targets.get(found.get("r:id", ""), "")
            sheets.append(Sheet(found.get("name", ""), part, found.get("state", "visible"), position))
        return sheets

    # --- measuring a sheet -------------------------------------------------------------------

    def measure(self, sheet: Sheet) -> Measure:
        size = self.zip.getinfo(sheet.part).file_size
        if size > MAX_SHEET_XML:
            raise InputError(_("sheet {sheet} weighs {size} MiB once unpacked, more than cicli reads from a workbook "
                               "({limit} MiB). Save the sheet as « CSV UTF-8 » and read that file.",
                               sheet=repr(sheet.name)[:80], size=size >> 20, limit=MAX_SHEET_XML >> 20),
                             code="too-large", path=self.name)
        data = self.read(sheet.part)
        rows = max((int(n) for n in _ROW_NUMBER.findall(data)), default=0)
        width = _widest(data)
        cells = data.count(b"<c ") + data.count(b"<c>")
        text = self._shared_text(data) if b't="s"' in data else 0
        measure = Measure(rows, width, cells, text)
        if b"<f" in data or b't="e"' in data:  # rare: only then is every cell looked at
            _unreadable_cells(data, measure)
        return measure

    def _shared_text(self, data: bytes) -> int:
        """An upper bound of the bytes of text the shared strings make once copied into every cell that uses
        them (the XML of an item is at least as long as its text): first from the longest item and the count
        of such cells, exactly when that bound is too high."""
        lengths = self.shared_lengths()
        if not lengths:
            return 0
        uses = data.count(b't="s"')
        if uses * max(lengths) <= MAX_TEXT:
            return uses * max(lengths)
        return sum(lengths[int(i)] if int(i) < len(lengths) else 0 for i in _SHARED_CELL.findall(data))

    def shared_lengths(self) -> list[int]:
        if not self.shared_strings_part or self.shared_strings_part not in self.zip.namelist():
            return []
        return [m.end() - m.start() for m in _STRING_ITEM.finditer(self.read(self.shared_strings_part))]

    def shared_strings(self) -> list[str]:
        if not self.shared_strings_part or self.shared_strings_part not in self.zip.namelist():
            return []
        return [text_of(m.group(1) or b"") for m in _STRING_ITEM.finditer(self.read(self.shared_strings_part))]

    def sparse_rows(self, sheet: Sheet, shared: list[str]) -> dict[int, dict[int, str]]:
        """The cells of a sheet one by one, for a sheet whose rectangle is too large to build: row → column → text."""
        rows: dict[int, dict[int, str]] = {}
        for attributes, body in _CELL.findall(self.read(sheet.part)):
            found = dict(_ATTRIBUTE.findall(attributes))
            position = cell_position(found.get(b"r", b"").decode())
            if position is None:
                continue
            value = _cell_value(found.get(b"t", b"n").decode(), body or b"", shared)
            if value != "":
                rows.setdefault(position[0], {})[position[1]] = value
        return rows


def _normal(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _widest(data: bytes) -> int:
    """The last column any cell reference names, from the longest run of letters found."""
    for letters in (3, 2):
        found = re.findall(rb'<c\b[^>]*?\br="([A-Z]{%d})\d' % letters, data)
        if found:
            return max(column_number(f.decode()) for f in found)
    found = re.findall(rb'<c\b[^>]*?\br="([A-Z])\d', data)
    return max((column_number(f.decode()) for f in found), default=0)


def text_of(xml: bytes) -> str:
    """The text of a string item or an inline string: its runs, entities decoded."""
    runs = _TEXT_RUN.findall(xml)
    return html.unescape(b"".join(runs).decode("utf-8", "replace"))


def _cell_value(kind: str, body: bytes, shared: list[str]) -> str:
    if kind == "inlineStr":
        return text_of(body)
    value = _VALUE.search(body)
    raw = html.unescape(value.group(1).decode("utf-8", "replace")) if value else ""
    if kind == "s":
        return shared[int(raw)] if raw.isdigit() and int(raw) < len(shared) else ""
    if kind == "e":
        return ""
    if kind == "b":
        return "true" if raw == "1" else "false" if raw == "0" else raw
    if kind == "n" and raw:
        try:
            number = float(raw)
        except ValueError:
            return raw
        return str(int(number)) if number.is_integer() else raw
    return raw


def _unreadable_cells(data: bytes, measure: Measure) -> None:
    """Formulas without a stored value, and error cells: a spreadsheet shows something there, cicli nothing."""
    for attributes, body in _CELL.findall(data):
        body = body or b""
        found = dict(_ATTRIBUTE.findall(attributes))
        position = cell_position(found.get(b"r", b"").decode())
        if position is None:
            continue
        value = _VALUE.search(body)
        if found.get(b"t") == b"e":
            shown = html.unescape(value.group(1).decode("utf-8", "replace")) if value else ""
            measure.errors.append((*position, shown))
        elif (formula := _FORMULA.search(body)) and not (value and value.group(1)):
            text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
            measure.formulas.append((*position, "=" + text))
