"""Shared fixtures: a minimal valid spec text and a helper to run the CLI in-process."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from accord.cli.main import cli

MINIMAL = """\
accord: 1
kind: agreement
id: mini
title: A minimal agreement
in_force: 2025-01-19
day_one: in_force
sources:
  s1: {publisher: Example Wire, published: 2025-01-15}
parties:
  a: {name: Party A}
  b: {name: Party B}
phases:
  p1: {start: in_force, duration: 10d}
provisions:
  truce: {kind: prohibition, phase: p1, party: [a, b], action: attack, source: s1}
"""


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke `accord ...` in-process and return click's result (exit code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return run
