"""Process plumbing of the `cicli` command, each piece with its reason.

- `main` resets SIGPIPE (so `cicli … | head` ends quietly) and turns Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and
  SIGUSR1/2 into an exception that unwinds `finally` blocks (cicli.interrupts: temporary files are removed on
  the way out).
- `end` flushes the output and ends the process at once: Python's own way out frees every module of
  pandas and Arrow and every table one by one (0.15 s after a 14-row classify, 0.25 s after a
  million rows), of which nothing is left to see.
- `arrow_allocator` asks Arrow for jemalloc on Linux (see its docstring).
- `import_meanwhile` imports a module on a thread while the main one reads a file.
- `safe_streams` keeps an output from dying of its console's encoding (a redirect on Windows is cp1252).
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from typing import NoReturn

from ..i18n import _
from ..interrupts import Interrupted
from ..interrupts import install as catch_signals
from ..text import shown


def say(message: str) -> None:
    if sys.stderr is not None:  # closed (`2>&-`): print would fall back to standard output, among the data
        print(f"cicli: {message}", file=sys.stderr)


class ClosedStream(io.TextIOBase):
    """Standard output when the shell closed it (`>&-`): writing there fails as a full disk does, so the command
    says its output was not written instead of dying on `None`."""

    def __init__(self, what: str):
        self.what = what

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, self.what)

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass


# What an encoding without these characters shows instead: the nearest text, never a false one.
_NEAREST = {"\u202f": " ", "\u00a0": " ", "\u2009": " ", "≠": "<>", "─": "-", "━": "-", "│": "|", "█": "#",
            "’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
            "·": "-", "×": "x", "²": "2", "é": "e", "è": "e", "ê": "e", "à": "a", "ç": "c", "É": "E", "Î": "I",
            "î": "i", "ô": "o", "û": "u", "ù": "u", "ë": "e", "ï": "i", "â": "a", "œ": "oe", "Œ": "OE"}


def _nearest(error: UnicodeEncodeError) -> tuple[str, int]:
    """An encoding error handler: each character the encoding lacks becomes its nearest text, else « ? »; a lone
    surrogate (from a file name that is not UTF-8) is escaped."""
    text = error.object[error.start:error.end]
    if all("\ud800" <= ch <= "\udfff" for ch in text):
        return text.encode("utf-8", "backslashreplace").decode("ascii"), error.end
    return "".join(_nearest_of(ch, error.encoding) for ch in text), error.end


def _nearest_of(ch: str, encoding: str) -> str:
    near = _NEAREST.get(ch, "?")
    try:
        near.encode(encoding)
    except UnicodeEncodeError:
        return "?"
    return near


def safe_streams() -> None:
    """Standard output redirected to a file or a pipe is written in UTF-8, unless PYTHONIOENCODING says
    otherwise: `cicli summary --format markdown > synthese.md` on Windows would be cp1252, and the first
    « ≠ » or narrow space would end it half-written. A console, or an encoding the user chose, keeps its
    encoding; what it cannot show becomes its nearest text (« ≠ » → « <> »), not an error."""
    import codecs

    codecs.register_error("cicli-nearest", _nearest)
    if sys.stdout is None:
        sys.stdout = ClosedStream(_("standard output is closed"))
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream is sys.stdout and not stream.isatty() and "PYTHONIOENCODING" not in os.environ:
                # UTF-8 writes every character but a lone surrogate (a file name that is not UTF-8): escaped.
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            else:
                stream.reconfigure(errors="cicli-nearest")
        except (OSError, ValueError):  # a closed stream: nothing will be written to it
            pass


def main() -> NoReturn:
    """The `cicli` console script; it ends the process (to run cicli inside another program, call `app`)."""
    safe_streams()
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `cicli … | head` ends quietly

    catch_signals()
    try:
        from . import app

        app(prog_name="cicli")
        code = 0
    except SystemExit as e:
        code = e.code
    except OSError as e:  # --version printing to a full disk: outside any command
        if not no_room(e):
            raise
        code = cannot_write(e)
    except Interrupted as e:  # before a command began, while options were read
        say(_("interrupted."))
        code = 128 + e.signum
    except Exception as e:  # a bug outside any command (reading options, wording an error): one line
        if "--debug" in sys.argv:
            raise
        say(_("internal error: {kind}: {error}. Rerun with --debug for the traceback.", kind=type(e).__name__,
                  error=shown(str(e), 300)))
        code = 1
    end(code)


def end(code) -> NoReturn:
    """Flush the output and end the process at once. Commands have closed their files by now (exports
    are moved into place before they return), and the thread importing pandas has nothing to finish."""
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as sys.exit does with a message
        print(code, file=sys.stderr)
        code = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away, where there is no SIGPIPE: nothing to say
        pass
    except OSError as e:  # a full disk, or no output at all (`>&-`): the output is not whole
        code = cannot_write(e) if code == 0 else code
    except ValueError:  # closed
        pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


# Errors of writing, not of cicli: a disk or quota full, a file too large, an output the shell closed.
_NO_ROOM = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EBADF") if hasattr(errno, name)}


def no_room(e: BaseException) -> bool:
    return isinstance(e, OSError) and e.errno in _NO_ROOM


def cannot_write(e: OSError) -> int:
    say(_("the output could not be written: {reason}.", reason=e.strerror or shown(str(e), 200)))
    return 1


def quiet_stdout() -> None:
    """After the reader of a pipe went away, Python would complain again while flushing at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def arrow_allocator() -> None:
    """On Linux, Arrow allocates with jemalloc rather than its default, mimalloc, which maps its memory
    as transparent huge pages: where fresh memory is slow to come by (as on the benchmark's virtual
    machine), a million-row classify took 0.5-1 s longer with them. Every command reads a file, so
    pyarrow is imported here rather than later. ARROW_DEFAULT_MEMORY_POOL, when set, decides."""
    if not sys.platform.startswith("linux") or "ARROW_DEFAULT_MEMORY_POOL" in os.environ:
        return
    import pyarrow as pa

    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except NotImplementedError:  # a build without jemalloc (some distributions): keep Arrow's default
        pass


def import_meanwhile(module: str) -> None:
    """Import `module` on a thread: Arrow reads and checks with the GIL mostly released, and pandas
    alone takes ~0.4 s to import, so on a large file the two overlap."""
    import importlib
    import threading

    def run():
        try:
            importlib.import_module(module)
        except BaseException:
            pass

    threading.Thread(target=run, name=f"import {module}").start()
