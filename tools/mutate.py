"""How many changes to cicli's core the test suite catches: a small mutation run.

    python tools/mutate.py                      # a sample of mutants in every core module, 2 at a time
    python tools/mutate.py --per-module 40 --module text.py --workers 2 --seed 7
    python tools/mutate.py --rules              # every rule of the typology dropped, negated, moved

A mutant is one change to one module's syntax tree: a comparison turned (== / !=, < / >=…), `and` / `or` swapped,
a `not` removed, a constant changed (True / False, n / n+1, a string emptied), a simple statement deleted. With
--rules, each rule of typology/rules.py is dropped from its axis, its condition negated, or swapped with the next
rule (the last rule of an axis, which always holds, stays last). Each mutant is written into a copy of src/ and the
tests that cover its module run against it (`pytest -x`, PYTHONPATH set to the copy); it is killed when they fail.
The survivors are listed with their line, for a person to judge: some change nothing observable (an equivalent
mutant), the others want a test.
"""

from __future__ import annotations

import argparse
import ast
import copy
import os
import random
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "cicli"

#: The core modules and the tests that cover each: quick ones first, then (for a mutant they let live) slow ones.
MODULES = {
    "typology/rules.py": (["test_typology", "test_report_words", "test_knowledge"], ["test_reports", "test_docs"]),
    "typology/conditions.py": (["test_typology", "test_report_words"], ["test_reports", "test_docs"]),
    "validation/checks.py": (["test_validation", "test_columns", "test_kernels", "test_own_list"],
                             ["test_promises"]),
    "read/delimited.py": (["test_reader", "test_columns"], ["test_promises"]),
    "read/sheet_xml.py": (["test_reader", "test_excel"], ["test_promises"]),
    "writers/safety.py": (["test_export"], ["test_promises"]),
    "matching/matcher.py": (["test_own_list", "test_report_knowledge"], ["test_cli", "test_editions"]),
    "matching/rows.py": (["test_own_list", "test_report_knowledge"], ["test_editions", "test_cli"]),
    "matching/names.py": (["test_own_list", "test_report_knowledge"], ["test_cli"]),
    "text.py": (["test_text", "test_kernels", "test_own_list"], ["test_cli"]),
    "i18n.py": (["test_i18n"], ["test_cli"]),
}
RULE_TESTS = (["test_typology", "test_report_words", "test_knowledge"], [])
TIMEOUT = 600

_TURNED = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt,
           ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}


@dataclass
class Mutant:
    module: str
    line: int
    what: str
    source: str  # the mutated module
    outcome: str = ""
    equivalent: str = ""  # why the change cannot be seen, when that is known before running it


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _decorations(tree: ast.Module) -> set[int]:
    """The constants of decorators (`@dataclass(frozen=True)`): declarations, which no behaviour reads."""
    ids = set()
    for node in ast.walk(tree):
        for decorator in getattr(node, "decorator_list", ()):
            ids.update(id(n) for n in ast.walk(decorator) if isinstance(n, ast.Constant))
    return ids


