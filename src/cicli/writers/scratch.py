"""The temporary files and folders of an export, named so that a later run knows them.

An export writes to `.NAME.cicli-PID-XXXX.part` beside its target (then moves it into place), and XlsxWriter
spills rows to a `cicli-PID-XXXX` folder in TMPDIR. Interrupted by a signal, cicli removes both on its way out
(cicli.interrupts). Killed outright (SIGKILL, a power cut) it cannot: the next export then removes those whose
process no longer runs.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..interrupts import critical

_FILE = re.compile(r"^\..+\.cicli-(\d+)-[^./\\]+\.part$")
_FOLDER = re.compile(r"^cicli-(\d+)-[^./\\]+$")
_OLD = 24 * 3600  # where a process cannot be asked whether it runs (Windows): a day-old leftover is stale


def _gone(pid: int, path: Path) -> bool:
    """Whether the process that made `path` has ended."""
    if pid == os.getpid():
        return False
    if sys.platform == "win32":  # os.kill would end the process there, not ask about it
        try:
            return time.time() - path.stat().st_mtime > _OLD
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process: it runs
        return False
    return False


def sweep(folder: Path, pattern: re.Pattern) -> list[Path]:
    """Remove the leftovers of ended cicli processes in `folder`; the paths removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None or not _gone(int(m.group(1)), Path(entry.path)):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def temporary_file(target: Path) -> tuple[int, str]:
    """An open file beside `target`, named for this process; leftovers of ended runs beside it are removed."""
    sweep(target.parent, _FILE)
    return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.cicli-{os.getpid()}-", suffix=".part")


@contextmanager
def temporary_folder() -> Iterator[str]:
    """A folder in TMPDIR, named for this process, removed on the way out whatever happens."""
    sweep(Path(tempfile.gettempdir()), _FOLDER)
    folder = None
    try:
        with critical():  # a signal now waits until the folder is known to the cleanup below
            folder = tempfile.mkdtemp(prefix=f"cicli-{os.getpid()}-")
        yield folder
    finally:
        with critical():
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
