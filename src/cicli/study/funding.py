"""Facts of the report that are not about one centre: the PAFODE's amounts, each with its passage."""

from __future__ import annotations

from ..i18n import N_

# (code, amount in CAD, period the report gives or None, label (English; French in the catalogue),
#  the report's words, the passage they stand in). « par année » belongs to the zones' 800 000 $ only,
# and the report ties part 2 of the PAFODE to the CI category only.
FUNDING = (
    ("pafode_zi", 800_000, "year", N_("PAFODE: support to an innovation zone"),
     "le gouvernement québécois, via le PAFODE octroie 800 000$ par année aux zones", "pafode-amounts"),
    ("pafode_ci", 360_000, None,
     N_("PAFODE (part 2, the category of innovation centres): support to the operations of a centre"),
     "les centres reçoivent 360 000$ aux CI en vue de soutenir leurs opérations", "pafode-amounts"),
)
