"""What commands show, as tables: the classification, and (later) summaries and comparisons.

Pure functions: they take a loaded annex (or a path) and return DataFrames or plain data.
"""

from __future__ import annotations

import difflib

import pandas as pd

from . import labels
from .arrays import earlier_rows
from .columns import arrow_strings, map_distinct
from .errors import UsageError
from .text import fold, fold_column, some_of
from .typology import AXIS_NAMES
from .typology import classify as classify_frame
from .validation import Centres, load

#: The fields of a classified centre, in order: the JSON and CSV outputs use these names.
RECORD_FIELDS = ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes",
                 "origin", "anchoring", "zone", "model", "status", "designated_on",
                 "redirected_from_zi", "zi_submitted_year")


def classify(path=None, *, lang: str = "en", sheet: str | None = None, encoding: str | None = None,
             centres: Centres | None = None, reasons: bool = True, **filters: str | None) -> pd.DataFrame:
    """Every centre with the typology's verdicts and (unless `reasons` is false) `<axis>_rule` and `<axis>_reason`.

    `filters` (region, origin, anchoring, model, status) take codes or labels in French or English,
    accents optional; an unknown value raises UsageError listing the choices.
    """
    centres = centres or load(path, sheet=sheet, encoding=encoding)
    frame = centres.frame
    verdicts = classify_frame(frame, lang, reasons=reasons)
    base = pd.DataFrame(index=frame.index)
    for column in ("id", "name", "region", "locality", "niche", "lead", "source_url", "notes"):
        base[column] = frame[column] if column in frame.columns else ""
    if "aliases" in frame.columns:
        base["aliases"] = frame["aliases"]
    if "id" not in frame.columns or (base["id"] == "").any():
        base["id"] = base["id"].where(base["id"] != "", _slugs(fold_column(base["name"], separator="-")))
    for column in verdicts.columns:
        base[column] = verdicts[column]
    extra = ["aliases"] if "aliases" in base.columns else []
    parts = ("reason", "rule") if reasons else ()
    table = base[list(RECORD_FIELDS) + [f"{a}_{part}" for a in AXIS_NAMES for part in parts] + extra]
    return _filter(table, filters)


def records(table: pd.DataFrame) -> list[dict]:
    """The classified centres as plain dicts (codes, not labels): what `--format json` prints."""
    out = []
    for row in table.to_dict("records"):
        record = {f: plain(row[f]) for f in RECORD_FIELDS}
        record["reasons"] = {a: row[f"{a}_reason"] for a in AXIS_NAMES}
        record["rules"] = {a: row[f"{a}_rule"] for a in AXIS_NAMES}
        out.append(record)
    return out


