"""Signals that end cicli (Ctrl-C, SIGTERM, a closed terminal…) as an exception that unwinds `finally` blocks, so
that no temporary file outlives an interrupted export.

Two windows need care. Between creating a temporary file and the `try` that removes it, and while a cleanup
runs, a signal must wait: `critical()` holds it until the window closes. And once cicli is stopping, a second
signal (Ctrl-C pressed twice) must not cut the cleanup short: it is noted, never raised. The command line
installs `handler` for each signal of SIGNALS.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

#: The signals that end cicli cleanly, where the platform has them.
SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2")
                if hasattr(signal, name))

_state = {"critical": 0, "pending": None, "stopping": False}


class Interrupted(BaseException):
    """A signal asked cicli to stop: a BaseException, so that `finally` blocks clean up on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def handler(signum, frame) -> None:
    if _state["stopping"]:
        return  # already on the way out: let the cleanup finish
    if _state["critical"]:
        _state["pending"] = _state["pending"] or signum
        return
    _state["stopping"] = True
    raise Interrupted(signum)


@contextmanager
def critical() -> Iterator[None]:
    """A window no signal may interrupt: one that arrives is raised when the window closes."""
    _state["critical"] += 1
    try:
        yield
    finally:
        _state["critical"] -= 1
        pending = _state["pending"]
        if not _state["critical"] and pending and not _state["stopping"]:
            _state["pending"] = None
            _state["stopping"] = True
            raise Interrupted(pending)


def install() -> None:
    for signum in SIGNALS:
        try:
            signal.signal(signum, handler)
        except (OSError, ValueError):  # not the main thread, or a signal the platform will not let us catch
            pass
