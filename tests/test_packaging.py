"""`pip install .` (not only the editable install the tests run from) gets every module and data file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest
from conftest import ROOT


def tracked(folder: str) -> set[str]:
    out = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_every_package_of_the_source_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {p.parent.relative_to(ROOT / "src").as_posix().replace("/", ".")
               for p in (ROOT / "src" / "cicli").rglob("*.py")}
    assert folders <= listed, "add to [tool.setuptools] packages: " + ", ".join(sorted(folders - listed))


def test_the_wheel_holds_every_module_template_catalogue_and_data_file(tmp_path):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    source = tmp_path / "checkout"  # the tracked files only: a build/ folder left in the checkout would leak in
    for name in tracked("."):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                            str(source)], capture_output=True, text=True, check=False)
    if built.returncode != 0:
        pytest.skip("pip could not build a wheel here: " + built.stderr.strip()[-300:])
    wheel = next(tmp_path.glob("cicli-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f.removeprefix("src/") for f in tracked("src/cicli")}
    expected |= {"cicli/data/" + f.removeprefix("data/") for f in tracked("data")}
    assert expected - names == set()
