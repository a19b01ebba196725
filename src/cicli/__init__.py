"""cicli: the centres d'innovation of Quebec, from the 2025 report's annex.

The public API, importable without paying for pandas until it is used:
`read_table`, `validate`, `classify`, …
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "read_table": "reader",
    "Table": "reader",
    "validate": "validation",
    "load": "validation",
    "Report": "validation",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_API[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
