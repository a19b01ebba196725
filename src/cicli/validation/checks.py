"""The checks of an annex table, each over whole Arrow columns, and how their findings become problems."""

from __future__ import annotations

import difflib
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import labels, schema
from ..i18n import N_, _, ngettext, readable_count, readable_number
from ..problems import Problem
from ..speed.arrays import (
    boolean,
    character_class,
    holds_any,
    in_parallel,
    integers,
    map_values,
    number,
    one_chunk,
    strings,
    text,
    to_numpy_bools,
    to_numpy_ints,
)
from ..speed.arrays import mask as as_mask
from ..speed.repeats import codes, earlier_rows, repeats_of_codes
from ..text import fold, quoted, ranges
from . import spreadsheet

MAX_PER_CODE = 200
#: Problems of a cell cicli cannot read: the cell stays as written, and the other cells of its row are used.
KEPT_AS_WRITTEN = ("invalid-date", "invalid-number", "invalid-value")

# Patterns as strings, not compiled: Arrow's RE2 kernels take them so.
_NUMBER = r"^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$"  # what a person writes; not "inf" or "nan"
#: Control, zero-width and direction characters: invisible in a cell, and trouble in a file.
CONTROL = (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x200B, 0x2010), *range(0x202A, 0x202F),
           *range(0x2066, 0x206A), 0xFEFF)
_CONTROL = character_class(CONTROL)
_SPACE = (0x09, 0x0A, 0x0C, 0x0D, 0x20)  # RE2's \s: no web address holds one
_MISSING_LEAD = {"", "n/a", "n.a.", "na", "nd", "n.d.", "s/o", "so", "none", "aucun", "aucune", "-", "—"}


class Flagger:
    """Turns masks into problems, naming rows as the spreadsheet numbers them and columns as the file's
    header writes them."""

    def __init__(self, problems: list[Problem], headers: dict[str, str], row_numbers: np.ndarray,
                 counts: dict[str, int] | None = None):
        self.problems = problems
        self.headers = headers
        self.row_numbers = row_numbers
        self.counts: dict[str, int] = {} if counts is None else counts  # code → rows flagged, listed or not
        self._more: dict[str, int] = {}  # code → the place of its « N more rows » line among the problems

    def one(self, code: str, message: str, **where) -> None:
        self.problems.append(Problem.of(code, message, **where))

    def rows(self, code: str, mask, column: str | None, values, message) -> None:
        """A problem for each row where `mask` is true; `message(position, value)` words it. Past MAX_PER_CODE
        rows of a code, one line says how many more there are (kept true as later columns add rows)."""
        hits = np.flatnonzero(as_mask(mask))
        if not len(hits):
            return
        header = self.headers.get(column, column) if column else None
        done = self.counts.get(code, 0)
        for i in hits[: max(MAX_PER_CODE - done, 0)]:
            value = values[int(i)].as_py()
            words = message(i, value)
            if code in KEPT_AS_WRITTEN:
                words = _("{message}; cicli keeps it as written and does not use it.", message=words.rstrip("."))
            self.problems.append(Problem.of(code, words, row=int(self.row_numbers[i]), column=header,
                                            value=None if value is None else str(value)))
        self.counts[code] = done + len(hits)
        if self.counts[code] > MAX_PER_CODE:
            more = self.counts[code] - MAX_PER_CODE
            line = Problem.of(code, ngettext(
                "{count} more row has this problem; only the first {listed} are listed.",
                "{count} more rows have this problem; only the first {listed} are listed.", more,
                count=readable_count(more), listed=MAX_PER_CODE), column=header)
            if code in self._more:
                self.problems[self._more[code]] = line
            else:
                self._more[code] = len(self.problems)
                self.problems.append(line)


