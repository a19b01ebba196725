"""Report tables made readable: codes become labels in the user's language, numbers get spaces.

Machine formats skip this module: they print codes.
"""

from __future__ import annotations

import pandas as pd

from . import labels, schema
from .columns import map_distinct
from .reports import plain as _plain
from .typology import AXIS_NAMES

BAR = "█"


def field_label(field: str, lang: str) -> str:
    if field in AXIS_NAMES:
        return labels.label("axis", field, lang)
    spec = schema.BY_NAME.get(field)
    if spec:
        return spec.fr if lang == "fr" else spec.en
    return labels.label("field", field, lang)


def value_text(field: str, value, lang: str) -> str:
    """One value as a person reads it."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return ""
    if field in AXIS_NAMES:
        return labels.label(field, str(value), lang)
    if isinstance(value, bool):
        return labels.label("bool", "yes" if value else "no", lang)
    spec = schema.BY_NAME.get(field)
    kind = spec.type if spec else ""
    if kind == "bool":
        return labels.label("bool", str(value), lang)
    if kind == "enum_list":
        return "\n".join(labels.label(field, k.strip(), lang) for k in str(value).split(";"))
    if kind == "list":
        return "\n".join(item.strip() for item in str(value).split(schema.LIST_SEPARATOR))
    if isinstance(value, (int, float)) and kind == "number":
        return number_text(value, lang)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def verdict_text(codes: pd.Series, axis: str, lang: str) -> pd.Series:
    """A column of verdict codes as labels, looked up once per distinct code."""
    return map_distinct(codes, lambda code: labels.label(axis, code, lang)).astype("str")


def number_text(value: float, lang: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4f}".rstrip("0")
    return text.replace(",", "\u202f").replace(".", ",") if lang == "fr" else text


def classified(table: pd.DataFrame, lang: str, explain: bool) -> pd.DataFrame:
    """The classification with labels: name, locality, the four axes (zone and month beside them)."""
    out = pd.DataFrame(index=table.index)
    out[field_label("name", lang)] = table["name"]
    out[field_label("locality", lang)] = table["locality"]
    for axis in AXIS_NAMES:
        text = verdict_text(table[axis], axis, lang)
        if axis == "anchoring":
            text = text.where(table["zone"] == "", text + " (" + table["zone"] + ")")
        if axis == "status":
            text = text.where(table["designated_on"] == "", text + " (" + table["designated_on"] + ")")
        out[field_label(axis, lang)] = text
    if explain:
        colon = " : " if lang == "fr" else ": "
        reasons = [table[f"{a}_reason"].radd(field_label(a, lang) + colon) for a in AXIS_NAMES]
        out[labels.label("field", "reasons", lang)] = pd.concat(reasons, axis=1).agg("\n".join, axis=1) \
            if len(table) else pd.Series(dtype=object)
    return out


def classified_for_machines(table: pd.DataFrame, explain: bool) -> pd.DataFrame:
    columns = ["id", "name", "region", "locality", "origin", "anchoring", "zone", "model", "status",
               "designated_on", "redirected_from_zi"]
    out = table[columns].copy()
    out["redirected_from_zi"] = out["redirected_from_zi"].map({True: "yes", False: "no"}).fillna("")
    if explain:
        for axis in AXIS_NAMES:
            out[f"{axis}_reason"] = table[f"{axis}_reason"]
    return out


def compared(side: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A comparison with labels; a first column marks the rows where the centres differ."""
    ids = [c for c in side.columns if c != "differs"]
    out = pd.DataFrame({"≠": side["differs"].map({True: "≠", False: ""}),
                        labels.label("field", "field", lang): [field_label(f, lang) for f in side.index]},
                       index=side.index)
    for centre in ids:
        out[centre] = [value_text(f, v, lang) for f, v in side[centre].items()]
    return out


def compared_for_machines(side: pd.DataFrame) -> pd.DataFrame:
    out = side.copy()
    out.insert(0, "field", out.index)
    out["differs"] = out["differs"].map({True: "yes", False: "no"})
    return out.reset_index(drop=True)


def compared_records(side: pd.DataFrame) -> dict:
    ids = [c for c in side.columns if c != "differs"]
    return {"centres": ids,
            "fields": [{"field": f, "differs": bool(row["differs"]), "values": {i: row[i] for i in ids}}
                       for f, row in side.iterrows()]}


