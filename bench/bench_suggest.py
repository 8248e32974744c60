"""Suggested units at province scale: model build time, and suggestion time per task.

A province's server holds the history of 100 governments × 5 years × 80 tasks. No such corpus is
public, so it is synthesised from the seeds' real tasks (001, 003, 000 附件1 and 附件4: 286 tasks
with their printed units), recombining real texts and real unit names:

- each government has its own spelling of the seeds' units (a prefix 区/县/its name, or none), so
  that unit names differ between governments as they do;
- each of its plans has 80 tasks; a task is a real task's text, its figures redrawn, and, one time
  in three, followed by a clause of another real task led by the same unit (offices merge and
  reword tasks from year to year); its lead and co-units are the real ones, spelled the
  government's way; tasks keep the seeds' sections and are shuffled within them.

Measured (best of ``--repeat`` runs, wall clock, one process):

1. building one government's model from its 5 plans (400 tasks), and all 100 of them;
2. suggesting for a new 80-task plan of one government, whole (``suggest_plan``, with the alignment
   to its 5 past plans) and task by task (``suggest``): time per task;
3. for scale, one model over the whole province (40,000 tasks) and a suggestion from it.

Run: ``python bench/bench_suggest.py [--governments 100] [--years 5] [--tasks 80] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from luoshi.model import Part, Task
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi.suggest import build_model, suggest, suggest_plan

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_CLAUSE = re.compile(r"[，；。]")


def seed_tasks() -> list[Task]:
    """The seeds' real tasks that print units: 001, 003, 000 附件1 and 附件4."""
    tasks: list[Task] = []
    for prefix, parts in (("001", (0,)), ("003", (0,)), ("000", (0, 3))):
        (path,) = SEEDS.glob(f"{prefix}_*.txt")
        plan = parse_document(read_path(path))
        for n in parts:
            tasks.extend(t for t in plan.parts[n].tasks if t.lead)
    return tasks


def _spelling(rng: random.Random, government: str) -> Callable[[str], str]:
    """How one government prints the seeds' unit names: with 区, 县, its own name, or bare."""
    prefix = rng.choice(["区", "县", government[:2], ""])

    def spell(name: str) -> str:
        bare = name[1:] if name.startswith(("区", "县")) and len(name) > 3 else name
        return bare if bare.startswith(("各", "相关")) else prefix + bare

    return spell


def synthesise(source: list[Task], governments: int, years: int, tasks: int, seed: int = 11) -> list[list[Part]]:
    """Per government, its plans (one part a year) recombined from ``source`` (see the module note)."""
    rng = random.Random(seed)
    by_lead: dict[str, list[Task]] = {}
    for t in source:
        by_lead.setdefault(t.lead[0], []).append(t)
    out: list[list[Part]] = []
    for g in range(governments):
        name = f"第{g + 1}区"
        spell = _spelling(rng, name)
        plans: list[Part] = []
        for y in range(years):
            chosen = sorted(rng.sample(range(len(source)), min(tasks, len(source))))
            made: list[Task] = []
            for i in chosen:
                t = source[i]
                text = _FIGURE.sub(lambda m: str(rng.randint(1, 999)), t.text)
                if rng.random() < 1 / 3:
                    other = rng.choice(by_lead[t.lead[0]])
                    clauses = [c for c in _CLAUSE.split(other.text) if len(c) > 6]
                    if clauses:
                        text = text.rstrip("。") + "，" + rng.choice(clauses) + "。"
                made.append(
                    Task(
                        number=str(len(made) + 1),
                        text=text,
                        section=t.section,
                        lead=tuple(spell(u) for u in t.lead),
                        co=tuple(spell(u) for u in t.co),
                    )
                )
            rng.shuffle(made)
            made.sort(key=lambda t: t.section or "")
            plans.append(Part(title=None, kind="decomposition", tasks=tuple(made), government=name, year=2019 + y))
        out.append(plans)
    return out


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--governments", type=int, default=100)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--tasks", type=int, default=80)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    source = seed_tasks()
    province = synthesise(source, args.governments, args.years + 1, args.tasks)
    histories = [plans[:-1] for plans in province]
    new_plans = [plans[-1] for plans in province]
    n_hist = sum(len(p.tasks) for plans in histories for p in plans)
    print(f"history: {args.governments} governments × {args.years} years × {args.tasks} tasks = {n_hist} tasks")

    one, model = best(lambda: build_model(histories[0]), args.repeat)
    print(f"build one government's model ({sum(len(p.tasks) for p in histories[0])} tasks): {one * 1e3:.1f} ms")
    every, models = best(lambda: [build_model(h) for h in histories], 1)
    print(f"build all {len(histories)} models: {every:.2f} s ({every / len(histories) * 1e3:.1f} ms each)")

    plan = new_plans[0].tasks
    whole, _ = best(lambda: suggest_plan(plan, model), args.repeat)
    print(
        f"suggest for a new {len(plan)}-task plan (aligned): {whole * 1e3:.1f} ms, {whole / len(plan) * 1e3:.2f} ms a task"
    )
    single, _ = best(lambda: [suggest(t, model) for t in plan], args.repeat)
    print(f"suggest task by task: {single / len(plan) * 1e3:.2f} ms a task")

    hits = total = 0
    for m, new in zip(models, new_plans, strict=True):
        for t, s in zip(new.tasks, suggest_plan(new.tasks, m), strict=True):
            total += 1
            hits += bool(s.lead) and m.units.key(s.lead[0].unit) in {m.units.key(u) for u in t.lead}
    print(f"(synthetic sanity check, not a measure of quality: top-1 {hits}/{total} on the held-out year)")

    pooled = [p for plans in histories for p in plans]
    big, big_model = best(lambda: build_model(pooled), 1)
    print(f"one model over the whole province ({n_hist} tasks): build {big:.2f} s")
    per, _ = best(lambda: [suggest(t, big_model) for t in plan[:20]], 1)
    print(f"   suggest from it: {per / 20 * 1e3:.1f} ms a task")


if __name__ == "__main__":
    main()
