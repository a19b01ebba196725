"""The HTML report: one self-contained page to e-mail to people who will never open a terminal.

Everything is inline (styles, the script, charts drawn by cicli as SVG), nothing is fetched, so the page
opens offline from an attachment. Jinja2 writes it with autoescaping on: every value of the data is text,
never markup; links are kept only when they are http or https. The page is built from the same results as
the other outputs (the summary, the classification, `show`, `compare`, `context`, the method), so it says
nothing they do not. The words of the page are in the catalogue, like every other message.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import __version__, labels, results
from ..i18n import _, ngettext, readable_count
from ..results.show import CentreDetails, details
from ..typology import AXIS_NAMES
from ..wording import field_label, month_text
from .heading import heading
from .maps import colour, drawing
from .safety import atomic_write, input_checksum
from .tables import changes_table, comparison_table, method_table, problem_marks, problems_table, technical_table

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
    """Everything the page shows, as plain data: words, charts, the map, tables, cards."""
    lang, table = job.lang, job.table
    head = heading(job)
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
    centre_map = results.centre_map(job.centres, table, job.map_by, lang)
    marks = problem_marks(job.centres.findings)
    return {
        "lang": lang,
        "brief": job.brief,
        "head": head,
        "title": head.title,
        "words": _words(len(table), lang),
        "version": __version__,
        "counts": counts,
        "crosses": crosses,
        "regions": regions,
        "map": _map(centre_map),
        "timeline": timeline,
        "timeline_marks": _timeline_marks(summary.data["timeline"], lang),
        "timeline_years": _timeline_years(summary.data["timeline"]),
        "waiting": waiting,
        "funding": funding,
        **_centres(table, lang, marks, {p.id: p.number for p in centre_map.points}),
        "columns": [field_label(f, lang) for f in TABLE_FIELDS] + [labels.label("axis", a, lang) for a in AXIS_NAMES],
        "filters": [{"axis": a, "label": labels.label("axis", a, lang),
                     "choices": [(c, labels.label(a, c, lang)) for c in labels.LABELS[a]]} for a in AXIS_NAMES],
        "region_choices": sorted({r for r in table["region"] if r}),
        "page_rows": PAGE_ROWS,
        "folded_rows": FOLDED_ROWS,
        "problems": _frame(problems_table(job.centres.findings)) if job.centres.findings.problems else None,
        "changes": _frame(changes_table(lang)) if job.centres.bundled else None,
        "cards": [] if job.brief else _cards(job),
        "cards_left_out": 0 if job.brief else max(len(table) - MAX_CARDS, 0),
        "comparison": None if side is None else _frame(side.reset_index(drop=True)),
        "notions": [] if job.brief else [_table(s) for s in results.context(lang=lang).sections()],
        "method": [{"title": t, **_frame(f)} for t, f in method_table(head)],
        "technical": _frame(technical_table(source, input_checksum(job.source))),
    }


def _words(total: int, lang: str) -> dict[str, str]:
    """The page's own words, in the current language."""
    left = max(total - MAX_CARDS, 0)
    return {
        "centres_count": ngettext("{n} centre", "{n} centres", total),
        "contents": _("Contents"),
        "landscape": _("The landscape at a glance"),
        "crosses": _("Two axes crossed"),
        "map": _("Map of the centres"),
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
        "cards_left_out": _("Cards are shown for the first {shown} centres; {left} more are in the table above.",
                            shown=MAX_CARDS, left=left),
        "comparison": _("Comparison"),
        "notions": _("The report's notions"),
        "method": _("Method"),
        "technical": _("Technical appendix"),
        "method_on_screen": _("On paper, each centre shows its verdicts and their reasons; the facts with their "
                              "sources, what the report says of each centre, and the typology rule by rule are on "
                              "the page on screen and in the workbook's Method sheet."),
        "technical_note": _("For whoever checks the work: the version of cicli, the file read and its fingerprint, "
                            "and where each rule is in the code."),
        "problems": _("What cicli found in the file"),
        "problems_note": _("Each row concerned is marked ⚠ in the table of centres."),
        "changes": _("Where this list differs from the annex the report prints"),
        "chart_of": _("Chart: {title}. The same figures are in the table below it."),
        "map_of": _("Map: {title}. The list below it gives the same points in words."),
        "legend": _("Legend: {title}"),
        "positions": _("Positions: {sources}."),
        "position_is": _("Position: {where}"),
        "left_off": _("Not on the map:"),
        "no_centre": _("No centre matches these filters."),
        "empty": _("The file read holds no centre: its rows are empty, or it has a header only."),
        "show_rows": _("Show the {n} rows"),
        "print": _("Print or save as PDF"),
        "problem_mark": _("A problem was found in this row"),
    }


def _map(centre_map) -> dict:
    """The map for the template: its drawing, legend, numbered list and the centres left off, with why."""
    codes = tuple(labels.LABELS[centre_map.axis])
    legend = [{"label": label, "count": readable_count(n), "colour": colour(codes, code)}
              for code, label, n in centre_map.legend()]
    return {"title": _("the centres by {axis}", axis=labels.label("axis", centre_map.axis).lower()),
            "drawing": drawing(centre_map.points, codes), "legend": legend, "points": centre_map.points,
            "sources": centre_map.sources(), "left_off": centre_map.left_off,
            "outline": _("Outline of Quebec: Natural Earth (public domain), simplified.")}


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


def _timeline_marks(timeline: pd.DataFrame, lang: str) -> list[dict]:
    """The designations placed on a line of months, from the first to the last (dated ones only)."""
    dated = _dated(timeline)
    if dated.empty or len(dated) > MAX_MARKS:
        return []
    months = [int(m[:4]) * 12 + int(m[5:]) - 1 for m in dated["designated_on"]]
    first, last = min(months), max(months)
    span = max(last - first, 1)
    return [{"month": month_text(m, lang), "name": name, "share": (n - first) / span}
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


def _centres(table: pd.DataFrame, lang: str, marks: dict[int, str], numbers: dict[str, int]) -> dict:
    """The table's rows; each reason is written once in `reasons` and rows point to it (the reasons of a
    large file repeat: 10,000 rows hold a few hundred distinct ones). A row checking found a problem in carries
    it (`problem`), shown as a mark."""
    reasons: dict[str, int] = {}
    names = {a: {c: labels.label(a, c, lang) for c in labels.LABELS[a]} for a in AXIS_NAMES}
    cells = zip(*([str(v or "") for v in table[f]] for f in TABLE_FIELDS), strict=True)
    verdicts = zip(*(zip(table[a], table[f"{a}_reason"], strict=True) for a in AXIS_NAMES), strict=True)
    rows = [{"id": centre, "cells": list(row), "region": row[1], "problem": marks.get(i, ""),
             "number": numbers.get(centre),
             "verdicts": [{"axis": a, "code": code, "label": names[a].get(code, code),
                           "reason": reasons.setdefault(reason, len(reasons))}
                          for a, (code, reason) in zip(AXIS_NAMES, these, strict=True)]}
            for i, centre, row, these in zip(table.index, table["id"], cells, verdicts, strict=True)]
    return {"centres": rows, "reasons": list(reasons)}


def _cards(job) -> list[dict]:
    """`show` for each centre (up to MAX_CARDS), as the page lays it out."""
    cards = []
    for i in job.table.index[:MAX_CARDS]:
        record = details(job.centres, job.table, i)
        sections = CentreDetails(record, job.lang).sections()
        cards.append({"id": record["id"], "name": record["name"], "sections": [_table(s) for s in sections]})
    return cards
