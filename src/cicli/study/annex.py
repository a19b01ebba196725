"""The report's annex as cicli carries it (data/centres.csv): its centres' values, typed and as text, by id; what
the pipeline completes a user's rows from."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True, eq=False)
class Annex:
    ids: list[str]
    typed: dict[str, pa.Array]
    text: dict[str, pa.Array]

    def position(self, centres: np.ndarray) -> np.ndarray:
        """Each id's place in the annex (len(ids) for an id it does not hold)."""
        from ..speed.arrays import positions_in, strings

        found = positions_in(strings(centres.tolist()), self.ids)
        return np.where(found < 0, len(self.ids), found)


@functools.cache
def annex() -> Annex:
    """The bundled annex, read and checked once."""
    from ..read import read_table
    from ..speed.arrays import one_chunk
    from ..validation import check

    table = read_table(None)
    typed, _findings = check(table)
    text = {c: one_chunk(table.cells[c]) for c in table.cells.column_names}
    values = {c: one_chunk(typed.get(c, text[c])) for c in table.cells.column_names}
    return Annex(text["id"].to_pylist(), values, text)
