"""Shared helpers for the reliability tests: cases read from data, and accord run as a process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "src"
_REPEAT = re.compile(r"\{\{(.)\*(\d+)\}\}")


def load_cases() -> list[dict[str, Any]]:
    """The cases of cases.yaml, with their `{{X*N}}` repetitions written out."""
    document = YAML(typ="safe").load((HERE / "cases.yaml").read_text(encoding="utf-8"))
    cases: list[dict[str, Any]] = document["cases"]
    for case in cases:
        case["content"] = _REPEAT.sub(lambda m: m[1] * int(m[2]), case["content"])
    return cases


def accord(*args: str, **popen: Any) -> subprocess.Popen[str]:
    """Start `accord ARGS...` as its own process (this checkout's code), pipes on its outputs."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", "from accord.cli.main import main; main()", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,
    )


def python(code: str, *args: str) -> subprocess.Popen[str]:
    """Start a Python process running `code` (this checkout's code), pipes on its outputs."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
