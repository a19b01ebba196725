"""`show`: everything known about one centre, each fact with its source, each verdict with its reason."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import labels, schema
from ..labels import language
from ..results import Section, frame_columns
from ..typology import AXIS_NAMES
from ..validation import Centres, load
from .classification import RECORD_FIELDS
from .comparison import full_table
from .finding import find
from .wording import field_label, plain, value_text


@dataclass
class CentreDetails:
    """`details`: id, name, row, source, facts [{field, value, source}], verdicts [{axis, verdict, rule, reason}]."""

    details: dict
    lang: str

    def records(self) -> dict:
        return self.details

    def rows(self):
        rows = [{"kind": "fact", "field": f["field"], "value": f["value"], "rule": "", "note": f["source"]}
                for f in self.details["facts"]]
        rows += [{"kind": "verdict", "field": v["axis"], "value": v["verdict"], "rule": v["rule"], "note": v["reason"]}
                 for v in self.details["verdicts"]]
        return frame_columns(pd.DataFrame(rows, columns=["kind", "field", "value", "rule", "note"]))

    def sections(self) -> list[Section]:
        lang, details = self.lang, self.details
        facts = pd.DataFrame([{field_label("field", lang): field_label(f["field"], lang),
                               labels.label("field", "value", lang): value_text(f["field"], f["value"], lang),
                               labels.label("field", "source", lang): f["source"]} for f in details["facts"]])
        verdicts = pd.DataFrame([{field_label("field", lang): field_label(v["axis"], lang),
                                  labels.label("field", "verdict", lang): labels.label(v["axis"], v["verdict"], lang),
                                  labels.label("field", "reason", lang): v["reason"]} for v in details["verdicts"]])
        title = f"{details['name']} ({details['id']})"
        return [Section.of(facts, title), Section.of(verdicts, title)]


def show(query: str, path=None, *, lang: str | None = None, sheet: str | None = None,
         encoding: str | None = None, centres: Centres | None = None) -> CentreDetails:
    """Everything known about one centre: its facts with their source, its verdicts with their reasons."""
    lang = language(lang)
    centres = centres or load(path, sheet=sheet, encoding=encoding)
    full = full_table(centres, lang)
    i = find(full, query, full.get("aliases"))
    bundled = centres.report.bundled
    evidence = _evidence_of(full.at[i, "id"]) if bundled else {}
    facts = []
    for column in full.columns:
        spec = schema.BY_NAME.get(column)
        if column in AXIS_NAMES or column.endswith(("_reason", "_rule")) or (spec is None and column in RECORD_FIELDS):
            continue
        value = plain(full.at[i, column])
        if value in (None, ""):
            continue
        if not bundled:
            source = f"{centres.table.source}, column {centres.table.headers.get(column, column)!r}"
        else:
            source = evidence.get(column) or (spec.source if spec else "")
        facts.append({"field": column, "value": value, "source": source})
    verdicts = [{"axis": a, "verdict": full.at[i, a], "rule": full.at[i, f"{a}_rule"],
                 "reason": full.at[i, f"{a}_reason"]} for a in AXIS_NAMES]
    return CentreDetails({"id": full.at[i, "id"], "name": full.at[i, "name"], "row": int(i),
                          "source": centres.table.source, "facts": facts, "verdicts": verdicts}, lang)


def _evidence_of(centre_id: str) -> dict[str, str]:
    """Column → the report's sentences behind it for one bundled centre (« quote » (section); …)."""
    from ..read import bundled_evidence

    cited: dict[str, list[str]] = {}
    for row in bundled_evidence():
        if row["id"] == centre_id:
            for column in row["columns"].split():
                cited.setdefault(column, []).append(f"« {' '.join(row['quote'].split())} » ({row['section']})")
    return {column: " ; ".join(quotes) for column, quotes in cited.items()}
