"""Writing tables to the terminal or a stream: rich tables, CSV, JSON, Markdown.

Machine formats (csv, json) carry codes; table and markdown carry labels in the user's language.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def write_csv(frame: pd.DataFrame, stream: IO[str] | None = None) -> None:
    """CSV with `,`, quotes only where needed (RFC 4180), `\n` line ends; the `csv` module's output,
    built by Arrow kernels so that a million rows take a fraction of a second."""
    _write_csv_lines([str(c) for c in frame.columns], csv_rows(as_text(frame)) if len(frame) else [], stream)


def _write_csv_lines(header: list[str], lines: list[memoryview], stream: IO[str] | None) -> None:
    stream = stream or sys.stdout
    first = io.StringIO()
    csv.writer(first, lineterminator="\n").writerow(header)
    stream.write(first.getvalue())
    if not lines:
        return
    sink = getattr(stream, "buffer", None)
    if sink is not None:  # bytes straight out: no decoding and re-encoding of what may be hundreds of megabytes
        stream.flush()
    for part in lines:
        if sink is None:
            stream.write(bytes(part).decode("utf-8"))
        else:
            sink.write(part)
    if sink is not None:
        sink.flush()


def csv_rows(text: pd.DataFrame) -> list[memoryview]:
    """The rows of a frame of strings as CSV bytes, one line per row, without a Python loop over rows:
    the top and bottom halves of a long frame are built on two threads."""
    from .columns import arrow_strings

    return csv_lines([arrow_strings(text[column]) for column in text.columns])


def csv_lines(columns: list) -> list[memoryview]:
    """Arrow columns of strings as CSV lines (see csv_rows)."""
    from .arrays import in_parallel

    rows = len(columns[0]) if columns else 0
    half = rows // 2
    halves = in_parallel(lambda bounds: _lines_of([c.slice(*bounds) for c in columns]),
                         [(0, half), (half, rows - half)], rows)
    return [part for lines in halves for part in lines]


_CSV_SPECIAL = tuple(map(ord, ',"\r\n'))  # a cell holding one is quoted


def _lines_of(columns: list) -> list[memoryview]:
    """The CSV lines of equally long Arrow columns, as views of the bytes Arrow built them in."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from .arrays import character_class, holds_any, text, text_extent

    quote, nothing, comma, newline = map(text, ('"', "", ",", "\n"))
    cells = []
    for values in columns:
        if holds_any(values, _CSV_SPECIAL):  # most columns hold no such character: no search in every cell
            special = pc.match_substring_regex(values, character_class(_CSV_SPECIAL))
            quoted = pc.binary_join_element_wise(quote, pc.replace_substring(values, '"', '""'), quote, nothing)
            values = pc.if_else(special, quoted, values)
        cells.append(values)
    # The line end joins the last column first: one join then builds the lines (a second join over
    # whole lines would copy them all again).
    cells[-1] = pc.binary_join_element_wise(cells[-1], newline, nothing)
    lines = pc.binary_join_element_wise(*cells, comma)
    parts = []
    for chunk in lines.chunks if isinstance(lines, pa.ChunkedArray) else [lines]:
        if len(chunk):
            # The lines lie end to end in the chunk's data buffer: its bytes are the CSV (a view, not a copy).
            start, end = text_extent(chunk)
            parts.append(memoryview(chunk.buffers()[2])[start:end])
    return parts


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text a person expects: whole numbers without `.0`, nothing for missing values."""
    import pandas as pd

    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values):
            text = values.map({True: "true", False: "false"})
        elif pd.api.types.is_float_dtype(values) and values.dropna().map(float.is_integer).all():
            text = values.astype("Int64").astype("str")
        elif pd.api.types.is_numeric_dtype(values):
            text = values.map(lambda v: "" if pd.isna(v) else str(int(v)) if float(v).is_integer() else str(v))
        elif values.dtype == object:  # codes and plain() values: strings, whole numbers as ints, None
            text = values.where(values.notna(), "").astype("str")
        else:
            text = values
        out[str(column)] = text.astype("str").fillna("")
    return out


def write_json(data, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_markdown(frame: pd.DataFrame, stream: IO[str] | None = None) -> None:
    _markdown([str(c) for c in frame.columns], frame.astype(str).values.tolist(), stream)


def _markdown(columns: list[str], rows: list[list[str]], stream: IO[str] | None) -> None:
    from tabulate import tabulate

    stream = stream or sys.stdout
    cells = [[cell.replace("\n", "<br>").replace("|", "\\|") for cell in row] for row in rows]
    stream.write(tabulate(cells, headers=columns, tablefmt="github") + "\n")


def _console(stream: IO[str] | None):
    from rich.console import Console

    stream = stream or sys.stdout
    # Piped output is read by people too (less, a file): don't squeeze it to 80 columns.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 200
    return Console(file=stream, soft_wrap=False, width=wide)


def write_table(frame: pd.DataFrame, title: str | None = None, stream: IO[str] | None = None,
                highlight: pd.Series | None = None) -> None:
    """A rich table; rows where `highlight` is true stand out."""
    import pandas as pd

    rows = [["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row]
            for row in frame.itertuples(index=False)]
    _rich_table([str(c) for c in frame.columns], rows, title, stream,
                highlight.tolist() if highlight is not None else None)


def _rich_table(columns: list[str], rows: list[list[str]], title: str | None, stream: IO[str] | None,
                marks: list[bool] | None) -> None:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold",
                  show_lines=any("\n" in cell for row in rows for cell in row), header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold", min_width=min(len(column), 14))
    for row, mark in zip(rows, marks or [False] * len(rows)):
        table.add_row(*row, style="bold yellow" if mark else None)
    _console(stream).print(table)


def write_rows(columns: list[str], rows: list[list[str]], fmt: str, stream: IO[str] | None = None) -> None:
    """Rows of strings in `fmt` (table, csv or markdown), without pandas: a short list, as of problems."""
    if fmt == "csv":
        from .arrays import strings

        cells = [strings(list(column)) for column in zip(*rows)]
        _write_csv_lines(columns, csv_lines(cells) if rows else [], stream)
    elif fmt == "markdown":
        _markdown(columns, rows, stream)
    else:
        _rich_table(columns, rows, None, stream, None)


def write_sections(sections: list[tuple[str, pd.DataFrame]], fmt: str, stream: IO[str] | None = None) -> None:
    """Several titled tables, as rich tables or Markdown sections."""
    stream = stream or sys.stdout
    for n, (title, frame) in enumerate(sections):
        if fmt == "markdown":
            stream.write(("\n" if n else "") + f"## {title}\n\n")
            write_markdown(frame, stream)
        else:
            write_table(frame, title, stream)


def write(frame: pd.DataFrame, fmt: str, *, json_data=None, title: str | None = None) -> None:
    """Write `frame` in `fmt`; json prints `json_data` (records with codes) when given."""
    if fmt == "json":
        write_json(json_data if json_data is not None else frame.to_dict("records"))
    elif fmt == "csv":
        write_csv(frame)
    elif fmt == "markdown":
        write_markdown(frame)
    else:
        write_table(frame, title)
