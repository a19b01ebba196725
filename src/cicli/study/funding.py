"""The amounts the report cites, each with its words, its qualifier and its passage: what `cicli summary` shows as
« Financement selon le rapport », and the qualifiers numbers keep wherever they appear (« plus de », « environ »)."""

from __future__ import annotations

from ..i18n import N_

#: How the report hedges an amount: the words of each qualifier (English; French in the catalogue).
QUALIFIERS = {"more-than": N_("more than"), "about": N_("about"), "estimated-about": N_("estimated at about")}

# (code, amount in CAD, period the report gives or None, what it is (English; French in the catalogue), qualifier or
#  None, the report's words, the passage they stand in, the centre it is about or None). « par année » belongs to the
# zones' 800 000 $ only, and the report ties part 2 of the PAFODE to the CI category only.
FUNDING = (
    ("pafode_zi", 800_000, "year", N_("PAFODE: support to an innovation zone"), None,
     "le gouvernement québécois, via le PAFODE octroie 800 000$ par année aux zones", "pafode-amounts", None),
    ("pafode_ci", 360_000, None,
     N_("PAFODE (part 2, the category of innovation centres): support to the operations of a centre"), None,
     "les centres reçoivent 360 000$ aux CI en vue de soutenir leurs opérations", "pafode-amounts", None),
    ("hifa_investment", 35_000_000, None, N_("HIFA: combined investments in the centre"), "more-than",
     "Grâce à des investissements combinés de plus 35 millions$", "hifa-plant", "hifa"),
    ("dci_estimate", 20_000_000, None, N_("DCI: the project's estimated value"), "estimated-about",
     "Le projet, évalué à environ 20 millions $", "dci-labs", "dci"),
    ("sept_iles_funding", 3_300_000, None,
     N_("Centre d'innovation du Cégep de Sept-Îles: funding obtained « en décembre dernier » (December 2024, as "
        "cicli reads the box's date of its designation)"), None,
     "conjuguée aux 3,3 millions $ obtenus en décembre dernier", "sept-iles-funding", "ci-cegep-sept-iles"),
    ("rio_tinto_gift", 4_000_000, None,
     N_("Rio Tinto's gift, after which the pavilion that will house the Sept-Îles centre bears its name"), None,
     "la première donnant même son nom au pavillon qui abritera les activités du futur centre (voir image plus bas) "
     "après un don de 4 millions$", "sept-iles-industry", "ci-cegep-sept-iles"),
)

#: The report's hedge on a centre's number: (centre, column) → (the number as the report gives it, qualifier). A value
#: that differs (a user's own figure) is not the report's and keeps no hedge.
NUMBER_QUALIFIERS = {("hifa", "investment_cad"): (35_000_000, "more-than"),
                     ("dci", "investment_cad"): (20_000_000, "estimated-about")}


def qualifier_of(centre, column: str, value) -> str | None:
    """The report's qualifier of `value` in `column` for `centre` (« plus de », « environ »), if it is the report's."""
    known = NUMBER_QUALIFIERS.get((centre, column))
    try:
        return known[1] if known and float(value) == known[0] else None
    except (TypeError, ValueError):
        return None
