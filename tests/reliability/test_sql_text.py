"""No text from a file, an option or a spec is ever written into SQL, anywhere in src/accord.

Values reach DuckDB as bound parameters; text that must be written into a statement goes through
`accord.evidence.sql.literal` or `identifier`. This test reads every module of the package and
checks each piece of SQL text it builds: each value written into an f-string (or a `+`) that is
SQL, each statement given to `execute`, each argument given to a parameter annotated `Sql`, each
value returned by a function annotated `-> Sql`. A value passes when it is built only from:

- constants, module-level names and numbers (`int(...)`, `len(...)`, `.index(...)`);
- the quoting functions `literal()` and `identifier()`;
- parameters, attributes and results annotated `Sql` (or `int`, `bool`, `float`);
- local names, loop variables and comprehensions whose every value passes.

Anything else fails the test, naming the file, the line and the expression: quote it, bind it,
or (when it is SQL made by the code) annotate where it comes from as `Sql`. A few findings in
modules this change does not own are listed in KNOWN, with the fix they need; an entry that no
longer matches anything fails too, so the list shrinks as they are fixed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "accord"
SQL_WORDS = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|ATTACH|DETACH|DESCRIBE|PRAGMA|FROM|WHERE|"
    r"JOIN|UNION|VALUES|CASE WHEN|CAST|TRY_CAST|NULLIF|COALESCE|IS NULL|IS NOT NULL|NOT IN)\b"
)
EXECUTES = {"execute", "executemany", "sql", "query", "from_query"}
QUOTING = {"literal", "identifier"}
NUMBERS = {"int", "len", "float", "round", "index", "count", "range"}
SAFE_TYPES = {"Sql", "int", "bool", "float"}
#: Calls that give back (parts of) what they are given: safe when all they are given is.
PASSING = {
    "items",
    "values",
    "keys",
    "get",
    "enumerate",
    "zip",
    "sorted",
    "reversed",
    "list",
    "tuple",
}
#: The module that quotes: its own code turns text into SQL, on purpose.
QUOTING_MODULE = "evidence/sql.py"

#: Findings in modules this change does not edit: (path under src/accord, expression) -> the fix.
KNOWN: dict[tuple[str, str], str] = {
    # Fragments returned with their parameters as (SQL, params) pairs: every value in them is a
    # bound parameter, but the scan does not follow tuples. Split them into typed Sql returns.
    ("evidence/matching.py", "revision_sql"): "return the fragment as Sql, its params apart",
    ("evidence/matching.py", "policy_sql"): "return the fragment as Sql, its params apart",
    ("evidence/matching.py", "midnight"): "return the fragment as Sql, its params apart",
    ("evidence/matching.py", "local_day"): "return the fragment as Sql, its params apart",
    (
        "evidence/matching.py",
        "('(e.claimed_by = ? OR e.claimed_by IN (SELECT name FROM "
        "accord_aliases WHERE party = ?) OR e.source_id IN (SELECT id FROM sources WHERE "
        "publisher = ?))', [party, party, party])",
    ): "as above",
    ("evidence/matching.py", "(f'timezone(?, {day})', [tz.key])"): "as above",
    ("evidence/matching.py", "('timezone(?, start_at)', [tz.key])"): "as above",
}


@dataclass
class Finding:
    path: str
    line: int
    expression: str

    def __str__(self) -> str:
        return f"src/accord/{self.path}:{self.line}: `{self.expression}` is written into SQL"


@dataclass
class Package:
    """What the whole package declares as safe: functions' results and parameters, attributes."""

    safe_results: set[str] = field(default_factory=set)
    sql_parameters: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    safe_attributes: set[str] = field(default_factory=set)


