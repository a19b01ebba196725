"""cicli: the centres d'innovation of Quebec, from the 2025 report's annex.

The library behind the `cicli` command, one function per command, each with the command's
defaults. Nothing heavy is imported until a function is used.

- `validate(path)` → a report of the file's problems; `load(path)` → the checked table, or an error.
- `classify(path)`, `compare([a, b], path)`, `show(name, path)`, `summary(path)` → results that know
  their `records()` (JSON), `rows()` (CSV) and `sections()` (tables for people); see cicli.results.
- `export(out, path)` writes a file: .xlsx, .csv, .json, .md or .geojson.
- `render(result, fmt)` prints a result as the command line does.

`path` is a CSV or XLSX file; None reads the annex bundled with cicli.
"""

from __future__ import annotations

__version__ = "0.1.0"

_API = {
    "load": "pipeline",
    "validate": "pipeline",
    "classify": "results",
    "compare": "results",
    "show": "results",
    "summary": "results",
    "export": "writers",
    "render": "rendering",
    "read_table": "read",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_API[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
