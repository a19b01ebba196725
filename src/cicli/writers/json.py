"""The JSON export: what `cicli classify --format json` prints, in a file."""

from __future__ import annotations

from ..results import Classification
from .safety import atomic_write


def write(job) -> None:
    pieces = Classification(job.table, job.lang).json_pieces()
    atomic_write(job.target, lambda stream: [stream.write(piece) for piece in pieces], job.force)
