"""Every text a person reads exists in French and in English: the catalogue is complete and in step."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from cicli import catalogue, i18n
from cicli.catalogue import MO, PO, compile_mo, merged, read_po

PLACEHOLDER = re.compile(r"\{(\w*(?::\w+)?)\}")


def test_every_text_of_the_code_has_its_french():
    missing = [e.msgid for e in merged() if not e.translated]
    assert missing == [], "run python -m cicli.docgen, then translate the new entries of cicli.po"


def test_the_po_holds_exactly_the_texts_of_the_code(tmp_path):
    expected = tmp_path / "cicli.po"
    catalogue.write_po(merged(), expected)
    assert PO.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8"), "run: python -m cicli.docgen"


def test_the_mo_is_the_compiled_po():
    assert MO.read_bytes() == compile_mo(read_po()), "run: python -m cicli.docgen"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_gnu_gettext_compiles_the_po_to_what_we_ship(tmp_path):
    subprocess.run(["msgfmt", "--check-format", "-o", str(tmp_path / "gnu.mo"), str(PO)], check=True)

    def entries(mo):
        return subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True).stdout

    assert entries(MO) == entries(tmp_path / "gnu.mo")


def test_a_translation_names_the_same_values_as_its_text():
    for e in read_po().values():
        for text, translated in ((e.msgid, e.msgstr), (e.plural, e.msgstr_plural[1])):
            if text and translated:
                assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(translated)), text


def test_texts_are_marked_where_the_catalogue_can_find_them():
    """`_()` with something else than a literal cannot be found: only where a marked text is translated
    again later (cli/language.py)."""
    allowed = {"cli/language.py", "i18n.py", "typology/__init__.py", "typology/describe.py", "typology/conditions.py",
               "results/summary.py", "results/sources.py", "matching/reconcile.py", "writers/xlsx.py", "cli/messages.py", "validation/checks.py",
               "writers/template.py"}
    for module in sorted((ROOT / "src" / "cicli").rglob("*.py")):
        name = module.relative_to(ROOT / "src" / "cicli").as_posix()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                literal = isinstance(node.args[0], ast.Constant)
                assert literal or name in allowed, f"{name}:{node.lineno}: _() of something else than a text"


def test_french_and_english_from_the_catalogue():
    assert i18n.in_language("fr", "Show this help and exit.") == "Afficher cette aide et quitter."
    assert i18n.in_language("en", "Show this help and exit.") == "Show this help and exit."
    with i18n.speaking("fr"):
        assert i18n.ngettext("{n} error", "{n} errors", 2) == "2 erreurs"
        assert i18n.ngettext("{n} error", "{n} errors", 1) == "1 erreur"


@pytest.mark.parametrize("environment, expected", [
    ({"CICLI_LANG": "en", "LANG": "fr_CA.UTF-8"}, "en"),
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_CA.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "fr"),
    ({}, "fr"),
])
def test_the_language_comes_from_cicli_lang_then_the_system_then_french(monkeypatch, environment, expected):
    for variable in ("CICLI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert i18n.default_lang() == expected


@pytest.mark.parametrize("ui_language, expected", [(0x0C0C, "fr"), (0x040C, "fr"), (0x0409, "en"), (0x0407, "en")])
def test_on_windows_the_language_is_the_display_language(monkeypatch, ui_language, expected):
    import ctypes
    import types

    kernel = types.SimpleNamespace(GetUserDefaultUILanguage=lambda: ui_language)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("CICLI_LANG", raising=False)
    assert i18n.default_lang() == expected


def test_no_module_hides_the_translation_function_behind_a_variable():
    """`for _ in …` in a function makes `_` a local there, and every `_("…")` of that function breaks."""
    for module in sorted((ROOT / "src" / "cicli").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
                if isinstance(node, (ast.For, ast.AugAssign, ast.AnnAssign)) else []
            names = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            assert "_" not in names, f"{module.name}:{node.lineno}: `_` is the translation function"


# --- Issue 18: every text in both languages, safe on a cp1252 console ------------------------------

@pytest.mark.parametrize("args, french, english", [
    (["show", "Montréal"], "cicli: 'Montréal' correspond à 2 centres : cim (",
     "cicli: 'Montréal' matches 2 centres: cim ("),
    (["classify", "--status", "foo"], "cicli: --status 'foo' ne fait pas partie des valeurs possibles : designated "
     "(désigné), funded (financé), project (projet), abandoned (abandonné), refused (refusé), undetermined "
     "(indéterminé).", "cicli: --status 'foo' is not one of: designated (designated), funded (funded), project "
     "(project), abandoned (abandoned), refused (refused), undetermined (undetermined)."),
    (["classify", "absent.csv"], "cicli: absent.csv : fichier introuvable.", "cicli: absent.csv: no such file."),
    (["export", "a.txt"], "cicli: impossible de déduire le format de 'a.txt' : nommez-le avec l'une de ces extensions : "
     ".xlsx, .html, .csv, .json, .md, .geojson, ou indiquez --format.", "cicli: cannot tell the format from 'a.txt': name it "
     "with one of .xlsx, .html, .csv, .json, .md, .geojson, or pass --format."),
    (["compare", "HIFA"], "cicli: compare demande deux centres ou plus, par exemple : cicli compare HIFA \"Sept-Îles\".",
     "cicli: compare needs two centres or more, for example: cicli compare HIFA \"Sept-Îles\"."),
])
def test_errors_speak_the_users_language(run, monkeypatch, args, french, english):
    for lang, expected in (("fr", french), ("en", english)):
        monkeypatch.setenv("CICLI_LANG", lang)
        code, out, err = run(*args)
        assert code == 2 or (code == 1 and "absent" in args[-1]), (code, err)
        assert out == ""
        assert err.startswith(expected), err


def test_validate_speaks_french_headers_sources_and_problems(run, monkeypatch, tmp_path):
    from conftest import write_csv

    path = write_csv(tmp_path / "a.csv", [["Nom", "Région", "Statut"], ["A", "Mtl", "bof"], ["", "Laval", ""]])
    code, out, err = run("validate", str(path), "--lang", "fr")
    assert code == 1
    assert out.splitlines()[:2] == ["Problèmes", out.splitlines()[1]]
    assert out.splitlines()[1].split() == ["Ligne", "Colonne", "Gravité", "Code", "Message"]
    assert "avertissement  invalid-value  'bof' ne fait pas partie des valeurs possibles" in out
    assert "remarque       read-as        'Mtl' lu comme la région Montréal (ligne 2)." in out
    assert "erreur         empty-name     cette ligne a des données mais pas de nom : cicli la laisse de côté" in out
    assert err.endswith(": 1 erreur, 1 avertissement, 1 remarque.\n")
    _code, out, _err = run("show", "HIFA", "--lang", "fr")
    assert "l'annexe du rapport, colonne « Région », telle qu'imprimée" in out


def _cicli(*args: str, **env: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-m", "cicli", *args], capture_output=True, timeout=120, check=False,
                          env={**os.environ, "CICLI_LANG": "fr", **env}, cwd=ROOT)


@pytest.mark.parametrize("args", [["summary", "--format", "markdown"], ["summary"], ["compare", "HIFA", "Sept-Îles"],
                                  ["show", "HIFA"], ["classify", "--explain"]])
def test_a_cp1252_console_shows_the_nearest_text_instead_of_dying(args):
    result = _cicli(*args, PYTHONIOENCODING="cp1252")
    assert result.returncode == 0, result.stderr.decode("cp1252")
    text = result.stdout.decode("cp1252")  # every byte is cp1252
    assert "Traceback" not in result.stderr.decode("cp1252") and len(text) > 1000
    if args[0] == "compare":
        assert text.splitlines()[0].startswith("<>  Champ")  # « ≠ », which cp1252 lacks, reads « <> »


def test_a_redirected_output_is_utf8_whatever_the_locale(tmp_path):
    """On Windows a redirect is cp1252 by default: cicli writes UTF-8 there, whole."""
    code = ("import io, sys\n"
            "sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding='cp1252')\n"
            "from cicli.cli.process import safe_streams\n"
            "safe_streams()\n"
            "print('≠ 35\\u202f000 $', end='')\n")
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False, env=env)
    assert result.stdout == "≠ 35\u202f000 $".encode()