def plain(value):
    """A cell as JSON wants it: None for missing, int for whole floats, Python scalars."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _slugs(folded: pd.Series) -> pd.Series:
    """Ids from names folded with `-`: `centre-d-innovation-du-cegep-de-sept-iles`; repeats get -2, -3…"""
    slugs = folded.where(folded != "", "centre")
    if earlier_rows(arrow_strings(slugs)) is None:  # the usual case, known from one cheap pass
        return slugs
    repeated = slugs.duplicated(keep=False)
    rank = slugs[repeated].groupby(slugs[repeated]).cumcount()  # only the repeats: grouping all would be slow
    suffixed = slugs[repeated].where(rank == 0, slugs[repeated] + "-" + (rank + 1).astype(str))
    return slugs.where(~repeated, suffixed.reindex(slugs.index))


def _filter(table: pd.DataFrame, filters: dict[str, str | None]) -> pd.DataFrame:
    mask = pd.Series(True, index=table.index)
    for key, wanted in filters.items():
        if wanted is None:
            continue
        if key == "region":
            folded = fold(wanted)
            mask &= map_distinct(table["region"], fold).astype("str").str.contains(folded, regex=False) if folded else mask
            continue
        if key not in AXIS_NAMES:
            raise UsageError(f"unknown filter {key!r}.")
        code = labels.parse(key, wanted)
        if code is None:
            choices = ", ".join(f"{c} ({labels.label(key, c, 'fr')})" for c in labels.LABELS[key])
            raise UsageError(f"--{key} {wanted!r} is not one of: {choices}.")
        mask &= table[key] == code
    return table[mask]


# --- finding centres the way people type them --------------------------------------------------

MAX_CANDIDATES = 10  # an ambiguous name lists this many centres, then counts the rest


def find(table: pd.DataFrame, query: str, aliases: pd.Series | None = None) -> str:
    """The index label of the one centre `query` names: acronym, any name, part of the name, or locality.

    Case, accents and punctuation do not matter. Several matches, or none, raise UsageError
    listing the candidates or suggesting the closest.
    """
    q = fold(query)
    if not q:
        raise UsageError("an empty name matches no centre.")
    # Whole columns, folded once: a file of a million centres is searched in a second or two.
    keys = [fold_column(table["id"].astype("str")), fold_column(table["name"])]
    if aliases is not None:
        listed = aliases.fillna("").astype("str").str.split(";").explode()
        keys.append(fold_column(listed[listed.str.strip() != ""]))  # one row per alias, on its centre's label
    localities = fold_column(table["locality"])

    def named(test) -> pd.Series:  # whether any of a centre's names passes `test`
        hits = [test(k) for k in keys]
        found = table.index.isin(pd.concat([h[h] for h in hits]).index)
        return pd.Series(found, index=table.index)

    tiers = (
        lambda: named(lambda k: k == q),
        lambda: localities == q,
        lambda: named(lambda k: (" " + k + " ").str.contains(f" {q} ", regex=False)),
        lambda: named(lambda k: k.str.contains(q, regex=False)) | localities.str.contains(q, regex=False),
    )
    for tier in tiers:
        hit = tier()
        found = hit[hit].index.tolist()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = some_of(found, "; ", MAX_CANDIDATES,
                             lambda i: f"{table.at[i, 'id']} ({table.at[i, 'name']}, {table.at[i, 'locality']})")
            raise UsageError(f"{query!r} matches {len(found)} centres: {listed}. Name one of them, by its id for example.")
    words = sorted(set().union(*(set(k) for k in keys), set(localities)) - {""})
    close = difflib.get_close_matches(q, words, n=1, cutoff=0.5)
    hint = ""
    if close:
        match = (named(lambda k: k == close[0]) | (localities == close[0])).idxmax()
        hint = f" Did you mean {table.at[match, 'id']!r} ({table.at[match, 'name']})?"
    raise UsageError(f"no centre matches {query!r}.{hint}")


# --- comparing centres, showing one ---------------------------------------------------------------

#: The rows of a comparison, in order: verdicts (codes) and facts (as the data holds them).
COMPARE_FIELDS = ("name", "region", "locality", "niche", "lead", "status", "designated_on", "origin", "anchoring",
                  "zone", "model", "redirected_from_zi", "zi_submitted_year", "initiators", "partners",
                  "research_anchors", "specialised_equipment", "equipment", "services", "investment_cad",
                  "public_funding_cad", "surface_sqft", "funding_notes", "source_url", "notes")


def compare(queries: list[str], path=None, *, lang: str = "en", sheet: str | None = None,
            encoding: str | None = None, centres: Centres | None = None) -> pd.DataFrame:
    """Centres side by side: one row per field (COMPARE_FIELDS, where any of them has a value),
    one column per centre id, and a last column `differs`."""
    if len(queries) < 2:
        raise UsageError("compare needs two centres or more, for example: cicli compare HIFA \"Sept-Îles\".")
    centres = centres or load(path, sheet=sheet, encoding=encoding)
    full = _full_table(centres, lang)
    chosen = [find(full, q, full.get("aliases")) for q in queries]
    if len(set(chosen)) < len(chosen):
        twice = [full.at[i, "id"] for i in chosen if chosen.count(i) > 1][0]
        raise UsageError(f"{twice!r} is named twice; compare different centres.")
    fields = [f for f in COMPARE_FIELDS if f in full.columns]
    side = full.loc[chosen, fields].T
    side.columns = [full.at[i, "id"] for i in chosen]
    side = side.map(plain).astype(object).where(side.notna(), None)
    filled = side.apply(lambda row: any(v not in (None, "") for v in row), axis=1)
    side = side[filled]
    side["differs"] = side.apply(lambda row: len({"" if v is None else str(v) for v in row}) > 1, axis=1)
    return side


def show(query: str, path=None, *, lang: str = "en", sheet: str | None = None,
         encoding: str | None = None) -> dict:
    """Everything known about one centre: its facts with their source, its verdicts with their reasons."""
    from . import schema

    centres = load(path, sheet=sheet, encoding=encoding)
    full = _full_table(centres, lang)
    i = find(full, query, full.get("aliases"))
    evidence = _evidence_of(full.at[i, "id"]) if path is None else {}
    facts = []
    for column in full.columns:
        spec = schema.BY_NAME.get(column)
        if column in AXIS_NAMES or column.endswith(("_reason", "_rule")) or spec is None and column in RECORD_FIELDS:
            continue
        value = plain(full.at[i, column])
        if value in (None, ""):
            continue
        if path is not None:
            source = f"{centres.table.source}, column {centres.table.headers.get(column, column)!r}"
        else:
            source = evidence.get(column) or (spec.source if spec else "")
        facts.append({"field": column, "value": value, "source": source})
    verdicts = [{"axis": a, "verdict": full.at[i, a], "rule": full.at[i, f"{a}_rule"],
                 "reason": full.at[i, f"{a}_reason"]} for a in AXIS_NAMES]
    return {"id": full.at[i, "id"], "name": full.at[i, "name"], "row": int(i), "source": centres.table.source,
            "facts": facts, "verdicts": verdicts}


def _evidence_of(centre_id: str) -> dict[str, str]:
    """Column → the report's sentences behind it for one bundled centre (« quote » (section); …)."""
    from .reader import bundled_evidence

    cited: dict[str, list[str]] = {}
    for row in bundled_evidence():
        if row["id"] == centre_id:
            for column in row["columns"].split():
                cited.setdefault(column, []).append(f"« {' '.join(row['quote'].split())} » ({row['section']})")
    return {column: " ; ".join(quotes) for column, quotes in cited.items()}


