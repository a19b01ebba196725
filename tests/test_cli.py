"""The command line's contract: help with examples, exit codes, messages on stderr, no traceback."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest
from conftest import ROOT, write_csv

from cicli import __version__, results
from cicli.cli import app

COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def test_version(run):
    assert run("--version") == (0, f"cicli {__version__}\n", "")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    code, out, _ = run(command, "--help")
    assert code == 0
    assert f"Example: cicli {command}" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"cicli {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_missing_file_is_exit_1_with_the_path_on_stderr(run, tmp_path):
    code, out, err = run("classify", str(tmp_path / "nope.csv"))
    assert (code, out) == (1, "")
    assert err == f"cicli: {tmp_path / 'nope.csv'}: no such file.\n"


def test_invalid_file_names_file_row_and_column(run, tmp_path):
    path = write_csv(tmp_path / "t.csv", [["Nom", "Désigné en", "name"], ["A", "2022-13", "B"]], delimiter=";")
    code, out, err = run("classify", str(path))
    assert (code, out) == (1, "")
    assert err == (f"cicli: {path}, row 1, column name: header 'name' (column 3) stands for 'name', like column 1 "
                   "('Nom'); keep one of them.\n")
    cell = write_csv(tmp_path / "c.csv", [["Nom", "Désigné en"], ["A", "2022-13"]], delimiter=";")
    code, out, err = run("validate", str(cell), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == ("warning,invalid-date,2,Désigné en,2022-13,\"'2022-13' is not a "
                                                  "month: write it YYYY-MM, as 2022-02; cicli keeps it as written and "
                                                  "does not use it.\"")


def test_bad_option_value_is_a_usage_error(run):
    code, _, err = run("classify", "--format", "pdf")
    assert code == 2
    assert "pdf" in err


def test_internal_error_is_one_line_with_a_hint(run, monkeypatch):

    def boom(*a, **k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(results, "classify", boom)
    code, out, err = run("classify")
    assert (code, out) == (1, "")
    assert err == "cicli: internal error: ZeroDivisionError: division by zero. Rerun with --debug for the traceback.\n"


def test_lang_from_environment(run, monkeypatch):
    monkeypatch.setenv("CICLI_LANG", "fr")
    _, out, _ = run("classify", "--format", "markdown")
    assert out.startswith("| Nom ")
    monkeypatch.setenv("CICLI_LANG", "en")
    _, out, _ = run("classify", "--format", "markdown")
    assert out.startswith("| Name ")


def _buffered_env(**env) -> dict:
    """The environment with output buffered as people's is (this machine sets PYTHONUNBUFFERED)."""
    return {**{k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}, **env}


def _cicli(*args, **env):
    """cicli in a process of its own, its output buffered."""
    return subprocess.run([sys.executable, "-m", "cicli", *args], capture_output=True, text=True,
                          env=_buffered_env(COLUMNS="120", **env), timeout=60, check=False)


def test_the_console_script_ends_with_its_output_out_and_its_exit_code(run):
    """`main` ends the process itself, skipping Python's teardown: all it printed must be out, with the code."""
    for fmt in ("csv", "json", "markdown"):
        _, expected, _ = run("classify", "--format", fmt, "--explain")
        done = _cicli("classify", "--format", fmt, "--explain")
        assert (done.returncode, done.stdout, done.stderr) == (0, expected, ""), fmt
    missing = _cicli("classify", "nope.csv")
    assert (missing.returncode, missing.stdout, missing.stderr) == (1, "", "cicli: nope.csv: no such file.\n")
    usage = _cicli("classify", "--bogus")
    assert usage.returncode == 2 and "no such option: --bogus" in usage.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device always full")
