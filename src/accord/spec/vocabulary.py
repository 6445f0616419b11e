"""The shared vocabularies: actions, object kinds and party roles.

Importers map dataset taxonomies (ACLED, UCDP, PLOVER) onto these actions. A spec may add its own
actions under `actions:` and its own object kinds under `categories:`.
"""

from __future__ import annotations

ACTIONS: tuple[str, ...] = (
    "cease_fire",
    "attack",
    "release",
    "return_remains",
    "withdraw",
    "deploy",
    "admit_aid",
    "open_crossing",
    "allow_return",
    "negotiate",
    "agree",
    "hand_over_territory",
    "exchange_information",
    "disarm",
    "transfer_governance",
    "monitor",
    "reconstruct",
)

OBJECT_KINDS: tuple[str, ...] = (
    "captive",
    "prisoner",
    "detainee",
    "remains",
    "person",
    "displaced_person",
    "truck",
    "fuel",
    "aid",
    "shelter",
    "equipment",
    "area",
    "forces",
    "weapons",
    "crossing",
    "information",
    "talks",
    "governance",
)

#: `other`: named by the text (e.g. a government that must release prisoners) but not a signatory.
ROLES: tuple[str, ...] = ("party", "mediator", "guarantor", "monitor", "other")

SOURCE_KINDS: tuple[str, ...] = (
    "news",
    "official",
    "party_statement",
    "dataset",
    "monitor",
    "reference",
    "other",
)

#: A ratio key that applies to every category of the counterpart's deliveries.
ANY_CATEGORY = "any"
