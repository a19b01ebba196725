"""The tables every export writes: the annex as the report lays it out with its typology, and the typology
with its reasons."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

from .. import __version__, labels, schema, verdict_columns
from ..i18n import _
from ..speed.frames import map_distinct
from ..study.funding import NUMBER_QUALIFIERS
from ..text import fold
from ..typology import AXIS_NAMES
from ..wording import Hedged, field_label, qualifier_of, verdict_text


def verdict_header(axis: str, lang: str) -> str:
    """« Typologie : statut »: distinct from the data's own « Statut », and grouped with the other verdicts."""
    return verdict_columns.header(axis, lang)


def zone_header(lang: str) -> str:
    return verdict_columns.header("zone", lang)


def annex_table(centres, table: pd.DataFrame, lang: str, *, words: bool = False) -> pd.DataFrame:
    """The annex as the report lays it out (by region), the verdicts beside it, then the other columns.

    Without `words`, data cells are the file's own text, so that cicli reads an export back as it read its
    source. With `words` (for people: the workbook, the CSV for Excel), coded values are words of `lang`
    (oui, désigné, entreprise), numbers are numbers and months are dates; cicli reads those back too.
    A verdict column the file holds (an earlier export, perhaps edited) is never written over: it stays beside
    cicli's verdict, headed « … — votre fichier », when someone changed it somewhere (an unchanged one is cicli's
    own, written again).
    """
    from ..pipeline import typed_verdicts

    raw, headers = centres.raw, centres.table.headers
    written = {f: c for f, c in typed_verdicts(centres.table).items() if f in centres.edited}
    dropped = set(typed_verdicts(centres.table).values())
    rows = annex_order(centres)
    cells = people_cells(centres.frame, raw) if words else raw
    out = pd.DataFrame(index=rows)
    for column in schema.ANNEX_COLUMNS:
        if column in raw.columns:
            out[column_header(column, headers, lang)] = cells.loc[rows, column]
    for axis in AXIS_NAMES:
        out[verdict_header(axis, lang)] = verdict_text(table.loc[rows, axis], axis, lang)
        if axis in written:
            out[verdict_columns.yours(axis, lang)] = raw.loc[rows, written[axis]]
        if axis == "anchoring":
            out[zone_header(lang)] = table.loc[rows, "zone"]
            if "zone" in written:
                out[verdict_columns.yours("zone", lang)] = raw.loc[rows, written["zone"]]
    for column in raw.columns:
        if column not in schema.ANNEX_COLUMNS and column not in dropped:
            out[column_header(column, headers, lang)] = cells.loc[rows, column]
    return out.reset_index(drop=True)


def annex_order(centres) -> pd.Index:
    """The rows of the file in the order the annex lays them out (by region, then as the file has them): for each
    line of annex_table, the file's row, where the marks of problems and changes go."""
    raw = centres.raw
    order = map_distinct(raw["region"], _region_key) if "region" in raw.columns else pd.Series(0, index=raw.index)
    return order.sort_values(kind="stable").index


def problems_table(findings) -> pd.DataFrame:
    """What checking the file found, for people: the row, the column, how serious, what it means (no codes)."""
    severity = {"error": _("Error"), "warning": _("Warning"), "note": _("Note")}
    rows = [(p.row if p.row is not None else "", p.column or "", severity[p.severity], p.message)
            for p in findings.problems]
    return pd.DataFrame(rows, columns=[_("Row"), _("Column"), _("Kind"), _("What cicli found")])


def problem_marks(findings) -> dict[int, str]:
    """The file's row → what checking found there, one line each: a mark on the row wherever it is shown."""
    marks: dict[int, list[str]] = {}
    for p in findings.problems:
        if p.row is not None and p.severity != "note":
            marks.setdefault(p.row, []).append(f"{p.column}: {p.message}" if p.column else p.message)
    return {row: "\n".join(lines) for row, lines in marks.items()}


def changes_table(lang: str) -> pd.DataFrame:
    """Where the bundled annex differs from the annex the report prints: each cell corrected, removed or added,
    what the report prints, what cicli holds, and why (line breaks joined are left out: the text is the same)."""
    from ..read import bundled_path
    from ..study.knowledge import knowledge

    bundled = pd.read_csv(bundled_path(), usecols=["id", "name"], dtype=str)
    names = dict(zip(bundled["id"], bundled["name"], strict=True))
    kinds = {"corrected": _("corrected"), "removed": _("removed"), "added": _("added (not in the printed annex)")}
    rows = [(names.get(c.centre, c.centre), column_header(c.column, {}, lang), kinds[c.kind],
             c.printed_on_one_line or "—", c.value or "—", c.why)
            for c in knowledge().changes if c.kind in kinds]
    return pd.DataFrame(rows, columns=[field_label("name", lang), _("Column"), _("Change"), _("The report prints"),
                                       _("cicli holds"), _("Why")])


