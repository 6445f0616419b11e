"""Strict YAML reading that keeps the line and column of every key and value.

We compose the node graph ourselves instead of letting a loader build Python objects, so that
duplicate keys become collected errors (not a first-error exception), dates stay strings that
the spec layer parses with its own messages, and every node keeps its position.

Hostile input is refused with a located error rather than obeyed: nesting is bounded, tags other
than the standard scalar and collection tags are rejected, and aliases may not expand the
document much beyond what the file itself writes (a "billion laughs" file of ten lines would
otherwise expand to 10^9 values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from accord.spec.errors import SpecError

#: A place in the document: mapping keys and sequence indices from the root.
DocPath = tuple[str | int, ...]
Position = tuple[int, int]

#: Deepest nesting of mappings and lists accepted (a spec needs about six levels).
MAX_DEPTH = 64
#: Values that aliases may add to a document, at least; a larger file may add as many values as
#: it writes itself. Either way reading stays linear in the size of the file.
ALIAS_FLOOR = 10_000

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_CORE}seq", f"{_CORE}map"}
_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass
class YamlDocument:
    """Plain data read from one YAML file, with positions and the problems found while reading."""

    file: str
    data: Any = None
    values: dict[DocPath, Position] = field(default_factory=dict)
    keys: dict[DocPath, Position] = field(default_factory=dict)
    errors: list[SpecError] = field(default_factory=list)

    def error(self, pos: Position, code: str, message: str) -> None:
        """Record a problem at a line and column."""
        self.errors.append(SpecError(self.file, pos[0], pos[1], code, message))

    def position(self, path: DocPath, *, key: bool = False) -> Position:
        """Where `path` is written; the nearest enclosing node when the path itself is absent."""
        table = self.keys if key else self.values
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


def read_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read a spec file from disk; unreadable files and non-UTF-8 text are reported, not raised."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        doc = YamlDocument(name)
        doc.error((1, 1), "unreadable-file", f"cannot read the file: {exc.strerror or exc}")
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        doc = YamlDocument(name)
        line = raw[: exc.start].count(b"\n") + 1
        doc.error((line, 1), "unreadable-file", "the file is not UTF-8 text; save it as UTF-8")
        return doc
    return parse_yaml(text, name)


def parse_yaml(text: str, file: str = "<string>") -> YamlDocument:
    """Parse YAML text into plain data plus positions; never raises for bad input."""
    doc = YamlDocument(file)
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _Composer
    try:
        root = yaml.compose(text)
        composer: _Composer = yaml.composer
        if root is None:
            doc.error((1, 1), "empty-document", "the file holds no spec; start with `accord: 1`")
            return doc
        reader = _Reader(doc, composer.explicit, max(ALIAS_FLOOR, composer.nodes))
        doc.data = reader.value(root, ())
    except _Refusal as refusal:
        doc.data = None
        doc.error(refusal.pos, refusal.code, refusal.message)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        doc.error(pos, "yaml-syntax", f"{problem}; check indentation, colons and quotes here")
    except Exception as exc:  # ruamel raises several unrelated types for odd input
        doc.error((1, 1), "yaml-syntax", f"malformed YAML: {type(exc).__name__}")
    return doc


class _Refusal(Exception):
    """Input we stop reading at: the rest of the document would not be worth checking."""

    def __init__(self, pos: Position, code: str, message: str) -> None:
        super().__init__(message)
        self.pos, self.code, self.message = pos, code, message


@dataclass(frozen=True)
class _Alias:
    """One use of an anchor (`*name`): where it is written, and the node it names."""

    target: Node
    pos: Position


def _mark(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _pos(node: Node | _Alias) -> Position:
    return node.pos if isinstance(node, _Alias) else _mark(node.start_mark)


class _Composer(Composer):
    """ruamel's composer, keeping what its node graph loses.

    An alias there is the very node its anchor names, so neither its own position nor the fact
    that it is an alias survives; we wrap it. We also count the nodes the file writes (the
    measure of how far aliases may expand it) and note which nodes carry a tag written out.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.nodes = 0
        self.explicit: set[int] = set()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            return _Alias(super().compose_node(parent, index), _mark(event.start_mark))
        if self.depth >= MAX_DEPTH:
            # ruamel composes recursively: stop before Python's recursion limit does.
            raise _Refusal(
                _mark(event.start_mark),
                "wrong-type",
                f"nesting deeper than {MAX_DEPTH} levels; flatten the lists and mappings",
            )
        node = super().compose_node(parent, index)
        self.nodes += 1
        tag = getattr(event, "ctag", None)
        if tag is not None and str(tag) != "!":
            self.explicit.add(id(node))
        return node


