"""A table of raw strings → typed values and a report of problems.

Checks run on whole columns; only the rows they flag are visited, and at most
MAX_PER_CODE of them are listed for each code.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from . import labels, schema
from .columns import arrow_strings, distinct_rows, in_parallel, map_distinct
from .errors import InputError
from .problems import ERROR, Problem
from .reader import Table, read_table
from .text import fold

MAX_PER_CODE = 200

_MONTHS = {fold(m): i + 1 for names in (
    ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"),
) for i, m in enumerate(names)}
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?: 00:00:00)?$")
_WORD_MONTH = re.compile(r"^([a-z]+) (\d{4})$")
# Patterns as strings, not compiled: pandas hands them to Arrow's RE2 kernels.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
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
    """Read and check an annex file; raise InputError naming the problems if it has errors."""
    table = read_table(path, sheet=sheet, encoding=encoding)
    frame, report = check(table)
    if not report.valid:
        errors = report.errors
        first = errors[0]
        more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''}; run `cicli validate` to list them)" \
            if len(errors) > 1 else ""
        raise InputError(first.message + more, code=first.code, path=table.source, row=first.row, column=first.column)
    return Centres(frame=frame, table=table, report=report)


def check(table: Table) -> tuple[pd.DataFrame, Report]:
    """Typed values and the report of problems of a table."""
    report = Report(source=table.source, format=table.format, encoding=table.encoding,
                    delimiter=table.delimiter, sheet=table.sheet, header_row=table.header_row,
                    problems=list(table.problems))
    frame = table.frame  # never written to: typed columns come back in a new frame (assign)
    flag = _Flagger(report.problems, table.headers)
    if "name" not in frame.columns:
        found = ", ".join(repr(h) for h in table.headers.values() if h) or "none"
        flag.one("missing-name-column",
                 f"no column holds the centres' names: name it `name` or `Nom`. Headers found on row "
                 f"{table.header_row}: {found}.", row=table.header_row)
    else:
        flag.rows("empty-name", frame["name"] == "", "name", frame["name"],
                  lambda r, v: "this row has data but no name.")
    def scan(column: str) -> tuple[bool, bool]:  # whether the column holds anything, and control characters
        strings = arrow_strings(frame[column])
        return (pc.any(pc.not_equal(strings, "")).as_py(),
                pc.any(pc.match_substring_regex(strings, _CONTROL)).as_py())

    typed = {}
    for column, (filled, control) in zip(frame.columns, in_parallel(scan, frame.columns, len(frame))):
        if not filled:  # an empty column: nothing to read or flag
            spec = schema.BY_NAME.get(column)
            if spec is not None and spec.type == "number":
                typed[column] = pd.Series(np.nan, index=frame.index)
            continue
        if control:
            flag.rows("control-character", frame[column].str.contains(_CONTROL), column, frame[column],
                      lambda r, v: "the cell holds control, zero-width or direction characters; check it in the source.")
        spec = schema.BY_NAME.get(column)
        if spec is not None and spec.type != "text":
            typed[column] = _typed(frame[column], spec, flag)
    if typed:
        frame = frame.assign(**typed)
    _check_regions(frame, flag)
    _check_duplicates(frame, flag)
    _check_coordinates(frame, flag)
    # As a person reads a sheet: by row, then left to right; notes without a row last.
    position = {header: i for i, header in enumerate(table.headers.values())}
    report.problems.sort(key=lambda p: (float("inf") if p.row is None else p.row, position.get(p.column, -1)))
    return frame, report


class _Flagger:
    """Turns masks into problems, naming the column as the file's header writes it."""

    def __init__(self, problems: list[Problem], headers: dict[str, str]):
        self.problems = problems
        self.headers = headers
        self.counts: dict[str, int] = {}

    def one(self, code: str, message: str, **where) -> None:
        self.problems.append(Problem.of(code, message, **where))

    def rows(self, code: str, mask: pd.Series, column: str | None, values: pd.Series, message) -> None:
        hits = mask[mask.fillna(False).astype(bool)].index
        if not len(hits):
            return
        header = self.headers.get(column, column) if column else None
        done = self.counts.get(code, 0)
        for row in hits[: max(MAX_PER_CODE - done, 0)]:
            value = values.loc[row]
            self.problems.append(Problem.of(code, message(row, value), row=int(row), column=header,
                                            value=None if value is None else str(value)))
        self.counts[code] = done + len(hits)
        if self.counts[code] > MAX_PER_CODE and done <= MAX_PER_CODE:
            self.problems.append(Problem.of(code, f"{self.counts[code] - MAX_PER_CODE} more rows have this problem; "
                                            f"only the first {MAX_PER_CODE} are listed.", column=header))


