"""An XLSX file as a package of parts, looked at before any cell is expanded.

A workbook declares little and may hold anything: a corner cell at XFD1048576 makes a reader build a
rectangle of 17 billion cells, one long shared text used by every cell makes gigabytes of copies, a
relationship may point outside the archive, two parts may bear one name. So the archive is checked first
(entries, sizes, ratios, encryption, compression, names), every part cicli reads is checked for DTDs and
read as XML by Python's own parser (whatever prefix or quoting the file uses), and the chosen sheet is
surveyed (read.survey) before anything builds a table. Limits are Apache POI's for the archive.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..i18n import _
from .xml_parts import attributes, children, descendants, local, parse, utf8_part

ZIP_MAX_ENTRIES = 1000
ZIP_MAX_RATIO = 100
ZIP_MAX_TOTAL = 1 << 30  # bytes the whole archive may inflate to
MAX_PART = 400 << 20  # bytes of one part read whole (a sheet, its shared strings)
_STORED, _DEFLATED = 0, 8  # the only compression methods Excel and LibreOffice write

_OFFICE_DOCUMENT = "/officeDocument"
_STRICT = "purl.oclc.org/ooxml"


@dataclass
class Sheet:
    name: str
    part: str  # path of its XML in the archive ("" when the workbook names a sheet it does not hold)
    state: str  # visible, hidden or veryHidden
    position: int

    @property
    def visible(self) -> bool:
        return self.state == "visible"


class Package:
    """The parts of an XLSX archive that cicli reads, opened once."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
            raise InputError(_("the workbook is damaged or truncated (not a readable zip archive)."),
                             code="unreadable-file", path=name) from None
        try:
            self._check()
            self.workbook_part = self._workbook_part()
            self._read_workbook()
        except BaseException:
            self.zip.close()
            raise

    def close(self) -> None:
        self.zip.close()

    def has(self, part: str) -> bool:
        return part in self._names

    def read(self, part: str) -> bytes:
        """A part's bytes, checked: a part the workbook names but does not hold, or that cannot be inflated, is a
        clear refusal naming it."""
        if part not in self._names:
            raise InputError(_("the workbook names a part it does not hold ({part}): it is damaged. Open it in Excel "
                               "or LibreOffice and save it again.", part=part[:80]), code="unreadable-file",
                             path=self.name)
        if self.zip.getinfo(part).file_size > MAX_PART:
            raise InputError(_("part {part} weighs {size} MiB once unpacked, more than cicli reads from a workbook "
                               "({limit} MiB). Save the sheet as « CSV UTF-8 » and read that file.", part=part[:80],
                               size=self.zip.getinfo(part).file_size >> 20, limit=MAX_PART >> 20),
                             code="too-large", path=self.name)
        try:
            return self.zip.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
            raise InputError(_("part {part} of the workbook is damaged and cannot be unpacked.", part=part[:80]),
                             code="unreadable-file", path=self.name) from None

    def xml(self, part: str) -> bytes:
        """A part's XML as UTF-8, refused if it declares a DTD; and whether it had to be converted."""
        return utf8_part(self.read(part), part, self.name)[0]

    def _refuse(self, message: str, code: str = "unsafe-file") -> None:
        raise InputError(message, code=code, path=self.name)

    def _check(self) -> None:
        """Refuse what is not a sane workbook from the archive's directory, before any XML is parsed."""
        infos = self.zip.infolist()
        self._names = {i.filename for i in infos}
        if len(infos) > ZIP_MAX_ENTRIES:
            self._refuse(_("the workbook holds {count} parts (more than {limit}): refused as unsafe.",
                           count=len(infos), limit=ZIP_MAX_ENTRIES))
        if len(self._names) < len(infos):
            self._refuse(_("the workbook holds two parts under one name: a reader would take one, another reader "
                           "the other. Refused as unsafe."))
        total = sum(i.file_size for i in infos)
        if total > ZIP_MAX_TOTAL:
            self._refuse(_("the workbook would inflate to {size} MiB (more than {limit} MiB): refused as a zip bomb.",
                           size=total >> 20, limit=ZIP_MAX_TOTAL >> 20))
        for i in infos:
            if i.file_size > (1 << 20) and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1):
                self._refuse(_("part {part} inflates {ratio} times (more than {limit}:1): refused as a zip bomb.",
                               part=i.filename[:80], ratio=i.file_size // max(i.compress_size, 1), limit=ZIP_MAX_RATIO))
        if "mimetype" in self._names and b"opendocument" in self._head("mimetype", 100):
            self._refuse(_("this is an OpenDocument spreadsheet (.ods); cicli reads .xlsx and CSV. "
                           "Save it as .xlsx from LibreOffice."), "unsupported-format")
        if any(n.endswith("workbook.bin") for n in self._names):
            self._refuse(_("this is an Excel binary workbook (.xlsb); cicli reads .xlsx and CSV. "
                           "Save it from Excel as « Classeur Excel (.xlsx) »."), "unsupported-format")
        for i in infos:
            if i.flag_bits & 0x1:
                self._refuse(_("part {part} of the workbook is encrypted; cicli cannot read it. Remove the password "
                               "in Excel (File > Info > Protect Workbook) and save it as .xlsx.", part=i.filename[:80]),
                             "encrypted-file")
            if i.compress_type not in (_STORED, _DEFLATED):
                self._refuse(_("part {part} is compressed with a method Excel and LibreOffice never use (zip method "
                               "{method}); cicli cannot read it. Open the file where it was made and save it as .xlsx.",
                               part=i.filename[:80], method=i.compress_type), "unsupported-format")

    def _head(self, part: str, size: int = 4096) -> bytes:
        try:
            with self.zip.open(part) as f:
                return f.read(size)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError):
            raise InputError(_("part {part} of the workbook is damaged and cannot be unpacked.", part=part[:80]),
                             code="unreadable-file", path=self.name) from None

    def _workbook_part(self) -> str:
        """Where the workbook is: the package's relationships say (most put it at xl/workbook.xml)."""
        target = None
        if "_rels/.rels" in self._names:
            for found in self._relationship_elements("_rels/.rels"):
                if found.get("Type", "").endswith(_OFFICE_DOCUMENT):
                    target = self._resolve("", found.get("Target", ""))
        target = target or "xl/workbook.xml"
        if target not in self._names:
            what = _("an empty zip archive") if not self._names else _("a zip archive without an Excel workbook in it")
            self._refuse(_("this is {what}; cicli reads .xlsx workbooks and CSV files.", what=what),
                         "unsupported-format")
        if _STRICT.encode() in self._head(target):
            self._refuse(_("the workbook is saved as « Strict Open XML », which cicli cannot read. Save it again "
                           "from Excel as « Classeur Excel (.xlsx) »."), "unsupported-format")
        return target

    def _relationship_elements(self, rels: str) -> list[dict[str, str]]:
        root = parse(self.read(rels), rels, self.name)
        return [attributes(e) for e in descendants(root, "Relationship")]

    def _resolve(self, folder: str, target: str) -> str:
        """A relationship's target as a path in the archive; one that climbs out of it is refused."""
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(folder) / target)
        parts: list[str] = []
        for piece in path.replace("\\", "/").split("/"):
            if piece == "..":
                if not parts:
                    self._refuse(_("the workbook points outside itself ({target}): refused as unsafe.",
                                   target=target[:80]))
                parts.pop()
            elif piece not in ("", "."):
                parts.append(piece)
        return "/".join(parts)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type's last word, target path in the archive). External targets
        (links to web pages) are left out."""
        folder = PurePosixPath(part).parent
        rels = str(folder / "_rels" / (PurePosixPath(part).name + ".rels"))
        if rels not in self._names:
            return {}
        out = {}
        for found in self._relationship_elements(rels):
            if found.get("TargetMode", "").lower() == "external":
                continue
            kind = found.get("Type", "").rsplit("/", 1)[-1]
            out[found.get("Id", "")] = (kind, self._resolve(str(folder), found.get("Target", "")))
        return out

    def _read_workbook(self) -> None:
        """The sheets (name, part, state, position), the active tab, the date system, and where the shared
        strings and the styles are."""
        root = parse(self.read(self.workbook_part), self.workbook_part, self.name)
        targets = self.relationships(self.workbook_part)
        by_kind = dict(targets.values())
        self.shared_strings_part = by_kind.get("sharedStrings")
        self.styles_part = by_kind.get("styles")
        views = descendants(root, "workbookView")
        try:
            self.active = int(attributes(views[0]).get("activeTab", "0")) if views else 0
        except ValueError:
            self.active = 0
        properties = descendants(root, "workbookPr")
        date1904 = attributes(properties[0]).get("date1904", "0").lower() if properties else "0"
        self.date1904 = date1904 in ("1", "true")
        self.sheets = []
        for sheets in children(root, "sheets"):
            for position, element in enumerate(e for e in sheets if local(e.tag) == "sheet"):
                found = attributes(element)
                _kind, part = targets.get(found.get("id", ""), ("", ""))
                self.sheets.append(Sheet(found.get("name", ""), part, found.get("state", "visible"), position))
