"""The HTML report: one self-contained page to e-mail to people who will never open a terminal.

Everything is inline (styles, the script, charts drawn by cicli as SVG), nothing is fetched, so the page
opens offline from an attachment. Jinja2 writes it with autoescaping on: every value of the data is text,
never markup; links are kept only when they are http or https. The page is built from the same results as
the other outputs (the summary, the classification, `show`, `compare`, `context`, the method), so it says
nothing they do not. The words of the page are in the catalogue, like every other message.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from .. import __version__, labels, results
from ..i18n import _, ngettext, readable_count, readable_datetime
from ..results.show import CentreDetails, details
from ..typology import AXIS_NAMES
from ..wording import field_label
from .safety import atomic_write, input_checksum
from .tables import comparison_table, method_table

TEMPLATES = Path(__file__).parent / "templates"
NUMBER = re.compile(r"-?\d[\d\s,.]*( \$)?")  # a count or an amount, aligned to the right
MAX_CARDS = 200  # a card per centre up to this many: beyond, the page would be a book; `cicli show` has them all
PAGE_ROWS = 50  # rows the table shows at once; the page's buttons turn pages, print shows them all
MAX_MARKS = 40  # designations drawn one by one on the timeline; beyond, a bar per year
SMOOTH_ROWS = 10_000  # a browser opens a page of this many rows in a few seconds; beyond, the user is told
FOLDED_ROWS = 30  # a longer table of the summary is folded under « show the N rows »
TABLE_FIELDS = ("name", "region", "locality", "niche")


def write(job) -> None:
    page = build(job)
    text = environment().get_template("report.html.j2").render(page)
    atomic_write(job.target, lambda stream: stream.write(text.encode("utf-8")), job.force)
    if len(job.table) > SMOOTH_ROWS:
        job.notes.append(ngettext("the page holds {n} centre: browsers open pages of more than 10,000 slowly; "
                                  "a workbook suits so many.",
                                  "the page holds {n} centres: browsers open pages of more than 10,000 slowly; "
                                  "a workbook suits so many.", len(job.table)))


def environment():
    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["link"] = web_link
    environment.tests["numeric"] = lambda cell: bool(NUMBER.fullmatch(cell))
    return environment


def web_link(value) -> str | None:
    """The address if it is one a browser may follow (http, https), else None: the value is shown as text."""
    text = str(value or "").strip()
    return text if text.lower().startswith(("http://", "https://")) and " " not in text else None


def build(job) -> dict:
    """Everything the page shows, as plain data: words, charts, tables, cards."""
    lang, table = job.lang, job.table
    summary = results.summarize(table, lang)
    sections = summary.sections()
    counts = [_chart(section) for section in sections[: len(AXIS_NAMES)]]
    crosses = [_table(section) for section in sections[len(AXIS_NAMES): len(AXIS_NAMES) + 2]]
    regions = _chart(sections[len(AXIS_NAMES) + 2])
    timeline = _table(sections[len(AXIS_NAMES) + 3])
    waiting = _table(sections[len(AXIS_NAMES) + 4])
    funding = _table(sections[len(AXIS_NAMES) + 5])
    side = comparison_table(job)
    source = job.source or job.centres.table.source
    return {
        "lang": lang,
        "title": labels.label("field", "annex_title", lang),
        "words": _words(len(table), lang),
        "generated": readable_datetime(datetime.now().astimezone()),
        "version": __version__,
        "counts": counts,
        "crosses": crosses,
        "regions": regions,
        "timeline": timeline,
        "timeline_marks": _timeline_marks(summary.data["timeline"]),
        "timeline_years": _timeline_years(summary.data["timeline"]),
        "waiting": waiting,
        "funding": funding,
        **_centres(table, lang),
        "columns": [field_label(f, lang) for f in TABLE_FIELDS] + [labels.label("axis", a, lang) for a in AXIS_NAMES],
        "filters": [{"axis": a, "label": labels.label("axis", a, lang),
                     "choices": [(c, labels.label(a, c, lang)) for c in labels.LABELS[a]]} for a in AXIS_NAMES],
        "region_choices": sorted({r for r in table["region"] if r}),
        "page_rows": PAGE_ROWS,
        "folded_rows": FOLDED_ROWS,
        "cards": _cards(job),
        "cards_left_out": max(len(table) - MAX_CARDS, 0),
        "comparison": None if side is None else _frame(side.reset_index(names="")),
        "notions": [_table(s) for s in results.context(lang=lang).sections()],
        "method": _frame(method_table(source, input_checksum(job.source))),
    }


def _words(total: int, lang: str) -> dict[str, str]:
    """The page's own words, in the current language."""
    left = max(total - MAX_CARDS, 0)
    return {
        "subtitle": _("The innovation centres of Quebec, as the 2025 report lists them, with its typology"),
        "centres_count": ngettext("{n} centre", "{n} centres", total),
        "contents": _("Contents"),
        "landscape": _("The landscape at a glance"),
        "crosses": _("Two axes crossed"),
        "regions": _("Centres per region"),
        "timeline": _("Designations over time"),
        "waiting": _("Projects waiting for a designation"),
        "funding": _("Public funding in the report"),
        "table": _("Every centre and its typology"),
        "search": _("Search"),
        "search_hint": _("a name, a town, a niche…"),
        "all": _("all"),
        "region": field_label("region", lang),
        "shown": _("Centres shown: {shown} of {total}"),
        "page": _("Page {page} of {pages}"),
        "previous": _("Previous page"),
        "next": _("Next page"),
        "reasons": _("Reasons"),
        "reasons_show": _("Why"),
        "sort": _("Sort by this column"),
        "cards": _("Each centre"),
        "cards_left_out": _("Cards are shown for the first {shown} centres; {left} more are in the table above, "
                            "and `cicli show NAME` shows any of them.", shown=MAX_CARDS, left=left),
        "comparison": _("Comparison"),
        "notions": _("The report's notions"),
        "method": _("Method"),
        "map": _("No map here: an honest one would need an outline of Quebec that cicli does not ship. "
                 "`cicli export centres.geojson` writes the centres with their coordinates for a map tool."),
        "chart_of": _("Chart: {title}. The same figures are in the table below it."),
        "no_centre": _("No centre matches these filters."),
        "empty": _("The file read holds no centre: its rows are empty, or it has a header only."),
        "made_by": _("Made by cicli {version} on {date}."),
        "show_rows": _("Show the {n} rows"),
        "print": _("Print or save as PDF"),
    }


