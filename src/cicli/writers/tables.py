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
    order = map_distinct(raw["region"], _region_key) if "region" in raw.columns else pd.Series(0, index=raw.index)
    rows = order.sort_values(kind="stable").index
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
    out = pd.DataFrame({field_label("id", lang): table["id"], field_label("name", lang): table["name"],
                        field_label("region", lang): table["region"], field_label("locality", lang): table["locality"]})
    for axis in AXIS_NAMES:
        out[field_label(axis, lang)] = verdict_text(table[axis], axis, lang)
        out[f"{field_label(axis, lang)} — {labels.label('field', 'reason', lang).lower()}"] = table[f"{axis}_reason"]
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


def method_table(source: str, checksum: str) -> pd.DataFrame:
    """The source and how to cite it, the version, the input and its checksum, the date; then what each axis
    means and each of its rules in a sentence."""
    from ..i18n import readable_datetime
    from ..study.knowledge import citation
    from ..text import shown
    from ..typology.describe import method_rows

    rows = [
        ("cicli", _("Source"), citation()),
        ("cicli", _("Version of cicli"), __version__),
        ("cicli", _("File read"), shown(source)),
        ("cicli", "SHA-256", checksum),
        ("cicli", _("Exported on"), readable_datetime(datetime.now().astimezone())),
        *method_rows(),
    ]
    return pd.DataFrame(rows, columns=[_("Topic"), _("Item"), _("Description")])
