"""Whose list a board document shows, in its own words: only the report's annex is presented as the annex; a
user's list says it is theirs (its file, its date, « classée selon la typologie tirée du rapport de 2025 »), under
the title and the organisation they give."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .. import labels
from ..i18n import _, readable_date
from ..text import shown


@dataclass(frozen=True)
class Heading:
    title: str
    subtitle: str
    own: bool  # a user's list (not the report's annex)
    organisation: str = ""
    lines: tuple[str, ...] = field(default_factory=tuple)  # the file and its date, the regions kept, the date made

    @property
    def list_sheet(self) -> str:
        """The name of the workbook's sheet that holds the list: « Annexe » for the report's only."""
        return _("List") if self.own else labels.label("field", "sheet_annex")


def moment_text(moment: datetime) -> str:
    """A date and time for people: « 6 décembre 2026 à 07 h 35 » (no offset from UTC: a board reads local time)."""
    return _("{date} at {hour}:{minute}", date=readable_date(moment.year, moment.month, moment.day),
             hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")


def file_date(path: str | None) -> str | None:
    """The day a file was last changed, as people write it; None when it cannot be known."""
    try:
        changed = datetime.fromtimestamp(os.stat(path).st_mtime).astimezone() if path else None
    except (OSError, ValueError, OverflowError):
        return None
    return readable_date(changed.year, changed.month, changed.day) if changed else None


def edition_line() -> str:
    """What the typology's knowledge is current to: the report, its year and the latest date it gives."""
    from ..study.knowledge import knowledge

    report = knowledge().report
    year, month = (int(part) for part in report["latest"].split("-"))
    return _("The report's knowledge: the {year} report, whose latest date is {latest}.", year=report["year"],
             latest=readable_date(year, month))


def heading(job) -> Heading:
    """The title, subtitle and lines of a document made from `job` (writers.Job), in the current language."""
    made = _("Made by cicli on {date}.", date=moment_text(datetime.now().astimezone())) + " " + edition_line()
    regions = job.regions or []
    kept = (_("Regions kept: {regions}.", regions=", ".join(regions)),) if regions else ()
    if job.centres.bundled:
        return Heading(job.title or labels.label("field", "annex_title"),
                       _("The innovation centres of Quebec, as the 2025 report lists them, with the typology cicli "
                         "draws from it"), False, job.organisation or "", (*kept, made))
    name = shown(Path(job.source or job.centres.table.source).name)
    changed = file_date(job.source)
    about = _("Your list: {file}, changed on {date}.", file=name, date=changed) if changed else \
        _("Your list: {file}.", file=name)
    return Heading(job.title or _("Innovation centres: {file}", file=name),
                   _("A list of innovation centres, classified by the typology drawn from the 2025 report"), True,
                   job.organisation or "", (about, *kept, made))
