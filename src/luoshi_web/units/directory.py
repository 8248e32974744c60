"""Resolve unit names as printed in a document against a government's unit directory.

Order matters: the exact canonical name, then the alias table, then the name with the government's
own prefix removed (鼓楼区科技局, 区科技局 and 科技局 are one unit). Only then a fuzzy match, which is
never trusted: it is offered as a suggestion for a person to confirm, because similar-looking names are
often different bodies (区税务局 / 区商务局, 铁管委 / 铁北管委会). The rules about names themselves
(cleaning, the comparison key, collectives, kinds) are the core's ``luoshi.unit_names``: this module only
looks names up in the database.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Literal

from luoshi import clean_name, guess_kind, unit_key
from luoshi_web.units.models import Government, Unit, UnitAlias

MatchKind = Literal["exact", "alias", "normalized", "suggested", "unknown"]


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
                directory.by_key.setdefault(unit_key(name, government.name), []).append((unit_id, name))
        for alias, unit_id, unit_name in UnitAlias.objects.filter(government=government).values_list(
            "name", "unit_id", "unit__name"
        ):
            directory.by_alias[clean_name(alias)] = (unit_id, unit_name)
            directory.by_key.setdefault(unit_key(alias, government.name), []).append((unit_id, unit_name))
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
        key = unit_key(cleaned, self.government.name)
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
