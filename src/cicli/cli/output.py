"""What every command does around the library: its language, its input file, where its output goes,
and the lines it says on standard error."""

from __future__ import annotations

import io
import sys

from .. import i18n
from ..errors import UsageError
from ..i18n import _, ngettext
from ..problems import SEVERITIES
from ..text import shown
from .options import Format, Lang
from .process import say


def use_language(lang: Lang | None) -> str:
    """The language of everything this command says."""
    language = lang.value if lang else i18n.default_lang()
    i18n.set_language(language)
    return language


def input_path(path: str | None, source: str | None) -> str | None:
    """The file to read: PATH or --from (the same thing, two ways to say it)."""
    if path is not None and source is not None and path != source:
        raise UsageError(_("two files to read: {path} and --from {source}; name one.", path=shown(path),
                           source=shown(source)))
    return path if path is not None else source


def emit(result, fmt: Format, output: str | None, force: bool, reading: str | None = None) -> None:
    """The result on standard output, or in the file --output names, written all at once (never over the file
    `reading`, the command's input)."""
    from ..rendering import render

    if output is None:
        render(result, fmt.value, sys.stdout)
        return
    from pathlib import Path

    from ..writers.safety import atomic_write, check_output

    target = check_output(Path(output), reading, force)
    buffer = io.StringIO()
    render(result, fmt.value, buffer)
    data = buffer.getvalue().encode("utf-8")
    atomic_write(target, lambda stream: stream.write(data), force)
    say(_("wrote {path}.", path=shown(str(target))))


def read_note(report) -> str:
    """How a file was read: format, encoding, delimiter, sheet, header row."""
    parts = [report.format.upper()]
    if report.encoding:
        parts.append(_("encoding {encoding}", encoding=report.encoding))
    if report.delimiter:
        parts.append(_("separator {separator}", separator=repr(report.delimiter)))
    if report.sheet:
        parts.append(_("sheet {sheet}", sheet=repr(report.sheet)))
    parts.append(_("header on row {row}", row=report.header_row))
    return _("read {source}: {how}.", source=shown(report.source), how=", ".join(parts))


def report_line(report, always: bool = False) -> str | None:
    """One line on the file's problems, and how to see them; None for the bundled annex when it has
    none, unless `always` (validate, which has just listed them)."""
    errors, warnings, notes = (report.count(severity) for severity in SEVERITIES)
    counts = [ngettext("{n} error", "{n} errors", errors), ngettext("{n} warning", "{n} warnings", warnings)]
    if notes:
        counts.append(ngettext("{n} note", "{n} notes", notes))
    counts = ", ".join(counts)
    if not report.problems:
        if report.bundled and not always:
            return None
        return _("{source}: no problem found ({counts}).", source=shown(report.source), counts=counts)
    if always:
        return _("{source}: {counts}.", source=shown(report.source), counts=counts)
    command = "cicli validate" + ("" if report.bundled else f" {_quoted(report.source)}")
    return _("{source}: {counts}; to see them: {command}", source=shown(report.source), counts=counts,
             command=command)


def _quoted(path: str) -> str:
    text = shown(path)
    return f'"{text}"' if any(c in text for c in " '\"&;|<>()$`") else text


class ProgressBar:
    """A bar on stderr, shown only once a long export reports progress."""

    def __init__(self):
        self.progress = None

    def __call__(self, done: int, total: int) -> None:
        if total < 20_000:
            return
        if self.progress is None:
            from rich.console import Console
            from rich.progress import Progress

            self.progress = Progress(console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task(_("export"), total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
