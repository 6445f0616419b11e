"""accord: ceasefire and exchange agreements as code.

The public API: load and validate specs, resolve the dates they imply, keep evidence in a
store, and evaluate a spec against that evidence at an instant. docs/engine.md lists it.
"""

from accord.engine.acts import PolicyError
from accord.engine.evaluate import evaluate, evaluate_series
from accord.engine.evidence import Evidence
from accord.engine.results import Evaluation
from accord.evidence.ingest import FileReport, ingest_file
from accord.evidence.store import Store, StoreError
from accord.load import LoadResult, load_spec, load_spec_text
from accord.schedule.time import Moment
from accord.schedule.timeline import Timeline, TimelineEntry, resolve_timeline
from accord.session import (
    SessionError,
    evaluate_at,
    evaluate_days,
    moment,
    open_evidence,
    open_example,
)
from accord.spec.errors import CATALOGUE, SpecError
from accord.spec.models import Spec
from accord.spec.timeexpr import ExprError
from accord.version import __version__

__all__ = [
    "CATALOGUE",
    "Evaluation",
    "Evidence",
    "ExprError",
    "FileReport",
    "LoadResult",
    "Moment",
    "PolicyError",
    "SessionError",
    "Spec",
    "SpecError",
    "Store",
    "StoreError",
    "Timeline",
    "TimelineEntry",
    "__version__",
    "evaluate",
    "evaluate_at",
    "evaluate_days",
    "evaluate_series",
    "ingest_file",
    "load_spec",
    "load_spec_text",
    "moment",
    "open_evidence",
    "open_example",
    "resolve_timeline",
]
