"""A spec read as amended: which values its applied amendments replace, parsed once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord.spec.models import AmendedValue, Amendment, Spec
from accord.spec.yamlsource import DocPath


class Amended:
    """`spec` with the amendments `applied` (ids, in the order they apply) taking effect.

    A later amendment of the same key wins; a new duration replaces an end written in the spec.
    """

    def __init__(self, spec: Spec, applied: Sequence[str] = ()) -> None:
        self.spec = spec
        self.applied = tuple(applied)
        self._values: dict[tuple[str, str], tuple[AmendedValue | None, DocPath]] = {}
        for aid in self.applied:
            amendment = spec.amendments[aid]
            if amendment.new_value is None:
                continue  # malformed: validation reports it
            path: DocPath = ("amendments", aid, "value")
            self._values[(amendment.term, amendment.key)] = (amendment.new_value, path)
            if amendment.key == "duration":
                self._values[(amendment.term, "end")] = (None, path)

    def value(self, term: str, key: str, original: Any, path: DocPath) -> tuple[Any, DocPath]:
        """The value of `term.key` as amended, and where it is written (else `original` at
        `path`)."""
        return self._values.get((term, key), (original, path))

    def replaces(self, term: str, key: str) -> bool:
        """Whether an applied amendment gives `term.key` a value of its own."""
        return (term, key) in self._values

    def changes(self, term: str) -> list[tuple[str, Amendment]]:
        """The applied amendments that change a key of `term`, in the order they apply."""
        found = [(aid, self.spec.amendments[aid]) for aid in self.applied]
        return [(aid, a) for aid, a in found if a.term == term]
