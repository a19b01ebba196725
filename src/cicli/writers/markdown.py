"""The Markdown export: the annex as the report lays it out, then the summary's sections."""

from __future__ import annotations

import io

from .. import labels, schema
from ..render.streams import markdown_table, write_markdown_sections
from ..results import summarize
from ..typology import AXIS_NAMES
from .safety import atomic_write
from .tables import annex_table


def write(job) -> None:
    annex = annex_table(job.centres, job.table, job.lang)
    keep = list(annex.columns[: len(schema.ANNEX_COLUMNS) + len(AXIS_NAMES) + 1])
    stream = io.StringIO()
    stream.write(f"# {labels.label('field', 'annex_title', job.lang)}\n\n")
    stream.write(markdown_table([str(c) for c in keep], annex[keep].astype(str).values.tolist()))
    stream.write("\n")
    write_markdown_sections(summarize(job.table, job.lang).sections(), stream)
    text = stream.getvalue()
    atomic_write(job.target, lambda s: s.write(text.encode()), job.force)