class _Reader:
    """Turns the composed node graph into plain data, recording positions and problems."""

    def __init__(self, doc: YamlDocument, explicit: set[int], budget: int) -> None:
        self.doc = doc
        self.explicit = explicit
        self.budget = budget
        self.expanded = 0
        self.open: set[int] = set()

    def value(self, node: Node | _Alias, path: DocPath, depth: int = 0) -> Any:
        """The plain value of `node`, written at `path`."""
        return self._value(node, path, depth, None)

    def _value(self, node: Node | _Alias, path: DocPath, depth: int, alias: Position | None) -> Any:
        # A value written as an alias is located at the alias: that is where the user wrote it.
        pos = self.doc.values[path] = _pos(node)
        if isinstance(node, _Alias):
            alias = alias or node.pos
            node = node.target
        if alias is not None:
            self.expanded += 1
            if self.expanded > self.budget:
                raise _Refusal(
                    alias,
                    "alias-expansion",
                    f"aliases expand the document past {self.budget:,} values from this one on "
                    "(an alias bomb?); write the repeated values out instead of nesting aliases",
                )
        if depth > MAX_DEPTH or id(node) in self.open:
            self.doc.error(pos, "wrong-type", "nesting too deep or a recursive alias; flatten it")
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node, pos)
        if id(node) in self.explicit and node.tag not in _COLLECTION_TAGS:
            self._unsupported_tag(node, pos)
        self.open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [
                    self._value(item, (*path, i), depth + 1, alias)
                    for i, item in enumerate(node.value)
                ]
            if isinstance(node, MappingNode):
                return self._mapping(node, path, depth, alias)
        finally:
            self.open.discard(id(node))
        self.doc.error(pos, "wrong-type", "unsupported YAML node")
        return None

    def _mapping(
        self, node: MappingNode, path: DocPath, depth: int, alias: Position | None
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = _pos(key_node)
            target = key_node.target if isinstance(key_node, _Alias) else key_node
            if not isinstance(target, ScalarNode):
                self.doc.error(
                    key_pos, "wrong-type", "a key must be a plain name, not a list or map"
                )
                continue
            if id(target) in self.explicit and target.tag not in _SCALAR_TAGS:
                self._unsupported_tag(target, key_pos)
            key = str(target.value)
            if key in out:
                first = self.doc.keys[(*path, key)]
                self.doc.error(
                    key_pos,
                    "duplicate-key",
                    f"`{key}` is already defined at line {first[0]}; keep one of the two",
                )
                continue
            self.doc.keys[(*path, key)] = key_pos
            out[key] = self._value(value_node, (*path, key), depth + 1, alias)
        return out

    def _scalar(self, node: ScalarNode, pos: Position) -> Any:
        tag, value = node.tag, node.value
        # ruamel marks the fold points of a folded (`>`) scalar with BEL characters.
        text = value.replace("\a", "") if node.style == ">" else value
        if id(node) not in self.explicit:
            return text if node.style else _implicit(tag, value)
        if tag not in _SCALAR_TAGS:
            self._unsupported_tag(node, pos)
            return text
        try:
            return _typed(tag, text)
        except ValueError:
            self.doc.error(
                pos,
                "yaml-tag",
                f"`{text}` is not a valid `{_short(tag)}` value; fix the value or remove the tag",
            )
            return text

    def _unsupported_tag(self, node: Node, pos: Position) -> None:
        self.doc.error(
            pos,
            "yaml-tag",
            f"`{_short(node.tag)}` is not a tag accord reads; remove it (only the standard "
            "!!str, !!int, !!float, !!bool, !!null, !!seq and !!map tags may be written)",
        )


def _short(tag: str | None) -> str:
    text = tag or "!"
    return "!!" + text[len(_CORE) :] if text.startswith(_CORE) else text


def _implicit(tag: str | None, value: str) -> Any:
    """A plain scalar as YAML 1.2 resolves it; text whenever the resolved type does not parse."""
    try:
        return _typed(tag, value)
    except ValueError:
        return value


def _typed(tag: str | None, value: str) -> Any:
    """`value` read as the standard type `tag` names; ValueError when it is not one."""
    kind = (tag or "").removeprefix(_CORE)
    if kind == "null":
        if value not in _NULLS:
            raise ValueError(value)
        return None
    if kind == "bool":
        if value.lower() not in ("true", "false"):
            raise ValueError(value)
        return value.lower() == "true"
    if kind == "int":
        return int(value.replace("_", ""), 0)
    if kind == "float":
        return float(value.replace("_", ""))
    return value