def _chart(section) -> dict:
    """A bar chart's data: each label, its count, and its bar's share of the longest."""
    counts = [int(n) for n in section.frame.iloc[:, section.bars]]
    longest = max(counts, default=0) or 1
    bars = [{"label": row[0], "count": readable_count(n), "share": n / longest}
            for row, n in zip(section.rows, counts, strict=True)]
    return {"title": section.title, "columns": section.columns, "bars": bars}


def _table(section) -> dict:
    return {"title": section.title, "columns": section.columns, "rows": section.rows}


def _frame(frame: pd.DataFrame) -> dict:
    rows = [["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row]
            for row in frame.itertuples(index=False)]
    return {"title": None, "columns": [str(c) for c in frame.columns], "rows": rows}


def _dated(timeline: pd.DataFrame) -> pd.DataFrame:
    return timeline[timeline["designated_on"].astype(str).str.fullmatch(r"\d{4}-\d{2}")]


def _timeline_marks(timeline: pd.DataFrame) -> list[dict]:
    """The designations placed on a line of months, from the first to the last (dated ones only)."""
    dated = _dated(timeline)
    if dated.empty or len(dated) > MAX_MARKS:
        return []
    months = [int(m[:4]) * 12 + int(m[5:]) - 1 for m in dated["designated_on"]]
    first, last = min(months), max(months)
    span = max(last - first, 1)
    return [{"month": m, "name": name, "share": (n - first) / span}
            for m, name, n in zip(dated["designated_on"], dated["name"], months, strict=True)]


def _timeline_years(timeline: pd.DataFrame) -> dict | None:
    """Too many designations to draw one by one: a bar per year."""
    dated = _dated(timeline)
    if len(dated) <= MAX_MARKS:
        return None
    years = dated["designated_on"].str[:4].value_counts().sort_index()
    longest = int(years.max())
    return {"title": _("Designations per year"), "columns": [_("Year"), labels.label("field", "count")],
            "bars": [{"label": y, "count": readable_count(int(n)), "share": n / longest} for y, n in years.items()]}


def _centres(table: pd.DataFrame, lang: str) -> dict:
    """The table's rows; each reason is written once in `reasons` and rows point to it (the reasons of a
    large file repeat: 10,000 rows hold a few hundred distinct ones)."""
    reasons: dict[str, int] = {}
    names = {a: {c: labels.label(a, c, lang) for c in labels.LABELS[a]} for a in AXIS_NAMES}
    cells = zip(*([str(v or "") for v in table[f]] for f in TABLE_FIELDS), strict=True)
    verdicts = zip(*(zip(table[a], table[f"{a}_reason"], strict=True) for a in AXIS_NAMES), strict=True)
    rows = [{"id": centre, "cells": list(row), "region": row[1],
             "verdicts": [{"axis": a, "code": code, "label": names[a].get(code, code),
                           "reason": reasons.setdefault(reason, len(reasons))}
                          for a, (code, reason) in zip(AXIS_NAMES, these, strict=True)]}
            for centre, row, these in zip(table["id"], cells, verdicts, strict=True)]
    return {"centres": rows, "reasons": list(reasons)}


def _cards(job) -> list[dict]:
    """`show` for each centre (up to MAX_CARDS), as the page lays it out."""
    cards = []
    for i in job.table.index[:MAX_CARDS]:
        record = details(job.centres, job.table, i)
        sections = CentreDetails(record, job.lang).sections()
        cards.append({"id": record["id"], "name": record["name"], "sections": [_table(s) for s in sections]})
    return cards
