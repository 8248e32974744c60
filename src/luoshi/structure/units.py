"""Unit names as printed: split a list of units, and rejoin names a table cell wrapped.

First version; the decomposition work extends it (see docs/layouts/units.md when written).
"""

from __future__ import annotations

import re

# Characters / words a unit name ends with: a name ending otherwise was wrapped mid-name.
UNIT_SUFFIXES = (
    "局", "委", "办", "会", "部", "处", "队", "院", "室", "所", "站", "厅", "署", "中心", "集团", "公司",
    "街道", "办事处", "分局", "支队", "大队", "板块", "园", "馆", "团", "社", "行", "庭", "组", "科",
)  # fmt: skip

# A line that is only a generic organisation word cannot stand as a unit of its own.
GENERIC_TAILS = frozenset(
    {"管委会", "管理委员会", "事务局", "监管局", "管理局", "办公室", "委员会", "服务中心", "分局"}
)

_SEPARATORS = re.compile(r"[、，,；;／/]+")


def ends_like_unit(name: str) -> bool:
    """Whether ``name`` ends the way a unit's name ends (局, 委, 办, 管委会, 街道…)."""
    return name.endswith(UNIT_SUFFIXES)


def split_cell_units(cell: str) -> list[str]:
    """Split a 责任单位 cell: separators and line breaks part units, except where a name was wrapped.

    "地方金融\\n监管局" is one unit (the first line does not end like a unit); "行政审批局\\n市场监管局"
    is two.
    """
    units: list[str] = []
    for chunk in _SEPARATORS.split(cell):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        current = ""
        for line in lines:
            if current and (not ends_like_unit(current) or line in GENERIC_TAILS):
                current += line
            else:
                if current:
                    units.append(current)
                current = line
        if current:
            units.append(current)
    return units


def split_units(text: str) -> list[str]:
    """Split a printed list of units on 、，,；; (line breaks count as separators too)."""
    return [u.strip() for u in _SEPARATORS.split(text.replace("\n", "、")) if u.strip()]
