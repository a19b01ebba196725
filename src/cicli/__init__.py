"""cicli: the centres d'innovation of Quebec, from the 2025 report's annex.

The public API, importable without paying for pandas until it is used: `validate(path)` and
`load(path)` read and check a file; `classify`, `compare`, `show` and `summary` return what the
commands print, as DataFrames and plain data; `cicli.export.export(out)` writes a file (a
top-level `export` would clash with the `cicli.export` module).
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "read_table": "reader",
    "Table": "reader",
    "validate": "validation",
    "load": "validation",
    "Report": "validation",
    "classify": "reports",
    "records": "reports",
    "compare": "reports",
    "show": "reports",
    "summary": "reports",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_API[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
