"""A user's list set against the report, as a newcomer reads it in a minute: which rows are which of the report's
centres and on what ground, which are close to one without being surely it, which name a body the report names
that is not a centre, and which of the report's centres the list leaves out. The rows that need a look are also
problems at their row (near-miss, not-a-centre, not-a-ci)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..i18n import N_, _, ngettext
from ..sections import Section
from ..text import quoted, ranges, shown
from .rows import Recognition

#: Grounds and reasons, in words (English here, French in the catalogue).
GROUND_WORDS = {
    "id": N_("its id"), "name": N_("its name"), "acronym": N_("its acronym"), "address": N_("its web address"),
    "place-and-niche": N_("its place and its niche"),
}
WHY_WORDS = {
    "no-mark": N_("the name does not say « centre d'innovation » or « CI »: it may name the school itself"),
    "acronym-only": N_("only the acronym {shared}, which other bodies use too: add the place or the full name"),
    "other-words": N_("the acronym {shared}, with other words than the centre's name"),
    "place-only": N_("the same place, where the report has this one centre, but no niche that says it is the same"),
    "shared-address": N_("a web address the report gives for several centres"),
    "conflict": N_("its name fits several centres of the report"),
    "spelling": N_("a name spelt almost the same"),
    "some-words": N_("words in common ({shared}), but not the whole name"),
}


def why_text(why: str, shared) -> str:
    return _(WHY_WORDS[why], shared=", ".join(shared)) if why in WHY_WORDS else ""


@dataclass
class Reconciliation:
    recognised: list[dict] = field(default_factory=list)  # {centre, name, rows, count, grounds}
    close: list[dict] = field(default_factory=list)  # {row, name, centre, centre_name, why, shared}
    bodies: list[dict] = field(default_factory=list)  # {body, name, kind, rows, count, centres}
    absent: list[dict] = field(default_factory=list)  # {centre, name, locality}
    limited: bool = False
    distinct: int = 0

    def records(self) -> dict:
        return {"recognised": self.recognised, "close": self.close, "bodies": self.bodies, "absent": self.absent,
                "limited": self.limited}

    def sections(self) -> list[Section]:
        from ..labels import label

        out = []
        if self.recognised:
            rows = [[f"{c['name']} ({c['centre']})", c["rows"], ", ".join(_(GROUND_WORDS[g]) for g in c["grounds"])]
                    for c in self.recognised]
            count = sum(c["count"] for c in self.recognised)
            out.append(Section(_("The report's centres in your list"), [_("Centre of the report"), _("Rows"),
                                                                        _("Recognised by")], rows,
                               caption=ngettext("{n} row is a centre of the report", "{n} rows are centres of the "
                                                "report", count)))
        if self.close:
            rows = [[str(c["row"]), shown(c["name"], 80), f"{c['centre_name']} ({c['centre']})",
                     why_text(c["why"], c["shared"])] for c in self.close]
            out.append(Section(_("Rows close to a centre of the report (not completed)"),
                               [_("Row"), _("Name"), _("Did you mean…?"), _("Why not surely")], rows,
                               priority=(3,)))
        if self.bodies:
            rows = [[b["rows"], shown(b["name"], 80), label("entity_kind", b["kind"]), ", ".join(b["centres"])]
                    for b in self.bodies]
            out.append(Section(_("Rows that name a body the report names, not a centre"),
                               [_("Rows"), _("Name"), _("What the report says it is"), _("Related centres")], rows))
        if self.absent:
            rows = [[a["name"], a["locality"]] for a in self.absent]
            out.append(Section(_("The report's centres your list leaves out"), [_("Centre"), _("Locality")],
                               rows, caption=ngettext("{n} centre", "{n} centres", len(rows))))
        if self.limited:
            out.append(Section(None, [_("Note")], [[_(
                "your list holds {n} distinct names: cicli recognised the report's centres by their ids, exact names, "
                "addresses and the words only their names hold, and looked for close names among those rows only.",
                n=self.distinct)]]))
        return out


def reconcile(names, row_numbers: np.ndarray, recognition: Recognition, flag, matcher) -> Reconciliation:
    """The reconciliation of a list (`names`: the Arrow column of each row's name as read), and its problems,
    through `flag`."""
    from ..study.knowledge import knowledge

    entities = knowledge().entities
    by_id = matcher.by_id
    out = Reconciliation(limited=recognition.limited, distinct=recognition.distinct)
    centres = recognition.centre
    for centre in by_id:
        rows = np.flatnonzero(centres == centre)
        if not len(rows):
            out.absent.append({"id": centre, "name": by_id[centre].name, "locality": _locality(centre)})
            continue
        grounds = sorted(set(recognition.ground[rows].tolist()), key=list(GROUND_WORDS).index)
        out.recognised.append({"centre": centre, "name": by_id[centre].name, "count": len(rows),
                               "rows": ranges(row_numbers[rows].tolist()), "grounds": grounds})
    close = np.flatnonzero((recognition.close != "") & (centres == "") & (recognition.body == ""))
    for i in close[:200].tolist():
        centre = recognition.close[i]
        out.close.append({"row": int(row_numbers[i]), "name": names[i].as_py(), "centre": centre,
                          "centre_name": by_id[centre].name, "why": recognition.why[i],
                          "shared": list(recognition.shared[i])})

    def near(i, value):
        centre = recognition.close[i]
        return _("{name} is close to the report's centre {centre} ({why}); cicli does not complete it. If it is that "
                 "centre, write its name as the report does ({report_name}) or its id ({id}).", name=quoted(value),
                 centre=by_id[centre].name, why=why_text(recognition.why[i], recognition.shared[i]),
                 report_name=quoted(by_id[centre].name), id=quoted(centre))

    mask = np.zeros(len(centres), dtype=bool)
    mask[close] = True
    flag.rows("near-miss", mask, "name", names, near)
    named = np.flatnonzero(recognition.body != "")
    for body in dict.fromkeys(recognition.body[named].tolist()):
        rows = named[recognition.body[named] == body]
        entity = entities[body]
        related = [f"{by_id[c].name} ({c})" for c in entity.centres if c in by_id]
        out.bodies.append({"body": body, "name": entity.name, "kind": entity.kind, "count": len(rows),
                           "rows": ranges(row_numbers[rows].tolist()), "centres": related})
        mask = np.zeros(len(centres), dtype=bool)
        mask[rows] = True
        code = "not-a-ci" if entity.kind == "not-a-ci" else "not-a-centre"
        flag.rows(code, mask, "name", names, lambda i, v, e=entity, r=related: _body_message(v, e, r))
    return out


def _body_message(value: str, entity, related: list[str]) -> str:
    from ..labels import label
    from ..study.knowledge import knowledge

    if entity.kind == "not-a-ci":
        passage = knowledge().passage(entity.passages[0]) if entity.passages else None
        words = _(" The report: « {quote} » ({section}).", quote=passage.quote, section=passage.section) \
            if passage else ""
        return _("{value} is not a centre of the programme — {note}.", value=quoted(value), note=entity.note) + words
    text = _("{value} names {name}, {kind} — {note}; not a centre: cicli gives it no centre's facts.",
             value=quoted(value), name=entity.name, kind=label("entity_kind", entity.kind), note=entity.note)
    if related:
        text += " " + ngettext("It relates to the centre {names}.", "It relates to the centres {names}.",
                               len(related), names=", ".join(related))
    return text


def _locality(centre: str) -> str:
    from ..study.annex import annex

    found = annex()
    return found.text["locality"][found.ids.index(centre)].as_py()