@pytest.mark.parametrize("args", [("classify", "--format", "json"), ("classify",), ("--version",)])
@pytest.mark.parametrize("unbuffered", ["", "1"])
def test_output_to_a_full_disk_says_so_and_fails(args, unbuffered):
    """Whether the failure comes at a write inside the command or at the last flush."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "cicli", *args], stdout=full, stderr=subprocess.PIPE, text=True,
                              env=_buffered_env(PYTHONUNBUFFERED=unbuffered), timeout=60, check=False)
    assert (done.returncode, done.stderr) == (1, "cicli: the output could not be written: No space left on device.\n")


def test_an_interruption_before_any_command_is_a_message_too():
    code = ("import cicli.cli as cli\nfrom cicli.interrupts import Interrupted\n"
            "def interrupted(**_):\n    raise Interrupted(15)\n"
            "cli.app = interrupted\ncli.main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (143, "", "cicli: interrupted.\n")


def test_the_console_script_leaves_a_whole_export(run, tmp_path):
    done = _cicli("export", str(tmp_path / "a.xlsx"))
    assert (done.returncode, done.stdout) == (0, "")
    assert run("export", str(tmp_path / "b.xlsx"))[0] == 0
    for fmt in ("csv", "json"):
        a, b = run("classify", str(tmp_path / "a.xlsx"), "-f", fmt), run("classify", str(tmp_path / "b.xlsx"), "-f", fmt)
        assert a[:2] == b[:2] and a[2].replace("a.xlsx", "b.xlsx") == b[2]


def test_python_m_and_pipe_to_head_ends_quietly():
    result = subprocess.run(f"{sys.executable} -m cicli classify --format csv | head -1", shell=True,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout == "id,name,region,locality,origin,anchoring,zone,model,status,designated_on,redirected_from_zi\n"
    assert result.stderr == ""


def test_help_does_not_import_pandas():
    code = ("import sys; sys.argv=['cicli','--help']\nfrom cicli.cli import app\ntry:\n    app(prog_name='cicli')\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('pandas','openpyxl','tabulate') if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert "LOADED []" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the allocator is chosen on Linux only")
@pytest.mark.parametrize("asked, used", [(None, "jemalloc"), ("system", "system"), ("mimalloc", "mimalloc")])
def test_commands_allocate_with_jemalloc_unless_told_otherwise(asked, used):
    code = ("import sys; sys.argv=['cicli','validate']\nfrom cicli.cli import app\ntry:\n    app(prog_name='cicli')\nexcept SystemExit:\n    pass\n"
            "import pyarrow as pa; print(pa.default_memory_pool().backend_name)")
    import pyarrow as pa

    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        pytest.skip("this pyarrow is built without jemalloc: Arrow's default stays")
    env = {**{k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}, "CICLI_LANG": "en"}
    if asked:
        env["ARROW_DEFAULT_MEMORY_POOL"] = asked
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=False)
    assert result.stdout.splitlines()[-1] == used and "no problem found" in result.stderr


@pytest.mark.parametrize("two_threads, chunks", [(False, 1), (True, 1), (False, 3), (True, 3)])
def test_csv_output_quotes_only_what_needs_it(two_threads, chunks, monkeypatch):
    import csv
    import io

    import pandas as pd

    import cicli.speed.arrays
    from cicli.rendering.streams import write_csv

    if two_threads:  # the halves of the rows are built apart and written one after the other
        monkeypatch.setattr(cicli.speed.arrays, "PARALLEL_ROWS", 2)

    import pyarrow as pa

    text = ["plain", "with, comma", 'a "quote"', "line\nbreak", "cr\rhere", "", "é’"]
    # Columns read from a large file come in chunks (Arrow's reader): lines are written chunk by chunk.
    cut = [0, 2, 5, 7] if chunks == 3 else [0, 7]
    a = pd.Series(pa.chunked_array([text[i:j] for i, j in itertools.pairwise(cut)], type=pa.large_string()),
                  dtype=pd.StringDtype("pyarrow"))  # Arrow-backed on pandas 2.2 too, where "str" is object
    assert len(a.array._pa_array.chunks) == chunks
    frame = pd.DataFrame({"a": a, "b": [1.0, 2.5, None, 4.0, 5.0, 6.0, 7.0], "c": [True, False, True, True, False, True, None]})
    ours = io.StringIO()
    write_csv(list(frame.columns), [frame[c] for c in frame.columns], ours)
    assert ours.getvalue() == ('a,b,c\nplain,1,True\n"with, comma",2.5,False\n"a ""quote""",,True\n'
                               '"line\nbreak",4,True\n"cr\rhere",5,False\n,6,True\né’,7,\n')
    assert list(csv.reader(io.StringIO(ours.getvalue(), newline=""))) == [
        ["a", "b", "c"], ["plain", "1", "True"], ["with, comma", "2.5", "False"], ['a "quote"', "", "True"],
        ["line\nbreak", "4", "True"], ["cr\rhere", "5", "False"], ["", "6", "True"], ["é’", "7", ""]]


def test_the_core_imports_neither_typer_nor_rich():
    import re

    allowed = {"typer": ("cli/",), "rich": ("cli/", "rendering/terminal.py"), "click": ()}
    package = ROOT / "src" / "cicli"
    for module in sorted(package.rglob("*.py")):
        source = module.read_text(encoding="utf-8")
        name = module.relative_to(package).as_posix()
        for imported, owners in allowed.items():
            if re.search(rf"^\s*(from|import) {imported}\b", source, re.MULTILINE):
                assert name.startswith(owners), f"{name} imports {imported}"


def test_public_api_is_the_commands_functions():
    import cicli
    from cicli import pipeline, results

    assert cicli.classify is results.classify and cicli.summary is results.summary
    assert cicli.validate is pipeline.validate
    assert len(cicli.classify().frame) == 14
    assert sorted(cicli.__all__) == sorted(dir(cicli))


