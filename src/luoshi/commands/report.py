"""Placeholder for ``luoshi report`` while it is being written."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    pass
