"""Workbooks written part by part, as generators other than Excel write them (and as attackers do).

`workbook(path, rows)` writes a valid package whose parts can each be replaced or reshaped: the sheet's XML
(`sheet=`), the shared strings (`shared=`), the styles, the workbook's properties, a namespace prefix, single
quotes, line breaks inside tags, cells without references.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: list[list], *, shared: list[str] | None = None, prefix: str = "", quote: str = '"',
              references: bool = True, tag_break: bool = False, far: str | None = None) -> str:
    """A worksheet of `rows` (text as inline strings, or as shared strings when `shared` is a list to fill;
    numbers as numbers; a (number, style) pair as a styled number). `far`: one more cell, far away (`XFA900`)."""
    p = f"{prefix}:" if prefix else ""
    q = quote
    space = "\n " if tag_break else " "
    out = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            ref = f"{space}r={q}{letters(c)}{r}{q}" if references else ""
            if isinstance(value, tuple):
                number, style = value
                cells.append(f"<{p}c{ref}{space}s={q}{style}{q}><{p}v>{number}</{p}v></{p}c>")
            elif isinstance(value, (int, float)):
                cells.append(f"<{p}c{ref}><{p}v>{value}</{p}v></{p}c>")
            elif shared is not None:
                shared.append(str(value))
                cells.append(f"<{p}c{ref}{space}t={q}s{q}><{p}v>{len(shared) - 1}</{p}v></{p}c>")
            else:
                cells.append(f"<{p}c{ref}{space}t={q}inlineStr{q}><{p}is><{p}t>{escape(str(value))}</{p}t></{p}is>"
                             f"</{p}c>")
        row_ref = f"{space}r={q}{r}{q}" if references else ""
        out.append(f"<{p}row{row_ref}>{''.join(cells)}</{p}row>")
    if far:
        number = int("".join(ch for ch in far if ch.isdigit()))
        out.append(f"<{p}row r={q}{number}{q}><{p}c r={q}{far}{q} t={q}inlineStr{q}><{p}is><{p}t>x</{p}t></{p}is>"
                   f"</{p}c></{p}row>")
    namespace = f'xmlns{":" + prefix if prefix else ""}={q}{MAIN}{q}'
    return f"<?xml version={q}1.0{q} encoding={q}UTF-8{q}?><{p}worksheet {namespace}><{p}sheetData>" \
           f"{''.join(out)}</{p}sheetData></{p}worksheet>"


def shared_xml(items: list[str], forms: dict[int, str] | None = None) -> str:
    """The shared strings part; `forms` replaces item i by the XML given (`<si/>`, runs, phonetic guides…)."""
    forms = forms or {}
    body = "".join(forms.get(i, f"<si><t>{escape(t)}</t></si>") for i, t in enumerate(items))
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(items)}">{body}</sst>'


STYLES = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN}"><numFmts count="1">'
          '<numFmt numFmtId="164" formatCode="yyyy\\-mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/>'
          '<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')


def workbook(path: Path, rows: list[list] | None = None, *, sheet: str | None = None, shared: str | None = None,
             styles: str | None = STYLES, workbook_properties: str = "", parts: dict[str, bytes | str] | None = None,
             drop: tuple[str, ...] = (), sheet_target: str = "worksheets/sheet1.xml", compression=zipfile.ZIP_DEFLATED,
             **sheet_options) -> Path:
    """A workbook of one sheet, `Feuil1`. `rows` are written by sheet_xml (shared strings when `shared_strings`
    is given as True in sheet_options); `sheet` and `shared` give the XML whole. `parts` adds or replaces parts,
    `drop` leaves some out."""
    shared_items: list[str] | None = [] if sheet_options.pop("shared_strings", False) else None
    if sheet is None:
        sheet = sheet_xml(rows or [], shared=shared_items, **sheet_options)
    if shared is None and shared_items is not None:
        shared = shared_xml(shared_items)
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    book = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{DOC}">{workbook_properties}'
            '<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    book_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
                 f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="{sheet_target}"/>'
                 + (f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
                 + (f'<Relationship Id="rId3" Type="{DOC}/styles" Target="styles.xml"/>' if styles else "")
                 + "</Relationships>")
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
             'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
             'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    all_parts: dict[str, bytes | str] = {"[Content_Types].xml": types, "_rels/.rels": rels, "xl/workbook.xml": book,
                                         "xl/_rels/workbook.xml.rels": book_rels, "xl/worksheets/sheet1.xml": sheet}
    if shared:
        all_parts["xl/sharedStrings.xml"] = shared
    if styles:
        all_parts["xl/styles.xml"] = styles
    all_parts.update(parts or {})
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        for name, data in all_parts.items():
            if name not in drop:
                z.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path
