"""Looking up spans by position in O(log n), so linking items to claims stays linear overall."""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class SpanIndex:
    """Spans (start, end) sorted by start, each with the index it had in the caller's list."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        self._starts = [spans[i][0] for i in order]
        self._spans = [spans[i] for i in order]
        self._index = order
        self._longest = max((e - s for s, e in spans), default=0)

    def containing(self, start: int, end: int) -> int | None:
        """The caller's index of the first span holding [start, end), or None."""
        low = bisect_left(self._starts, start - self._longest)
        high = bisect_right(self._starts, start)
        for k in range(low, high):
            s, e = self._spans[k]
            if s <= start and end <= e:
                return self._index[k]
        return None

    def starting_in(self, start: int, end: int) -> list[int]:
        """The caller's indexes of spans that start in [start, end), in text order."""
        low = bisect_left(self._starts, start)
        high = bisect_left(self._starts, end)
        return [self._index[k] for k in range(low, high)]


class DisjointSpans:
    """Spans that do not overlap one another (quotations), for overlap tests in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._ends = [e for _, e in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a character with [start, end)."""
        k = bisect_right(self._ends, start)
        return k < len(self._spans) and self._spans[k][0] < end and start < self._spans[k][1]

    def holds(self, position: int) -> bool:
        """Whether a span contains `position`."""
        return self.overlaps(position, position + 1)