def _sites(tree: ast.Module):
    """Every place one change can be made: (node path as an index in ast.walk order, description)."""
    skip = _docstrings(tree) | _decorations(tree)
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _TURNED:
            yield index, f"{type(node.ops[0]).__name__} turned"
        elif isinstance(node, ast.BoolOp):
            yield index, f"{type(node.op).__name__} swapped"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield index, "not removed"
        elif isinstance(node, ast.Constant) and id(node) not in skip:
            if isinstance(node.value, bool) or (isinstance(node.value, int) and not isinstance(node.value, bool)):
                yield index, f"{node.value!r} changed"
            elif isinstance(node.value, str) and node.value and len(node.value) < 60:
                yield index, f"{node.value!r} emptied"
        elif isinstance(node, (ast.Expr, ast.AugAssign, ast.Assign)) and not (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            yield index, "statement deleted"


class _Change(ast.NodeTransformer):
    def __init__(self, target: int, nodes: list):
        self.target = nodes[target]

    def visit(self, node):
        if node is not self.target:
            return self.generic_visit(node)
        if isinstance(node, ast.Compare):
            node.ops = [_TURNED[type(node.ops[0])](), *node.ops[1:]]
        elif isinstance(node, ast.BoolOp):
            node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        elif isinstance(node, ast.UnaryOp):
            return node.operand
        elif isinstance(node, ast.Constant):
            value = node.value
            node.value = (not value) if isinstance(value, bool) else value + 1 if isinstance(value, int) else ""
        else:
            return ast.Pass()
        return node


def module_mutants(module: str, count: int, rng: random.Random, lines: set[int] | None = None) -> list[Mutant]:
    """`count` mutants of the module drawn at random, or (with `lines`) every mutant of those lines."""
    text = (SRC / module).read_text(encoding="utf-8")
    tree = ast.parse(text)
    nodes = list(ast.walk(tree))
    sites = list(_sites(tree))
    if lines is not None:
        chosen = [(i, what) for i, what in sites if getattr(nodes[i], "lineno", 0) in lines]
    else:
        chosen = rng.sample(sites, min(count, len(sites)))
    out = []
    for index, what in chosen:
        mutated = copy.deepcopy(tree)
        changed = _Change(index, list(ast.walk(mutated))).visit(mutated)
        line = getattr(nodes[index], "lineno", 0)
        out.append(Mutant(module, line, what, ast.unparse(ast.fix_missing_locations(changed))))
    return out


_NOT = '''

class _Not(Condition):
    def __init__(self, inner):
        self.inner = inner

    def reads(self):
        return self.inner.reads()

    def test(self, facts):
        return ~self.inner.test(facts).fillna(False).astype(bool)

    def describe(self):
        return "not " + self.inner.describe()
'''


def _disjoint() -> set[tuple[str, str]]:
    """The adjacent rules no row can fit both of, as tests/test_typology.py declares and checks them."""
    tree = ast.parse((ROOT / "tests" / "test_typology.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and getattr(node.targets[0] if isinstance(node, ast.Assign)
                                                                     else node.target, "id", "") == "DISJOINT":
            return set(ast.literal_eval(node.value))
    return set()


def rule_mutants() -> list[Mutant]:
    """Each rule dropped, negated, and swapped with the next one (the last rule of an axis stays last). A swap of
    two rules no row can fit both of is equivalent: it is listed, not run."""
    sys.path.insert(0, str(SRC.parent))
    from cicli.typology.rules import AXES

    disjoint = _disjoint()

    text = (SRC / "typology/rules.py").read_text(encoding="utf-8")
    out = []
    for axis in AXES:
        name = axis.name.upper()
        count = len(axis.rules)
        for k, rule in enumerate(axis.rules[:-1]):
            order = list(range(count))
            variants = [("dropped", [i for i in order if i != k], None)]
            variants.append(("negated", order, k))
            if k + 1 < count - 1:
                swapped = order[:]
                swapped[k], swapped[k + 1] = swapped[k + 1], swapped[k]
                variants.append(("moved below the next", swapped, None))
            for what, kept, negated in variants:
                rules = ", ".join(f"_Not_rule({name}.rules[{i}])" if i == negated else f"{name}.rules[{i}]"
                                  for i in kept)
                patch = (_NOT + "\n\ndef _Not_rule(rule):\n    return _dc.replace(rule, when=_Not(rule.when))\n\n"
                         f"import dataclasses as _dc\n{name} = _dc.replace({name}, rules=({rules},))\n"
                         "AXES = (ORIGIN, ANCHORING, MODEL, STATUS)\n")
                mutant = Mutant("typology/rules.py", 0, f"{rule.id} {what}", text + patch)
                if what.startswith("moved") and (rule.id, axis.rules[k + 1].id) in disjoint:
                    mutant.equivalent = f"no row fits both {rule.id} and {axis.rules[k + 1].id}"
                out.append(mutant)
    return out


def run(mutant: Mutant, workdir: Path, tests: tuple[list[str], list[str]]) -> str:
    """Killed when the quick tests fail, else when the slow ones do."""
    for stage in tests:
        if stage:
            outcome = _run_stage(mutant, workdir, stage)
            if outcome != "survived":
                return outcome
    return "survived"


def _run_stage(mutant: Mutant, workdir: Path, tests: list[str]) -> str:
    target = workdir / "src" / "cicli" / mutant.module
    original = target.read_text(encoding="utf-8")
    target.write_text(mutant.source, encoding="utf-8")
    try:
        env = {**os.environ, "PYTHONPATH": str(workdir / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
        args = [sys.executable, "-m", "pytest", "-x", "-q", "-n", "0", "-p", "no:cacheprovider",
                *(str(ROOT / "tests" / f"{t}.py") for t in tests)]
        try:
            done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return "killed (timeout)"
        return "survived" if done.returncode == 0 else "killed"
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-module", type=int, default=12)
    parser.add_argument("--module", action="append", help="a module of MODULES (default: all of them)")
    parser.add_argument("--rules", action="store_true", help="the typology's rules dropped, negated, moved")
    parser.add_argument("--at", action="append", metavar="MODULE:LINE",
                        help="every mutant of that line (a survivor, once its test is written); repeatable")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    if options.rules:
        mutants = rule_mutants()
    elif options.at:
        places: dict[str, set[int]] = {}
        for place in options.at:
            module, _colon, line = place.rpartition(":")
            places.setdefault(module, set()).add(int(line))
        mutants = [m for module, lines in places.items() for m in module_mutants(module, 0, rng, lines)]
    else:
        mutants = [m for module in options.module or MODULES for m in module_mutants(module, options.per_module, rng)]
    workers = [Path(tempfile.mkdtemp(prefix="cicli-mutant-")) for _ in range(options.workers)]
    for workdir in workers:
        shutil.copytree(ROOT / "src", workdir / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        (workdir / "data").symlink_to(ROOT / "data")  # the bundled data, found beside src/ in a checkout
    # A mutant counts as killed only if the same tests pass on the unchanged copy (each test file checked once).
    needed = sorted({t for m in mutants for stage in (RULE_TESTS if options.rules else MODULES[m.module])
                     for t in stage})
    unchanged = Mutant("text.py", 0, "unchanged", (SRC / "text.py").read_text(encoding="utf-8"))
    with ThreadPoolExecutor(options.workers) as pool:
        failing = [t for t, outcome in zip(needed, pool.map(
            lambda pair: run(unchanged, pair[1], ([pair[0]], [])),
            [(t, workers[k % len(workers)]) for k, t in enumerate(needed)]), strict=True) if outcome != "survived"]
    if failing:
        print(f"these tests fail on the unchanged copy: {', '.join(failing)}", file=sys.stderr)
        return 1
    free = list(workers)

    def one(mutant: Mutant) -> Mutant:
        if mutant.equivalent:
            mutant.outcome = "equivalent"
            print(f"{mutant.outcome:17} {mutant.module}:{mutant.line} {mutant.what}: {mutant.equivalent}", flush=True)
            return mutant
        workdir = free.pop()
        try:
            mutant.outcome = run(mutant, workdir, RULE_TESTS if options.rules else MODULES[mutant.module])
        finally:
            free.append(workdir)
        print(f"{mutant.outcome:17} {mutant.module}:{mutant.line} {mutant.what}", flush=True)
        return mutant

    with ThreadPoolExecutor(options.workers) as pool:
        done = list(pool.map(one, mutants))
    for workdir in workers:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(f"{'module':28} {'mutants':>8} {'equivalent':>11} {'killed':>8} {'share':>7}")
    for module in [*dict.fromkeys(m.module for m in done), None]:
        mine = [m for m in done if module in (None, m.module)]
        known = sum(m.outcome == "equivalent" for m in mine)
        killed = sum(m.outcome.startswith("killed") for m in mine)
        print(f"{module or 'all':28} {len(mine):8} {known:11} {killed:8} {killed / max(len(mine) - known, 1):7.0%}")
    print("share: killed among the mutants not known to be equivalent. Survivors are listed above, to be judged.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
