"""A table of raw strings → typed values and a report of problems.

Checks run on whole Arrow columns, without pandas (`cicli validate` never imports it); only the
rows they flag are visited, and at most MAX_PER_CODE of them are listed for each code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import labels, schema
from .arrays import (
    boolean,
    character_class,
    earlier_rows,
    holds_any,
    in_parallel,
    integers,
    map_values,
    number,
    one_chunk,
    strings,
    text,
    text_bytes,
)
from .arrays import mask as as_mask
from .errors import InputError
from .problems import ERROR, Problem
from .reader import Table, read_table
from .text import fold

if TYPE_CHECKING:
    import pandas as pd

MAX_PER_CODE = 200

_MONTHS = {fold(m): i + 1 for names in (
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
) for i, m in enumerate(names)}
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?: 00:00:00)?$")
_WORD_MONTH = re.compile(r"^([a-z]+) (\d{4})$")
# Patterns as strings, not compiled: Arrow's RE2 kernels take them so.
_NUMBER = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"  # what a person writes; not "inf" or "nan"
#: Control, zero-width and direction characters: invisible in a cell, and trouble in a file.
CONTROL = (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
           *range(0x2066, 0x206A), 0xFEFF)
_CONTROL = character_class(CONTROL)
_SPACE = (0x09, 0x0A, 0x0C, 0x0D, 0x20)  # RE2's \s: no web address holds one
_MISSING_LEAD = {"", "n/a", "n.a.", "na", "nd", "n.d.", "s/o", "so", "none", "aucun", "aucune", "-", "—"}


@dataclass
class Report:
    """What validation found: problems as data, and how the file was read."""

    source: str
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def as_dict(self) -> dict:
        return {"valid": self.valid, "source": self.source, "format": self.format, "encoding": self.encoding,
                "delimiter": self.delimiter, "sheet": self.sheet, "header_row": self.header_row,
                "problems": [p.as_dict() for p in self.problems]}


@dataclass
class Centres:
    """A validated annex: typed values (codes for enums, YYYY-MM months, floats), and its report."""

    frame: pd.DataFrame
    table: Table
    report: Report


def validate(path=None, *, sheet: str | None = None, encoding: str | None = None) -> Report:
    """Read and check an annex file; a file that cannot be read gives a report with one error."""
    try:
        table = read_table(path, sheet=sheet, encoding=encoding)
    except InputError as e:
        return Report(source=str(path), problems=[Problem.of(e.code, e.message)])
    return check(table)[1]


def load(path=None, *, sheet: str | None = None, encoding: str | None = None) -> Centres:
    """Read and check an annex file; raise InputError naming the problems if it has errors.

    The report lists errors and the warnings found while reading; `validate` gives every warning.
    """
    table = read_table(path, sheet=sheet, encoding=encoding)
    typed, report = check(table, warnings=False)
    if not report.valid:
        errors = report.errors
        first = errors[0]
        more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''}; run `cicli validate` to list them)" \
            if len(errors) > 1 else ""
        raise InputError(first.message + more, code=first.code, path=table.source, row=first.row, column=first.column)
    return Centres(frame=_typed_frame(table, typed), table=table, report=report)


def _typed_frame(table: Table, typed: dict) -> pd.DataFrame:
    """The table as a DataFrame, typed columns in place of their text."""
    import pandas as pd

    from .columns import str_series

    frame = table.frame  # never written to: typed columns come back in a new frame (assign)
    if not typed:
        return frame

    def series(values) -> pd.Series:
        if pa.types.is_large_string(values.type):
            return str_series(values, frame.index)
        return pd.Series(values.to_numpy(zero_copy_only=False), index=frame.index)

    return frame.assign(**{column: series(values) for column, values in typed.items()})


def check(table: Table, *, warnings: bool = True) -> tuple[dict[str, pa.Array], Report]:
    """The typed values of the columns whose type is not text, and the report of problems of a table.

    Without `warnings`, only the checks that can find errors run (those that would stop a command):
    what classify, compare and export need; on a million rows the others cost half a second.
    """
    report = Report(source=table.source, format=table.format, encoding=table.encoding,
                    delimiter=table.delimiter, sheet=table.sheet, header_row=table.header_row,
                    problems=list(table.problems))
    cells = table.cells
    flag = _Flagger(report.problems, table.headers, table.rows)
    if "name" not in cells.column_names:
        found = ", ".join(repr(h) for h in table.headers.values() if h) or "none"
        flag.one("missing-name-column",
                 f"no column holds the centres' names: name it `name` or `Nom`. Headers found on row "
                 f"{table.header_row}: {found}.", row=table.header_row)
    else:
        flag.rows("empty-name", pc.equal(cells["name"], text("")), "name", cells["name"],
                  lambda i, v: "this row has data but no name.")

    def scan(column: str) -> tuple[bool, bool]:  # whether the column holds anything, and control characters
        filled = text_bytes(cells[column]) > 0
        return filled, warnings and filled and holds_any(cells[column], CONTROL)

    typed: dict[str, pa.Array] = {}
    for column, (filled, control) in zip(cells.column_names, in_parallel(scan, cells.column_names, cells.num_rows)):
        spec = schema.BY_NAME.get(column)
        if not filled:  # an empty column: nothing to read or flag
            if spec is not None and spec.type == "number":
                typed[column] = pa.nulls(cells.num_rows, pa.float64())
            continue
        if control:
            flag.rows("control-character", pc.match_substring_regex(cells[column], _CONTROL), column, cells[column],
                      lambda i, v: "the cell holds control, zero-width or direction characters; check it in the source.")
        if spec is not None and spec.type != "text" and (warnings or spec.type != "url"):  # addresses only warn
            values = _typed(cells[column], spec, flag)
            if values is not None:
                typed[column] = values
    if warnings:
        _check_regions(cells, flag)
        _check_duplicates(cells, flag)
        _check_coordinates(typed, flag)
    # As a person reads a sheet: by row, then left to right; notes without a row last.
    position = {header: i for i, header in enumerate(table.headers.values())}
    report.problems.sort(key=lambda p: (float("inf") if p.row is None else p.row, position.get(p.column, -1)))
    return typed, report


class _Flagger:
    """Turns masks into problems, naming rows as the spreadsheet numbers them and columns as the file's
    header writes them."""

    def __init__(self, problems: list[Problem], headers: dict[str, str], row_numbers: np.ndarray):
        self.problems = problems
        self.headers = headers
        self.row_numbers = row_numbers
        self.counts: dict[str, int] = {}

    def one(self, code: str, message: str, **where) -> None:
        self.problems.append(Problem.of(code, message, **where))

    def rows(self, code: str, mask, column: str | None, values, message) -> None:
        """A problem for each row where `mask` is true; `message(position, value)` words it."""
        hits = np.flatnonzero(as_mask(mask))
        if not len(hits):
            return
        header = self.headers.get(column, column) if column else None
        done = self.counts.get(code, 0)
        for i in hits[: max(MAX_PER_CODE - done, 0)]:
            value = values[int(i)].as_py()
            self.problems.append(Problem.of(code, message(i, value), row=int(self.row_numbers[i]), column=header,
                                            value=None if value is None else str(value)))
        self.counts[code] = done + len(hits)
        if self.counts[code] > MAX_PER_CODE and done <= MAX_PER_CODE:
            self.problems.append(Problem.of(code, f"{self.counts[code] - MAX_PER_CODE} more rows have this problem; "
                                            f"only the first {MAX_PER_CODE} are listed.", column=header))


def _typed(values: pa.ChunkedArray, spec: schema.Column, flag: _Flagger) -> pa.Array | None:
    """The column's values in their type (None: its text stands); flags what cannot be read."""
    filled = pc.not_equal(values, text(""))

    def invalid(read) -> pa.ChunkedArray:  # a filled cell that could not be read
        return pc.and_(filled, pc.is_null(read))

    if spec.type in ("bool", "enum"):
        domain = "bool" if spec.type == "bool" else spec.name
        codes = map_values(values, lambda v: labels.parse(domain, v) if v else "")
        allowed = ", ".join(labels.LABELS[domain])
        flag.rows("invalid-value", invalid(codes), spec.name, values, lambda i, v: f"{v!r} is not one of: {allowed}.")
        return pc.coalesce(codes, one_chunk(values))
    if spec.type == "enum_list":
        def parse_list(v: str):
            items = [labels.parse(spec.name, x) for x in v.split(schema.LIST_SEPARATOR)]
            return "; ".join(items) if all(items) else None
        codes = map_values(values, lambda v: parse_list(v) if v else "")
        allowed = ", ".join(labels.LABELS[spec.name])
        flag.rows("invalid-value", invalid(codes), spec.name, values,
                  lambda i, v: f"{v!r} holds a kind that is not one of: {allowed} (separate them with « ; »).")
        return pc.coalesce(codes, one_chunk(values))
    if spec.type == "year":
        digits = pc.match_substring_regex(values, r"^[0-9]{4}$")
        years = pc.cast(pc.if_else(digits, values, text(None)), pa.float64())
        bad = pc.and_(filled, pc.invert(pc.fill_null(pc.and_(pc.greater_equal(years, number(1900)),
                                                              pc.less_equal(years, number(2100))), boolean(False))))
        flag.rows("invalid-number", bad, spec.name, values, lambda i, v: f"{v!r} is not a year (four digits).")
        return None
    if spec.type == "month":
        months = map_values(values, _month)
        flag.rows("invalid-date", invalid(months), spec.name, values,
                  lambda i, v: f"{v!r} is not a month: write it YYYY-MM, as 2022-02.")
        return pc.coalesce(months, one_chunk(values))
    if spec.type == "number":
        cleaned = pc.replace_substring(pc.replace_substring_regex(values, "[\\s\u00a0\u202f$]", ""), ",", ".")
        readable = pc.match_substring_regex(cleaned, _NUMBER)
        numbers = pc.cast(pc.if_else(readable, cleaned, text(None)), pa.float64())
        flag.rows("invalid-number", invalid(numbers), spec.name, values, lambda i, v: f"{v!r} is not a number.")
        return one_chunk(numbers)
    if spec.type == "url":
        def web_of(ignore_case: bool):
            return pc.or_(pc.starts_with(values, "http://", ignore_case=ignore_case),
                          pc.starts_with(values, "https://", ignore_case=ignore_case))
        web = web_of(False)  # ten times cheaper than ignoring case, and enough when all are lowercase
        if not pc.all(pc.or_(web, pc.invert(filled))).as_py():
            web = web_of(True)
        url = pc.and_(web, pc.invert(pc.match_substring_regex(values, character_class(_SPACE)))) \
            if holds_any(values, _SPACE) else web
        flag.rows("invalid-url", pc.and_(filled, pc.invert(url)), spec.name, values,
                  lambda i, v: f"{v!r} is not a web address (http:// or https://).")
    return None


