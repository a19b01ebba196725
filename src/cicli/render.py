"""Writing tables to the terminal or a stream: rich tables, CSV, JSON, Markdown.

Machine formats (csv, json) carry codes; table and markdown carry labels in the user's language.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from typing import IO

import pandas as pd

from . import labels
from .typology import AXIS_NAMES

FORMATS = ("table", "csv", "json", "markdown")


def classified_for_people(table: pd.DataFrame, lang: str, explain: bool) -> pd.DataFrame:
    """The classification with labels: name, locality, the four axes (zone and month beside them)."""
    out = pd.DataFrame(index=table.index)
    field = lambda code: labels.label("field", code, lang)  # noqa: E731
    out[field("name")] = table["name"]
    out[field("locality")] = table["locality"]
    for axis in AXIS_NAMES:
        text = table[axis].map(lambda code, a=axis: labels.label(a, code, lang))
        if axis == "anchoring":
            text = text.where(table["zone"] == "", text + " (" + table["zone"] + ")")
        if axis == "status":
            text = text.where(table["designated_on"] == "", text + " (" + table["designated_on"] + ")")
        out[labels.label("axis", axis, lang)] = text
    if explain:
        out[labels.label("field", "reason", lang) + "s"] = table.apply(
            lambda r: "\n".join(f"{labels.label('axis', a, lang)} : {r[f'{a}_reason']}" if lang == "fr"
                                else f"{labels.label('axis', a, lang)}: {r[f'{a}_reason']}" for a in AXIS_NAMES),
            axis=1) if len(table) else ""
    return out


def classified_for_machines(table: pd.DataFrame, explain: bool) -> pd.DataFrame:
    columns = ["id", "name", "region", "locality", *AXIS_NAMES[:2], "zone", *AXIS_NAMES[2:], "designated_on",
               "redirected_from_zi"]
    out = table[columns].copy()
    out["redirected_from_zi"] = out["redirected_from_zi"].map({True: "yes", False: "no"}).fillna("")
    if explain:
        for axis in AXIS_NAMES:
            out[f"{axis}_reason"] = table[f"{axis}_reason"]
    return out


def write_csv(frame: pd.DataFrame, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        writer.writerow(["" if v is None or (isinstance(v, float) and pd.isna(v)) else v for v in row])


def write_json(data, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_markdown(frame: pd.DataFrame, stream: IO[str] | None = None) -> None:
    from tabulate import tabulate

    stream = stream or sys.stdout
    cells = frame.astype(str).apply(lambda s: s.str.replace("\n", "<br>", regex=False).str.replace("|", "\\|", regex=False))
    stream.write(tabulate(cells.values.tolist(), headers=list(frame.columns), tablefmt="github") + "\n")


def write_table(frame: pd.DataFrame, title: str | None = None, stream: IO[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    stream = stream or sys.stdout
    # Piped output is read by people too (less, a file): don't squeeze it to 80 columns.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 200
    console = Console(file=stream, soft_wrap=False, width=wide)
    table = Table(title=title, show_lines=any("\n" in str(v) for v in frame.values.ravel()), header_style="bold")
    for column in frame.columns:
        table.add_column(str(column), overflow="fold", min_width=min(len(str(column)), 14))
    for row in frame.itertuples(index=False):
        table.add_row(*("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in row))
    console.print(table)


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
