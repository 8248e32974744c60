"""Rank the units of a government's history for a task: who led (and supported) the tasks most like it.

A unit's lead score adds up evidence of several kinds, each in [0, 1], with the weights below:

- **neighbours**: the lead units of the ``NEIGHBOURS`` past tasks most like this one, each task
  counting as its similarity squared (a close match outweighs several loose ones), as a share;
- **centroid**: the similarity of the task to all the tasks the unit led, taken together;
- **name**: the similarity of the task to the unit's own name (财政收支… → 财政局);
- **prior**: how often the unit led at all (a tie-breaker when nothing else speaks);
- **alignment** (a whole plan at once, ``rank_plan``): offices draft a plan from last year's, so the
  tasks of the new plan and of each past plan are aligned in order (a monotone alignment maximising
  the similarity of the pairs, a task may pair with several: a row split or merged). A task paired
  with a past task gets that task's units; a task between two pairs gets the units of the past
  tasks between them (the new "金燕路保障房建设" sits where last year's 房产局 rows sat).

Co-units are ranked by how likely each is to support the task: the share of the neighbours it
supported, the share of the best lead unit's past tasks it supported (co-occurrence: 各街道 with the
units that work through them), and how often it supported any task. Where the task is like no past
task, names no unit and pairs with nothing, there is no basis: nothing is proposed, and the reason
says so (the office decides). The weights were measured: docs/suggest.md.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from luoshi.model import Suggestion, Suggestions, Task
from luoshi.suggest.model import Model
from luoshi.suggest.vectors import Vector, dot

NEIGHBOURS = 10
W_NEIGHBOURS = 1.0
W_CENTROID = 0.5
W_NAME = 1.0
W_PRIOR = 0.05
W_ALIGNED = 0.2
W_BETWEEN = 0.4
# Pairs less alike than this are not aligned (they would pair anything with anything).
ALIGN_FLOOR = 0.15
# A task paired again (with a second past task, or a past task with a second task) must be this much more alike.
ALIGN_AGAIN = 0.2
# Co-units: the neighbours' co-units, the best lead unit's usual co-units, any task's.
W_CO_NEIGHBOURS = 0.4
W_CO_TOGETHER = 0.3
W_CO_BASE = 0.3
# Proposed at or above these scores (co-units below are left for the office to add); lead units at
# least MIN_LEADS of them, whatever their scores.
MIN_LEADS = 3
LEAD_FLOOR = 0.02
CO_FLOOR = 0.3
# No basis: no past task this alike, no unit name in the task, nothing aligned.
NO_BASIS_SIMILARITY = 0.065
NO_BASIS_NAME = 0.1
# At most this many units proposed per role, and past tasks quoted per unit.
MAX_UNITS = 5
MAX_BECAUSE = 3

NO_BASIS = "历史方案中没有与此相近的任务，也未提及相应单位：请办公室确定责任单位。"
NO_HISTORY = "未提供历史方案（或历史方案中没有责任单位），无法建议责任单位。"


@dataclass
class Aligned:
    """What the alignment with past plans gives one task: units by role, and the past tasks they come from."""

    lead: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    paired: bool = False


def rank_task(model: Model, task: Task | str, aligned: Aligned | None = None) -> Suggestions:
    """The units proposed for one task, from the model alone (and the alignment, when ranking a plan)."""
    if isinstance(task, str):
        task = Task(number=None, text=task)
    if not model.tasks:
        return Suggestions(reason=NO_HISTORY)
    vector = model.vector(task)
    sims = model.similarities(vector)
    return _suggestions(model, vector, sims, aligned or Aligned())


def rank_plan(model: Model, tasks: Sequence[Task]) -> list[Suggestions]:
    """The units proposed for each task of a plan, in order, with the plan aligned to the past plans."""
    if not model.tasks:
        return [Suggestions(reason=NO_HISTORY) for _ in tasks]
    vectors = [model.vector(t) for t in tasks]
    sims = [model.similarities(v) for v in vectors]
    aligned = align(model, sims)
    return [_suggestions(model, v, s, a) for v, s, a in zip(vectors, sims, aligned, strict=True)]


# --------------------------------------------------------------------------- one task


def _suggestions(model: Model, vector: Vector, sims: dict[int, float], aligned: Aligned) -> Suggestions:
    top = sorted(sims.items(), key=lambda s: (-s[1], s[0]))[:NEIGHBOURS]
    weights = [(n, s * s) for n, s in top if s > 0]
    total = sum(w for _, w in weights) or 1.0
    lead_votes: dict[str, float] = defaultdict(float)
    co_votes: dict[str, float] = defaultdict(float)
    for n, w in weights:
        past = model.tasks[n]
        for u in past.lead:
            lead_votes[u] += w / total
        for u in past.co:
            co_votes[u] += w / total
    names = {u: dot(vector, v) for u, v in model.names.items()}
    best_similarity = top[0][1] if top else 0.0
    if (
        best_similarity < NO_BASIS_SIMILARITY
        and max(names.values(), default=0.0) < NO_BASIS_NAME
        and not aligned.paired
    ):
        return Suggestions(reason=NO_BASIS)

    lead: dict[str, float] = {}
    for u in {*model.led, *model.supported}:
        centroid = model.centroids.get(u)
        lead[u] = (
            W_NEIGHBOURS * lead_votes.get(u, 0.0)
            + W_CENTROID * (dot(vector, centroid) if centroid else 0.0)
            + W_NAME * names.get(u, 0.0)
            + W_PRIOR * model.prior.get(u, 0.0)
            + aligned.lead.get(u, 0.0)
        )
    # At least MIN_LEADS units where the history has them (the office compares), more while they score.
    everyone = _ranked(lead, 0.0)
    leads = everyone[:MIN_LEADS] + [u for u in everyone[MIN_LEADS:] if lead[u] >= LEAD_FLOOR]
    first = leads[0] if leads else None
    co = _co_likelihood(model, first, co_votes)
    return Suggestions(
        # The lead evidence is a sum without bound: shown as 1 − e^(−evidence), in [0, 1), order kept.
        lead=tuple(_suggestion(model, u, 1.0 - math.exp(-lead[u]), sims, "lead") for u in leads[:MAX_UNITS]),
        co=tuple(_suggestion(model, u, co[u], sims, "co") for u in _ranked(co, CO_FLOOR)[:MAX_UNITS]),
    )


def _co_likelihood(model: Model, lead: str | None, neighbours: dict[str, float]) -> dict[str, float]:
    """How likely each unit is to support the task: what the neighbours say, and the habits of the lead.

    Each source is a share in [0, 1] (of the neighbours' weight; of the tasks the lead led), mixed
    with how often the unit supported any past task at all.
    """
    led_times = model.led.get(lead, 0) if lead else 0
    together: Counter[str] = model.together.get(lead, Counter()) if lead else Counter()
    total = W_CO_BASE + W_CO_NEIGHBOURS + (W_CO_TOGETHER if led_times else 0.0)
    out: dict[str, float] = {}
    for u in {*neighbours, *together}:
        if u == lead:
            continue
        share = W_CO_BASE * model.supported[u] / len(model.tasks) + W_CO_NEIGHBOURS * neighbours.get(u, 0.0)
        if led_times:
            share += W_CO_TOGETHER * together.get(u, 0) / led_times
        out[u] = share / total
    return out


def _ranked(scores: dict[str, float], floor: float) -> list[str]:
    return [u for u, s in sorted(scores.items(), key=lambda x: (-x[1], x[0])) if s > 0 and s >= floor]


def _suggestion(model: Model, unit: str, score: float, sims: dict[int, float], role: str) -> Suggestion:
    """The unit under its shown name, its score, and the past tasks most alike where it had this role."""
    held = [
        (s, n)
        for n, s in sims.items()
        if s > 0 and unit in (model.tasks[n].lead if role == "lead" else model.tasks[n].co)
    ]
    held.sort(key=lambda x: (-x[0], x[1]))
    because = tuple(dict.fromkeys(model.tasks[n].text for _, n in held[:MAX_BECAUSE]))
    return Suggestion(unit=model.units.show(unit), score=round(score, 3), because=because)


# --------------------------------------------------------------------------- a plan against past plans


def align(model: Model, sims: Sequence[dict[int, float]]) -> list[Aligned]:
    """Align the new plan's tasks in order with each past plan's (see the module note)."""
    out = [Aligned() for _ in sims]
    for plan in range(model.plans):
        members = [n for n, past in enumerate(model.tasks) if past.plan == plan]
        pairs = _monotone_pairs([[s.get(n, 0.0) - ALIGN_FLOOR for n in members] for s in sims], ALIGN_AGAIN)
        partners: dict[int, list[int]] = defaultdict(list)
        for i, j in pairs:
            partners[i].append(j)
        for i, js in partners.items():
            out[i].paired = True
            for j in js:
                past = model.tasks[members[j]]
                for u in past.lead:
                    out[i].lead[u] += W_ALIGNED / len(js)
        # Between two paired tasks: the past tasks between their partners, shared out.
        anchors = [(-1, -1)]
        for i, js in sorted(partners.items()):
            anchors.append((i, min(js)))
            anchors.append((i, max(js)))
        anchors.append((len(sims), len(members)))
        for (i0, j0), (i1, j1) in itertools.pairwise(anchors):
            gap = range(j0 + 1, j1)
            if i1 - i0 <= 1 or not gap:
                continue
            for i in range(i0 + 1, i1):
                for j in gap:
                    past = model.tasks[members[j]]
                    for u in past.lead:
                        out[i].lead[u] += W_BETWEEN / len(gap)
    return out


def _monotone_pairs(gain: Sequence[Sequence[float]], again: float = 0.0) -> list[tuple[int, int]]:
    """Pairs (i, j), increasing in both, with the largest total gain; only positive gains pair.

    A task may pair with several consecutive past tasks and the other way round (a row merged or
    split), as in an alignment of two sequences whose matches may repeat one side.
    """
    n = len(gain)
    m = len(gain[0]) if n else 0
    neg = float("-inf")
    # best[i][j]: the best total over the first i tasks and j past tasks; pair[i][j]: the same, with (i-1, j-1) paired.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    pair = [[neg] * (m + 1) for _ in range(n + 1)]
    back_pair: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    back_best: list[list[str]] = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row = gain[i - 1]
        for j in range(1, m + 1):
            g = row[j - 1]
            if g > 0:
                # Pairing a task again (a row split or merged) costs ``again``: only a clear likeness repeats.
                options = (
                    (best[i - 1][j - 1] + g, "new"),
                    (pair[i - 1][j] + g - again, "up"),
                    (pair[i][j - 1] + g - again, "left"),
                )
                value, how = max(options, key=lambda o: o[0])
                pair[i][j] = value
                back_pair[i][j] = how
            value, how = best[i - 1][j], "up"
            if best[i][j - 1] > value:
                value, how = best[i][j - 1], "left"
            if pair[i][j] > value:
                value, how = pair[i][j], "pair"
            best[i][j] = value
            back_best[i][j] = how
    pairs: list[tuple[int, int]] = []
    i, j, in_pair = n, m, False
    while i > 0 and j > 0:
        if not in_pair:
            how = back_best[i][j]
            if how == "up":
                i -= 1
            elif how == "left":
                j -= 1
            else:
                in_pair = True
            continue
        pairs.append((i - 1, j - 1))
        how = back_pair[i][j]
        if how == "new":
            i, j, in_pair = i - 1, j - 1, False
        elif how == "up":
            i -= 1
        else:
            j -= 1
    pairs.reverse()
    return pairs
