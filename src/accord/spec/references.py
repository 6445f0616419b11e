"""Whole-document checks: every name points at something defined, and dates do not go round.

These run on a structurally valid `Spec` and return `Problem`s located by document path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from accord.spec.errors import Problem, did_you_mean
from accord.spec.models import Provision, Spec, Term
from accord.spec.timeexpr import (
    TimeExpr,
    is_id,
    parse_timezone,
)
from accord.spec.vocabulary import ACTIONS, ANY_CATEGORY, OBJECT_KINDS

Path = tuple[str | int, ...]
SECTIONS = ("sources", "parties", "places", "conditions", "phases", "provisions", "powers")
#: Sections whose ids share one namespace: a time reference (`x.end`) or a condition names a
#: phase, a provision or a condition without saying which.
SHARED_IDS = ("phases", "provisions", "conditions")
#: The longest chain of references followed to compute one date (`a.start` from `b.end` from
#: `c.end` ...). Real agreements chain a handful; a limit keeps resolution's stack bounded.
MAX_CHAIN = 50
AMENDABLE = {
    "phases": ("start", "end", "duration"),
    "provisions": ("start", "end", "deadline", "quantity"),
}


def check_references(spec: Spec, broken: Iterable[str] = ()) -> list[Problem]:
    """All cross-reference, vocabulary and cycle problems of a structurally valid spec.

    `broken` names terms that exist in the file but failed structural checks (already reported);
    references to them are not reported again.
    """
    checker = _Checker(spec, set(broken))
    checker.run()
    return checker.problems


def time_expressions(spec: Spec) -> Iterator[tuple[TimeExpr, Path]]:
    """Every time expression in the spec with the path where it is written."""
    for key in ("date", "in_force"):
        value = getattr(spec, key)
        if value is not None:
            yield value, (key,)
    for pid, phase in spec.phases.items():
        for key in ("start", "end"):
            if getattr(phase, key) is not None:
                yield getattr(phase, key), ("phases", pid, key)
    for xid, prov in spec.provisions.items():
        for key in ("start", "deadline", "end"):
            if getattr(prov, key) is not None:
                yield getattr(prov, key), ("provisions", xid, key)
        for i, inst in enumerate(prov.schedule):
            for key, value in (("due", inst.due), ("from", inst.from_), ("through", inst.through)):
                if value is not None:
                    yield value, ("provisions", xid, "schedule", i, key)
    for aid, amendment in spec.amendments.items():
        yield amendment.date, ("amendments", aid, "date")
        if isinstance(amendment.new_value, TimeExpr):
            yield amendment.new_value, ("amendments", aid, "value")


class _Checker:
    def __init__(self, spec: Spec, broken: set[str]) -> None:
        self.spec = spec
        self.broken = broken
        self.problems: list[Problem] = []
        # Built once: a name is looked up per reference, and a spec may hold tens of thousands.
        self.known = {
            section: set(getattr(spec, section)) | broken for section in (*SECTIONS, "amendments")
        }
        self.known["condition or provision"] = self.known["conditions"] | self.known["provisions"]
        self.known["phase or provision"] = self.known["phases"] | self.known["provisions"]

    def report(self, path: Path, code: str, message: str, at_key: bool = False) -> None:
        self.problems.append(Problem(path, code, message, at_key))

    def run(self) -> None:
        self._ids()
        self._sources()
        self._parties()
        self._provisions()
        self._phases_and_powers()
        self._times()
        self._amendments()
        self._uncertain_keys()
        if not any(p.code == "duplicate-id" for p in self.problems):
            self._cycles()  # with one id for two terms, the graph of dates would merge them

    # -- helpers -------------------------------------------------------------------------
    def _names(self, path: Path, names: Iterable[str], known: set[str], what: str) -> None:
        for i, name in enumerate(names):
            if name not in known:
                self.report(
                    (*path, i),
                    "unknown-reference",
                    f"no {what} named `{name}`" + did_you_mean(name, known),
                )

    def _terms(self) -> Iterator[tuple[Path, Term]]:
        yield (), self.spec
        for section in ("parties", "places", "conditions", "phases", "provisions", "powers"):
            for tid, term in getattr(self.spec, section).items():
                yield (section, tid), term
        for aid, amendment in self.spec.amendments.items():
            yield ("amendments", aid), amendment

    # -- checks --------------------------------------------------------------------------
    def _ids(self) -> None:
        for section in (*SECTIONS, "categories", "amendments"):
            for tid in getattr(self.spec, section):
                if not is_id(tid):
                    self.report(
                        (section, tid),
                        "bad-value",
                        f"`{tid}` is not a valid id; use letters, digits, `-` and `_`",
                        at_key=True,
                    )
        declared: list[tuple[Path, str]] = [
            (("actions", i), name) for i, name in enumerate(self.spec.actions)
        ]
        declared += [
            (("categories", kind, i), name)
            for kind, listed in self.spec.categories.items()
            for i, name in enumerate(listed)
        ]
        for path, name in declared:
            if not is_id(name):
                self.report(
                    path,
                    "bad-value",
                    f"`{name}` is not a valid name; use letters, digits, `-` and `_`",
                )
        owners: dict[str, list[str]] = {}
        for section in SHARED_IDS:
            for tid in getattr(self.spec, section):
                owners.setdefault(tid, []).append(section)
        for tid, sections in owners.items():
            if len(sections) < 2:
                continue
            for section in sections:
                others = " and ".join(f"a {other[:-1]}" for other in sections if other != section)
                self.report(
                    (section, tid),
                    "duplicate-id",
                    f"`{tid}` is also the id of {others}; phases, provisions and conditions "
                    f"share ids (`{tid}.end` must name one term), so rename one of them",
                    at_key=True,
                )

    def _sources(self) -> None:
        known = self.known["sources"]
        for path, term in self._terms():
            self._names((*path, "source"), term.source, known, "source")
        for xid, prov in self.spec.provisions.items():
            for i, inst in enumerate(prov.schedule):
                self._names(
                    ("provisions", xid, "schedule", i, "source"), inst.source, known, "source"
                )

    def _parties(self) -> None:
        known = self.known["parties"]
        self._names(("proposed_by",), self.spec.proposed_by, known, "party")
        for xid, prov in self.spec.provisions.items():
            self._names(("provisions", xid, "party"), prov.party, known, "party")
            self._names(("provisions", xid, "to"), prov.to, known, "party")
        for wid, power in self.spec.powers.items():
            self._names(("powers", wid, "party"), power.party, known, "party")
        for aid, amendment in self.spec.amendments.items():
            self._names(("amendments", aid, "by"), amendment.by, known, "party")

    def _condition_refs(self, path: Path, names: list[str]) -> None:
        what = "condition or provision"
        self._names(path, names, self.known[what], what)

    def _provisions(self) -> None:
        actions = (*ACTIONS, *self.spec.actions)
        objects = (*OBJECT_KINDS, *self.spec.categories)
        for xid, prov in self.spec.provisions.items():
            path: Path = ("provisions", xid)
            key = "phase" if prov.phase else "phases"
            self._names((*path, key), prov.phase_ids, self.known["phases"], "phase")
            self._names((*path, "where"), prov.where, self.known["places"], "place")
            self._condition_refs((*path, "condition"), prov.condition)
            if prov.trigger is not None:
                self._condition_refs((*path, "trigger"), [prov.trigger])
            for i, action in enumerate(prov.action):
                if action not in actions:
                    self.report(
                        (*path, "action", i),
                        "bad-value",
                        f"`{action}` is not an action; add it under `actions:` or use one "
                        f"of the vocabulary" + did_you_mean(action, actions),
                    )
            if prov.object is not None and prov.object not in objects:
                self.report(
                    (*path, "object"),
                    "bad-value",
                    f"`{prov.object}` is not an object kind; declare it under `categories:`"
                    + did_you_mean(prov.object, objects),
                )
            self._categories(xid, prov)
            self._exchange(xid, prov)

    def _category(self, path: Path, obj: str | None, category: str) -> None:
        declared = self.spec.categories.get(obj or "", [])
        if category == ANY_CATEGORY or category in declared:
            return
        where = f"`categories: {obj}`" if obj else "the provision's `object`"
        self.report(
            path,
            "unknown-category",
            f"`{category}` is not a category listed under {where}"
            + did_you_mean(category, declared),
        )

    def _categories(self, xid: str, prov: Provision) -> None:
        path: Path = ("provisions", xid)
        for i, category in enumerate(prov.categories):
            self._category((*path, "categories", i), prov.object, category)
        for i, inst in enumerate(prov.schedule):
            if inst.category is not None:
                self._category((*path, "schedule", i, "category"), prov.object, inst.category)
        if prov.rate is not None and prov.rate.category is not None:
            self._category((*path, "rate", "category"), prov.object, prov.rate.category)

    def _exchange(self, xid: str, prov: Provision) -> None:
        exchange = prov.exchange
        if exchange is None:
            return
        path: Path = ("provisions", xid, "exchange")
        if exchange.for_ in self.broken:
            return
        counterpart = self.spec.provisions.get(exchange.for_)
        if counterpart is None or exchange.for_ == xid:
            hint = "" if counterpart else did_you_mean(exchange.for_, self.known["provisions"])
            self.report(
                (*path, "for"),
                "unknown-reference",
                f"`for` must name another provision, not `{exchange.for_}`" + hint,
            )
            return
        for category, value in exchange.ratio.items():
            self._category((*path, "ratio", category), counterpart.object, category)
            if isinstance(value, dict):
                for own in value:
                    self._category((*path, "ratio", category, own), prov.object, own)

    def _phases_and_powers(self) -> None:
        for pid, phase in self.spec.phases.items():
            self._condition_refs(("phases", pid, "requires"), phase.requires)
            if phase.continues_while is not None:
                self._condition_refs(("phases", pid, "continues_while"), [phase.continues_while])
        targets = self.known["phase or provision"] | {"agreement"}
        for wid, power in self.spec.powers.items():
            self._names(("powers", wid, "target"), power.target, targets, "phase or provision")
            self._condition_refs(("powers", wid, "condition"), power.condition)

    def _times(self) -> None:
        spec = self.spec
        if spec.timezone is not None:
            try:
                parse_timezone(spec.timezone)
            except ValueError as exc:
                self.report(("timezone",), "bad-value", str(exc))
        if spec.in_force is not None and (
            spec.in_force.kind not in ("date", "instant") or spec.in_force.offset is not None
        ):
            self.report(
                ("in_force",),
                "bad-time-expression",
                "`in_force` is a date or an instant (e.g. 2025-01-19T11:15+02:00), or null",
            )
        day_reported = False
        for expr, path in time_expressions(spec):
            self._time_ref(expr, path)
            if expr.instant is not None and expr.instant.tzinfo is None and not spec.timezone:
                self.report(
                    path,
                    "bad-date",
                    f"`{expr}` has no UTC offset; add one (e.g. +02:00) or set `timezone:`",
                )
            if expr.uses_day_numbers and spec.day_one is None and not day_reported:
                day_reported = True
                self.report(
                    path,
                    "missing-key",
                    f"`{expr}` counts days but the spec does not say which day is day 1; add "
                    "`day_one: in_force` (day 1 is the in-force day) or `day_one: next_day`",
                )

    def _time_ref(self, expr: TimeExpr, path: Path) -> None:
        if expr.ref is None or expr.ref in self.broken:
            return
        spec, ref, anchor = self.spec, expr.ref, expr.anchor
        if ref not in spec.phases and ref not in spec.provisions:
            self.report(
                path,
                "unknown-reference",
                f"`{expr}` refers to `{ref}`, which is not a phase or provision"
                + did_you_mean(ref, self.known["phase or provision"]),
            )
        elif anchor in ("deadline", "fulfilled") and ref not in spec.provisions:
            self.report(path, "unknown-reference", f"`{ref}` is a phase; phases have no {anchor}")
        elif anchor == "deadline" and spec.provisions[ref].deadline is None:
            self.report(path, "unknown-reference", f"`{ref}` has no deadline to refer to")

    def _amendments(self) -> None:
        for aid, amendment in self.spec.amendments.items():
            path: Path = ("amendments", aid)
            term, key = amendment.term, amendment.key
            if term in self.broken:
                continue
            section = "phases" if term in self.spec.phases else "provisions"
            if term not in self.spec.phases and term not in self.spec.provisions:
                known = self.known["phase or provision"]
                self.report(
                    (*path, "supersedes"),
                    "unknown-reference",
                    f"no phase or provision named `{term}`" + did_you_mean(term, known),
                )
                continue
            if key not in AMENDABLE[section]:
                allowed = ", ".join(f"`{term}.{k}`" for k in AMENDABLE[section])
                self.report(
                    (*path, "supersedes"),
                    "bad-value",
                    f"`{key}` cannot be amended here; amend one of {allowed}",
                )
                continue
            if amendment.value_problem is not None:
                problem = amendment.value_problem
                self.report((*path, "value"), problem.code, problem.message)

    def _uncertain_keys(self) -> None:
        for path, term in self._terms():
            allowed = _aliases(type(term))
            for i, key in enumerate(term.uncertain):
                if key not in allowed:
                    self.report(
                        (*path, "uncertain", i),
                        "unknown-key",
                        f"`{key}` is not a key of this term" + did_you_mean(key, allowed),
                    )

    def _cycles(self) -> None:
        graph = _anchor_graph(self.spec)
        cycles = _find_cycles(graph)
        for cycle, path in cycles:
            self.report(
                path,
                "reference-cycle",
                "these dates depend on each other: "
                + " -> ".join(cycle)
                + "; give one of them a date, a day number or a duration instead",
            )
        if not cycles:
            self._chain_length(graph)

    def _chain_length(self, graph: Graph) -> None:
        chain = _longest_chain(graph)
        if len(chain) - 1 > MAX_CHAIN:
            shown = " -> ".join([*chain[:3], "...", chain[-1]])
            self.report(
                graph[chain[0]][0][1],
                "out-of-range",
                f"`{chain[0]}` is computed through {len(chain) - 1} references in a row ({shown}); "
                f"at most {MAX_CHAIN} are followed: give a term on the way a date, a day number "
                "or `in_force`",
            )


def _aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


Graph = dict[str, list[tuple[str, Path]]]


def _anchor_graph(spec: Spec) -> Graph:
    """Edges from each `<term>.<anchor>` to the anchors its defining expression names."""
    graph: Graph = {}

    def depend(node: str, expr: TimeExpr | None, path: Path) -> None:
        if expr is not None and expr.ref is not None and expr.anchor != "fulfilled":
            graph.setdefault(node, []).append((f"{expr.ref}.{expr.anchor}", path))

    for pid, phase in spec.phases.items():
        depend(f"{pid}.start", phase.start, ("phases", pid, "start"))
        depend(f"{pid}.end", phase.end, ("phases", pid, "end"))
        if phase.end is None and phase.duration is not None:
            graph.setdefault(f"{pid}.end", []).append((f"{pid}.start", ("phases", pid, "start")))
    for xid, prov in spec.provisions.items():
        for key in ("start", "end", "deadline"):
            depend(f"{xid}.{key}", getattr(prov, key), ("provisions", xid, key))
        phases = prov.phase_ids
        if phases and prov.start is None:
            graph.setdefault(f"{xid}.start", []).append((f"{phases[0]}.start", ("provisions", xid)))
        if phases and prov.end is None:
            graph.setdefault(f"{xid}.end", []).append((f"{phases[-1]}.end", ("provisions", xid)))
    for aid, amendment in spec.amendments.items():
        if isinstance(amendment.new_value, TimeExpr):
            depend(amendment.supersedes, amendment.new_value, ("amendments", aid, "value"))
    return graph


def _find_cycles(graph: Graph) -> list[tuple[list[str], Path]]:
    found: list[tuple[list[str], Path]] = []
    seen: set[frozenset[str]] = set()
    state: dict[str, str] = {}
    # Depth-first with an explicit stack: a chain of thousands of references is legitimate and
    # must not exhaust Python's recursion limit.
    for root in sorted(graph):
        if root in state:
            continue
        state[root] = "open"
        stack: list[str] = [root]
        index: dict[str, int] = {root: 0}
        pending = [iter(graph.get(root, []))]
        while pending:
            step = next(pending[-1], None)
            if step is None:
                pending.pop()
                state[stack.pop()] = "done"
                continue
            target, path = step
            if state.get(target) == "open":
                cycle = [*stack[index[target] :], target]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append((cycle, path))
            elif target not in state:
                state[target] = "open"
                index[target] = len(stack)
                stack.append(target)
                pending.append(iter(graph.get(target, [])))
    return found


def _longest_chain(graph: Graph) -> list[str]:
    """The longest path of references in an acyclic graph, from its first node to a fixed date."""
    length: dict[str, int] = {}  # node -> references in the longest chain starting at it
    step: dict[str, str] = {}  # node -> the next node on that chain
    for root in sorted(graph):
        pending = [root]
        while pending:  # post-order with an explicit stack, for the same reason as above
            node = pending[-1]
            todo = [t for t, _ in graph.get(node, []) if t in graph and t not in length]
            if todo:
                pending.extend(todo)
                continue
            pending.pop()
            length[node] = 0
            for target, _ in graph.get(node, []):
                if length.get(target, 0) + 1 > length[node]:
                    length[node], step[node] = length.get(target, 0) + 1, target
    chain = [max(length, key=lambda n: length[n])] if length else []
    while chain and chain[-1] in step:
        chain.append(step[chain[-1]])
    return chain
