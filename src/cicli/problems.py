"""What can be wrong with an annex file: one stable code per problem, its severity and meaning.

docs/data.md's list of problems is tested against CATALOGUE.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# code: (severity, what it means) — the meaning is what the docs print.
CATALOGUE: dict[str, tuple[str, str]] = {
    "file-not-found": (ERROR, "The path does not exist."),
    "not-a-file": (ERROR, "The path is a folder or a device, not a file."),
    "unsupported-format": (ERROR, "The file is not a CSV or an XLSX workbook (an .xls, .ods, compressed or other file)."),
    "encrypted-file": (ERROR, "The workbook is protected by a password."),
    "unreadable-file": (ERROR, "The file is damaged or truncated and cannot be read."),
    "unsafe-file": (ERROR, "The workbook looks like a zip bomb or holds an XML entity attack."),
    "empty-file": (ERROR, "The file, or the sheet, holds no table."),
    "encoding-error": (ERROR, "The bytes are neither UTF-8 nor text in cp1252 that looks French."),
    "sheet-not-found": (ERROR, "The sheet given with --sheet is not in the workbook."),
    "too-large": (ERROR, "The file holds more than cicli reads (cells of a workbook, columns of a header): the "
                  "message gives the limit and how to go on."),
    "missing-name-column": (ERROR, "No column holds the centres' names (`name` or `Nom`)."),
    "duplicate-column": (ERROR, "Two columns of the file stand for the same column of the annex."),
    "extra-cell": (ERROR, "A row has more cells than the header."),
    "empty-name": (ERROR, "A row has data but no name."),
    "invalid-date": (ERROR, "A month is not written `YYYY-MM` (or a date, or `février 2022`)."),
    "invalid-number": (ERROR, "A number cannot be read (a year, an amount, a coordinate)."),
    "invalid-value": (ERROR, "A value is not one of those its column allows."),
    "blank-header": (WARNING, "A column with data has no header; cicli names it after its position."),
    "duplicate-header": (WARNING, "Two extra columns share a header; cicli names the second after its position."),
    "duplicate-name": (WARNING, "Two rows have the same name (ignoring case)."),
    "duplicate-lead-source": (WARNING, "Two rows share the same lead and the same source (ignoring case), as a copied row does."),
    "unknown-region": (WARNING, "The region is not one of Quebec's 17 administrative regions."),
    "invalid-url": (WARNING, "The source is not a web address (http:// or https://)."),
    "outside-quebec": (WARNING, "The latitude/longitude lies outside Quebec."),
    "control-character": (WARNING, "A cell holds control, zero-width or direction characters."),
    "formula-without-value": (WARNING, "A cell holds a formula whose result the file does not store: cicli cannot "
                              "compute it and reads the cell as empty."),
    "error-cell": (WARNING, "A cell shows a spreadsheet error (#REF!, #N/A…): cicli reads it as empty."),
    "mixed-encoding": (WARNING, "A cp1252 file holds rows written in UTF-8: their accents read as « Ã© »."),
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
