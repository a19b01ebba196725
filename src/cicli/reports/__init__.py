"""What the commands show, as results: each knows its records, its flat rows and its sections.

Pure functions: they take a loaded annex (or a path) and return a result (see cicli.results).
"""

from __future__ import annotations

from .centre import CentreDetails, show
from .classification import RECORD_FIELDS, Classification, classify
from .comparison import COMPARE_FIELDS, Comparison, check_comparable, compare, full_table
from .context import Context, context
from .finding import find
from .landscape import Summary, summarize, summary
from .overview import Overview, compare_all, parse_fields

__all__ = [
           "COMPARE_FIELDS",
           "RECORD_FIELDS",
           "CentreDetails",
           "Classification",
           "Comparison",
           "Context",
           "Overview",
           "Summary",
           "check_comparable",
           "classify",
           "compare",
           "compare_all",
           "context",
           "find",
           "full_table",
           "parse_fields",
           "show",
           "summarize",
           "summary",
]
