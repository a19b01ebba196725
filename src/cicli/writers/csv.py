"""The CSV export: the annex with its typology; `excel` makes it what French Excel opens (`;`, a BOM)."""

from __future__ import annotations

import io

from .safety import atomic_write, defuse
from .tables import annex_table


def write(job) -> None:
    frame, removed = defuse(annex_table(job.centres.table.frame, job.centres.table.headers, job.table, job.lang))
    job.note_removed(removed)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, sep=";" if job.excel else ",", lineterminator="\r\n" if job.excel else "\n")
    data = buffer.getvalue().encode("utf-8-sig" if job.excel else "utf-8")
    atomic_write(job.target, lambda s: s.write(data), job.force)
