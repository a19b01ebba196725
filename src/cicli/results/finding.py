"""Finding centres the way people type them: acronym, any name, part of it, or the locality."""

from __future__ import annotations

import difflib

import pandas as pd

from .. import labels
from ..errors import UsageError
from ..i18n import _, ngettext
from ..speed.fold import fold_column
from ..study.knowledge import knowledge
from ..text import fold, look_alike, quoted, shown, some_of
from ..typology.facts import and_list

MAX_CANDIDATES = 10  # an ambiguous name lists this many centres, then counts the rest


def find(table: pd.DataFrame, query: str, aliases: pd.Series | None = None) -> str:
    """The index label of the one centre `query` names: its id, acronym, any name, part of the name, or locality.

    Case, accents and punctuation do not matter. A name the report gives to a related body (a zone, a
    group, a building) raises NotACentre, saying what it is and which centre it relates to. Several
    matches, or none, raise UsageError listing the candidates or suggesting the closest.
    """
    if look_alike(query) is not None:
        raise UsageError(_("{query} holds letters of another alphabet among Latin ones, or direction marks: it could "
                           "name one centre while looking like another. Type the name in plain letters.",
                           query=quoted(query)))
    q = fold(query)
    if not q:
        raise UsageError(_("an empty name matches no centre."))
    ids = table["id"].astype("str")
    by_id = ids == query.strip().lower()
    if by_id.sum() == 1:  # ids are unique: an id reaches its row even when names repeat
        return by_id.idxmax()
    # Whole columns, folded once: a file of a million centres is searched in a second or two.
    keys = [fold_column(ids), fold_column(table["name"])]
    if aliases is not None:
        listed = aliases.fillna("").astype("str").str.split(";").explode()
        keys.append(fold_column(listed[listed.str.strip() != ""]))  # one row per alias, on its centre's label
    localities = fold_column(table["locality"])

    def named(test) -> pd.Series:  # whether any of a centre's names passes `test`
        hits = [test(k) for k in keys]
        found = table.index.isin(pd.concat([h[h] for h in hits]).index)
        return pd.Series(found, index=table.index)

    tiers = (
        lambda: named(lambda k: k == q),
        lambda: localities == q,
        None,  # here: a body the report names that is not a centre
        lambda: named(lambda k: (" " + k + " ").str.contains(f" {q} ", regex=False)),
        lambda: named(lambda k: k.str.contains(q, regex=False)) | localities.str.contains(q, regex=False),
    )
    for tier in tiers:
        if tier is None:
            _refuse_a_related_body(query, table)
            continue
        hit = tier()
        found = hit[hit].index.tolist()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = some_of(found, "; ", MAX_CANDIDATES,
                             lambda i: f"{shown(table.at[i, 'id'])} ({shown(table.at[i, 'name'])}, "
                                       f"{shown(table.at[i, 'locality'])})")
            raise UsageError(_("{query} matches {count} centres: {listed}. Name one of them by its id.",
                               query=quoted(query), count=len(found), listed=listed))
    # The names a file's rows are recognised by (« Centre d'innovation HIFA », « CI Cégep Sept-Iles »): one matcher
    # for the rows of a file and for what people type.
    from ..matching import report_matcher

    centre = report_matcher().match(query).centre
    if centre and (ids == centre).sum() == 1:
        return (ids == centre).idxmax()
    words = sorted(set().union(*(set(k) for k in keys), set(localities)) - {""})
    close = difflib.get_close_matches(q, words, n=1, cutoff=0.5)
    if close:
        match = (named(lambda k: k == close[0]) | (localities == close[0])).idxmax()
        raise UsageError(_("no centre matches {query}. Did you mean {id} ({name})?", query=quoted(query),
                           id=shown(table.at[match, "id"]), name=shown(table.at[match, "name"])))
    raise UsageError(_("no centre matches {query}.", query=quoted(query)))


class NotACentre(UsageError):
    """A name the report gives to a body that is not a centre of the annex (a zone, a group, a building)."""


def _refuse_a_related_body(query: str, table: pd.DataFrame) -> None:
    entity = knowledge().entity_named(query)
    if entity is None:
        return
    ids = set(table["id"])
    related = [c for c in entity.centres if c in ids]
    names = [f"{table.loc[table['id'] == c, 'name'].iloc[0]} ({c})" for c in related]
    what = _("{query} is not a centre of the annex: it is {name}, {kind} — {note}.", query=quoted(query),
             name=entity.name, kind=labels.label("entity_kind", entity.kind), note=entity.note)
    if names:
        what += " " + ngettext("It relates to the centre {names}.", "It relates to the centres {names}.",
                               len(names), names=and_list(names))
    raise NotACentre(what)
