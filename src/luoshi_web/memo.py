"""Figures kept in the cache under the state of the rows they come from, so they are never stale.

A caller names what it computes and gives the state of its sources — counts and the last change of the
rows it reads (every report, verdict and sign-off touches its status row; every edit of a task, a unit
or a period bumps its version or timestamp). While nothing changed, one small aggregate query stands in
for the queries and the work of computing it again; once anything changed, the key is new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")


def remembered(name: str, state: Iterable[Any], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave last time for the same ``name`` and ``state``."""
    parts = ":".join(map(str, state))
    key = f"memo:{name}:{hashlib.sha256(parts.encode()).hexdigest()[:32]}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found)
    return found
