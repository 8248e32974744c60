"""Shared test fixtures: the seed documents and their hand-checked gold answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
GOLD = ROOT / "examples" / "gold"
FIXTURES = ROOT / "tests" / "fixtures"


def seed_path(prefix: str) -> Path:
    """The seed whose file name starts with ``prefix`` ("000" … "004")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def gold(prefix: str) -> Any:
    return json.loads((GOLD / f"seed{prefix}.json").read_text(encoding="utf-8"))


@pytest.fixture
def seeds() -> Path:
    return SEEDS
