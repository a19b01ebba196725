"""The command line: each command parses its options, calls one function of the library, renders.
(classify and summary first load the file, so that pandas imports while it is read: `_annex`.)

Errors become messages and exit codes in one place: `_guarded`. Heavy libraries
(pandas, openpyxl, tabulate) are imported inside commands, never here, so that
`cicli --help` stays fast.
"""

from __future__ import annotations

import errno
import functools
import os
import signal
import sys
from enum import Enum
from typing import Annotated, NoReturn, Optional

import typer

from . import __version__
from .errors import CicliError

app = typer.Typer(
    name="cicli",
    help="Les centres d'innovation du Québec, d'après le rapport de 2025 : charger l'annexe, appliquer la typologie, "
         "comparer. / Quebec's innovation centres, from the 2025 report: load the annex, apply the typology, compare.",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Lang(str, Enum):
    fr = "fr"
    en = "en"


PathArg = Annotated[Optional[str], typer.Argument(
    metavar="[PATH]", help="CSV or XLSX annex table; the bundled annex of the report when omitted.", show_default=False)]
SheetOpt = Annotated[Optional[str], typer.Option("--sheet", help="XLSX sheet to read (default: the first with a name column).")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="CSV encoding (default: detected: UTF-8, BOM, or cp1252).")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format: table, csv, json or markdown.")]
LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", help="Language of labels: fr or en (default: $CICLI_LANG, else the locale, else en).", show_default=False)]


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: a BaseException, so that `finally` blocks clean up on the way out."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _err(message: str) -> None:
    print(f"cicli: {message}", file=sys.stderr)


def _guarded(command):
    """Turn the project's errors, interruptions and surprises into a message and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            _arrow_allocator()
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except CicliError as e:
            _err(str(e))
            raise typer.Exit(e.exit_code) from None
        except Interrupted as e:
            _err("interrupted.")
            raise typer.Exit(128 + e.signum) from None
        except KeyboardInterrupt:
            _err("interrupted.")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _quiet_stdout()
            raise typer.Exit(0) from None
        except Exception as e:  # a bug of ours: one line, and the way to see more
            if _no_room(e):
                raise typer.Exit(_cannot_write(e)) from None
            if _state["debug"]:
                raise
            _err(f"internal error: {type(e).__name__}: {e}. Rerun with --debug for the traceback.")
            raise typer.Exit(1) from None

    return wrapper


def _arrow_allocator() -> None:
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


def _quiet_stdout() -> None:
    # After the reader of a pipe went away, Python would complain again while flushing at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _lang(lang: Optional[Lang]) -> str:
    from .labels import default_lang

    return lang.value if lang else default_lang()


def _version(value: bool) -> None:
    if value:
        print(f"cicli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an internal error.")] = False,
) -> None:
    """Les centres d'innovation du Québec / Quebec's innovation centres."""
    _state["debug"] = debug


@app.command()
@_guarded
def validate(path: PathArg = None, sheet: SheetOpt = None, encoding: EncodingOpt = None,
             format: FormatOpt = Format.table) -> None:
    """Check an annex table and list its problems (errors and warnings).

    Exit code 0 when there is no error, 1 otherwise.

    Example: cicli validate mes-centres.xlsx --format json
    """
    from . import render
    from .validation import validate as run

    report = run(path, sheet=sheet, encoding=encoding)
    if report.format:
        _err(f"read {report.source}: {_how_read(report)}")
    problems = report.as_dict()["problems"]
    if format == Format.json:
        render.write_json(report.as_dict())
    elif problems or format == Format.csv:
        columns = ["severity", "code", "row", "column", "value", "message"]
        rows = [["" if p[c] is None else str(p[c]) for c in columns] for p in problems]
        render.write_rows(columns, rows, format.value)
    errors = sum(p["severity"] == "error" for p in problems)
    warnings = len(problems) - errors
    _err(f"{'valid' if report.valid else 'invalid'}: {errors} error(s), {warnings} warning(s).")
    raise typer.Exit(0 if report.valid else 1)


def _annex(path, sheet, encoding):
    """The annex file, read while pandas and the reports import on a thread: Arrow reads and checks
    with the GIL mostly released, and pandas alone takes ~0.4 s to import, so on a large file the two
    overlap. For classify and summary, which read whole inventories; compare and show check their
    arguments before reading, and keep that order.

    validation (with numpy and pyarrow) is imported here first, so that the second thread only
    imports modules the main one does not touch until the file is read.
    """
    from .validation import load

    _import_meanwhile("cicli.reports")
    return load(path, sheet=sheet, encoding=encoding)


def _import_meanwhile(module: str) -> None:
    import importlib
    import threading

    def run():
        try:
            importlib.import_module(module)
        except BaseException:  # noqa: BLE001, S110 - the main thread's own import raises it again, with its message
            pass

    threading.Thread(target=run, name=f"import {module}").start()


def _how_read(report) -> str:
    parts = [report.format]
    if report.encoding:
        parts.append(f"encoding {report.encoding}")
    if report.delimiter:
        parts.append(f"delimiter {report.delimiter!r}")
    if report.sheet:
        parts.append(f"sheet {report.sheet!r}")
    parts.append(f"header on row {report.header_row}")
    return ", ".join(parts)


@app.command()
@_guarded
def classify(
    path: PathArg = None,
    explain: Annotated[bool, typer.Option("--explain", "-e", help="Add the reason of every verdict.")] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    region: Annotated[Optional[str], typer.Option(help="Keep centres of this region (part of its name).")] = None,
    origin: Annotated[Optional[str], typer.Option(help="private, public or undetermined (or privée, publique…).")] = None,
    anchoring: Annotated[Optional[str], typer.Option(help="standalone, zone-affiliated, pre-zone or undetermined.")] = None,
    model: Annotated[Optional[str], typer.Option(help="hifa, miniature-zone or undetermined.")] = None,
    status: Annotated[Optional[str], typer.Option(help="designated, project or undetermined (or désigné, projet).")] = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Classify every centre along the report's typology: origin, anchoring, model, status.

    Example: cicli classify --explain --lang fr --status désigné
    """
    centres = _annex(path, sheet, encoding)
    from . import present, render, reports

    language = _lang(lang)
    table = reports.classify(centres=centres, lang=language, region=region, origin=origin, anchoring=anchoring,
                             model=model, status=status, reasons=explain or format == Format.json)
    if format == Format.json:
        render.write_json(reports.records(table))
    elif format == Format.csv:
        render.write_csv(present.classified_for_machines(table, explain))
    else:
        render.write(present.classified(table, language, explain), format.value)


FromOpt = Annotated[Optional[str], typer.Option(
    "--from", help="CSV or XLSX annex table to read (default: the bundled annex of the report).", show_default=False)]


@app.command()
@_guarded
def compare(
    centres: Annotated[list[str], typer.Argument(
        metavar="CENTRE CENTRE [CENTRE...]",
        help="Two centres or more: acronym (HIFA, CIM), any name, part of it, or the locality (\"Sept-Îles\"); "
             "case and accents optional.")],
    diff: Annotated[bool, typer.Option("--diff", help="Keep only the rows where the centres differ.")] = False,
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Compare centres side by side: facts and verdicts in rows, centres in columns; differences stand out.

    Example: cicli compare HIFA "Sept-Îles" --diff
    """
    from . import present, render, reports

    language = _lang(lang)
    side = reports.compare(centres, source, lang=language, sheet=sheet, encoding=encoding)
    if diff:
        side = side[side["differs"]]
    if format == Format.json:
        render.write_json(present.compared_records(side))
    elif format == Format.csv:
        render.write_csv(present.compared_for_machines(side))
    elif format == Format.markdown:
        render.write_markdown(present.compared(side, language))
    else:
        render.write_table(present.compared(side, language), highlight=side["differs"])


@app.command()
@_guarded
def show(
    centre: Annotated[str, typer.Argument(metavar="CENTRE", help="Acronym, name, part of it, or locality.")],
    format: FormatOpt = Format.table,
    lang: LangOpt = None,
    source: FromOpt = None,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Everything known about one centre: each fact with where it comes from, each verdict with its reason.

    Example: cicli show "sept iles" --lang fr
    """
    from . import present, render, reports

    language = _lang(lang)
    details = reports.show(centre, source, lang=language, sheet=sheet, encoding=encoding)
    if format == Format.json:
        render.write_json(details)
    elif format == Format.csv:
        render.write_csv(present.shown_for_machines(details))
    else:
        facts, verdicts = present.shown(details, language)
        title = f"{details['name']} ({details['id']})"
        render.write_sections([(title, facts), (title, verdicts)], format.value)


@app.command()
@_guarded
def summary(path: PathArg = None, format: FormatOpt = Format.table, lang: LangOpt = None,
            sheet: SheetOpt = None, encoding: EncodingOpt = None) -> None:
    """Summarise the landscape: counts per axis, crosstabs, regions, designations, waiting projects, funding.

    Example: cicli summary --lang fr --format markdown > synthese.md
    """
    centres = _annex(path, sheet, encoding)
    from . import present, render, reports

    language = _lang(lang)
    result = reports.summary(lang=language, centres=centres)
    if format == Format.json:
        render.write_json(present.summary_records(result))
    elif format == Format.csv:
        render.write_csv(present.summary_for_machines(result))
    else:
        render.write_sections(present.summary_sections(result, language, bars=format == Format.table), format.value)


class ExportFormat(str, Enum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"
    markdown = "markdown"
    geojson = "geojson"


@app.command()
@_guarded
def export(
    out: Annotated[str, typer.Argument(metavar="OUT", help="File to write: .xlsx, .csv, .json, .md or .geojson.")],
    centres: Annotated[Optional[list[str]], typer.Argument(
        metavar="[CENTRE...]", help="With --compare: the centres of the comparison sheet.", show_default=False)] = None,
    source: FromOpt = None,
    format: Annotated[Optional[ExportFormat], typer.Option(
        "--format", "-f", help="Format, when OUT's suffix does not say it.", show_default=False)] = None,
    lang: LangOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
    excel: Annotated[bool, typer.Option("--excel", help="CSV for French Excel: ';' separator, UTF-8 with BOM.")] = False,
    compare: Annotated[bool, typer.Option("--compare", help="XLSX: add a sheet comparing the CENTREs named after OUT.")] = False,
    sheet: SheetOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Export the annex and its typology: a styled Excel workbook, CSV, JSON, Markdown or GeoJSON for maps.

    OUT is never overwritten without --force, and is written all at once: an interrupted export leaves no half file.

    Example: cicli export annexe.xlsx --compare HIFA "Sept-Îles"
    """
    from .errors import UsageError
    from .export import export as run

    if centres and not compare:
        raise UsageError(f"unexpected argument {centres[0]!r}: to compare centres in the workbook, add --compare.")
    if compare and len(centres or []) < 2:
        raise UsageError("--compare needs two centres or more after OUT, for example: "
                         "cicli export annexe.xlsx --compare HIFA \"Sept-Îles\".")
    bar = _ProgressBar()
    try:
        result = run(out, source, fmt=format.value if format else None, lang=_lang(lang), force=force, excel=excel,
                     compare=centres if compare else None, sheet=sheet, encoding=encoding, progress=bar)
    finally:
        bar.close()
    for note in result.notes:
        _err(note)
    _err(f"wrote {result.path} ({result.format}, {result.centres} centres).")


class _ProgressBar:
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
            self.task = self.progress.add_task("export", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def main() -> NoReturn:
    """The `cicli` console script; it ends the process (to run cicli inside another program, call `app`)."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `cicli … | head` ends quietly

    def interrupt(signum, frame):
        raise Interrupted(signum)

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        app(prog_name="cicli")
        code = 0
    except SystemExit as e:
        code = e.code
    except OSError as e:  # --version printing to a full disk: outside any command
        if not _no_room(e):
            raise
        code = _cannot_write(e)
    except Interrupted as e:  # before a command began, while options were read
        _err("interrupted.")
        code = 128 + e.signum
    _end(code)


def _end(code) -> NoReturn:
    """Flush the output and end the process at once. Python's own way out frees every module of
    pandas and Arrow and every table, one by one: 0.15 s after a 14-row classify, 0.25 s after a
    million rows, of which nothing is left to see. Commands have closed their files by now (exports
    are moved into place before they return), and the thread importing pandas has nothing to finish.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as sys.exit does with a message
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away, where there is no SIGPIPE: nothing to say
        pass
    except OSError as e:  # a full disk, or no output at all (`>&-`): the output is not whole
        code = _cannot_write(e) if code == 0 else code
    except ValueError:  # closed
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(code)


# Errors of writing, not of cicli: a disk or quota full, a file too large.
_NO_ROOM = {getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, name)}


def _no_room(e: BaseException) -> bool:
    return isinstance(e, OSError) and e.errno in _NO_ROOM


def _cannot_write(e: OSError) -> int:
    _err(f"the output could not be written: {e.strerror or e}.")
    return 1