def people_cells(typed: pd.DataFrame, raw: pd.DataFrame) -> pd.DataFrame:
    """Each column as people read it: words for codes (in the current language), numbers, dates."""
    out = raw.copy()
    for column in raw.columns:
        spec = schema.BY_NAME.get(column)
        if spec is None or spec.type in ("text", "url"):
            continue
        values = typed[column] if column in typed.columns else raw[column]
        if spec.type in ("bool", "enum"):
            domain = spec.domain
            out[column] = map_distinct(values.astype("str"), lambda code, d=domain: _word(d, code)).astype(object)
        elif spec.type == "enum_list":
            out[column] = map_distinct(values.astype("str"), lambda codes, d=spec.name: "; ".join(
                _word(d, c) for c in codes.split("; ")) if codes else "").astype(object)
        elif spec.type == "number":
            numbers = pd.to_numeric(values, errors="coerce")
            out[column] = numbers.astype(object).where(numbers.notna(), None)
            _hedge(out, typed, column)
        elif spec.type == "year":
            out[column] = map_distinct(values.astype("str"), lambda v: int(v) if v.isdigit() else v or None)
        elif spec.type == "month":
            out[column] = map_distinct(values.astype("str"), _first_of_month)
    return out


def _hedge(out: pd.DataFrame, typed: pd.DataFrame, column: str) -> None:
    """The report's numbers keep its hedge (« plus de », « environ ») where people read them."""
    if "id" not in typed.columns:
        return
    for (centre, field), (_number, qualifier) in NUMBER_QUALIFIERS.items():
        if field != column:
            continue
        for row in typed.index[typed["id"] == centre]:
            value = out.at[row, column]
            if value is not None and qualifier_of(centre, column, value):
                out.at[row, column] = Hedged(value, qualifier)


def _word(domain: str, code: str) -> str:
    return labels.label(domain, code) if code in labels.LABELS[domain] else code


def _first_of_month(month: str):
    """« 2022-02 » as a date (the first of the month), for a spreadsheet to show as a month; other text as is."""
    if len(month) == 7 and month[4] == "-" and month[:4].isdigit() and month[5:].isdigit():
        return date(int(month[:4]), int(month[5:]), 1)
    return month or None


def column_header(column: str, headers: dict[str, str], lang: str) -> str:
    spec = schema.BY_NAME.get(column)
    if spec is None:
        return headers.get(column, column)
    return spec.fr if lang == "fr" else spec.en


def _region_key(region: str) -> str:
    return fold(region) or "~"  # rows without a region last


def typology_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each centre's verdicts with their reasons, the name first (what prints), then where it is and its id."""
    out = pd.DataFrame({field_label("name", lang): table["name"]})
    for axis in AXIS_NAMES:
        out[field_label(axis, lang)] = verdict_text(table[axis], axis, lang)
        out[f"{field_label(axis, lang)} — {labels.label('field', 'reason', lang).lower()}"] = table[f"{axis}_reason"]
    for field in ("region", "locality", "id"):
        out[field_label(field, lang)] = table[field]
    return out.reset_index(drop=True)


def comparison_table(job) -> pd.DataFrame | None:
    """The centres compared side by side (`--compare A B`, or every centre with `--all`), a column each,
    headed by the centre's name (and its id where two share a name); None when no comparison is asked."""
    from .. import results

    if job.compare_all:
        return results.compare_all(rows=job.rows, lang=job.lang, centres=job.centres).labelled()
    if not job.compare:
        return None
    side = results.compare(job.compare, lang=job.lang, centres=job.centres, fields=job.rows).labelled()
    names = dict(zip(job.table["id"], job.table["name"], strict=True))
    shown = [names.get(c, c) for c in side.columns]
    side.columns = [f"{name} ({c})" if shown.count(name) > 1 else name
                    for c, name in zip(side.columns, shown, strict=True)]
    return side


def method_table(heading) -> list[tuple[str | None, pd.DataFrame]]:
    """The method for people, in sections: where the list comes from and how to cite the report; what each axis
    means and each rule in a sentence (rules cited by rank, passages by number); the report's passages, once."""
    from ..study.knowledge import citation
    from ..typology.describe import method_rows

    columns = [_("Topic"), _("Item"), _("Description")]
    about = [(_("Source"), _("The report"), citation()), (_("Source"), _("The list"), heading.subtitle),
             *[(_("Source"), "", line) for line in heading.lines]]
    rules, passages = method_rows()
    return [(None, pd.DataFrame(about, columns=columns)),
            (_("The typology, rule by rule"), pd.DataFrame(rules, columns=columns)),
            (_("The report's passages the rules apply"),
             pd.DataFrame(passages, columns=["#", _("Section"), _("Passage")]))]


def technical_table(source: str, checksum: str) -> pd.DataFrame:
    """What a technician needs to find what cicli did: its version, the file read and its checksum, the moment
    with its offset from UTC, and each rule's id in the code."""
    from ..i18n import readable_datetime
    from ..text import shown
    from ..typology.describe import rule_ids

    rows = [("cicli", _("Version of cicli"), __version__),
            ("cicli", _("File read"), shown(source)),
            ("cicli", "SHA-256", checksum),
            ("cicli", _("Exported on"), readable_datetime(datetime.now().astimezone())),
            *rule_ids()]
    return pd.DataFrame(rows, columns=[_("Topic"), _("Item"), _("Description")])
