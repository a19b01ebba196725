"""Where a table's cells come from: the report (the bundled annex, or a row completed from the report's
knowledge) or the user's own file. The typology words its reasons by it (« le rapport dit… » /
« votre fichier dit… »), and `show` names each value's source.

Nothing heavy here: the row-by-row parts are pandas Series, built by whoever completes rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Provenance:
    """`file_columns`: the columns the user's file holds (none for the bundled annex). `known`: for each row,
    whether it is a centre of the report (all rows of the bundled annex; a user's row cicli recognised).
    `completed`: column → for each row, whether its cell was filled from the report."""

    bundled: bool
    file_columns: frozenset[str] = frozenset()
    known: Any = None  # pandas Series of bool on the table's index; None: every row (bundled) or none
    completed: dict[str, Any] = field(default_factory=dict)  # column → pandas Series of bool

    @classmethod
    def of_report(cls) -> Provenance:
        return cls(bundled=True)

    @classmethod
    def of_file(cls, columns) -> Provenance:
        return cls(bundled=False, file_columns=frozenset(columns))

    def known_rows(self, index):
        import pandas as pd

        if self.known is not None:
            return self.known.reindex(index, fill_value=False).astype(bool)
        return pd.Series(self.bundled, index=index)

    def from_file(self, column: str, index):
        """For each row, whether the cell of `column` is the user's (not the report's)."""
        import pandas as pd

        if column not in self.file_columns:
            return pd.Series(False, index=index)
        completed = self.completed.get(column)
        if completed is None:
            return pd.Series(True, index=index)
        return ~completed.reindex(index, fill_value=False).astype(bool)
