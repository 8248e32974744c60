"""Helpers shared by the acceptance tests over real documents: reading fixtures, comparing numbers, scoring targets."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from luoshi.model import Indicator, Plan
from luoshi.quantities.units import same_quantity
from luoshi.read import read_path
from luoshi.structure import parse_document

# A task number is compared without its delimiters: "1." "1、" "（1）" "(一)" "1﹒" all print the numeral.
_DELIMITERS = re.compile(r"[\s()（）\[\]【】.．、,，:：﹒]")


def task_number(number: str | None) -> str:
    """The numeral of a printed task number, without its delimiters."""
    return _DELIMITERS.sub("", number or "")


@cache
def parsed(path: Path) -> Plan:
    """Read and structure a fixture once per session (several tests look at the same plan)."""
    return parse_document(read_path(path))


def printed_text(path: Path, encoding: str = "utf-8") -> str:
    """The fixture's words as a reader sees them: decoded, and for HTML with tags and entities removed."""
    raw = path.read_bytes().decode(encoding)
    if path.suffix in (".html", ".htm"):
        raw = html.unescape(re.sub(r"<[^>]+>", "\n", raw))
    return raw


def _bigrams(text: str | None) -> set[str]:
    t = text or ""
    return {t[i : i + 2] for i in range(len(t) - 1)}


def similarity(a: str | None, b: str | None) -> float:
    """Share of the shorter label's character pairs found in the other: metric names are labels, not keys."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / max(1, min(len(x), len(y)))


def match_targets(found: Sequence[Indicator], targets: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Match the expected targets one to one with the indicators found: by kind and value (metric breaks ties)."""
    used: set[int] = set()
    hits, cmp_ok, missed = 0, 0, []
    for want in targets:
        candidates = []
        for n, ind in enumerate(found):
            if n in used or ind.kind != want["kind"]:
                continue
            if want["kind"] == "qualitative":
                ok = similarity(ind.metric, want["metric"]) >= 0.5
            else:
                ok = ind.value is not None and same_quantity((ind.value, ind.unit), (want["value"], want["unit"]))
            if ok:
                candidates.append((similarity(ind.metric, want["metric"]), n))
        if not candidates:
            missed.append(want)
            continue
        _, best = max(candidates)
        used.add(best)
        hits += 1
        cmp_ok += found[best].comparator == want.get("cmp")
    return {
        "expected": len(targets),
        "found": hits,
        "comparator_right": cmp_ok,
        "other_indicators": len(found) - len(used),
        "others": [i for n, i in enumerate(found) if n not in used],
        "missed": missed,
    }
