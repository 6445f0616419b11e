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
    "suspend",
    "resume",
    "terminate",
)

#: Event actions: the vocabulary plus `other`, for dataset events that match no provision
#: (protests, arrests...); importers keep the dataset's own type alongside.
EVENT_ACTIONS: tuple[str, ...] = (*ACTIONS, "other")

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

SPEAKER_KINDS: tuple[str, ...] = (
    "party",
    "official",
    "outlet",
    "anonymous",
    "organisation",
    "monitor",
    "other",
)

#: A ratio key that applies to every category of the counterpart's deliveries.
ANY_CATEGORY = "any"