def test_export_formats_on_the_command_line_are_the_librarys():
    # cli.py keeps its own list so that `cicli --help` need not import export.py (and pandas).
    from cicli import rendering, writers
    from cicli.cli.options import ExportFormat, Format

    assert [f.value for f in ExportFormat] == list(writers.FORMATS)
    assert [f.value for f in Format] == list(rendering.FORMATS)
    assert {w.suffix: w.format for w in writers.WRITERS.values()} == writers.SUFFIXES


def test_cells_cannot_drive_the_terminal(run, tmp_path):
    """Issue 16: ESC[2J cleared the screen, ESC[8m hid text, and rich read « [bold] » as markup."""
    source = write_csv(tmp_path / "t.csv", [["Nom", "Notes"], ["A\x1b[2J", "[bold]gras[/bold] \x1b[8mcaché"]])
    for fmt, shown in (("table", "\\x1b[2J"), ("markdown", "\\\\x1b\\[2J")):  # Markdown escapes \ and [ too
        _code, out, _err = run("classify", str(source), "--format", fmt, "--explain")
        assert "\x1b" not in out and shown in out
    _code, out, _err = run("show", "A", "--from", str(source))
    assert "[bold]gras[/bold]" in out and "\x1b" not in out


def test_a_file_name_cannot_forge_a_line_of_output(run, tmp_path):
    source = write_csv(tmp_path / "x.csv\ncicli: valid: 0 error(s), 0 warning(s).csv", [["Nom"], ["A"]])
    _code, _out, err = run("validate", str(source))
    assert all(line.startswith("cicli: ") for line in err.splitlines())
    assert "x.csv\\ncicli" in err


def test_a_panic_of_the_rust_reader_falls_back_to_reading_cell_by_cell(run, monkeypatch, tmp_path):
    """pyo3 raises a Rust panic as PanicException, a BaseException: the workbook is then read by cicli's own
    reader, with the same rows, and no traceback."""
    import python_calamine

    class PanicException(BaseException):  # what pyo3 raises: not an Exception
        pass

    class Panicking:
        def get_sheet_by_name(self, name):
            raise PanicException("boom")

        def close(self):
            pass

    path = tmp_path / "a.xlsx"
    from conftest import printed_rows, write_xlsx

    write_xlsx(path, printed_rows())
    expected = run("classify", str(path), "--format", "csv")
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", lambda handle: Panicking())
    code, out, err = run("classify", str(path), "--format", "csv")
    assert (code, out, err) == expected
    assert code == 0 and out.count("\n") == 14 and "Traceback" not in err


def test_a_panic_anywhere_else_is_one_line_and_exit_1(run, monkeypatch):
    class PanicException(BaseException):
        pass


    monkeypatch.setattr(results, "summary", lambda **_: (_ for _ in ()).throw(PanicException("boom")))
    code, out, err = run("summary")
    assert code == 1 and out == "" and "Traceback" not in err
    assert err == "cicli: internal error: PanicException: boom. Rerun with --debug for the traceback.\n"


def test_json_lines_built_on_columns_are_what_pythons_encoder_writes(tmp_path):
    from cicli import results
    from cicli.rendering.streams import json_text

    source = write_csv(tmp_path / "j.csv", [["Nom", "Notes", "Soumis comme ZI en"], ['Un "centre"\\ \t\x01', "é\n«»", "2020"],
                                             ["B", "", ""]])
    for path in (None, source):
        result = results.classify(path, lang="fr")
        assert b"".join(result.json_pieces()).decode() == json_text(result.records())


def test_a_long_table_shows_what_a_terminal_can_use_and_says_how_to_get_the_rest(run, tmp_path):
    from cicli.rendering.terminal import MAX_ROWS

    source = write_csv(tmp_path / "long.csv", [["Nom"], *([f"Centre {i}"] for i in range(MAX_ROWS + 20))])
    _code, out, _err = run("classify", str(source))
    assert f"Centre {MAX_ROWS - 1} " in out and f"Centre {MAX_ROWS} " not in out
    assert "… and 20 more rows. To get them all: --format csv (or markdown) -o FILE." in out
    _code, out, _err = run("classify", str(source), "--format", "csv")
    assert len(out.splitlines()) == MAX_ROWS + 21


def test_an_unknown_filter_is_refused_even_when_empty():
    """summary once passed classify an option it did not have (reasons=False), which vanished as an empty filter."""
    import cicli
    from cicli.errors import UsageError

    with pytest.raises(UsageError, match="reasons"):
        cicli.classify(reasons=False)


def test_the_api_keeps_its_functions_once_every_module_is_imported():
    """`cicli.render` was a subpackage too: once imported, `cicli.render(result, fmt)` called a module."""
    import importlib
    import pkgutil

    import cicli

    for module in pkgutil.walk_packages(cicli.__path__, "cicli."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for name in cicli._API:
        assert callable(getattr(cicli, name)), name
