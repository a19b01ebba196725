"""Text formats on a stream: CSV (built by Arrow kernels), JSON, Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..sections import Section


def write_csv(header: list[str], columns: list, stream: IO[str], *, delimiter: str = ",", newline: str = "\n") -> None:
    """Every CSV cicli writes, to a file or to standard output: quotes only where needed (RFC 4180), and no cell
    a spreadsheet would run as a formula (it gets an apostrophe first; numbers stay numbers). Built by Arrow
    kernels so that a million rows take a fraction of a second. `columns` hold lists of strings or pandas
    Series (numbers and booleans written as a person expects)."""
    from ..speed.csv_lines import csv_lines

    rows = len(columns[0]) if columns else 0
    lines = csv_lines([_arrow_text(c) for c in columns], delimiter, newline) if rows else []
    _write_lines(header, lines, stream, delimiter, newline)


def _arrow_text(column):
    if isinstance(column, list):
        from ..speed.arrays import strings

        return strings(column)
    from ..speed.frames import arrow_strings

    return arrow_strings(as_text(column))


def _write_lines(header: list[str], lines: list[memoryview], stream: IO[str], delimiter: str, newline: str) -> None:
    from ..speed.reference import formula_safe

    first = io.StringIO()
    csv.writer(first, delimiter=delimiter, lineterminator=newline).writerow([formula_safe(h) for h in header])
    stream.write(first.getvalue())
    write_pieces(lines, stream)


def write_pieces(pieces: list, stream: IO[str]) -> None:
    """UTF-8 bytes to a text stream: straight to its buffer when it has one and speaks UTF-8, decoded else."""
    if not pieces:
        return
    sink = getattr(stream, "buffer", None)
    if sink is not None and (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
        sink = None  # a console in another encoding: the text layer replaces what it cannot show
    if sink is not None:  # bytes straight out: no decoding and re-encoding of what may be hundreds of megabytes
        stream.flush()
    for part in pieces:
        if sink is None:
            stream.write(bytes(part).decode("utf-8"))
        else:
            sink.write(part)
    if sink is not None:
        sink.flush()


def as_text(values: pd.Series) -> pd.Series:
    """Every cell as the text a person expects: whole numbers without `.0`, nothing for missing values."""
    import pandas as pd

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
    return text.astype("str").fillna("")


def json_text(data) -> str:
    """JSON as cicli writes it: a list of records one record a line (Python's indenting encoder is pure
    Python, 20 times slower: 100,000 centres took 5 s), anything else indented."""
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        lines = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in data)
        return f"[\n  {lines}\n]\n"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_json(data, stream: IO[str]) -> None:
    stream.write(json_text(data))


def markdown_table(columns: list[str], rows: list[list[str]]) -> str:
    """A GitHub-flavoured table; every cell's text is text (markdown_text), its line breaks `<br>`."""
    from tabulate import tabulate

    cells = [[markdown_text(cell, lines="<br>") for cell in row] for row in rows]
    # Cells stay as written (tabulate would read « 1e5 » as 100000.0); counts and amounts align right.
    align = ["right" if any(row[j] for row in rows) and all(_FIGURE.fullmatch(row[j]) for row in rows if row[j])
             else "left" for j in range(len(columns))]
    return tabulate(cells, headers=[markdown_text(c, lines="<br>") for c in columns], tablefmt="github",
                    disable_numparse=True, colalign=align) + "\n"


_FIGURE = re.compile(r"-?[0-9][0-9 \u00a0\u202f,.]*( ?\$)?")


#: What Markdown would read as markup in running text (emphasis, code, links, cells, strikethrough), and at the
#: start of a line (a heading, a list, a quote): escaped with a backslash.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^([#+=-]|[0-9]+(?=[.)]))")


def markdown_text(text, lines: str = " ") -> str:
    """A value as Markdown and the HTML it allows show it, as text: `&`, `<` and `>` as entities (no tag, no
    entity of the file's can act), Markdown's punctuation escaped (no emphasis, link, table cell or heading of the
    file's), terminal escapes shown (text.visible), and line breaks as `lines`."""
    from ..text import visible

    text = visible(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)
    return lines.join(_LINE_START.sub(r"\\\1", line.strip()) for line in text.split("\n"))


def write_markdown_sections(sections: list[Section], stream: IO[str]) -> None:
    """Each section as a Markdown table (or, for cards, a `###` heading per row and a list of its values),
    under a `##` heading when it has a title, its caption below."""
    from ..i18n import _

    for n, section in enumerate(sections):
        if section.title:
            stream.write(("\n" if n else "") + f"## {markdown_text(section.title)}\n\n")
        if section.cards:
            stacked = [i for i in (section.stack or {}) if i]
            for row in section.rows:
                stream.write(f"### {markdown_text(row[0])}\n\n")
                under = " · ".join(dict.fromkeys(row[i] for i in stacked if row[i]))
                if under:
                    stream.write(f"{markdown_text(under)}\n\n")
                for i, column in enumerate(section.columns):
                    if i and i not in stacked and row[i]:
                        stream.write("- " + _("{label}: {value}", label=f"**{markdown_text(column)}**",
                                                  value=markdown_text(row[i])) + "\n")
                stream.write("\n")
        else:
            stream.write(markdown_table(section.columns, section.rows))
        if section.caption:
            stream.write(f"\n{markdown_text(section.caption)}\n")


