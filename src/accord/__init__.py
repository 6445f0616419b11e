"""accord: ceasefire and exchange agreements as code.

The public API: load and validate specs, and resolve the dates they imply.
"""

from accord.engine.time import Moment
from accord.engine.timeline import Timeline, TimelineEntry, resolve_timeline
from accord.spec.errors import CATALOGUE, SpecError
from accord.spec.load import LoadResult, load_spec, load_spec_text
from accord.spec.models import Spec
from accord.version import __version__

__all__ = [
    "CATALOGUE",
    "LoadResult",
    "Moment",
    "Spec",
    "SpecError",
    "Timeline",
    "TimelineEntry",
    "__version__",
    "load_spec",
    "load_spec_text",
    "resolve_timeline",
]