def _month(text: str) -> str | None:
    if not text:
        return ""
    if m := _ISO_MONTH.match(text.strip()):
        year, month = int(m.group(1)), int(m.group(2))
    elif m := _WORD_MONTH.match(fold(text)):
        if m.group(1) not in _MONTHS:
            return None
        year, month = int(m.group(2)), _MONTHS[m.group(1)]
    else:
        return None
    return f"{year:04d}-{month:02d}" if 1 <= month <= 12 and 1900 <= year <= 2100 else None


def _check_regions(cells: pa.Table, flag: _Flagger) -> None:
    if "region" not in cells.column_names:
        return
    regions = cells["region"]
    known = map_values(regions, lambda v: fold(v) in schema.REGION_INDEX if v else True, flags=True)

    def message(i, value):
        close = difflib.get_close_matches(fold(value), schema.REGION_INDEX, n=1, cutoff=0.6)
        hint = f" Did you mean {schema.REGION_INDEX[close[0]]!r}?" if close else ""
        return f"{value!r} is not one of Quebec's 17 administrative regions.{hint}"

    flag.rows("unknown-region", pc.invert(known), "region", regions, message)


def _check_duplicates(cells: pa.Table, flag: _Flagger) -> None:
    # A repeated or copied row repeats its text: comparing lowercased text finds it, and stays cheap
    # on a million rows (folding accents away would cost seconds there).
    checks = []
    if "name" in cells.column_names:
        checks.append(("duplicate-name", lambda: earlier_rows(cells["name"], pc.utf8_lower), "name",
                       "same name as row {first}."))
    if {"lead", "source_url"} <= set(cells.column_names):
        checks.append(("duplicate-lead-source", lambda: _copied_rows(cells), "lead",
                       "same lead and same source as row {first}: was the row copied from it?"))
    for (code, _, column, template), found in zip(checks, in_parallel(lambda check: check[1](), checks, cells.num_rows)):
        if found is not None:
            positions, firsts = found
            # Rows come in order and at most MAX_PER_CODE are worded: their first rows are enough.
            first_of = dict(zip(positions[:MAX_PER_CODE].tolist(), firsts[:MAX_PER_CODE].tolist()))
            repeated = np.zeros(cells.num_rows, dtype=bool)
            repeated[positions] = True
            flag.rows(code, repeated, column, cells[column],
                      lambda i, v, f=first_of, t=template: t.format(first=int(flag.row_numbers[f[int(i)]])))


