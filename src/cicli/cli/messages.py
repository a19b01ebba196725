"""The one place where errors become messages and exit codes, and where hints name options."""

from __future__ import annotations

import functools

import typer

from ..errors import CicliError
from ..i18n import N_, _
from ..interrupts import Interrupted
from ..text import shown
from .process import arrow_allocator, cannot_write, no_room, quiet_stdout, say

_state = {"debug": False}

#: What the user can do next, for each hint an error carries: the library says what is wrong, the
#: command line says which option mends it.
HINTS = {
    "force": N_("; pass --force to replace it."),
    "validate": N_("; run `cicli validate` to list them."),
    "encoding": N_(", or pass --encoding."),
    "format": N_(", or pass --format."),
    "sheet": N_("; to read one, pass --sheet NAME."),
    "compare-example": N_(", for example: cicli compare HIFA \"Sept-Îles\"."),
}


def error_text(e: CicliError) -> str:
    """The error as one line: where, what (naming the option as typed), and the hint."""
    subject = f"--{e.option.replace('_', '-')} " if e.option else ""
    message = f"{subject}{e.message}"
    if e.hint in HINTS:
        message = message.rstrip(".") + _(HINTS[e.hint])
    where = e.where()
    return _("{where}: {message}", where=where, message=message) if where else message


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
            say(_("interrupted."))
            raise typer.Exit(128 + e.signum) from None
        except KeyboardInterrupt:
            say(_("interrupted."))
            raise typer.Exit(130) from None
        except BrokenPipeError:
            quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as e:  # a bug of ours: one line, and the way to see more
            if no_room(e):
                raise typer.Exit(cannot_write(e)) from None
            if _state["debug"]:
                raise
            say(_("internal error: {kind}: {error}. Rerun with --debug for the traceback.", kind=type(e).__name__,
                  error=shown(str(e), 300)))
            raise typer.Exit(1) from None
        except BaseException as e:  # pyo3's PanicException (a Rust reader's panic) is no Exception
            if type(e).__name__ != "PanicException" or _state["debug"]:
                raise
            say(_("internal error: {kind}: {error}. Rerun with --debug for the traceback.", kind=type(e).__name__,
                  error=shown(str(e), 300)))
            raise typer.Exit(1) from None

    return wrapper
