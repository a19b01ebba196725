"""The one place where errors become messages and exit codes, and where hints name options."""

from __future__ import annotations

import functools

import typer

from ..errors import CicliError
from .process import Interrupted, arrow_allocator, cannot_write, no_room, quiet_stdout, say

_state = {"debug": False}

#: What the user can do next, for each hint an error carries: the library says what is wrong, the
#: command line says which option mends it.
HINTS = {
    "force": "; pass --force to replace it.",
    "validate": "; run `cicli validate` to list them.",
    "encoding": ", or pass --encoding.",
    "format": ", or pass --format.",
    "compare-example": ", for example: cicli compare HIFA \"Sept-Îles\".",
}


def error_text(e: CicliError) -> str:
    """The error as one line: where, what (naming the option as typed), and the hint."""
    subject = f"--{e.option.replace('_', '-')} " if e.option else ""
    message = f"{subject}{e.message}"
    if e.hint in HINTS:
        message = message.rstrip(".") + HINTS[e.hint]
    where = e.where()
    return f"{where}: {message}" if where else message


def guarded(command):
    """Turn the project's errors, interruptions and surprises into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            arrow_allocator()
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except CicliError as e:
            say(error_text(e))
            raise typer.Exit(e.exit_code) from None
        except Interrupted as e:
            say("interrupted.")
            raise typer.Exit(128 + e.signum) from None
        except KeyboardInterrupt:
            say("interrupted.")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as e:  # a bug of ours: one line, and the way to see more
            if no_room(e):
                raise typer.Exit(cannot_write(e)) from None
            if _state["debug"]:
                raise
            say(f"internal error: {type(e).__name__}: {e}. Rerun with --debug for the traceback.")
            raise typer.Exit(1) from None

    return wrapper