def _source_key(urls):
    return pc.utf8_rtrim(pc.utf8_lower(urls), characters="/")


def _copied_rows(cells: pa.Table) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows with the same lead and the same source as an earlier row. Only rows whose source repeats
    can, so the pair is compared among those rows alone (none, in the usual case)."""
    sources = earlier_rows(cells["source_url"], _source_key)
    if sources is None:
        return None
    rows = np.union1d(*sources)  # the rows sharing a source: each repeat and its first row
    pairs = cells.select(["lead", "source_url"]).take(integers(rows))
    lead = pc.utf8_lower(pairs["lead"])
    usable = pc.invert(pc.is_in(lead, strings(sorted(_MISSING_LEAD))))
    key = pc.if_else(usable, pc.binary_join_element_wise(lead, _source_key(pairs["source_url"]), text("\x1f")), text(""))
    found = earlier_rows(key)
    return None if found is None else (rows[found[0]], rows[found[1]])


def _check_coordinates(typed: dict, flag: _Flagger) -> None:
    for column, axis in (("latitude", "lat"), ("longitude", "lon")):
        if column not in typed:
            continue
        low, high = schema.QUEBEC_BOUNDS[axis]
        numbers = typed[column]
        outside = pc.or_(pc.less(numbers, number(low)), pc.greater(numbers, number(high)))
        flag.rows("outside-quebec", outside, column, numbers,
                  lambda i, v, c=column, lo=low, hi=high: f"{c} {v} lies outside Quebec ({lo} to {hi}).")
