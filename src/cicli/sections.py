"""The one shape of what a command prints, rendered by `cicli.rendering.render` in any format.

A result knows three things: `records()`, plain data with stable codes (JSON); `rows()`, a flat
table with codes (CSV); and `sections()`, titled tables of text for people (terminal, Markdown).
This module imports nothing heavy: `cicli validate` builds its result without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

Columns = tuple[list[str], list]  # headers, and one column of cells for each (lists, or pandas Series)


@dataclass
class Section:
    """A titled table of text, as people read it."""

    title: str | None
    columns: list[str]
    rows: list[list[str]]
    highlight: list[bool] | None = None  # rows that stand out in a terminal (where centres differ)
    bars: int | None = None  # a column of counts: a terminal draws a bar beside each
    frame: Any = None  # the DataFrame it was made from, its values typed: for workbooks
    caption: str | None = None  # a line under the table: how many rows it counts
    priority: tuple[int, ...] = ()  # the columns a narrow terminal widens first (a name before a verdict)
    stack: dict[int, int] | None = None  # column → the column it goes under when the terminal is narrow
    cards: bool = False  # one block per row (title, then « header  value » lines), not a table

    @classmethod
    def of(cls, frame, title: str | None = None, *, highlight=None, bars: str | None = None, **layout) -> Section:
        """A section from a DataFrame: every cell as text, missing values empty; `layout`: caption, priority,
        stack, cards."""
        import pandas as pd

        from .i18n import readable_count

        # Whole numbers (counts) as the language groups their digits, « 10 000 »; the frame keeps them as numbers.
        counts = [pd.api.types.is_integer_dtype(frame[c]) for c in frame.columns]
        rows = [["" if v is None or (isinstance(v, float) and pd.isna(v)) else readable_count(v) if count
                 else str(v) for v, count in zip(row, counts, strict=True)]
                for row in frame.itertuples(index=False)]
        columns = [str(c) for c in frame.columns]
        return cls(title, columns, rows, None if highlight is None else [bool(h) for h in highlight],
                   None if bars is None else columns.index(bars), frame, **layout)


class Result(Protocol):
    def records(self) -> Any: ...

    def rows(self) -> Columns: ...

    def sections(self) -> list[Section]: ...


def frame_columns(frame) -> Columns:
    """A DataFrame as the flat rows of a result."""
    return [str(c) for c in frame.columns], [frame[c] for c in frame.columns]
