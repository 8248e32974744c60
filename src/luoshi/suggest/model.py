"""The suggester's model of one government: its past tasks with their units, as vectors, built from history plans.

Built from the parts of earlier plans (decomposition plans, plan tables, status tables: any part whose
tasks name units), never from the plan being suggested for. Each past task is a vector of its text,
its section headings (weight ``CONTEXT``) and, for a status-table row, the progress its units reported
(weight ``PROGRESS``: what a unit did tells what it is for). Beside the tasks the model keeps, per unit,
the centroid of the tasks it led, the vector of its own name (财政局 is about 财政), how often it led,
and how often each unit supported it (co-occurrence, for co-units). Building is one pass over the
history: it is small enough to build in the request that needs it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from luoshi.model import Part, Task
from luoshi.suggest.names import UnitNames
from luoshi.suggest.vectors import Space, Vector, grams, normalised

# Weights of the words beside a task's own text: its section headings, a status row's progress.
CONTEXT = 0.3
PROGRESS = 0.3

# A unit's name without what every name ends with (局, 委员会, 办公室…): 财政局 → 财政.
_NAME_ENDINGS = (
    "管理委员会", "管委会", "委员会", "事务局", "管理局", "办公室", "监管局", "服务中心", "中心", "分局",
    "大队", "支队", "局", "委", "办", "部", "厅", "署", "处",
)  # fmt: skip


@dataclass(frozen=True)
class PastTask:
    """One task of a history plan, as the model keeps it."""

    text: str
    lead: frozenset[str]  # canonical keys
    co: frozenset[str]
    vector: Vector
    plan: int  # which history part it comes from
    position: int  # its place among that part's tasks with units


def task_grams(task: Task, *, progress: bool = True) -> dict[str, float]:
    """What a task is about: its text, its section headings and (a status row) its progress."""
    counts = grams(task.text)
    for heading in (task.section, task.subsection):
        if heading:
            grams(heading, CONTEXT, counts)
    if progress and task.progress:
        grams(task.progress, PROGRESS, counts)
    return counts


def own_level(history: Sequence[Part]) -> str | None:
    """The level character a city's or province's plans print before their own bodies (市, 省), if any.

    A district's or county's (区, 县) is already dropped by the project's unit key.
    """
    levels = Counter(p.government[-1] for p in history if p.government and p.government[-1] in "市省")
    return levels.most_common(1)[0][0] if levels else None


def name_core(name: str) -> str:
    """A unit's name without its generic ending, or "" when too little is left to mean anything."""
    for ending in _NAME_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return ""


class Model:
    """What the suggester knows of one government's past plans (see the module note)."""

    def __init__(self, history: Sequence[Part], aliases: Mapping[str, str] | None = None) -> None:
        led = [[t for t in part.tasks if t.lead or t.co] for part in history]
        self.units = UnitNames(
            (n for tasks in led for t in tasks for n in (*t.lead, *t.co)), aliases, own_level(history)
        )
        counts = [task_grams(t) for tasks in led for t in tasks]
        self.space = Space(counts)
        self.tasks: list[PastTask] = []
        flat = [(p, i, t) for p, tasks in enumerate(led) for i, t in enumerate(tasks)]
        for (p, i, t), c in zip(flat, counts, strict=True):
            self.tasks.append(
                PastTask(
                    text=t.text,
                    lead=frozenset(self.units.key(n) for n in t.lead),
                    co=frozenset(self.units.key(n) for n in t.co),
                    vector=self.space.vector(c),
                    plan=p,
                    position=i,
                )
            )
        self.plans = len(led)
        # An inverted index: the past tasks holding each n-gram, for fast similarity.
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for n, past in enumerate(self.tasks):
            for g, x in past.vector.items():
                self.postings[g].append((n, x))
        self.led: Counter[str] = Counter(u for past in self.tasks for u in past.lead)
        self.supported: Counter[str] = Counter(u for past in self.tasks for u in past.co)
        total = sum(self.led.values()) or 1
        self.prior = {u: c / total for u, c in self.led.items()}
        centroid: dict[str, dict[str, float]] = defaultdict(dict)
        for past in self.tasks:
            for u in past.lead:
                summed = centroid[u]
                for g, x in past.vector.items():
                    summed[g] = summed.get(g, 0.0) + x
        self.centroids = {u: normalised(c) for u, c in centroid.items()}
        self.names: dict[str, Vector] = {}
        for u in {*self.led, *self.supported}:
            core = name_core(u)
            if core:
                self.names[u] = self.space.vector(grams(core))
        # Which units supported the tasks a unit led: co-units come with their lead.
        self.together: dict[str, Counter[str]] = defaultdict(Counter)
        for past in self.tasks:
            for u in past.lead:
                self.together[u].update(past.co)

    def similarities(self, vector: Vector) -> dict[int, float]:
        """The cosine of ``vector`` with every past task sharing an n-gram with it."""
        sims: dict[int, float] = defaultdict(float)
        for g, x in vector.items():
            for n, y in self.postings.get(g, ()):
                sims[n] += x * y
        return sims

    def vector(self, task: Task) -> Vector:
        """A task to suggest for, as a vector in the history's space (its own units and progress are not read)."""
        return self.space.vector(task_grams(task, progress=False))


def build_model(history: Iterable[Part], aliases: Mapping[str, str] | None = None) -> Model:
    """The model of the government whose earlier plans ``history`` holds.

    ``aliases`` maps printed unit names to the directory's canonical names (区科学技术局 → 区科技局,
    an old name → the unit's new one), so that one unit's past tasks count together.
    """
    return Model(tuple(history), aliases)
