"""The web app's draft (起草分解方案) at a province's scale of history: what the draft request spends, and where.

One government holds ``--years`` plans of ``--tasks`` tasks with their units, stored as the import
stores them (the seeds' real tasks recombined as in ``bench_suggest.py``: its own spelling of the
units, figures redrawn, clauses merged). Measured (best of ``--repeat``, wall clock, one process,
SQLite in a temporary directory, the production file cache):

1. the history read from the database as core parts (``plans.history.history_parts``);
2. the model built from it (``luoshi.build_model``);
3. ``model_for`` with a cold cache (1 + 2, the state's query, storing the model) and warm (the
   state's query and reading the model back): what every draft request and every edit pays;
4. last year's unfinished tasks (``plans.carry.carried_over``: the printed statuses, the verdicts,
   the open notices);
5. the whole preview of seed 004 (read, cut, carried over, suggested for, staged as the import's
   preview: ``plans.drafting.staged_preview``), warm.

Run: ``python bench/bench_draft_web.py [--years 5] [--tasks 80] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def setup(data_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "luoshi_web.settings",
            "LUOSHI_DATA_DIR": data_dir,
            "SECRET_KEY": "bench-only",
            "ALLOWED_HOSTS": "127.0.0.1",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def store(years: int, tasks: int) -> Any:
    """A government with ``years`` plans of ``tasks`` synthesised tasks, stored as confirmed imports."""
    from bench_suggest import seed_tasks, synthesise

    from luoshi_web.accounts.models import User
    from luoshi_web.plans.models import Part, Plan, Task, TaskUnit
    from luoshi_web.units.models import Government, Unit

    government = Government.objects.create(name="鼓楼区", full_name="南京市鼓楼区人民政府")
    office = User.objects.create_user("office", password="x" * 12, role=User.OFFICE, government=government)
    (history,) = synthesise(seed_tasks(), 1, years, tasks)
    units: dict[str, Unit] = {}
    for year, core in zip(range(2024 - years, 2024), history, strict=True):
        plan = Plan.objects.create(government=government, year=year, title=f"{year}年分解落实方案", imported_by=office)
        part = Part.objects.create(plan=plan, order=0, title=plan.title, kind="decomposition")
        rows = Task.objects.bulk_create(
            [Task(plan=plan, part=part, order=i, number=str(i + 1), text=t.text) for i, t in enumerate(core.tasks)]
        )
        links = []
        for row, task in zip(rows, core.tasks, strict=True):
            for role, names in (("lead", task.lead), ("co", task.co)):
                for i, name in enumerate(dict.fromkeys(names)):
                    if name not in units:
                        units[name] = Unit.objects.create(government=government, name=name[:100])
                    links.append(TaskUnit(task=row, unit=units[name], role=role, printed_name=name[:100], order=i))
        TaskUnit.objects.bulk_create(links)
    return government


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=3)
    args, _ = parser.parse_known_args()
    with tempfile.TemporaryDirectory() as data_dir:
        setup(data_dir)
        from django.core.cache import cache

        from luoshi import build_model
        from luoshi_web.plans import carry, drafting, history

        government = store(args.years, args.tasks)
        (report,) = (ROOT / "examples" / "seeds").glob("004_*.txt")
        data = report.read_bytes()

        def cold() -> Any:
            cache.clear()
            return history.model_for(government)

        rows = []
        t, parts = best(lambda: history.history_parts(government), args.repeat)
        rows.append(("history read from the database", t, f"{sum(len(p.tasks) for p in parts)} tasks"))
        t, model = best(lambda: build_model(parts, history.aliases(government)), args.repeat)
        rows.append(("model built", t, f"{len(model.tasks)} past tasks"))
        t, _ = best(cold, args.repeat)
        rows.append(("model_for, cold cache", t, "read + build + store"))
        t, _ = best(lambda: history.model_for(government), args.repeat)
        rows.append(("model_for, warm cache", t, "state query + read back"))
        t, offered = best(lambda: carry.carried_over(government, 2024), args.repeat)
        rows.append(("last year's unfinished tasks", t, f"{len(offered)} offered"))
        t, preview = best(lambda: drafting.staged_preview(data, report.name, government, "auto"), args.repeat)
        rows.append(("draft preview of seed 004, warm", t, f"{len(preview['tasks'])} tasks"))
        print(f"Drafting in the web: one government, {args.years} plans × {args.tasks} tasks (best of {args.repeat})")
        for label, seconds, note in rows:
            print(f"  {label:<36} {seconds * 1000:8.1f} ms   {note}")


if __name__ == "__main__":
    main()
