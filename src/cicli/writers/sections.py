"""Any result's sections (cicli.sections) as a document a board reads: a workbook of one sheet, or a page to send.
What `cicli diff -o changes.xlsx` and `-o changes.html` write; the annex's own workbook and page are xlsx.py and
html.py."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..i18n import _
from ..text import quoted
from .safety import atomic_write, strip_illegal

SUFFIXES = (".xlsx", ".html")


def write_sections(target: Path, sections, *, title: str, subtitle: list[str], lang: str, force: bool) -> None:
    """`sections` to `target`, as the suffix says (.xlsx or .html), atomically."""
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        _workbook(target, sections, title, force)
    elif suffix == ".html":
        _page(target, sections, title, subtitle, lang, force)
    else:
        raise UsageError(_("cannot tell the format from {path}: name it with one of {choices}.",
                           path=quoted(str(target)), choices=", ".join(SUFFIXES)), hint="format")


def _workbook(target: Path, sections, title: str, force: bool) -> None:
    import pandas as pd

    from .excel import Sheet, write_workbook

    parts = [(s.title, strip_illegal(pd.DataFrame(s.rows, columns=s.columns))[0]) for s in sections]
    write_workbook(target, [Sheet(title[:31], parts, table=False)], force=force)


def _page(target: Path, sections, title: str, subtitle: list[str], lang: str, force: bool) -> None:
    from .html import environment

    page = environment().get_template("sections.html.j2").render(
        lang=lang, title=title, subtitle=subtitle,
        sections=[{"title": s.title, "columns": s.columns, "rows": s.rows, "caption": s.caption} for s in sections])
    atomic_write(target, lambda stream: stream.write(page.encode("utf-8")), force)
