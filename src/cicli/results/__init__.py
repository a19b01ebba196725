"""What the commands show, as results, one module per command: each result knows its records (JSON), its flat rows
(CSV) and its sections (tables for people; see cicli.sections).

Pure functions: each takes loaded centres (cicli.pipeline) or a path, and returns a result.
"""

from __future__ import annotations

from .classify import RECORD_FIELDS, Classification, classify
from .compare import (
           COMPARE_FIELDS,
           Comparison,
           Overview,
           check_comparable,
           compare,
           compare_all,
           full_table,
           parse_fields,
)
from .context import Context, context
from .diff import Differences, compare_editions, diff
from .finding import find
from .map import CentreMap, centre_map
from .show import CentreDetails, show
from .summary import Summary, summarize, summary

__all__ = ["COMPARE_FIELDS", "RECORD_FIELDS", "CentreDetails", "CentreMap", "Classification", "Comparison", "Context",
           "Differences", "Overview", "Summary", "centre_map", "check_comparable", "classify", "compare", "compare_all",
           "compare_editions", "context", "diff", "find", "full_table", "parse_fields", "show", "summarize", "summary"]