def shown(details: dict, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(facts, verdicts) of one centre, labelled."""
    facts = pd.DataFrame([{field_label("field", lang): field_label(f["field"], lang),
                           labels.label("field", "value", lang): value_text(f["field"], f["value"], lang),
                           labels.label("field", "source", lang): f["source"]} for f in details["facts"]])
    verdicts = pd.DataFrame([{field_label("field", lang): field_label(v["axis"], lang),
                              labels.label("field", "verdict", lang): labels.label(v["axis"], v["verdict"], lang),
                              labels.label("field", "reason", lang): v["reason"]} for v in details["verdicts"]])
    return facts, verdicts


def shown_for_machines(details: dict) -> pd.DataFrame:
    rows = [{"kind": "fact", "field": f["field"], "value": f["value"], "rule": "", "note": f["source"]}
            for f in details["facts"]]
    rows += [{"kind": "verdict", "field": v["axis"], "value": v["verdict"], "rule": v["rule"], "note": v["reason"]}
             for v in details["verdicts"]]
    return pd.DataFrame(rows, columns=["kind", "field", "value", "rule", "note"])


def summary_sections(summary: dict, lang: str, bars: bool) -> list[tuple[str, pd.DataFrame]]:
    """The summary as titled tables for people; counts with bars when `bars`."""
    L = lambda code: labels.label("field", code, lang)  # noqa: E731
    sections = []
    for axis, counts in summary["counts"].items():
        table = pd.DataFrame({field_label(axis, lang): [labels.label(axis, c, lang) for c in counts["verdict"]],
                              L("count"): counts["count"]})
        if bars:
            table[""] = counts["count"].map(lambda n: BAR * int(n))
        sections.append((f"{field_label(axis, lang)} ({summary['centres']} {L('centres')})", table))
    for key, rows, columns in (("origin_by_model", "origin", "model"), ("anchoring_by_status", "anchoring", "status")):
        cross = summary[key]
        table = cross.copy()
        table.index = [L("total") if c == "total" else labels.label(rows, c, lang) for c in cross.index]
        table.columns = [L("total") if c == "total" else labels.label(columns, c, lang) for c in cross.columns]
        table = table.reset_index(names=f"{field_label(rows, lang)} \\ {field_label(columns, lang)}")
        sections.append((f"{field_label(rows, lang)} × {field_label(columns, lang)}", table))
    regions = summary["regions"]
    table = pd.DataFrame({field_label("region", lang): regions["region"], L("count"): regions["count"]})
    if bars:
        table[""] = regions["count"].map(lambda n: BAR * int(n))
    sections.append((L("centres_by_region"), table))
    timeline = summary["timeline"]
    sections.append((L("timeline"), pd.DataFrame({
        field_label("designated_on", lang): timeline["designated_on"], field_label("name", lang): timeline["name"],
        field_label("locality", lang): timeline["locality"]})))
    waiting = summary["waiting"]
    sections.append((L("waiting"), pd.DataFrame({
        field_label("name", lang): waiting["name"], field_label("locality", lang): waiting["locality"],
        field_label("zi_submitted_year", lang): [value_text("zi_submitted_year", v, lang)
                                                 for v in waiting["zi_submitted_year"]]})))
    funding = summary["funding"]
    sections.append((L("funding"), pd.DataFrame({
        L("program"): funding["label"], L("cad_per_year"): [number_text(v, lang) + " $" for v in funding["cad_per_year"]],
        L("report_says"): "« " + funding["quote"] + " »"})))
    return sections


def summary_records(summary: dict) -> dict:
    """The summary as plain data, with codes."""
    def frame(df: pd.DataFrame) -> list[dict]:
        return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]

    def cross(df: pd.DataFrame) -> dict:
        return {str(r): {str(c): int(df.at[r, c]) for c in df.columns} for r in df.index}

    return {
        "centres": summary["centres"],
        "counts": {axis: dict(zip(c["verdict"], map(int, c["count"]))) for axis, c in summary["counts"].items()},
        "origin_by_model": cross(summary["origin_by_model"]),
        "anchoring_by_status": cross(summary["anchoring_by_status"]),
        "regions": dict(zip(summary["regions"]["region"], map(int, summary["regions"]["count"]))),
        "timeline": frame(summary["timeline"]),
        "waiting": frame(summary["waiting"]),
        "funding": frame(summary["funding"]),
    }


def summary_for_machines(summary: dict) -> pd.DataFrame:
    """The summary in long form, one figure per line: section, row, column, value."""
    records = summary_records(summary)
    rows = []
    for axis, counts in records["counts"].items():
        rows += [("counts", axis, verdict, n) for verdict, n in counts.items()]
    for key in ("origin_by_model", "anchoring_by_status"):
        rows += [(key, r, c, n) for r, cols in records[key].items() for c, n in cols.items()]
    rows += [("regions", region, "count", n) for region, n in records["regions"].items()]
    rows += [("timeline", t["designated_on"], t["id"], t["locality"]) for t in records["timeline"]]
    rows += [("waiting", w["id"], "zi_submitted_year", w["zi_submitted_year"]) for w in records["waiting"]]
    rows += [("funding", f["code"], "cad_per_year", f["cad_per_year"]) for f in records["funding"]]
    return pd.DataFrame(rows, columns=["section", "row", "column", "value"])

