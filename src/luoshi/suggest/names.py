"""Unit names as the suggester compares them: the project's normalisation, the caller's aliases, learned merges.

Two printed names are one unit when the caller's directory says so (``aliases``: printed name →
canonical name), when the project's normalisation gives them one key (区科技局 = 科技局), or when the
history itself shows both spellings of one name: one ends with the whole of the other, four
characters or more (鼓楼生态环境局 ⊃ 生态环境局, 下关滨江商务区管委会 ⊃ 滨江商务区管委会), or one is
the other with the government's own level in front (a city's 市规划局 = 规划局, where both are
printed; in a district's plan 市发改委 is the city's and stays apart from 发改委). A unit is shown
under its directory name, else under its fullest spelling in the history.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from luoshi.match import same_unit
from luoshi.unit_names import unit_key as _project_unit_key


def unit_key(name: str) -> str:
    """The project's key of a unit name: the one place the suggester calls the unit-name normalisation."""
    return _project_unit_key(name)


def _one_unit(a: str, b: str, level: str | None) -> bool:
    """Whether two keys found in one government's history name one unit (see the module note)."""
    if same_unit(a, b) > 0:
        return True
    short, long = sorted((a, b), key=len)
    return bool(level) and len(short) >= 3 and long == f"{level}{short}"


class UnitNames:
    """The units of one government's history: each printed name's canonical key, and a name to show for it."""

    def __init__(
        self, printed: Iterable[str], aliases: Mapping[str, str] | None = None, level: str | None = None
    ) -> None:
        """``level``: the one character a plan may print before its own bodies (市 for a city, 省…)."""
        self._level = level
        self._alias = {unit_key(k): v for k, v in (aliases or {}).items()}
        names = list(printed)
        keys = sorted({self._aliased(n) for n in names}, key=lambda k: (len(k), k))
        parent = {k: k for k in keys}

        def root(k: str) -> str:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        by_end: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            by_end[k[-1:]].append(k)
        # Only keys that end alike can be one unit: both rules compare endings.
        for group in by_end.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    ra, rb = root(a), root(b)
                    if ra != rb and _one_unit(a, b, level):
                        parent[rb] = ra  # the shorter key stays the root: keys are sorted by length
        self._root = {k: root(k) for k in keys}
        shown: dict[str, Counter[str]] = defaultdict(Counter)
        for n in names:
            shown[self._root[self._aliased(n)]][n.strip()] += 1
        # The fullest spelling is the least ambiguous (区发改委 over 发改委, 下关滨江商务区管委会 over 滨江商务区管委会).
        self._shown = {key: max(counts, key=lambda n: (len(n), counts[n], n)) for key, counts in shown.items()}
        for canonical in (aliases or {}).values():
            # The directory's name is shown for its unit, whatever the history printed.
            self._shown[self.key(canonical)] = canonical

    def _aliased(self, name: str) -> str:
        key = unit_key(name)
        target = self._alias.get(key)
        return unit_key(target) if target else key

    def key(self, name: str) -> str:
        """The canonical key of a printed name (a name the history never printed keeps its own key)."""
        k = self._aliased(name)
        if k in self._root:
            return self._root[k]
        for known, r in self._root.items():
            if _one_unit(k, known, self._level):
                return r
        return k

    def show(self, key: str) -> str:
        """The name to show for a canonical key."""
        return self._shown.get(key, key)
