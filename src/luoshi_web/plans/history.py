"""A government's own plans as the history units are suggested from, and its model, cached until they change.

The history is every plan of the government the office confirmed (archived ones — wrong imports —
left out), each task with its lead and co-units as stored: the directory's names, a dissolved unit
under the unit that took it over (机构改革), so what 区科学技术局 did counts for 区科技局. The directory's
aliases and renamings go to the core as its alias map. Another government's plans are never read.

The model (``luoshi.build_model``) is cached per government under the state of what it is built from
(plans, tasks, assignments, units, aliases, renamings): confirming a plan, editing a unit or
archiving a plan changes the key, so the next draft builds it again and a cached model is never stale.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from luoshi import Part, SuggestModel, build_model
from luoshi_web import bridge
from luoshi_web.plans.models import Plan, Task, TaskUnit
from luoshi_web.units.models import Government, Unit, UnitAlias, UnitRename


def current_names(government: Government) -> dict[int, str]:
    """Each unit's id → the name to credit it under: its own, or its successor's (followed to the end)."""
    rows = {
        pk: (name, successor)
        for pk, name, successor in Unit.objects.filter(government=government).values_list("pk", "name", "successor_id")
    }

    def final(pk: int) -> str:
        seen = {pk}
        name, successor = rows[pk]
        while successor is not None and successor in rows and successor not in seen:
            seen.add(successor)
            name, successor = rows[successor]
        return name

    return {pk: final(pk) for pk in rows}


def aliases(government: Government, names: dict[int, str] | None = None) -> dict[str, str]:
    """Printed name → directory name: the aliases, renamings and dissolved units of the government."""
    names = names if names is not None else current_names(government)
    found: dict[str, str] = {}
    for alias, unit_id in UnitAlias.objects.filter(government=government).values_list("name", "unit_id"):
        found[alias] = names[unit_id]
    for old, unit_id in UnitRename.objects.filter(unit__government=government).values_list("old_name", "unit_id"):
        found.setdefault(old, names[unit_id])
    for name, unit_id in Unit.objects.filter(government=government, successor__isnull=False).values_list("name", "pk"):
        found[name] = names[unit_id]
    return {printed: canonical for printed, canonical in found.items() if printed != canonical}


def history_parts(government: Government, names: dict[int, str] | None = None) -> list[Part]:
    """Every part of the government's confirmed plans with its tasks and their units, as core parts."""
    names = names if names is not None else current_names(government)
    plans = list(
        Plan.objects.filter(government=government)
        .exclude(state=Plan.ARCHIVED)
        .select_related("government")
        .order_by("year", "imported_at", "pk")
    )
    tasks = list(
        Task.objects.filter(plan__in=plans, withdrawn=False)
        .select_related("section__parent")
        .prefetch_related("indicators")
        .order_by("part_id", "order")
    )
    units: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
    for task_id, role, unit_id in (
        TaskUnit.objects.filter(task__in=[t.pk for t in tasks])
        .order_by("order", "pk")
        .values_list("task_id", "role", "unit_id")
    ):
        named = units[task_id][role]
        if names[unit_id] not in named:
            named.append(names[unit_id])
    by_part: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_part[task.part_id].append(task)
    parts: list[Part] = []
    for plan in plans:
        for part in plan.parts.all().order_by("order"):
            core_tasks = []
            for task in by_part.get(part.pk, []):
                section, subsection = bridge.sections_of(task)
                core_tasks.append(
                    bridge.core_task(
                        task,
                        indicators=task.indicators.all(),
                        lead=units[task.pk]["lead"],
                        co=units[task.pk]["co"],
                        section=section,
                        subsection=subsection,
                    )
                )
            parts.append(bridge.core_part(part, plan, core_tasks))
    return parts


def _state(government: Government) -> str:
    """What the model is built from, in a few aggregates: any change to it changes this string."""
    plans = Plan.objects.filter(government=government)
    figures = [
        plans.exclude(state=Plan.ARCHIVED).aggregate(n=Count("pk"), v=Sum("version"), last=Max("pk")),
        Task.objects.filter(plan__in=plans).aggregate(n=Count("pk"), last=Max("updated_at")),
        TaskUnit.objects.filter(task__plan__in=plans).aggregate(n=Count("pk"), last=Max("pk"), u=Sum("unit_id")),
        Unit.objects.filter(government=government).aggregate(n=Count("pk"), v=Sum("version"), last=Max("pk")),
        UnitAlias.objects.filter(government=government).aggregate(n=Count("pk"), last=Max("pk")),
        UnitRename.objects.filter(unit__government=government).aggregate(n=Count("pk"), last=Max("pk")),
    ]
    return repr([sorted(f.items()) for f in figures])


def model_for(government: Government) -> SuggestModel:
    """The government's suggestion model: from the cache while its plans and directory are unchanged."""
    state = hashlib.sha256(f"{government.pk}:{_state(government)}".encode()).hexdigest()[:32]
    key = f"suggest:model:{government.pk}:{state}"
    model = cache.get(key)
    if model is None:
        names = current_names(government)
        model = build_model(history_parts(government, names), aliases(government, names))
        cache.set(key, model)
    return model
