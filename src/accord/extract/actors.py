"""The actor gazetteer: parties, mediators, organisations and outlets with their aliases.

Shipped as `gazetteer.yaml` (package data); a user file in the same format extends it. Names are
matched as whole words; all-capitals aliases ("UN", "AP") only in capitals, so "us" and "ap"
in running text are not actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from accord.extract.models import Actor, ActorMention


class GazetteerError(Exception):
    """A gazetteer file cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Gazetteer:
    """Actors by id, with compiled matchers for their strong and weak aliases."""

    actors: dict[str, Actor]
    strong: re.Pattern[str]
    weak: re.Pattern[str] | None
    by_alias: dict[str, str]
    by_weak_alias: dict[str, str]

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        """Every strong alias found in `text[start:end]`, leftmost-longest, not overlapping."""
        return [
            ActorMention(self._id(m.group(0), self.by_alias), m.group(0), m.start(), m.end())
            for m in self.strong.finditer(text, start, len(text) if end is None else end)
        ]

    def normalise(self, phrase: str) -> str | None:
        """The actor a speaker phrase names ("a senior Hamas official" -> hamas), or None.

        Places after "in"/"from" do not count ("a diplomat in Doha"); a phrase naming several
        actors has none; a weak alias counts only when no strong one is present.
        """
        found = [
            m
            for m in self.mentions(phrase)
            if not _LOCATIVE.search(phrase[: m.start]) and not _MEDIA.match(phrase, m.end)
        ]
        if len({m.actor for m in found}) > 1:
            return None  # "Mediators from Egypt and the United States": several actors
        if found:
            return found[0].actor
        if self.weak is not None and (match := self.weak.search(phrase)):
            return self._id(match.group(0), self.by_weak_alias)
        return None

    def kind(self, actor_id: str | None) -> str | None:
        """The gazetteer kind of an actor id (party, mediator, outlet...)."""
        actor = self.actors.get(actor_id or "")
        return actor.kind if actor else None

    @staticmethod
    def _id(alias: str, table: dict[str, str]) -> str:
        return table.get(alias) or table[_fold(alias)]


# "a diplomat in Doha", "a scientist at a Cairo university", "a former Israeli official"
_LOCATIVE = re.compile(
    r"\b(?:(?:in|at|near|from|outside|inside|by)\s+(?:the\s+|a\s+|an\s+)?|former\s+)$",
    re.IGNORECASE,
)
# "Israeli media", "Turkish press": reports, not the state's own word
_MEDIA = re.compile(
    r"\s+(?:media|press|news\s+sites?|outlets|newspapers|television|tv)\b", re.IGNORECASE
)


def _fold(alias: str) -> str:
    return alias.lower().replace("\u2019", "'")


def _pattern(aliases: list[str]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace("'", "['\u2019]")
        parts.append(body if _is_acronym(alias) else "(?i:" + body + ")")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 5 and all(c.isupper() for c in letters)


def build(entries: list[Actor]) -> Gazetteer:
    """A gazetteer from actor entries; a later entry with the same id replaces an earlier one."""
    actors = {a.id: a for a in entries}
    by_alias: dict[str, str] = {}
    by_weak: dict[str, str] = {}
    for actor in actors.values():
        for alias in (actor.name, *actor.aliases):
            by_alias.setdefault(alias, actor.id)
            by_alias.setdefault(_fold(alias), actor.id)
        for alias in actor.weak_aliases:
            by_weak.setdefault(alias, actor.id)
            by_weak.setdefault(_fold(alias), actor.id)
    strong = _pattern([a for actor in actors.values() for a in (actor.name, *actor.aliases)])
    if strong is None:
        raise GazetteerError("the gazetteer names no actor")
    weak = _pattern([a for actor in actors.values() for a in actor.weak_aliases])
    return Gazetteer(actors, strong, weak, by_alias, by_weak)


def parse(document: Any, origin: str) -> list[Actor]:
    """Actor entries from a loaded YAML document (`actors:` list of mappings)."""
    if not isinstance(document, dict) or not isinstance(document.get("actors"), list):
        raise GazetteerError(f"{origin}: expected a mapping with an `actors:` list")
    out = []
    for number, entry in enumerate(document["actors"], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            raise GazetteerError(f"{origin}: actor {number} needs at least `id` and `name`")
        out.append(
            Actor(
                id=str(entry["id"]),
                name=str(entry["name"]),
                kind=str(entry.get("kind", "other")),
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                weak_aliases=tuple(str(a) for a in entry.get("weak") or ()),
            )
        )
    return out


def _load_yaml(text: str, origin: str) -> list[Actor]:
    try:
        document = YAML(typ="safe").load(text)
    except YAMLError as exc:
        raise GazetteerError(f"{origin}: not valid YAML: {exc}") from None
    return parse(document, origin)


@lru_cache(maxsize=1)
def _shipped() -> tuple[Actor, ...]:
    text = resources.files("accord.extract").joinpath("gazetteer.yaml").read_text("utf-8")
    return tuple(_load_yaml(text, "gazetteer.yaml"))


@lru_cache(maxsize=8)
def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The shipped gazetteer, extended by `extra` (a YAML file in the same format) if given."""
    entries = list(_shipped())
    if extra is not None:
        try:
            text = extra.read_text("utf-8")
        except OSError as exc:
            raise GazetteerError(f"{extra}: cannot read: {exc.strerror}") from None
        entries += _load_yaml(text, str(extra))
    return build(entries)
