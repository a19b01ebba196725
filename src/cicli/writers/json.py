"""The JSON export: what `cicli classify --format json` prints, in a file."""

from __future__ import annotations

import json

from ..reports import Classification
from .safety import atomic_write


def write(job) -> None:
    records = Classification(job.table, job.lang).records()
    payload = json.dumps(records, ensure_ascii=False, indent=2).encode() + b"\n"
    atomic_write(job.target, lambda s: s.write(payload), job.force)