def typed(values: pa.ChunkedArray, spec: schema.Column, flag: Flagger) -> pa.Array | None:
    """The column's values in their type (None: its text stands); flags what cannot be read."""
    filled = pc.not_equal(values, text(""))

    def invalid(read) -> pa.ChunkedArray:  # a filled cell that could not be read
        return pc.and_(filled, pc.is_null(read))

    if spec.type in ("bool", "enum"):
        domain = spec.domain
        accepted = set(spec.allowed or labels.LABELS[domain])

        def code_of(v: str):
            code = labels.parse(domain, v) if v else ""
            return code if code == "" or code in accepted else None

        codes = map_values(values, code_of)
        allowed = _choices(domain, spec.allowed)
        flag.rows("invalid-value", invalid(codes), spec.name, values,
                  lambda i, v: _("{value} is not one of: {choices}.", value=quoted(v), choices=allowed))
        return pc.coalesce(codes, one_chunk(values))
    if spec.type == "enum_list":
        def parse_list(v: str):
            items = [labels.parse(spec.name, x) for x in v.split(schema.LIST_SEPARATOR)]
            return "; ".join(items) if all(items) else None
        codes = map_values(values, lambda v: parse_list(v) if v else "")
        allowed = _choices(spec.name, spec.allowed)
        flag.rows("invalid-value", invalid(codes), spec.name, values,
                  lambda i, v: _("{value} holds a kind that is not one of: {choices} (separate them with « ; »).",
                                 value=quoted(v), choices=allowed))
        return pc.coalesce(codes, one_chunk(values))
    if spec.type == "year":
        digits = pc.match_substring_regex(values, r"^[0-9]{4}$")
        years = pc.cast(pc.if_else(digits, values, text(None)), pa.float64())
        bad = pc.and_(filled, pc.invert(pc.fill_null(pc.and_(pc.greater_equal(years, number(1900)),
                                                              pc.less_equal(years, number(2100))), boolean(False))))
        flag.rows("invalid-number", bad, spec.name, values,
                  lambda i, v: _("{value} is not a year (four digits).", value=quoted(v)))
        return None
    if spec.type == "month":
        return _months(values, spec, flag, filled)
    if spec.type == "number":
        cleaned = pc.replace_substring(pc.replace_substring_regex(values, "[\\s\u00a0\u202f$]", ""), ",", ".")
        readable = pc.match_substring_regex(cleaned, _NUMBER)
        numbers = one_chunk(pc.cast(pc.if_else(readable, cleaned, text(None)), pa.float64()))
        # « 1e309 » is a number to the parser and infinity to a float: no workbook or JSON can hold it.
        numbers = pc.if_else(pc.is_finite(numbers), numbers, pa.nulls(1, pa.float64())[0])
        if pc.any(invalid(numbers)).as_py():  # amounts as people write them: « 12,5 M$ », « $1,250,000 »
            numbers = _amounts(values, numbers, spec, flag, invalid(numbers))
        flag.rows("invalid-number", invalid(numbers), spec.name, values,
                  lambda i, v: _("{value} is not a number.", value=quoted(v)))
        return numbers
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
                  lambda i, v: _url_message(v))
    return None


def _months(values, spec: schema.Column, flag: Flagger, filled) -> pa.Array:
    """Months as cicli writes them (2022-02), or as spreadsheets show them (févr-22, 01/12/2024, 44593): each
    of the latter said in a note. A column that writes dates both day first and month first is refused."""
    distinct = pc.unique(one_chunk(values)).to_pylist()
    order = spreadsheet.slash_order(distinct)
    read = {v: spreadsheet.month_of(v, order) for v in distinct}
    months = map_values(values, lambda v: read[v][0])
    how = map_values(values, lambda v: read[v][1] is not None, flags=True)
    flag.rows("read-as", how, spec.name, values,
              lambda i, v: _("{value} read as {month} ({how}).", value=quoted(v), month=read[v][0], how=_(read[v][1])))

    def message(i, v):
        if order is None and spreadsheet.slash_order([v]) is not None and "/" in v:
            return _("{value} is ambiguous: this column writes dates both day first and month first. Write it "
                     "YYYY-MM, as 2022-02.", value=quoted(v))
        return _("{value} is not a month: write it YYYY-MM, as 2022-02.", value=quoted(v))

    flag.rows("invalid-date", pc.and_(filled, pc.is_null(months)), spec.name, values, message)
    return pc.coalesce(months, one_chunk(values))


def _amounts(values, numbers: pa.Array, spec: schema.Column, flag: Flagger, unread) -> pa.Array:
    """The cells the quick reading left unread, read as amounts (« 12,5 M$ »): a note for each spelled-out unit."""
    rows = np.flatnonzero(as_mask(unread))
    cells = one_chunk(values).take(integers(rows)).to_pylist()
    read = {v: spreadsheet.number_of(v) for v in set(cells)}
    filled_in = numbers.to_numpy(zero_copy_only=False).copy()
    noted = np.zeros(len(filled_in), dtype=bool)
    for row, cell in zip(rows.tolist(), cells, strict=True):
        value, how = read[cell]
        if value is not None:
            filled_in[row] = value
            noted[row] = how is not None
    flag.rows("read-as", noted, spec.name, values,
              lambda i, v: _("{value} read as {number} ({how}).", value=quoted(v),
                             number=readable_number(read[v][0]), how=_(read[v][1])))
    return pa.array(filled_in, type=pa.float64(), from_pandas=True)


def _choices(domain: str, allowed: tuple[str, ...] = ()) -> str:
    """The codes a column allows, each with its label in the current language when it differs."""
    shown = []
    for code in allowed or labels.LABELS[domain]:
        label = labels.label(domain, code)
        shown.append(code if fold(label) == fold(code) else f"{code} ({label})")
    return ", ".join(shown)


