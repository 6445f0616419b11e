"""Strict YAML reading that keeps the line and column of every key and value.

We compose the node graph ourselves instead of letting a loader build Python objects, so that
duplicate keys become collected errors (not a first-error exception), dates stay strings that
the spec layer parses with its own messages, and every node keeps its position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from accord.spec.errors import SpecError

#: A place in the document: mapping keys and sequence indices from the root.
DocPath = tuple[str | int, ...]
Position = tuple[int, int]

_MAX_DEPTH = 64


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
    try:
        root = YAML(typ="rt", pure=True).compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        doc.error(pos, "yaml-syntax", f"{problem}; check indentation, colons and quotes here")
        return doc
    except Exception as exc:  # ruamel raises several unrelated types for odd input
        doc.error((1, 1), "yaml-syntax", f"malformed YAML: {type(exc).__name__}")
        return doc
    if root is None:
        doc.error((1, 1), "empty-document", "the file holds no spec; start with `accord: 1`")
        return doc
    doc.data = _convert(root, (), doc, depth=0, stack=set())
    return doc


def _pos(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: Node, path: DocPath, doc: YamlDocument, depth: int, stack: set[int]) -> Any:
    doc.values[path] = _pos(node)
    if depth > _MAX_DEPTH or id(node) in stack:
        doc.error(_pos(node), "wrong-type", "nesting too deep or a recursive alias; flatten it")
        return None
    if isinstance(node, ScalarNode):
        return _scalar(node)
    stack = stack | {id(node)}
    if isinstance(node, SequenceNode):
        return [
            _convert(item, (*path, i), doc, depth + 1, stack) for i, item in enumerate(node.value)
        ]
    if isinstance(node, MappingNode):
        return _mapping(node, path, doc, depth, stack)
    doc.error(_pos(node), "wrong-type", "unsupported YAML node")
    return None


def _mapping(
    node: MappingNode, path: DocPath, doc: YamlDocument, depth: int, stack: set[int]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            doc.error(_pos(key_node), "wrong-type", "a key must be a plain name, not a list or map")
            continue
        key = str(key_node.value)
        if key in out:
            first = doc.keys[(*path, key)]
            doc.error(
                _pos(key_node),
                "duplicate-key",
                f"`{key}` is already defined at line {first[0]}; keep one of the two",
            )
            continue
        doc.keys[(*path, key)] = _pos(key_node)
        out[key] = _convert(value_node, (*path, key), doc, depth + 1, stack)
    return out


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if node.style:  # quoted or block scalars are always text
        # ruamel marks the fold points of a folded (`>`) scalar with BEL characters.
        return value.replace("\a", "") if node.style == ">" else value
    try:
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return int(value.replace("_", ""), 0)
        if tag == "tag:yaml.org,2002:float":
            return float(value.replace("_", ""))
    except ValueError:
        return value
    return value
