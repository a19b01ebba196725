"""`summary`: the landscape of an annex: counts per axis, crosstabs, regions, designations, funding."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels
from ..i18n import _, readable_count, speaking
from ..pipeline import Centres
from ..sections import Section
from ..typology import AXIS_NAMES
from ..wording import amount_text, field_label, plain, value_text
from .classify import classify


@dataclass
class Summary:
    """`data`: centres, counts, origin_by_model, anchoring_by_status, regions, timeline, waiting, funding (codes)."""

    data: dict
    lang: str

    def records(self) -> dict:
        summary = self.data

        def frame(df: pd.DataFrame) -> list[dict]:
            return [{k: plain(v) for k, v in row.items()} for row in df.to_dict("records")]

        def cross(df: pd.DataFrame) -> dict:
            return {str(r): {str(c): int(df.at[r, c]) for c in df.columns} for r in df.index}

        return {
            "centres": summary["centres"],
            "counts": {axis: dict(zip(c["verdict"], map(int, c["count"]), strict=True))
                       for axis, c in summary["counts"].items()},
            "origin_by_model": cross(summary["origin_by_model"]),
            "anchoring_by_status": cross(summary["anchoring_by_status"]),
            "regions": dict(zip(summary["regions"]["region"], map(int, summary["regions"]["count"]), strict=True)),
            "timeline": frame(summary["timeline"]),
            "waiting": frame(summary["waiting"]),
            "funding": frame(summary["funding"].drop(columns=["label"])),
        }

    def rows(self):
        """The summary in long form, one figure per line: section, row, column, value."""
        records = self.records()
        rows = []
        for axis, counts in records["counts"].items():
            rows += [("counts", axis, verdict, n) for verdict, n in counts.items()]
        for key in ("origin_by_model", "anchoring_by_status"):
            rows += [(key, r, c, n) for r, cols in records[key].items() for c, n in cols.items()]
        rows += [("regions", region, "count", n) for region, n in records["regions"].items()]
        rows += [("timeline", t["designated_on"], t["id"], t["locality"]) for t in records["timeline"]]
        rows += [("waiting", w["id"], "zi_submitted_year", w["zi_submitted_year"]) for w in records["waiting"]]
        rows += [("funding", f["code"], "cad", f["cad"]) for f in records["funding"]]
        rows += [("funding", f["code"], "qualifier", f["qualifier"]) for f in records["funding"] if f["qualifier"]]
        header = ["section", "row", "column", "value"]
        return header, [["" if r[k] is None else str(r[k]) for r in rows] for k in range(4)]

    def sections(self) -> list[Section]:
        with speaking(self.lang):
            return self._sections()

    def _sections(self) -> list[Section]:
        """The summary as titled tables for people; counts get bars in a terminal."""
        summary, lang = self.data, self.lang
        L = lambda code: labels.label("field", code, lang)  # noqa: E731
        sections = []
        for axis, counts in summary["counts"].items():
            table = pd.DataFrame({field_label(axis, lang): [labels.label(axis, c, lang) for c in counts["verdict"]],
                                  L("count"): counts["count"]})
            title = f"{field_label(axis, lang)} ({readable_count(summary['centres'])} {L('centres')})"
            sections.append(Section.of(table, title, bars=L("count")))
        crosses = (("origin_by_model", "origin", "model"), ("anchoring_by_status", "anchoring", "status"))
        for key, rows, columns in crosses:
            cross = summary[key]
            table = cross.copy()
            table.index = [L("total") if c == "total" else labels.label(rows, c, lang) for c in cross.index]
            table.columns = [L("total") if c == "total" else labels.label(columns, c, lang) for c in cross.columns]
            table = table.reset_index(names=f"{field_label(rows, lang)} \\ {field_label(columns, lang)}")
            sections.append(Section.of(table, f"{field_label(rows, lang)} × {field_label(columns, lang)}"))
        regions = summary["regions"]
        table = pd.DataFrame({field_label("region", lang): regions["region"], L("count"): regions["count"]})
        sections.append(Section.of(table, L("centres_by_region"), bars=L("count")))
        timeline = summary["timeline"]
        sections.append(Section.of(pd.DataFrame({
            field_label("designated_on", lang): [value_text("designated_on", m, lang) or L("date_unknown")
                                                 for m in timeline["designated_on"]],
            field_label("name", lang): timeline["name"],
            field_label("locality", lang): timeline["locality"]}), L("timeline")))
        waiting = summary["waiting"]
        sections.append(Section.of(pd.DataFrame({
            field_label("name", lang): waiting["name"], field_label("locality", lang): waiting["locality"],
            field_label("zi_submitted_year", lang): [value_text("zi_submitted_year", v, lang)
                                                     for v in waiting["zi_submitted_year"]]}), L("waiting")))
        funding = summary["funding"]
        sections.append(Section.of(pd.DataFrame({
            L("program"): [_(label) for label in funding["label"]],
            L("amount"): [amount_text(v, q, lang) for v, q in zip(funding["cad"], funding["qualifier"], strict=True)],
            L("period"): [_("a year") if p == "year" else _("not given") for p in funding["period"]],
            L("report_says"): "« " + funding["quote"] + " »"}), L("funding")))
        return sections


def summary(path=None, *, lang: str | None = None, sheet: str | None = None, encoding: str | None = None,
            centres: Centres | None = None) -> Summary:
    """The landscape of an annex file: see `summarize`."""
    table = classify(path, lang=lang, sheet=sheet, encoding=encoding, centres=centres).frame
    return summarize(table, lang)


def summarize(table: pd.DataFrame, lang: str) -> Summary:
    """Counts per axis, two crosstabs with totals, centres per region, the timeline of designations,
    the projects still waiting, and the report's funding figures, from a classified table. Codes only."""
    from ..study.funding import FUNDING

    counts = {a: _count(table[a], list(labels.LABELS[a])) for a in AXIS_NAMES}
    regions = table["region"].replace("", "—").value_counts().rename_axis("region").reset_index(name="count")
    regions = regions.sort_values(["count", "region"], ascending=[False, True], ignore_index=True)
    designated = table[table["status"] == "designated"]
    timeline = designated.assign(_m=designated["designated_on"].replace("", "9999"))
    timeline = timeline.sort_values(["_m", "name"])[["designated_on", "id", "name", "locality"]].reset_index(drop=True)
    waiting = table[table["status"] == "project"][["id", "name", "locality", "zi_submitted_year"]]
    waiting = waiting.reset_index(drop=True)
    funding = pd.DataFrame([{"code": c, "cad": amount, "period": period, "label": label, "qualifier": qualifier,
                             "quote": quote, "passage": passage, "centre": centre}
                            for c, amount, period, label, qualifier, quote, passage, centre in FUNDING])
    return Summary({
        "centres": len(table),
        "counts": counts,
        "origin_by_model": _crosstab(table, "origin", "model"),
        "anchoring_by_status": _crosstab(table, "anchoring", "status"),
        "regions": regions,
        "timeline": timeline,
        "waiting": waiting,
        "funding": funding,
    }, lang)


def _count(values: pd.Series, order: list[str]) -> pd.DataFrame:
    counts = values.value_counts().reindex(order, fill_value=0)
    return counts.rename_axis("verdict").reset_index(name="count")


def _crosstab(table: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    out = pd.crosstab(pd.Categorical(table[rows], categories=list(labels.LABELS[rows])),
                      pd.Categorical(table[columns], categories=list(labels.LABELS[columns])),
                      margins=True, margins_name="total", dropna=False)
    out.index.name, out.columns.name = rows, columns
    return out
