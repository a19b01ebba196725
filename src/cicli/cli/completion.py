"""What the shell completes after a command's name: centre ids and names, regions, and the coded values
of the filters, in the user's language. A completion never fails: on any problem it offers nothing."""

from __future__ import annotations

import typer


def _matching(candidates: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    """Candidates (value, help) whose value starts with what was typed, case aside. Typer keeps only values
    that start with the very characters typed, so a match keeps them: « bas » completes to « bas-Saint-Laurent »,
    which cicli reads as Bas-Saint-Laurent."""
    typed = incomplete.lower()
    return [(incomplete + value[len(incomplete):], help) for value, help in candidates
            if value.lower().startswith(typed)]


def centres(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of the centres of the file named by --from (the bundled annex by default), each with its name."""
    try:
        from .. import i18n
        from ..ids import make_ids
        from ..read import read_table

        i18n.set_language(i18n.default_lang())
        table = read_table(ctx.params.get("source"), sheet=ctx.params.get("sheet"))
        frame = table.frame
        if "name" not in frame.columns:
            return []
        given = frame["id"] if "id" in frame.columns else frame["name"].str.slice(0, 0)  # no id column: all empty
        ids = make_ids(given, frame["name"])
        names = frame["name"].tolist()
        return _matching([*zip(ids.tolist(), names, strict=True), *((name, "") for name in names)], incomplete)
    except Exception:  # a shell's Tab must never print a traceback
        return []


def regions(incomplete: str) -> list[tuple[str, str]]:
    from ..schema import REGIONS

    return _matching([(region, "") for region in REGIONS], incomplete)


def coded(axis: str):
    """Completion of a filter: its codes, each with its label in the user's language."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        from .. import i18n, labels

        i18n.set_language(i18n.default_lang())
        codes = labels.LABELS[axis]
        return _matching([*((code, labels.label(axis, code)) for code in codes),
                          *((labels.label(axis, code), code) for code in codes)], incomplete)

    return complete


def topics(incomplete: str) -> list[tuple[str, str]]:
    """The ids of the report's topics (cicli context), each with its title in the user's language."""
    from .. import i18n
    from ..study.knowledge import knowledge

    i18n.set_language(i18n.default_lang())
    return _matching([(t.id, t.title) for t in knowledge().topics.values()], incomplete)
