"""The XML of a workbook's parts, read safely: no DTD, no entity, any encoding the format allows, any prefix.

Every part is looked at as bytes before it is parsed: a DTD (the door of entity attacks) is refused wherever it
stands, and a part written in UTF-16 is turned into UTF-8 first, so that the byte searches of cicli (and of the
Rust reader) see the same text as the parser. Parsing is Python's C parser; elements are named by their local name,
whatever prefix the file gives their namespace (`x:c` is a cell too).
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET

from ..errors import InputError
from ..i18n import _

_DECLARED = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")
_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_UTF8 = {"utf-8", "utf8"}


def utf8_part(data: bytes, part: str, name: str) -> tuple[bytes, bool]:
    """The part's bytes as UTF-8, and whether they had to be converted (a part in UTF-16, as the format allows).
    A DTD or an entity declaration, anywhere, is refused: workbooks never need one."""
    converted = False
    encoding = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif m := _DECLARED.match(data[:300]):
        declared = m.group(1).decode("ascii").lower()
        if declared not in _UTF8:
            encoding = declared
    if encoding is not None:
        try:
            codecs.lookup(encoding)
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            raise InputError(_("part {part} of the workbook is not text in the encoding it declares ({encoding}).",
                               part=part[:80], encoding=encoding[:40]), code="unreadable-file", path=name) from None
        data = _DECLARATION.sub("", text, count=1).encode("utf-8")
        converted = True
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(_("part {part} declares a DTD or XML entities, which workbooks never need: refused as an XML "
                           "entity attack.", part=part[:80]), code="unsafe-file", path=name)
    return data, converted


def local(tag: str) -> str:
    """An element's or attribute's name without its namespace: `{…/main}c` → `c`."""
    return tag.rsplit("}", 1)[-1]


def attributes(element: ET.Element) -> dict[str, str]:
    """An element's attributes by local name (`r:id` → `id`)."""
    return {local(k): v for k, v in element.attrib.items()}


def parse(data: bytes, part: str, name: str) -> ET.Element:
    """A small part (relationships, the workbook, styles) as a tree; a clear refusal when it is not XML."""
    data, _converted = utf8_part(data, part, name)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(_("part {part} of the workbook is not well-formed XML ({reason}).", part=part[:80],
                           reason=str(e)[:120]), code="unreadable-file", path=name) from None


def children(element: ET.Element, name: str):
    """The direct children of `element` with this local name."""
    return [child for child in element if local(child.tag) == name]


def descendants(element: ET.Element, name: str):
    return [child for child in element.iter() if local(child.tag) == name]
