"""Pydantic models of an accord spec: one document (agreement, proposal or position).

The models check the shape of each term. Names that point elsewhere (parties, phases, sources,
categories) are checked afterwards by `accord.spec.references`, which knows the whole document.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)

from accord.spec.timeexpr import (
    ID_PATTERN,
    Duration,
    ExprError,
    TimeExpr,
    parse_duration,
    parse_time_expr,
)
from accord.spec.types import (
    MAX_COUNT,
    Count,
    DayField,
    DurationField,
    IdList,
    RatioField,
    TimeField,
    custom_error,
)

Certainty = Literal["stated", "uncertain", "disputed", "unverified"]


class Strict(BaseModel):
    """Every model rejects unknown keys and values of another type; YAML names are the aliases.

    Strict mode keeps pydantic from reading `true` as 1, `1.0` as 1 or `"5"` as 5.
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)
    #: Keys where a written `null` means something; elsewhere it is an error, not a default.
    nullable: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any, info: ValidationInfo) -> Any:
        name = info.field_name or ""
        if value is None and name not in cls.nullable:
            key = cls.model_fields[name].alias or name if name in cls.model_fields else name
            raise custom_error(
                "wrong-type", f"`{key}` is null; give it a value or leave the key out"
            )
        return value


class Term(Strict):
    """What every term may carry: where it comes from, its wording, and how sure the record is."""

    source: IdList = Field(default_factory=list, description="Id(s) under `sources:`.")
    text: str | None = Field(default=None, description="The clause in our own words.")
    certainty: Certainty = Field(
        default="stated",
        description="How firmly the sources support this term as a whole.",
    )
    uncertain: list[str] = Field(
        default_factory=list,
        description="Keys of this term whose values rest on weak, single or disputed sources.",
    )


def _exclusive(data: Any, *pairs: tuple[str, str]) -> Any:
    if isinstance(data, dict):
        for a, b in pairs:
            if a in data and b in data:
                raise custom_error("conflicting-keys", f"use `{a}` or `{b}`, not both")
    return data


class Source(Strict):
    """A publication a term or an event rests on."""

    publisher: str
    url: str | None = None
    title: str | None = None
    published: DayField | None = None
    date_inferred: bool = Field(
        default=False, description="True when the page shows no date and it was inferred."
    )
    via: str | None = Field(default=None, description="The original agency, e.g. Reuters.")
    kind: Literal[
        "news", "official", "party_statement", "dataset", "monitor", "reference", "other"
    ] = "news"
    note: str | None = None


class Party(Term):
    """A party, mediator, guarantor or monitor."""

    name: str
    role: Literal["party", "mediator", "guarantor", "monitor", "other"] = "party"
    aliases: list[str] = Field(default_factory=list, description="Other names used in evidence.")


class Place(Term):
    """A named area, corridor, road or crossing that provisions refer to with `where:`."""

    name: str


class Condition(Term):
    """A state of affairs that phases and provisions may require (e.g. phase-2 terms agreed)."""

    name: str | None = None


class Renewal(Strict):
    """Automatic renewal of a period unless a party gives notice in time."""

    every: DurationField
    notice: DurationField | None = Field(
        default=None, description="Notice needed before the end of a term to stop renewal."
    )


class Phase(Term):
    """A period of the agreement; its terms apply while it runs."""

    name: str | None = None
    start: TimeField
    duration: DurationField | None = None
    end: TimeField | None = None
    requires: IdList = Field(
        default_factory=list, description="Conditions or provisions that must hold to start."
    )
    continues_while: str | None = Field(
        default=None,
        description="A condition or provision; the phase runs on past its end while it holds.",
    )
    renewal: Renewal | None = None

    @model_validator(mode="before")
    @classmethod
    def _one_end(cls, data: Any) -> Any:
        return _exclusive(data, ("duration", "end"))


class Instalment(Strict):
    """One delivery due on a date, or a delivery repeated every N days between two dates."""

    due: TimeField | None = None
    every: DurationField | None = None
    from_: TimeField | None = Field(default=None, alias="from")
    through: TimeField | None = None
    quantity: Count
    category: str | None = None
    text: str | None = None
    source: IdList = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> Instalment:
        recurring = self.every is not None
        if recurring and self.due is not None:
            raise custom_error("conflicting-keys", "use `due` for one delivery or `every` for many")
        if recurring and (self.from_ is None or self.through is None):
            raise custom_error("missing-key", "a repeated instalment needs `from` and `through`")
        if not recurring and self.due is None:
            raise custom_error("missing-key", "an instalment needs `due` (or `every`/`from`/...)")
        if not recurring and (self.from_ is not None or self.through is not None):
            raise custom_error("conflicting-keys", "`from` and `through` go with `every`")
        return self


class Rate(Strict):
    """A recurring quantity, e.g. 600 trucks per day."""

    quantity: Count
    unit: str
    per: DurationField = Field(default=Duration(1, "d"), json_schema_extra={"default": "1d"})
    category: str | None = None


class Exchange(Strict):
    """A quantity owed in return for another party's deliveries."""

    for_: str = Field(alias="for", description="The provision whose deliveries this answers.")
    ratio: dict[str, RatioField] = Field(
        description="Per counterpart category (or `any`): a number, or a mapping of this "
        "provision's categories to numbers."
    )
    within: DurationField | None = Field(
        default=None, description="How long after each delivery the return is due."
    )


