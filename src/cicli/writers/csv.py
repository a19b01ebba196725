"""The CSV export: the annex with its typology, written by the one CSV writer (rendering.streams.write_csv).

Plain, it is data: the file's own text, `,`, UTF-8. With `excel` it is what French Excel opens and reads:
`;`, UTF-8 with a BOM, CRLF, coded values as words of the chosen language, numbers with a decimal comma,
months as YYYY-MM (which Excel takes for dates). cicli reads either back to the same codes and verdicts.
"""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from ..rendering.streams import write_csv
from .safety import atomic_write, strip_illegal
from .tables import annex_table


def write(job) -> None:
    table = annex_table(job.centres, job.table, job.lang, words=job.excel)
    if job.excel:
        table = table.apply(lambda column: column.map(_excel_text))
    frame, removed = strip_illegal(table)
    job.note_removed(removed)
    buffer = io.StringIO()
    write_csv([str(c) for c in frame.columns], [frame[c] for c in frame.columns], buffer,
              delimiter=";" if job.excel else ",", newline="\r\n" if job.excel else "\n")
    data = buffer.getvalue().encode("utf-8-sig" if job.excel else "utf-8")
    atomic_write(job.target, lambda s: s.write(data), job.force)


def _excel_text(value) -> str:
    """A cell as French Excel reads it: 47,8357 and 35000000 (numbers, no grouping), 2022-02 (a date)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value)).replace(".", ",")
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)
