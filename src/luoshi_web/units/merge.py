"""Merge a duplicate unit into the unit it duplicates (市场监管局 / 区市场监管局): everything that points to it
moves, its names stay as aliases, and it goes.

The rows that point to a unit belong to apps above this one (tasks, progress, files, users, reminders,
notices…); they are found through the model's relations rather than imported, so this module stays at
its layer and a model added later is moved too. A row that would then duplicate one the surviving unit
already has (both units assigned to one task) is dropped; any other clash refuses the merge whole.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel

from luoshi import LuoshiError
from luoshi_web.audit import trail
from luoshi_web.units.models import Unit, UnitAlias, UnitRename

# Assignments of both units to one task in one role: the surviving unit's row stands for both.
_DROP_DUPLICATES = {"plans.taskunit"}


def _unique_sets(model: type[models.Model], field: str) -> list[tuple[str, ...]]:
    sets = [
        tuple(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) and field in c.fields
    ]
    sets += [tuple(u) for u in model._meta.unique_together if field in u]
    return sets


def _move_fk(rel: ForeignObjectRel, old: Unit, new: Unit) -> int:
    model = rel.related_model
    assert isinstance(model, type)
    field = rel.field.name
    rows = model._default_manager.filter(**{field: old})
    label = model._meta.label_lower
    for unique in _unique_sets(model, field):
        others = [f for f in unique if f != field]
        for row in rows:
            clash = model._default_manager.filter(**{field: new}, **{f: getattr(row, f) for f in others})
            if clash.exists():
                if label in _DROP_DUPLICATES:
                    row.delete()
                else:
                    raise LuoshiError(
                        f"两个单位在“{model._meta.verbose_name}”中有重复记录，不能自动合并。请先处理后再合并。"
                    )
    return rows.update(**{field: new})


def _move_m2m(rel: ForeignObjectRel, old: Unit, new: Unit) -> int:
    """Many-to-many links (a leader's units, a collective's members): the link moves unless it exists already."""
    through = rel.through  # type: ignore[attr-defined]
    fields = [f for f in through._meta.fields if f.is_relation and f.related_model is Unit]
    moved = 0
    for f in fields:
        others = [g.name for g in through._meta.fields if g.is_relation and g is not f]
        for row in through._default_manager.filter(**{f.name: old}):
            if through._default_manager.filter(**{f.name: new}, **{o: getattr(row, o) for o in others}).exists():
                row.delete()
            else:
                setattr(row, f.name, new)
                row.save()
                moved += 1
    return moved


@transaction.atomic
def merge(old: Unit, new: Unit, user: Any) -> dict[str, int]:
    """Move everything of ``old`` to ``new``; ``old``'s name and aliases become ``new``'s aliases; audited."""
    if old.pk == new.pk or old.government_id != new.government_id:
        raise LuoshiError("只能合并同一政府的两个不同单位。")
    if (old.kind == "group") != (new.kind == "group"):
        raise LuoshiError("统称（如“各街道”）只能与统称合并。")
    before = {"old": trail.snapshot(old, ["name", "kind"]), "new": trail.snapshot(new, ["name", "kind"])}
    counts: dict[str, int] = {}
    for rel in Unit._meta.related_objects:
        model = rel.related_model
        assert isinstance(model, type)
        if model in (UnitAlias, UnitRename) or (
            model is Unit and not rel.many_to_many and rel.field.name != "successor"
        ):
            continue
        if rel.many_to_many and not rel.through._meta.auto_created:  # type: ignore[attr-defined]
            continue  # a through model of its own (task ↔ unit) is moved as the foreign keys it holds
        moved = _move_m2m(rel, old, new) if rel.many_to_many else _move_fk(rel, old, new)
        if moved:
            counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + moved
    UnitRename.objects.filter(unit=old).update(unit=new)
    names = [a.name for a in old.aliases.all()]
    old.aliases.all().delete()
    taken = set(UnitAlias.objects.filter(government_id=new.government_id).values_list("name", flat=True))
    old_name = old.name
    old_pk = old.pk
    old.delete()
    for name in [old_name, *names]:
        if name != new.name and name not in taken:
            try:
                with transaction.atomic():
                    UnitAlias.objects.create(unit=new, name=name)
            except IntegrityError:
                continue
            taken.add(name)
    trail.record(
        user,
        "merge",
        new,
        before=before,
        after={"merged": old_pk, "moved": counts, "aliases": [old_name, *names]},
        summary=f"将“{old_name}”合并到“{new.name}”，原名保留为别名",
    )
    return counts
