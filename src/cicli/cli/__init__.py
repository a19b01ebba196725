"""The command line: `app` (Typer) holds the commands; `main` is the `cicli` console script."""

from __future__ import annotations

from .commands import app
from .process import main

__all__ = ["app", "main"]
