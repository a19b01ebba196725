from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cicli.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
PRINTED_ANNEX = FIXTURES / "annexe_rapport.csv"
FRENCH_HEADERS = ["Région", "Localisation", "Nom", "Créneaux", "Responsable", "Sources", "Notes"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def printed_rows() -> list[list[str]]:
    """The report's annex as printed (header first), typed the way a user would."""
    with PRINTED_ANNEX.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def write_csv(path: Path, rows: list[list[str]], *, delimiter=",", encoding="utf-8", before: str = "") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes((before + buffer.getvalue()).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[str]], *, title: str | None = None, sheet: str = "Annexe",
               first_sheet_empty: bool = False) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    worksheet = workbook.active
    if first_sheet_empty:
        worksheet.title = "Notes"
        worksheet = workbook.create_sheet(sheet)
    else:
        worksheet.title = sheet
    if title:
        worksheet.append([title])
        worksheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        worksheet.append(row)
    workbook.save(path)
    return path


@pytest.fixture(autouse=True)
def english_unless_told(monkeypatch):
    """Tests speak English unless they ask for French; the language a command line set does not outlive its test."""
    from cicli import i18n

    monkeypatch.setenv("CICLI_LANG", "en")
    yield
    i18n._process["lang"] = None


@pytest.fixture
def run(monkeypatch):
    """Run the CLI; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("CICLI_LANG", "en")
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(app, list(args))
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def run_json(run):
    def invoke(*args: str):
        code, out, err = run(*args, "--format", "json")
        return code, json.loads(out), err

    return invoke
