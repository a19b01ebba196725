"""The examples of the README and the user guide run as written: their exit code, and their output where the
page shows it (a ```console block: `$ cicli …` then what cicli prints, standard output then standard error;
`[code de sortie : N]` / `[exit code: N]` for a command that fails)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

PAGES = {"README.md": "fr", "README.en.md": "en", "docs/guide.md": "fr", "docs/guide.en.md": "en"}
BLOCK = re.compile(r"```(console|sh)\n(.*?)```", re.DOTALL)
EXIT = re.compile(r"^\[(?:code de sortie :|exit code:) (\d+)\]$")


def examples():
    """(page, language, command, expected output or None, expected exit code) for every example."""
    found = []
    for page, lang in PAGES.items():
        for kind, body in BLOCK.findall((ROOT / page).read_text(encoding="utf-8")):
            if kind == "sh":
                found += [(page, lang, line.split("  #")[0].strip(), None, 0)
                          for line in body.splitlines() if line.startswith("cicli ")]
                continue
            for chunk in re.split(r"^\$ ", body, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                lines = output.splitlines()
                code = 0
                if lines and EXIT.match(lines[-1]):
                    code = int(EXIT.match(lines[-1]).group(1))
                    lines = lines[:-1]
                found.append((page, lang, command, "\n".join(lines) + "\n" if lines else "", code))
    return found


EXAMPLES = examples()


def test_the_pages_hold_examples_with_their_outputs():
    assert len(EXAMPLES) >= 30
    assert sum(output is not None for *_, output, _code in EXAMPLES) >= 8


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A folder holding the examples' file where the docs say it is; exports land there, not in the checkout."""
    here = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "docs" / "exemples", here / "docs" / "exemples")
    return here


@pytest.mark.parametrize("page, lang, command, output, code", EXAMPLES,
                         ids=[f"{page}: {command}" for page, _lang, command, *_ in EXAMPLES])
def test_the_example_runs_as_written(folder, page, lang, command, output, code):
    words = shlex.split(command)
    assert words[0] == "cicli"
    if words[1] in ("export", "template"):
        (folder / words[2]).unlink(missing_ok=True)  # another page wrote it: the command runs as written
    env = {**os.environ, "COLUMNS": "100", "CICLI_LANG": lang, "NO_COLOR": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-m", "cicli", *words[1:]], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    if output is not None:
        shown = "\n".join(line.rstrip() for line in (done.stdout + done.stderr).splitlines()) + "\n"
        if os.environ.get("UPDATE_GOLDEN") and (shown != output or done.returncode != code):
            _rewrite(page, lang, command, output, code, shown, done.returncode)
            return
        assert shown == output
    assert done.returncode == code, done.stderr
    if output is None:  # a page that shows no output: what the person would see, checked all the same
        _shows_what_a_person_expects(words, done, folder, lang)


#: Words every French page's command prints on standard error when it writes a file, and the English.
WROTE = {"fr": "écrit", "en": "wrote"}


def _shows_what_a_person_expects(words: list[str], done, folder, lang: str) -> None:
    """An example without its output on the page: no internal error, messages in the page's language, and what
    it makes is what it says: the file it names, readable in its format, or data on standard output."""
    import csv
    import io
    import json

    assert "Traceback" not in done.stderr and all(line.startswith("cicli") for line in done.stderr.splitlines()
                                                  if line and not line.startswith((" ", "│", "╭", "╰")))
    if words[1] in ("export", "template"):
        target = folder / words[2]
        assert target.stat().st_size > 0
        assert WROTE[lang] in done.stderr and target.name in done.stderr
        if target.suffix == ".xlsx":
            import openpyxl

            workbook = openpyxl.load_workbook(target, read_only=True)
            assert workbook.sheetnames and workbook.worksheets[0].max_row > 1
        elif target.suffix == ".html":
            page = target.read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in page and "Sept-Îles" in page
        elif target.suffix == ".geojson":
            assert len(json.loads(target.read_text(encoding="utf-8"))["features"]) >= 10
        elif target.suffix == ".csv":
            rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig")),
                                   delimiter=";" if "--excel" in words else ","))
            assert len(rows) > 1 and len(set(map(len, rows))) == 1
        return
    assert done.stdout.strip()
    if "csv" in words:
        rows = list(csv.reader(io.StringIO(done.stdout)))
        assert rows[0][0] == "id" and len(rows) > 1
    elif words[1] == "classify" and "--status" in words:
        lines = done.stdout.splitlines()
        assert any("Sept-Îles" in line or "HIFA" in line or "Halles" in line for line in lines)
        assert ("désigné" if lang == "fr" else "designated") in done.stdout
    elif words[1] == "compare":
        assert "Sept-Îles" in done.stdout and "Halles" in done.stdout
    elif words[1] in ("classify", "show", "context"):
        assert ("indéterminé" if lang == "fr" else "undetermined") in done.stdout or \
            ("rapport" if lang == "fr" else "report") in done.stdout


def _rewrite(page: str, lang: str, command: str, output: str, code: int, shown: str, got: int) -> None:
    """UPDATE_GOLDEN=1: the page's block for `command` gets what cicli prints now (a maintainer reads the diff)."""
    def block(text: str, status: int) -> str:
        exit_line = "" if not status else ("[code de sortie : {}]" if lang == "fr" else "[exit code: {}]").format(status)
        return f"$ {command}\n{text}" + (exit_line + "\n" if exit_line else "")

    path = ROOT / page
    text = path.read_text(encoding="utf-8")
    old, new = block(output, code), block(shown, got)
    assert old in text, (page, command)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
