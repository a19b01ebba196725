"""Facts of the report that are not about one centre: funding, dates, sources."""

from __future__ import annotations

REPORT = "Les centres d'innovation au Québec (rapport, 2025) — Forum Innovation"

# (code, amount in CAD per year, French label, English label, the report's words)
FUNDING = (
    ("pafode_ci", 360_000, "PAFODE, volet 2 : soutien annuel aux opérations d'un centre d'innovation",
     "PAFODE, part 2: yearly operating support for an innovation centre",
     "les centres reçoivent 360 000$ aux CI en vue de soutenir leurs opérations"),
    ("pafode_zi", 800_000, "PAFODE, volet 2 : soutien annuel aux opérations d'une zone d'innovation",
     "PAFODE, part 2: yearly operating support for an innovation zone",
     "le gouvernement québécois, via le PAFODE octroie 800 000$ par année aux zones"),
)
