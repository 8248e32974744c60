"""Resolve unit names as printed in a document against a government's unit directory.

Order matters: the exact canonical name, then the alias table, then the name with the government's
own prefix removed (鼓楼区科技局, 区科技局 and 科技局 are one unit). Only then a fuzzy match, which is
never trusted: it is offered as a suggestion for a person to confirm, because similar-looking names are
often different bodies (区税务局 / 区商务局, 铁管委 / 铁北管委会).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from luoshi_web.units.models import Government, Unit, UnitAlias

MatchKind = Literal["exact", "alias", "normalized", "suggested", "unknown"]

# Collective names: they stand for several units (各街道, 区相关部门, 板块) rather than one body.
_GROUP_PATTERNS = (
    re.compile(r"^(各|相关|有关|其他|其余|全区|全市|全县)"),
    re.compile(r"(相关部门|有关部门|各部门|相关单位|有关单位|成员单位|各单位|板块)$"),
    re.compile(r"^(街道|街道办事处|部门|板块|区属国企|国有企业)$"),
)
_KIND_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("subdistrict", ("街道", "街道办事处", "街道办")),
    ("committee", ("管委会", "管理委员会", "管委")),
    ("enterprise", ("集团", "公司", "有限公司", "集团有限公司")),
    (
        "mass_org",
        ("团区委", "团县委", "团市委", "妇联", "工商联", "科协", "总工会", "残联", "红十字会", "侨联", "文联"),
    ),
    ("vertical", ("税务局", "海关", "调查队", "气象局", "烟草局", "供电公司", "消防救援大队", "公安分局", "分局")),
)
_TRAILING = "、，,。；;：:．. "
_LEVEL_PREFIXES = ("区", "市", "县")


def tidy_name(name: str) -> str:
    """A name as it should be stored: no spaces or line breaks, no trailing punctuation, forms kept."""
    return re.sub(r"\s+", "", name).strip(_TRAILING + "、，。；：")


def clean_name(name: str) -> str:
    """The name as compared: also without full-width forms (（） → ()), so spellings that differ only so match."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    return text.strip(_TRAILING)


def name_key(name: str, government: str = "") -> str:
    """The comparison key: the cleaned name without the government's own name or a bare level prefix."""
    text = clean_name(name)
    if government:
        for prefix in (government, government.rstrip("区县市")):
            if prefix and len(prefix) >= 2 and text.startswith(prefix) and len(text) > len(prefix) + 1:
                text = text[len(prefix) :]
                break
    for prefix in _LEVEL_PREFIXES:
        if text.startswith(prefix) and len(text) >= len(prefix) + 2:
            text = text[len(prefix) :]
            break
    return text


def is_group_name(name: str) -> bool:
    """Whether a printed name is a collective (各街道, 区相关部门, 板块) rather than one body."""
    text = clean_name(name)
    return any(p.search(text) for p in _GROUP_PATTERNS)


def guess_kind(name: str) -> str:
    """The kind a new unit most likely has, from the grammar of its name (a default for a person to check)."""
    text = clean_name(name)
    if is_group_name(text):
        return "group"
    for kind, suffixes in _KIND_SUFFIXES:
        if text.endswith(suffixes):
            return kind
    return "department"


def guess_member_kind(name: str) -> str:
    """For a collective name, the kind of unit it stands for (各街道 → 街道)."""
    text = clean_name(name)
    if "街道" in text:
        return "subdistrict"
    if "板块" in text or "管委会" in text:
        return "committee"
    if "企" in text:
        return "enterprise"
    return ""


@dataclass(frozen=True)
class Resolution:
    """How one printed name resolved: the unit it is, or suggestions a person must confirm."""

    printed: str
    match: MatchKind
    unit_id: int | None = None
    unit_name: str = ""
    suggestions: tuple[tuple[int, str], ...] = ()
    kind_guess: str = "department"

    @property
    def resolved(self) -> bool:
        return self.unit_id is not None

    @property
    def needs_attention(self) -> bool:
        return self.match in ("suggested", "unknown")


@dataclass
class Directory:
    """A government's units and aliases, loaded once (two queries) and resolved in memory."""

    government: Government
    by_name: dict[str, tuple[int, str]] = field(default_factory=dict)
    by_alias: dict[str, tuple[int, str]] = field(default_factory=dict)
    by_key: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def load(cls, government: Government) -> Directory:
        directory = cls(government)
        for unit_id, name, successor_id, active in Unit.objects.filter(government=government).values_list(
            "id", "name", "successor_id", "active"
        ):
            directory.by_name[clean_name(name)] = (unit_id, name)
            if active or successor_id is None:
                directory.by_key.setdefault(name_key(name, government.name), []).append((unit_id, name))
        for alias, unit_id, unit_name in UnitAlias.objects.filter(government=government).values_list(
            "name", "unit_id", "unit__name"
        ):
            directory.by_alias[clean_name(alias)] = (unit_id, unit_name)
            directory.by_key.setdefault(name_key(alias, government.name), []).append((unit_id, unit_name))
        return directory

    def resolve(self, printed: str) -> Resolution:
        cleaned = clean_name(printed)
        kind = guess_kind(cleaned)
        if cleaned in self.by_name:
            unit_id, name = self.by_name[cleaned]
            return Resolution(printed, "exact", unit_id, name, kind_guess=kind)
        if cleaned in self.by_alias:
            unit_id, name = self.by_alias[cleaned]
            return Resolution(printed, "alias", unit_id, name, kind_guess=kind)
        key = name_key(cleaned, self.government.name)
        candidates = {uid: name for uid, name in self.by_key.get(key, [])}
        if len(candidates) == 1:
            ((unit_id, name),) = candidates.items()
            return Resolution(printed, "normalized", unit_id, name, kind_guess=kind)
        suggestions = self.suggest(key) if not candidates else tuple(sorted(candidates.items()))
        return Resolution(printed, "suggested" if suggestions else "unknown", suggestions=suggestions, kind_guess=kind)

    def suggest(self, key: str, limit: int = 3) -> tuple[tuple[int, str], ...]:
        """Units whose names look like ``key``: offered to a person, never applied on their own."""
        scored: dict[int, tuple[float, str]] = {}
        for other, units in self.by_key.items():
            score = difflib.SequenceMatcher(None, key, other).ratio()
            if score >= 0.6:
                for unit_id, name in units:
                    if score > scored.get(unit_id, (0.0, ""))[0]:
                        scored[unit_id] = (score, name)
        best = sorted(scored.items(), key=lambda item: (-item[1][0], item[1][1]))[:limit]
        return tuple((unit_id, name) for unit_id, (_, name) in best)