_DOMAIN = re.compile(r"^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)


def _url_message(value: str) -> str:
    message = _("{value} is not a web address (http:// or https://).", value=quoted(value))
    if _DOMAIN.match(value):  # a site written without its scheme, as browsers let people type it
        message += " " + _("Did you mean {suggestion}?", suggestion=quoted("https://" + value))
    return message


# What a spreadsheet's last rows say when they add the others up: Total, Totaux, Total général, Grand total,
# Sous-total, Subtotal, Somme, Sum (and not « Totalement… »).
_TOTAL = r"^(?:(?:sous|sub|grand)[- ]?)?tota(?:l|ux)(?:[^a-z]|$)|^(?:somme|sum)$"


def total_rows(cells: pa.Table, flag: Flagger) -> pa.Array | None:
    """Flags the rows named as a total (« Total », « Sous-total », « Total général »…): a sum, not a centre.
    Their mask. A regular expression over the column: a million distinct names cost no Python call."""
    if "name" not in cells.column_names:
        return None
    names = cells["name"]
    short = pc.less_equal(pc.binary_length(names), integers(np.array([24]))[0])  # a total is named in a few words
    if not pc.any(short).as_py():
        return None
    totals = pc.and_(short, pc.match_substring_regex(names, _TOTAL, ignore_case=True))
    flag.rows("total-row", totals, "name", cells["name"],
              lambda i, v: _("this row looks like a total ({value}), not a centre: cicli counts it as a centre "
                             "unless you remove it.", value=quoted(v)))
    return totals


def regions(cells: pa.Table, flag: Flagger, totals: pa.Array | None) -> pa.Array | None:
    """The region each row means, as the 17 official names: written short, with its number or words around it
    (« 09 - Côte-Nord », « Cote Nord », « Région de la Côte-Nord ») it is one region everywhere, and a note says
    once what was read as what; a region that is none of the 17 is a warning, kept as written."""
    if "region" not in cells.column_names:
        return None
    values = cells["region"]
    encoded = one_chunk(pc.dictionary_encode(one_chunk(values)))
    distinct = encoded.dictionary.to_pylist()
    meant = {v: schema.region_of(v) if v else "" for v in distinct}
    read = map_values(values, lambda v: meant[v])
    unknown = pc.and_(pc.not_equal(values, text("")), pc.is_null(read))
    if totals is not None:  # a total row's « Total » is no region to correct
        unknown = pc.and_(unknown, pc.invert(totals))

    def message(i, value):
        close = difflib.get_close_matches(fold(value), schema.REGION_INDEX, n=1, cutoff=0.75)
        suggestion = schema.REGION_INDEX[close[0]] if close else None
        words = _("{value} is not one of Quebec's 17 administrative regions; cicli keeps it as written.",
                  value=quoted(value))
        return words + (" " + _("Did you mean {suggestion}?", suggestion=quoted(suggestion)) if suggestion else "")

    flag.rows("unknown-region", unknown, "region", values, message)
    # A hyphen for the en dash of « Saguenay–Lac-Saint-Jean » is the same name to a reader: no note for it.
    rewritten = [v for v in distinct if meant[v] and meant[v].replace("–", "-") != v.replace("–", "-")]
    if rewritten:
        positions = to_numpy_ints(encoded.indices)
        for value in rewritten:
            rows = flag.row_numbers[positions == distinct.index(value)]
            flag.one("read-as", _("{value} read as the region {region} ({rows}).", value=quoted(value),
                                  region=meant[value], rows=ngettext("row {rows}", "rows {rows}", len(rows),
                                                                     rows=ranges(rows.tolist()))),
                     row=int(rows[0]), column=flag.headers.get("region", "region"), value=value)
    return pc.coalesce(read, one_chunk(values))


def check_duplicates(cells: pa.Table, flag: Flagger) -> None:
    # A repeated or copied row repeats its text: comparing lowercased text finds it, and stays cheap
    # on a million rows (folding accents away would cost seconds there).
    checks = []
    if "name" in cells.column_names:
        checks.append(("duplicate-name", lambda: earlier_rows(cells["name"], pc.utf8_lower), "name",
                       N_("same name as row {first}; their ids tell them apart: this row's is {id}.")))
    if "id" in cells.column_names:
        checks.append(("duplicate-id", lambda: earlier_rows(cells["id"]), "id",
                       N_("same id as row {first}; cicli gives this row the id {id}.")))
    if {"lead", "source_url"} <= set(cells.column_names):
        checks.append(("duplicate-lead-source", lambda: _copied_rows(cells), "lead",
                       N_("same lead and same source as row {first}: was the row copied from it?")))
    ids = None
    for (code, _check, column, template), found in zip(checks, in_parallel(lambda check: check[1](), checks,
                                                                         cells.num_rows), strict=True):
        if found is None:
            continue
        positions, firsts = found
        # Rows come in order and at most MAX_PER_CODE are worded: their first rows are enough.
        first_of = dict(zip(positions[:MAX_PER_CODE].tolist(), firsts[:MAX_PER_CODE].tolist(), strict=True))
        if "{id}" in template and ids is None:
            from ..ids import RowIds

            ids = RowIds(cells)
        repeated = np.zeros(cells.num_rows, dtype=bool)
        repeated[positions] = True
        flag.rows(code, repeated, column, cells[column],
                  lambda i, v, f=first_of, t=template, ids=ids: _(t, first=int(flag.row_numbers[f[int(i)]]),
                                                                  id=ids and quoted(ids.of(int(i)))))


def _source_key(urls):
    return pc.utf8_rtrim(pc.utf8_lower(urls), characters="/")


def _copied_rows(cells: pa.Table) -> tuple[np.ndarray, np.ndarray] | None:
    """Rows with the same lead and the same source as an earlier row. Only rows whose source repeats
    can, so the pair is compared among those rows alone (none, in the usual case)."""
    sources = earlier_rows(cells["source_url"], _source_key)
    if sources is None:
        return None
    sharing = np.zeros(cells.num_rows, dtype=bool)  # the rows sharing a source: each repeat and its first row
    sharing[sources[0]] = sharing[sources[1]] = True
    rows = np.flatnonzero(sharing)
    if len(rows) > cells.num_rows // 10:  # a list of copied rows: number the pairs, as integers
        lead = cells["lead"]
        missing = to_numpy_bools(pc.is_in(pc.utf8_lower(lead), strings(sorted(_MISSING_LEAD))))
        leads, sources_ = codes(lead, pc.utf8_lower), codes(cells["source_url"], _source_key)
        pairs = leads * (int(sources_.max()) + 1) + sources_
        return repeats_of_codes(pairs, skip=missing | (leads < 0) | (sources_ < 0))
    pairs = cells.select(["lead", "source_url"]).take(integers(rows))
    lead = pc.utf8_lower(pairs["lead"])
    usable = pc.invert(pc.is_in(lead, strings(sorted(_MISSING_LEAD))))
    joined = pc.binary_join_element_wise(lead, _source_key(pairs["source_url"]), text("\x1f"))
    key = pc.if_else(usable, joined, text(""))
    found = earlier_rows(key)
    return None if found is None else (rows[found[0]], rows[found[1]])


def check_coordinates(typed: dict, flag: Flagger) -> None:
    """Coordinates outside Quebec: the likely fix when the sign is flipped (a longitude written east)."""
    for column, axis in (("latitude", "lat"), ("longitude", "lon")):
        if column not in typed:
            continue
        low, high = schema.QUEBEC_BOUNDS[axis]
        numbers = typed[column]
        outside = pc.or_(pc.less(numbers, number(low)), pc.greater(numbers, number(high)))

        def message(i, value, column=column, low=low, high=high):
            text = _("{column} {value} lies outside Quebec ({low} to {high}): the centre is left off the map.",
                     column=column, value=value, low=low, high=high)
            if low <= -value <= high:
                text += " " + _("Did you mean {suggestion}?", suggestion=f"{-value:g}")
            return text

        flag.rows("outside-quebec", outside, column, numbers, message)


def check_look_alike(cells: pa.Table, flag: Flagger) -> None:
    """Names and places that mix Latin letters with look-alike letters of another alphabet (cicli.text.look_alike;
    direction marks are control characters, flagged as such). Arrow finds the few candidate cells; Python looks at
    them."""
    import unicodedata

    from ..text import _SUSPECT, look_alike

    def letter(value: str):
        found = look_alike(value)
        return found if found is not None and found.isalpha() else None

    for column in ("name", "locality", "region"):
        if column not in cells.column_names:
            continue
        values = cells[column]
        maybe = pc.match_substring_regex(values, _SUSPECT.pattern)
        if not pc.any(maybe).as_py():
            continue
        rows = np.flatnonzero(to_numpy_bools(maybe))
        hits = np.zeros(len(values), dtype=bool)
        hits[[int(r) for r in rows if letter(values[int(r)].as_py())]] = True
        flag.rows("look-alike", hits, column, values, lambda i, v: _(
            "{value} mixes Latin letters with a letter of another alphabet that looks like one ({character}): "
            "it could pass for another name, and cicli never takes it for a centre of the report. Retype it.",
            value=quoted(v), character=f"U+{ord(letter(v)):04X} {unicodedata.name(letter(v), '')}"))
