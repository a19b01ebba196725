"""Writing a result to the terminal or a stream, in one of four formats.

Machine formats (csv, json) carry codes; table and markdown carry labels in the user's language.
"""

from __future__ import annotations

import sys
from typing import IO

from ..sections import Result

FORMATS = ("table", "csv", "json", "markdown")


def render(result: Result, fmt: str, stream: IO[str] | None = None) -> None:
    """Write `result` to `stream` (standard output by default) as `fmt`."""
    stream = stream or sys.stdout
    if fmt == "json":
        from .streams import write_json, write_pieces

        if hasattr(result, "json_pieces"):  # long lists of records: built on whole columns
            write_pieces(result.json_pieces(), stream)
        else:
            write_json(result.records(), stream)
    elif fmt == "csv":
        from .streams import write_csv

        write_csv(*result.rows(), stream)
    elif fmt == "markdown":
        from .streams import write_markdown_sections

        write_markdown_sections(result.sections(), stream)
    else:
        from .terminal import write_tables

        write_tables(result.sections(), stream)