class Provision(Term):
    """An obligation or a prohibition binding one or more parties."""

    kind: Literal["obligation", "prohibition"] = "obligation"
    name: str | None = None
    phase: str | None = None
    phases: IdList = Field(default_factory=list)
    party: IdList = Field(min_length=1, description="The debtor(s).")
    to: IdList = Field(default_factory=list, description="The creditor(s).")
    action: IdList = Field(
        min_length=1, description="What is done; with several, an act of any of them counts."
    )
    object: str | None = None
    categories: IdList = Field(default_factory=list)
    quantity: Count | None = None
    bound: Literal["exact", "up_to", "at_least"] = "exact"
    unit: str | None = None
    schedule: list[Instalment] = Field(default_factory=list)
    start: TimeField | None = None
    deadline: TimeField | None = None
    end: TimeField | None = None
    rate: Rate | None = None
    where: IdList = Field(default_factory=list)
    condition: IdList = Field(default_factory=list)
    trigger: str | None = None
    grace: DurationField | None = None
    exchange: Exchange | None = None
    shift_on_suspend: bool = Field(
        default=False, description="A suspension pushes the deadline back by its length."
    )

    @model_validator(mode="before")
    @classmethod
    def _exclusive_keys(cls, data: Any) -> Any:
        return _exclusive(data, ("phase", "phases"), ("exchange", "quantity"))

    @model_validator(mode="after")
    def _prohibition_shape(self) -> Provision:
        if self.kind == "prohibition":
            for key in ("schedule", "rate", "exchange", "quantity", "deadline"):
                if getattr(self, key) not in (None, []):
                    raise custom_error(
                        "conflicting-keys",
                        f"a prohibition has no `{key}`; it forbids every matching act "
                        "while it applies",
                    )
        return self

    @property
    def phase_ids(self) -> list[str]:
        """The phases this provision belongs to, whichever key named them."""
        return [self.phase] if self.phase else list(self.phases)


class Power(Term):
    """A right of a party to suspend, resume, extend or terminate terms."""

    party: IdList = Field(min_length=1)
    may: Literal["suspend", "resume", "extend", "terminate"]
    target: IdList = Field(
        min_length=1, description="Phases or provisions, or `agreement` for the whole document."
    )
    condition: IdList = Field(default_factory=list)


class Amendment(Term):
    """A later change that replaces one value; the original stays visible as superseded."""

    date: TimeField = Field(description="When the change was agreed or announced.")
    supersedes: str = Field(
        description="`<phase or provision>.<key>`, e.g. `kalbajar.deadline`.",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*\.[a-z_]+$",
    )
    value: Any = Field(description="The new value, written as the key itself would be.")
    by: IdList = Field(default_factory=list, description="Parties that agreed or announced it.")
    _new_value: AmendedValue | None = PrivateAttr(default=None)
    _value_problem: ExprError | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parse_value(self) -> Amendment:
        # Parsed once here; whether the key may be amended at all depends on the term it names,
        # which only the whole document knows (see `accord.spec.references`).
        try:
            self._new_value = amended_value(self.key, self.value)
        except ExprError as exc:
            self._value_problem = exc
        return self

    @property
    def term(self) -> str:
        """The phase or provision changed: `kalbajar` in `kalbajar.deadline`."""
        return self.supersedes.partition(".")[0]

    @property
    def key(self) -> str:
        """The key changed: `deadline` in `kalbajar.deadline`."""
        return self.supersedes.partition(".")[2]

    @property
    def new_value(self) -> AmendedValue | None:
        """The value as the key expects it (a time, a duration, a quantity); None when it is
        malformed or the key cannot be amended (validation reports both)."""
        return self._new_value

    @property
    def value_problem(self) -> ExprError | None:
        """Why `value` is not a value of its key, if it is not."""
        return self._value_problem


AmendedValue = TimeExpr | Duration | int
TIME_KEYS = ("start", "end", "deadline")


def amended_value(key: str, value: Any) -> AmendedValue | None:
    """`value` parsed as key `key` expects; ExprError when it does not fit, None for a key that
    no term can amend."""
    if key in TIME_KEYS:
        return parse_time_expr(value)
    if key == "duration":
        return parse_duration(value)
    if key == "quantity":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ExprError("wrong-type", "a quantity is a whole number")
        if value > MAX_COUNT:
            raise ExprError("out-of-range", f"a quantity is at most {MAX_COUNT:_}")
        return value
    return None


class Spec(Term):
    """One accord document: an agreement, a proposal, or a party's stated position."""

    nullable = frozenset({"in_force"})  # a proposal has no in-force date yet
    accord: Literal[1] = Field(description="Format version.")
    kind: Literal["agreement", "proposal", "position"]
    id: str = Field(pattern=ID_PATTERN)
    title: str
    date: TimeField | None = Field(
        default=None, description="When the document was signed, announced or reported."
    )
    in_force: TimeField | None = None
    day_one: Literal["in_force", "next_day"] | None = None
    timezone: str | None = None
    date_rounding: Literal["up", "down"] | None = None
    proposed_by: IdList = Field(default_factory=list)
    supersedes: IdList = Field(default_factory=list, description="Earlier document ids.")
    sources: dict[str, Source] = Field(default_factory=dict)
    parties: dict[str, Party] = Field(min_length=1)
    categories: dict[str, list[str]] = Field(default_factory=dict)
    actions: list[str] = Field(default_factory=list)
    places: dict[str, Place] = Field(default_factory=dict)
    conditions: dict[str, Condition] = Field(default_factory=dict)
    phases: dict[str, Phase] = Field(default_factory=dict)
    provisions: dict[str, Provision] = Field(default_factory=dict)
    powers: dict[str, Power] = Field(default_factory=dict)
    amendments: dict[str, Amendment] = Field(default_factory=dict)
