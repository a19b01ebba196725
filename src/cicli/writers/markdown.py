"""The Markdown export: whose list it is, the list as the report lays out its annex, then the summary's sections."""

from __future__ import annotations

import io

from .. import schema
from ..rendering.streams import markdown_table, markdown_text, write_markdown_sections
from ..results import summarize
from ..typology import AXIS_NAMES
from .heading import heading
from .safety import atomic_write
from .tables import annex_table


def write(job) -> None:
    annex = annex_table(job.centres, job.table, job.lang)
    keep = list(annex.columns[: len(schema.ANNEX_COLUMNS) + len(AXIS_NAMES) + 1])
    head = heading(job)
    stream = io.StringIO()
    if head.organisation:
        stream.write(f"**{markdown_text(head.organisation)}**\n\n")
    title = markdown_text(head.title) if job.title or head.own else head.title  # the user's words, escaped
    stream.write(f"# {title}\n\n{head.subtitle}.\n\n")
    stream.write("".join(f"{markdown_text(line) if head.own else line}  \n" for line in head.lines) + "\n")
    stream.write(markdown_table([str(c) for c in keep], annex[keep].astype(str).values.tolist()))
    stream.write("\n")
    write_markdown_sections(summarize(job.table, job.lang).sections(), stream)
    text = stream.getvalue()
    atomic_write(job.target, lambda s: s.write(text.encode()), job.force)