def _typed(values: pd.Series, spec: schema.Column, flag: _Flagger) -> pd.Series:
    """The column's values in their type; flags what cannot be read."""
    filled = values != ""
    if spec.type in ("bool", "enum"):
        domain = "bool" if spec.type == "bool" else spec.name
        codes = map_distinct(values, lambda v: labels.parse(domain, v) if v else "")
        allowed = ", ".join(labels.LABELS[domain])
        flag.rows("invalid-value", filled & codes.isna(), spec.name, values,
                  lambda r, v: f"{v!r} is not one of: {allowed}.")
        return codes.fillna(values)
    if spec.type == "enum_list":
        def parse_list(v: str):
            items = [labels.parse(spec.name, x) for x in v.split(schema.LIST_SEPARATOR)]
            return "; ".join(items) if all(items) else None
        codes = map_distinct(values, lambda v: parse_list(v) if v else "")
        allowed = ", ".join(labels.LABELS[spec.name])
        flag.rows("invalid-value", filled & codes.isna(), spec.name, values,
                  lambda r, v: f"{v!r} holds a kind that is not one of: {allowed} (separate them with « ; »).")
        return codes.fillna(values)
    if spec.type == "year":
        numbers = pd.to_numeric(values.where(values.str.fullmatch(r"\d{4}"), None), errors="coerce")
        bad = filled & (numbers.isna() | (numbers < 1900) | (numbers > 2100))
        flag.rows("invalid-number", bad, spec.name, values, lambda r, v: f"{v!r} is not a year (four digits).")
        return values
    if spec.type == "month":
        months = map_distinct(values, _month)
        flag.rows("invalid-date", filled & months.isna(), spec.name, values,
                  lambda r, v: f"{v!r} is not a month: write it YYYY-MM, as 2022-02.")
        return months.fillna(values)
    if spec.type == "number":
        cleaned = values.str.replace(r"[\s\u00a0\u202f$]", "", regex=True).str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(cleaned.where(filled, None), errors="coerce")
        flag.rows("invalid-number", filled & numbers.isna(), spec.name, values,
                  lambda r, v: f"{v!r} is not a number.")
        return numbers
    if spec.type == "url":
        strings = arrow_strings(values)
        web = pc.or_(pc.starts_with(strings, "http://", ignore_case=True), pc.starts_with(strings, "https://", ignore_case=True))
        url = pc.and_(web, pc.invert(pc.match_substring_regex(strings, r"\s")))
        flag.rows("invalid-url", filled & ~pd.Series(url.to_numpy(zero_copy_only=False), index=values.index),
                  spec.name, values, lambda r, v: f"{v!r} is not a web address (http:// or https://).")
    return values


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


def _check_regions(frame: pd.DataFrame, flag: _Flagger) -> None:
    if "region" not in frame.columns:
        return
    regions = frame["region"]
    known = map_distinct(regions, lambda v: fold(v) in schema.REGION_INDEX if v else True)

    def message(row, value):
        close = difflib.get_close_matches(fold(value), schema.REGION_INDEX, n=1, cutoff=0.6)
        hint = f" Did you mean {schema.REGION_INDEX[close[0]]!r}?" if close else ""
        return f"{value!r} is not one of Quebec's 17 administrative regions.{hint}"

    flag.rows("unknown-region", ~known.astype(bool), "region", regions, message)


def _check_duplicates(frame: pd.DataFrame, flag: _Flagger) -> None:
    # A repeated or copied row repeats its text: comparing lowercased text finds it, and stays cheap
    # on a million rows (folding accents away would cost seconds there).
    checks = []
    if "name" in frame.columns:
        def names() -> pd.Series:
            lowered = frame["name"].str.lower()
            return lowered.where(lowered != "")
        checks.append(("duplicate-name", names, "name", "same name as row {first}."))
    if {"lead", "source_url"} <= set(frame.columns):
        def lead_and_source() -> pd.Series:
            lead = frame["lead"].str.lower()
            usable = ~lead.isin(_MISSING_LEAD) & (frame["source_url"] != "")
            return (lead + "\x1f" + frame["source_url"].str.lower().str.rstrip("/")).where(usable)
        checks.append(("duplicate-lead-source", lead_and_source, "lead",
                       "same lead and same source as row {first}: was the row copied from it?"))
    found = in_parallel(lambda check: _earlier_rows(check[1]()), checks, len(frame))
    for (code, _, column, template), earlier in zip(checks, found):
        if earlier is not None:
            flag.rows(code, pd.Series(True, index=earlier.index), column, frame[column],
                      lambda r, v, e=earlier, t=template: t.format(first=int(e[r])))


def _earlier_rows(key: pd.Series) -> pd.Series | None:
    """For each row whose key (not missing) appeared on an earlier row: the first of those rows. None when
    no key repeats, the usual case, known from one pass that only collects the distinct keys."""
    present = key.dropna()
    if len(pc.unique(arrow_strings(present))) == len(present):
        return None
    firsts, groups = distinct_rows(present.to_frame("key"), ["key"])
    positions = firsts[groups]
    repeated = positions != np.arange(len(positions))
    rows = present.index.to_numpy()
    return pd.Series(rows[positions[repeated]], index=rows[repeated])


def _check_coordinates(frame: pd.DataFrame, flag: _Flagger) -> None:
    for column, axis in (("latitude", "lat"), ("longitude", "lon")):
        if column not in frame.columns:
            continue
        low, high = schema.QUEBEC_BOUNDS[axis]
        numbers = frame[column]
        outside = numbers.notna() & ((numbers < low) | (numbers > high))
        flag.rows("outside-quebec", outside, column, numbers,
                  lambda r, v, c=column, lo=low, hi=high: f"{c} {v} lies outside Quebec ({lo} to {hi}).")
