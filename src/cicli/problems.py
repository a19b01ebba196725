"""What can be wrong with an annex file: one stable code per problem, its severity and meaning.

docs/data.md's list of problems is tested against CATALOGUE.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .i18n import N_

ERROR = "error"  # the file, or a row of it, cannot be used: a row in error is left out, a file in error stops
WARNING = "warning"  # the file can be used, but something in it is probably wrong
NOTE = "note"  # what cicli did that the user should know (blank rows skipped); --strict ignores it
SEVERITIES = (ERROR, WARNING, NOTE)

# code: (severity, what it means) — the meaning is what the docs print, in the reader's language.
CATALOGUE: dict[str, tuple[str, str]] = {
    "file-not-found": (ERROR, N_("The path does not exist.")),
    "not-a-file": (ERROR, N_("The path is a folder or a device, not a file.")),
    "unsupported-format": (ERROR, N_("The file is not a CSV or an XLSX workbook (an .xls, .ods, compressed or "
                                     "other file).")),
    "encrypted-file": (ERROR, N_("The workbook is protected by a password.")),
    "unreadable-file": (ERROR, N_("The file is damaged or truncated and cannot be read.")),
    "unsafe-file": (ERROR, N_("The workbook looks like a zip bomb or holds an XML entity attack.")),
    "empty-file": (ERROR, N_("The file, or the sheet, holds no table.")),
    "encoding-error": (ERROR, N_("The bytes are neither UTF-8 nor text in cp1252 that looks French.")),
    "sheet-not-found": (ERROR, N_("The sheet given with --sheet is not in the workbook.")),
    "too-large": (ERROR, N_("The file holds more than cicli reads (cells of a workbook, columns of a header): the "
                            "message gives the limit and how to go on.")),
    "missing-name-column": (ERROR, N_("No column holds the centres' names (`Nom` or `name`).")),
    "no-rows": (WARNING, N_("The table has a header but no row under it: every command shows 0 centres.")),
    "duplicate-column": (ERROR, N_("Two columns of the file stand for the same column of the annex.")),
    "extra-cell": (ERROR, N_("A row has more cells than the header: cicli leaves the row out, and classifies the "
                             "others.")),
    "empty-name": (ERROR, N_("A row has data but no name: cicli leaves the row out, and classifies the others.")),
    "invalid-date": (WARNING, N_("A month is not written `YYYY-MM` (or a year, a date, `février 2022`): cicli keeps "
                                 "the cell as written and does not use it.")),
    "invalid-number": (WARNING, N_("A number cannot be read (a year, an amount, a coordinate): cicli keeps the cell "
                                   "as written and does not use it.")),
    "invalid-value": (WARNING, N_("A value is not one of those its column allows (a status, yes or no, a kind): "
                                  "cicli keeps it as written and does not use it.")),
    "blank-header": (WARNING, N_("A column with data has no header; cicli names it after its position.")),
    "duplicate-header": (WARNING, N_("Two extra columns share a header; cicli names the second after its position.")),
    "duplicate-name": (WARNING, N_("Two rows have the same name (ignoring case); their ids tell them apart.")),
    "duplicate-id": (WARNING, N_("Two rows have the same id; cicli gives the later one the id followed by -2, -3…")),
    "duplicate-lead-source": (WARNING, N_("Two rows share the same lead and the same source (ignoring case), as a "
                                          "copied row does.")),
    "total-row": (WARNING, N_("A row is named as a total (« Total », « Sous-total »), not as a centre.")),
    "not-a-ci": (WARNING, N_("A row names a body the report says is not a centre of the programme (LaboIDN, CIMEQ, "
                             "Innofibre, Synchronex…); the message quotes the report.")),
    "not-a-centre": (WARNING, N_("A row names a body the report names that is not a centre (a zone or a zone "
                                 "project, a research centre, an organisation): it gets no centre's facts.")),
    "near-miss": (WARNING, N_("A row is close to one of the report's centres without being surely it: cicli says "
                              "which and why, and does not complete it.")),
    "differs-from-report": (WARNING, N_("A row that is one of the report's centres gives a value the report "
                                        "contradicts: both are kept, the message quotes the report.")),
    "verdict-differs": (WARNING, N_("A verdict your file writes (an earlier export, edited) is not the one the "
                                    "typology gives: both are shown, with the reason.")),
    "unknown-region": (WARNING, N_("The region is not one of Quebec's 17 administrative regions.")),
    "invalid-url": (WARNING, N_("The source is not a web address (http:// or https://).")),
    "outside-quebec": (WARNING, N_("The latitude/longitude lies outside Quebec: the centre is left off the map.")),
    "control-character": (WARNING, N_("A cell holds control, zero-width or direction characters.")),
    "look-alike": (WARNING, N_("A name or a place mixes Latin letters with look-alike letters of another alphabet, or "
                               "holds direction marks: it could pass for another; cicli never matches it to the "
                               "report.")),
    "formula-without-value": (WARNING, N_("A cell holds a formula whose result the file does not store: cicli "
                                          "cannot compute it and reads the cell as empty.")),
    "error-cell": (WARNING, N_("A cell shows a spreadsheet error (#REF!, #N/A…): cicli reads it as empty.")),
    "mixed-encoding": (WARNING, N_("A cp1252 file holds rows written in UTF-8: their accents read as « Ã© ».")),
    "blank-row": (NOTE, N_("Blank rows inside the table: cicli skips them.")),
    "read-as": (NOTE, N_("A value written as a spreadsheet shows it (« févr-22 », « 01/12/2024 », « 12,5 M$ »): "
                         "cicli says how it read it.")),
}


@dataclass(frozen=True)
class Problem:
    severity: str
    code: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    @classmethod
    def of(cls, code: str, message: str, *, row: int | None = None, column: str | None = None,
           value: str | None = None) -> Problem:
        return cls(CATALOGUE[code][0], code, row, column, value, message)

    def as_dict(self) -> dict:
        return asdict(self)
