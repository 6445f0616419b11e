"""accord: ceasefire and exchange agreements as code.

The public API: load and validate specs, resolve the dates they imply, keep evidence in a
store, and evaluate a spec against that evidence at an instant.
"""

from accord.engine.evaluate import evaluate
from accord.engine.results import Evaluation
from accord.evidence.ingest import FileReport, ingest_file
from accord.evidence.store import Store, StoreError
from accord.load import LoadResult, load_spec, load_spec_text
from accord.schedule.time import Moment
from accord.schedule.timeline import Timeline, TimelineEntry, resolve_timeline
from accord.spec.errors import CATALOGUE, SpecError
from accord.spec.models import Spec
from accord.version import __version__

__all__ = [
    "CATALOGUE",
    "Evaluation",
    "FileReport",
    "LoadResult",
    "Moment",
    "Spec",
    "SpecError",
    "Store",
    "StoreError",
    "Timeline",
    "TimelineEntry",
    "__version__",
    "evaluate",
    "ingest_file",
    "load_spec",
    "load_spec_text",
    "resolve_timeline",
]