def _full_table(centres: Centres, lang: str) -> pd.DataFrame:
    """The file's own columns beside the classification (the classification's values win)."""
    table = classify(centres=centres, lang=lang)
    extra = [c for c in centres.frame.columns if c not in table.columns]
    return pd.concat([table, centres.frame[extra]], axis=1)


# --- the landscape ------------------------------------------------------------------------------

def summary(path=None, *, lang: str = "en", sheet: str | None = None, encoding: str | None = None,
            centres: Centres | None = None) -> dict:
    """The landscape of an annex file: see `summarize`."""
    return summarize(classify(path, lang=lang, sheet=sheet, encoding=encoding, centres=centres, reasons=False), lang)


def summarize(table: pd.DataFrame, lang: str) -> dict:
    """Counts per axis, two crosstabs with totals, centres per region, the timeline of designations,
    the projects still waiting, and the report's funding figures, from a classified table. Codes only."""
    from .report_facts import FUNDING

    counts = {a: _count(table[a], list(labels.LABELS[a])) for a in AXIS_NAMES}
    regions = table["region"].replace("", "—").value_counts().rename_axis("region").reset_index(name="count")
    regions = regions.sort_values(["count", "region"], ascending=[False, True], ignore_index=True)
    designated = table[table["status"] == "designated"]
    timeline = designated.assign(_m=designated["designated_on"].replace("", "9999"))
    timeline = timeline.sort_values(["_m", "name"])[["designated_on", "id", "name", "locality"]].reset_index(drop=True)
    waiting = table[table["status"] == "project"][["id", "name", "locality", "zi_submitted_year"]].reset_index(drop=True)
    funding = pd.DataFrame([{"code": c, "cad_per_year": amount, "label": fr if lang == "fr" else en, "quote": quote}
                            for c, amount, fr, en, quote in FUNDING])
    return {
        "centres": int(len(table)),
        "counts": counts,
        "origin_by_model": _crosstab(table, "origin", "model"),
        "anchoring_by_status": _crosstab(table, "anchoring", "status"),
        "regions": regions,
        "timeline": timeline,
        "waiting": waiting,
        "funding": funding,
    }


def _count(values: pd.Series, order: list[str]) -> pd.DataFrame:
    counts = values.value_counts().reindex(order, fill_value=0)
    return counts.rename_axis("verdict").reset_index(name="count")


def _crosstab(table: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    out = pd.crosstab(pd.Categorical(table[rows], categories=list(labels.LABELS[rows])),
                      pd.Categorical(table[columns], categories=list(labels.LABELS[columns])),
                      margins=True, margins_name="total", dropna=False)
    out.index.name, out.columns.name = rows, columns
    return out


__all__ = ["classify", "records", "find", "compare", "show", "summary", "summarize", "RECORD_FIELDS",
           "COMPARE_FIELDS"]
