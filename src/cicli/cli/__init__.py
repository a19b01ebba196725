"""The command line: `app` (Typer) holds the commands; `main` is the `cicli` console script."""

from __future__ import annotations

from . import documents  # noqa: F401  (registers export, template and diff on app)
from .commands import app
from .process import main

__all__ = ["app", "main"]
