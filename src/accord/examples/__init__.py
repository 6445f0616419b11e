"""Bundled example specs (package data, so `accord demo` works from an install)."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable


def example_files() -> list[Traversable]:
    """Every bundled example spec, sorted by file name."""
    folder = resources.files(__name__)
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def evidence_files() -> list[Traversable]:
    """The bundled evidence files (JSON Lines), one per example agreement."""
    folder = resources.files(__name__).joinpath("evidence")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".jsonl")), key=lambda f: f.name)


def example(name: str) -> Traversable:
    """One bundled example by file stem, e.g. `gaza-2025-01`."""
    return resources.files(__name__).joinpath(f"{name}.yaml")
