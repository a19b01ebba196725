"""What the commands show, as results: each knows its records, its flat rows and its sections.

Pure functions: they take a loaded annex (or a path) and return a result (see cicli.results).
"""

from __future__ import annotations

from .centre import CentreDetails, show
from .classification import RECORD_FIELDS, Classification, classify
from .comparison import COMPARE_FIELDS, Comparison, check_comparable, compare, full_table
from .finding import find
from .landscape import Summary, summarize, summary

__all__ = [
           "COMPARE_FIELDS",
           "RECORD_FIELDS",
           "CentreDetails",
           "Classification",
           "Comparison",
           "Summary",
           "check_comparable",
           "classify",
           "compare",
           "find",
           "full_table",
           "show",
           "summarize",
           "summary",
]
