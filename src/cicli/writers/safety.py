"""What keeps an export safe: no file lost or half-written, no formula or forbidden character in a cell.

An export never overwrites a file without `force`, never writes over its input, and is written to a
temporary file beside the target, then moved into place in one step: an interrupted export leaves
the old file or the new one, never half a file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..errors import OutputError
from ..i18n import _
from ..interrupts import critical
from ..read import bundled_path
from ..text import quoted, shown
from .scratch import temporary_file

# XML 1.0 forbids these; openpyxl refuses them, Excel too.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def check_output(out: Path, source, force: bool) -> Path:
    """Refuse what would lose data or cannot work, before any work is done. A link to a file is followed (the
    file it names is replaced, the link stays); a pipe or a device is never replaced by a file. `source`: the input
    (None: the bundled annex), or a list of inputs; the output is never one of them, whatever the path says."""
    shown_out = shown(str(out))
    target = Path(os.path.abspath(out))
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.is_dir():
        raise OutputError(_("this is a folder; name the file to write."), path=shown_out)
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):
        raise OutputError(_("this is not a file but a device or a pipe; cicli writes files only. Name a file."),
                          path=shown_out)
    if not target.parent.is_dir():
        raise OutputError(_("the folder {folder} does not exist.", folder=quoted(str(target.parent), 200)),
                          path=shown_out)
    if not os.access(target.parent, os.W_OK):
        raise OutputError(_("the folder {folder} is not writable.", folder=quoted(str(target.parent), 200)),
                          path=shown_out)
    for each in (source if isinstance(source, (list, tuple)) else [source]):
        given = Path(each) if each else bundled_path()
        same_path = Path(os.path.abspath(given)) == target
        same_file = given.exists() and target.exists() and os.path.samefile(given, target)  # links, ../ detours
        if same_path or same_file:
            raise OutputError(_("this is the input file; cicli never writes over its input. Choose another name."),
                              path=shown_out)
    if target.exists() and not force:
        raise OutputError(_("the file exists."), path=shown_out, hint="force")
    return target


def atomic_write(target: Path, write: Callable[[io.BufferedWriter], None], force: bool) -> None:
    """Write through a temporary file beside `target` (writers.scratch), then move it into place in one step."""
    temporary = None
    try:
        with critical():  # a signal now waits until the file is known to the cleanup below
            fd, temporary = temporary_file(target)
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if target.exists() and not force:  # appeared while we worked
            raise OutputError(_("the file appeared while cicli was writing."), path=shown(str(target)), hint="force")
        with critical():
            os.replace(temporary, target)
            temporary = None
    except BaseException as e:
        with critical():
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
        if isinstance(e, OSError):  # a full disk, a quota, a folder gone: the target is untouched
            raise OutputError(_("the file could not be written: {reason}.", reason=e.strerror or shown(str(e), 200)),
                              path=shown(str(target))) from None
        raise


def input_checksum(source: str | None) -> str:
    digest = hashlib.sha256()
    with open(source or bundled_path(), "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def strip_illegal(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Text cells without the characters Excel refuses; and how many were removed."""
    out = frame.copy()
    removed = 0
    for column in out.columns:
        values = out[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        # Numbers and dates of a column for people (writers.tables.people_cells) stay what they are.
        texts = values.map(lambda v: isinstance(v, str)) if values.dtype == object else values.notna()
        if values.dtype == object and not texts.any() and values.notna().any():
            continue
        mixed = values.dtype == object and values.notna().any() and not texts[values.notna()].all()
        text = values[texts].astype(str) if mixed else values.astype(str).where(values.notna(), "")
        count = int(text.str.count(_ILLEGAL).sum())
        cleaned = text.str.replace(_ILLEGAL, "", regex=True) if count else text
        if mixed:
            out[column] = values.astype(object)
            out.loc[texts, column] = cleaned
        else:
            out[column] = cleaned
        removed += count
    out.columns = [_ILLEGAL.sub("", str(c)) for c in out.columns]
    return out, removed