def _annotation_names(node: ast.expr | None) -> set[str]:
    if node is None:
        return set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        node = ast.parse(node.value, mode="eval").body
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _is_safe_annotation(node: ast.expr | None) -> bool:
    names = _annotation_names(node)
    # `Sql`, `int`, `Sql | None`, `dict[str, Sql]`, `list[Sql]`: what it holds is SQL or numbers.
    return bool(names & SAFE_TYPES) and not names & {"Any", "object"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _declarations(modules: list[tuple[str, ast.Module]]) -> Package:
    package = Package()
    for _, tree in modules:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if _is_safe_annotation(node.returns):
                    package.safe_results.add(node.name)
                    if any(_decorator(d) == "property" for d in node.decorator_list):
                        package.safe_attributes.add(node.name)
                arguments = [*node.args.posonlyargs, *node.args.args]
                if arguments and arguments[0].arg in ("self", "cls"):
                    arguments = arguments[1:]  # a method's call sites do not pass it
                marked = [
                    (i, a.arg)
                    for i, a in enumerate(arguments)
                    if "Sql" in _annotation_names(a.annotation)
                ]
                marked += [
                    (-1, a.arg)
                    for a in node.args.kwonlyargs
                    if "Sql" in _annotation_names(a.annotation)
                ]
                if marked:
                    package.sql_parameters.setdefault(node.name, []).extend(marked)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if (
                        isinstance(item, ast.AnnAssign)
                        and isinstance(item.target, ast.Name)
                        and _is_safe_annotation(item.annotation)
                    ):
                        package.safe_attributes.add(item.target.id)
    return package


def _decorator(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else ""


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _looks_like_sql(node: ast.expr) -> bool:
    parts = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            parts.append(child.value)
    return bool(SQL_WORDS.search(" ".join(parts)))


class Scope:
    """The names of one function (or module) that hold safe values."""

    def __init__(self, package: Package, constants: set[str], node: ast.AST) -> None:
        self.package = package
        self.constants = constants
        self.safe: set[str] = set()
        self.loops: dict[str, ast.expr] = {}
        assigned: dict[str, list[ast.expr | None]] = {}
        for child in _own_nodes(node):
            for name, value in _bindings(child):
                assigned.setdefault(name, []).append(value)
        parameters: set[str] = set()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            arguments += [a for a in (node.args.vararg, node.args.kwarg) if a is not None]
            parameters = {a.arg for a in arguments}
            self.safe = {a.arg for a in arguments if _is_safe_annotation(a.annotation)}
        # The largest set of names whose every value is safe given the others.
        candidates = {n for n in assigned if n not in parameters}
        while True:
            trial = self.safe | candidates
            kept = {
                n
                for n in candidates
                if all(v is not None and self._ok(v, trial) for v in assigned[n])
            }
            if kept == candidates:
                break
            candidates = kept
        self.safe |= candidates

    def ok(self, node: ast.expr) -> bool:
        return self._ok(node, self.safe)

    def _ok(self, node: ast.expr, safe: set[str]) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(
                self._ok(v.value, safe) for v in node.values if isinstance(v, ast.FormattedValue)
            )
        if isinstance(node, ast.FormattedValue):
            return self._ok(node.value, safe)
        if isinstance(node, ast.BinOp):
            return self._ok(node.left, safe) and self._ok(node.right, safe)
        if isinstance(node, ast.Name):
            return node.id in safe or node.id in self.constants
        if isinstance(node, ast.Attribute):
            return node.attr in self.package.safe_attributes or node.attr.isupper()
        if isinstance(node, ast.Subscript):
            return self._ok(node.value, safe)
        if isinstance(node, ast.IfExp):
            return self._ok(node.body, safe) and self._ok(node.orelse, safe)
        if isinstance(node, ast.BoolOp):
            return all(self._ok(v, safe) for v in node.values)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            return all(self._ok(e, safe) for e in node.elts)
        if isinstance(node, ast.Starred):
            return self._ok(node.value, safe)
        if isinstance(node, ast.Dict):
            return all(self._ok(v, safe) for v in node.values)
        if isinstance(node, ast.DictComp):
            return self._ok(ast.GeneratorExp(node.value, node.generators), safe)
        if isinstance(node, ast.GeneratorExp | ast.ListComp):
            inner = (
                safe
                | {n for g in node.generators if self._ok(g.iter, safe) for n in _targets(g.target)}
                | {n for g in node.generators for n in _counters(g.target, g.iter)}
            )
            return self._ok(node.elt, inner)
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in QUOTING | NUMBERS or name in self.package.safe_results:
                return True
            if name == "join" and isinstance(node.func, ast.Attribute):
                return self._ok(node.func.value, safe) and all(self._ok(a, safe) for a in node.args)
            if name in PASSING:
                receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
                parts = [*node.args, *([receiver] if receiver is not None else [])]
                return all(self._ok(a, safe) for a in parts)
            return False
        return False


def _targets(target: ast.expr) -> list[str]:
    return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]


def _counters(target: ast.expr, iterable: ast.expr) -> list[str]:
    """The counter of `for i, x in enumerate(...)`: a number whatever is counted."""
    counted = isinstance(iterable, ast.Call) and _call_name(iterable) == "enumerate"
    if counted and isinstance(target, ast.Tuple) and isinstance(target.elts[0], ast.Name):
        return [target.elts[0].id]
    return []


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of a function or module body, not of the functions and classes inside it."""
    body = (
        node.body if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef) else []
    )
    stack: list[ast.AST] = list(body)
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(
            child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda
        ):
            stack.extend(ast.iter_child_nodes(child))


def _bindings(node: ast.AST) -> Iterator[tuple[str, ast.expr | None]]:
    """(name, value) for each name `node` binds; None when the value cannot be told."""
    if isinstance(node, ast.Assign):
        for target in node.targets:
            yield from _pairs(target, node.value)
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        yield from _pairs(node.target, node.value)
    elif isinstance(node, ast.AugAssign | ast.NamedExpr) and isinstance(node.target, ast.Name):
        yield node.target.id, node.value
    elif isinstance(node, ast.For):
        counters = _counters(node.target, node.iter)
        for name in _targets(node.target):
            # A loop variable is as safe as what it loops over.
            yield name, ast.Constant(0) if name in counters else node.iter
    elif isinstance(node, ast.With):
        for item in node.items:
            if item.optional_vars is not None:
                for name in _targets(item.optional_vars):
                    yield name, None
    elif isinstance(node, ast.ExceptHandler) and node.name:
        yield node.name, None
    elif isinstance(node, ast.comprehension):
        counters = _counters(node.target, node.iter)
        for name in _targets(node.target):
            yield name, ast.Constant(0) if name in counters else node.iter


def _pairs(target: ast.expr, value: ast.expr) -> Iterator[tuple[str, ast.expr | None]]:
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, ast.Tuple | ast.List):
        same = isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(target.elts)
        for i, element in enumerate(target.elts):
            inner = value.elts[i] if same else None  # type: ignore[attr-defined]
            for name in _targets(element):
                yield name, inner


def _findings(path: str, tree: ast.Module, package: Package) -> Iterator[Finding]:
    constants = {name for node in tree.body for name, _ in _bindings(node)}
    constants |= {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if (alias.asname or alias.name).isupper()
    }
    scopes = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for owner in scopes:
        scope = Scope(package, constants, owner)
        for node in _own_nodes(owner):
            yield from _check(path, node, scope, owner)


def _check(path: str, node: ast.AST, scope: Scope, owner: ast.AST) -> Iterator[Finding]:
    def bad(expression: ast.expr) -> Iterator[Finding]:
        yield Finding(path, expression.lineno, ast.unparse(expression))

    if isinstance(node, ast.JoinedStr) and _looks_like_sql(node):
        for value in node.values:
            if isinstance(value, ast.FormattedValue) and not scope.ok(value.value):
                yield from bad(value.value)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        if _looks_like_sql(node):
            for side in (node.left, node.right):
                if not isinstance(side, ast.BinOp | ast.JoinedStr) and not scope.ok(side):
                    yield from bad(side)
    elif isinstance(node, ast.Call):
        name = _call_name(node)
        if name == "format" and _looks_like_sql(node.func):
            yield from bad(node)
        # A statement built in place is checked piece by piece, above; a name must pass whole.
        statement = node.args[0] if name in EXECUTES and node.args else ast.Constant("")
        if not isinstance(statement, ast.JoinedStr | ast.BinOp) and not scope.ok(statement):
            yield from bad(statement)
        for index, parameter in scope.package.sql_parameters.get(name, []):
            given = [k.value for k in node.keywords if k.arg == parameter]
            if 0 <= index < len(node.args) and not given:
                given = [node.args[index]]
            for argument in given:
                if not scope.ok(argument):
                    yield from bad(argument)
    elif isinstance(node, ast.Return) and node.value is not None:
        returns = owner.returns if isinstance(owner, ast.FunctionDef) else None
        if "Sql" in _annotation_names(returns) and not scope.ok(node.value):
            yield from bad(node.value)


def _all_findings() -> list[Finding]:
    modules = list(_modules())
    package = _declarations(modules)
    return [
        f
        for path, tree in modules
        if path != QUOTING_MODULE
        for f in _findings(path, tree, package)
    ]


def test_no_outside_text_is_written_into_sql() -> None:
    findings = _all_findings()
    unexpected = [f for f in findings if (f.path, f.expression) not in KNOWN]
    assert not unexpected, "\n".join(map(str, unexpected))


def test_the_known_findings_are_still_there() -> None:
    seen = {(f.path, f.expression) for f in _all_findings()}
    stale = [
        f"{path}: {expression}" for path, expression in KNOWN if (path, expression) not in seen
    ]
    assert not stale, "fixed, remove from KNOWN: " + ", ".join(stale)


def test_the_scan_finds_the_header_that_became_sql() -> None:
    # The code that made a CSV header into SQL, as it was: the scan must refuse it.
    tree = ast.parse(
        "def extra_json(table: CsvTable, skip: Iterable[str] = ()) -> Sql:\n"
        "    names = [name for name in table.header if name not in set(skip)]\n"
        "    fields = ', '.join(f\"'{name}': {table.column(name)}\" for name in names)\n"
        "    return f'to_json({{{fields}}})'\n"
    )
    package = _declarations([*_modules(), ("old.py", tree)])
    assert [f.expression for f in _findings("old.py", tree, package)] == [
        "f'to_json({{{fields}}})'"  # built from the header's names
    ]
    quoted = ast.parse(
        "def extra_json(table: CsvTable) -> Sql:\n"
        "    names = table.header\n"
        "    fields = ', '.join(f'{literal(name)}: {table.column(name)}' for name in names)\n"
        "    return f'to_json({{{fields}}})'\n"
    )
    assert not list(_findings("new.py", quoted, package))
