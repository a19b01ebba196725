"""The docs that describe code are generated from it, and current."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

from cicli import docgen, schema
from cicli.problems import CATALOGUE


@pytest.mark.parametrize("relative", sorted(docgen.GENERATED))
def test_generated_docs_are_current(relative):
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert docgen.refresh(text, docgen.GENERATED[relative]) == text, "run: python -m cicli.docgen"
    for name in docgen.GENERATED[relative]:
        assert f"<!-- generated: {name} -->" in text


def test_data_doc_describes_every_column_and_problem():
    text = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)`", text, re.MULTILINE))
    assert documented >= {c.name for c in schema.COLUMNS}
    assert set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|note)", text, re.MULTILINE)) == set(CATALOGUE)


def test_readme_commands_are_the_ones_ci_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"```(?:sh|bash)\n(python3 -m venv .*?pytest.*?)\n```", readme, re.DOTALL).group(1)
    assert test_command.splitlines()[-1] in ci


def test_the_code_passes_ruff():
    """The style the project set itself (pyproject.toml), banned imports included: typer and rich stay in the CLI."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "src", "tests"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
