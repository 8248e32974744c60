"""Import a plan: parse the document with the core, stage a preview, let the office edit it, then store it.

The preview is a plain dict kept by ``luoshi_web.staging`` (never in the plan tables):

- ``parts``: the document's parts (one per 附件) with ``selected`` flags;
- ``tasks``: each with a stable ``key``, its part, number, section, text, ``lead``/``co`` as printed;
- ``names``: every printed unit name with how it resolved against the directory and the office's
  ``decision`` (``unit:<id>``, ``new:<kind>``, ``drop`` or empty while undecided).

``confirm`` writes everything in one transaction, teaching the directory the aliases the office
confirmed, and updates an existing plan in place when re-importing a corrected document.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone

from luoshi import LuoshiError, guess_member_kind, parse_bytes, plan_to_dict, split_units, tidy_name
from luoshi_web import bridge
from luoshi_web.audit import trail
from luoshi_web.plans.assignments import unit_names_by_task
from luoshi_web.plans.models import Indicator, Part, Plan, Section, Task, TaskUnit
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government, Unit, UnitAlias

_YEAR = re.compile(r"(20\d\d)\s*年")
_SENTENCE_END = re.compile(r"(?<=[。；;！!？?])")


class ImportInvalid(LuoshiError):
    """The preview cannot be confirmed yet (undecided unit names, no task selected …)."""


# --------------------------------------------------------------------------- preview


def parse_upload(data: bytes, filename: str) -> dict[str, Any]:
    """The core's parse contract for an uploaded document; ``LuoshiError`` if it cannot be read."""
    return require_tasks(plan_to_dict(parse_bytes(data, filename)))


def require_tasks(contract: dict[str, Any]) -> dict[str, Any]:
    """The contract, if it holds tasks to import; else ``LuoshiError`` saying what to upload."""
    if not any(part["tasks"] for part in contract["parts"]):
        raise LuoshiError(
            "文件已读取，但没有识别出编号任务或任务表格。请确认上传的是分解落实方案、计划草案或执行情况表，"
            "或把任务整理成“序号 / 目标任务 / 责任单位”表格后再导入；起草分解方案请上传政府工作报告。"
        )
    return contract


def build_preview(contract: dict[str, Any], government: Government, filename: str) -> dict[str, Any]:
    """The staged preview of a parsed document for ``government``."""
    parts = []
    tasks: list[dict[str, Any]] = []
    for index, part in enumerate(contract["parts"]):
        if not part["tasks"]:
            continue
        parts.append(
            {
                "index": index,
                "title": part["title"] or "",
                "kind": part["kind"],
                "government": part["government"] or "",
                "year": part["year"],
                "count": len(part["tasks"]),
                "selected": True,
            }
        )
        for task in part["tasks"]:
            tasks.append(
                {
                    "key": f"t{len(tasks) + 1}",
                    "part": index,
                    "number": task["number"] or "",
                    "section": task["section"] or "",
                    "subsection": task["subsection"] or "",
                    "text": task["text"],
                    "target": task.get("target") or "",
                    "measure": task.get("measure") or "",
                    "deadline": task.get("deadline") or "",
                    "flags": list(task.get("flags") or []),
                    "progress": task.get("progress") or "",
                    "status": task.get("status") or "",
                    "lead": [tidy_name(n) for n in task["lead"] if tidy_name(n)],
                    "co": [tidy_name(n) for n in task["co"] if tidy_name(n)],
                    "indicators": task.get("indicators") or [],
                }
            )
    first = parts[0] if parts else {}
    # Several parts of different years (a year-end table with next year's draft attached): start
    # with the parts of the first part's year selected; the office can change the selection.
    for part in parts:
        part["selected"] = part["year"] == first.get("year")
    preview: dict[str, Any] = {
        "source": {"name": filename, **{k: contract["source"][k] for k in ("sha256", "format")}},
        "government_id": government.pk,
        "parts": parts,
        "tasks": tasks,
        "names": [],
        "next_key": len(tasks) + 1,
        "target_plan_id": None,
    }
    _retitle(preview, government, filename)
    resolve_names(preview, Directory.load(government))
    existing = find_existing(preview)
    if existing is not None:
        preview["target_plan_id"] = existing.pk
    return preview


def _retitle(preview: dict[str, Any], government: Government, filename: str) -> None:
    """Title, year and kind from the first selected part (or the file name)."""
    selected = [p for p in preview["parts"] if p["selected"]]
    first = selected[0] if selected else {}
    title = first.get("title") or PurePath(filename).stem
    year = first.get("year")
    if not year:
        match = _YEAR.search(title)
        year = int(match.group(1)) if match else timezone.localdate().year
    preview["title"] = title
    preview["year"] = year
    preview["kind"] = first.get("kind") or "decomposition"
    printed_gov = first.get("government") or ""
    preview["warnings"] = (
        [f"文件中的政府是“{printed_gov}”，与您所属的“{government.name}”不同，请确认没有选错文件。"]
        if printed_gov and printed_gov not in government.name and government.name not in printed_gov
        else []
    )


def selected_tasks(preview: dict[str, Any]) -> list[dict[str, Any]]:
    """The tasks to store: those of the selected parts, less the carried-over ones the office left out."""
    chosen = {p["index"] for p in preview["parts"] if p["selected"]}
    return [t for t in preview["tasks"] if t["part"] in chosen and t.get("keep", True)]


def resolve_names(preview: dict[str, Any], directory: Directory) -> None:
    """Resolve every printed name not yet in ``names``; keep the office's earlier decisions."""
    known = {n["printed"] for n in preview["names"]}
    for task in preview["tasks"]:
        for printed in [*task["lead"], *task["co"]]:
            if printed in known:
                continue
            known.add(printed)
            res = directory.resolve(printed)
            preview["names"].append(
                {
                    "printed": printed,
                    "match": res.match,
                    "unit_id": res.unit_id,
                    "unit_name": res.unit_name,
                    "suggestions": [list(s) for s in res.suggestions],
                    "kind_guess": res.kind_guess,
                    # Trusted matches are decided; a suggestion or an unknown name waits for a person.
                    "decision": f"unit:{res.unit_id}" if res.unit_id else "",
                }
            )


def names_in_use(preview: dict[str, Any]) -> set[str]:
    return {n for t in selected_tasks(preview) for n in [*t["lead"], *t["co"]]}


def undecided(preview: dict[str, Any]) -> list[dict[str, Any]]:
    used = names_in_use(preview)
    return [n for n in preview["names"] if n["printed"] in used and not n["decision"]]


def typed_units(text: str) -> list[str]:
    """Unit names typed into a preview field, split as a printed list is (、，,；; or spaces)."""
    return [tidy_name(n) for n in split_units(text) if tidy_name(n)]


# --------------------------------------------------------------------------- edits


def apply_edits(preview: dict[str, Any], post: Any, directory: Directory) -> None:
    """Apply the preview form's fields: title, year, parts, task fields, deletions and name decisions."""
    preview["title"] = (post.get("title") or preview["title"]).strip()[:300]
    with contextlib.suppress(ValueError):
        preview["year"] = int(post.get("year") or preview["year"])
    # Ids from the form count only when they belong to the preview's government.
    target = post.get("target_plan", "")
    preview["target_plan_id"] = (
        int(target)
        if target.isdigit() and Plan.objects.filter(pk=int(target), government_id=preview["government_id"]).exists()
        else None
    )
    if "parts_present" in post:
        for part in preview["parts"]:
            part["selected"] = f"part-{part['index']}" in post
    kept = []
    for task in preview["tasks"]:
        key = task["key"]
        if post.get(f"delete-{key}"):
            continue
        if f"text-{key}" in post:
            task["number"] = post.get(f"number-{key}", task["number"]).strip()[:20]
            task["text"] = post.get(f"text-{key}", task["text"]).strip()
            task["lead"] = typed_units(post.get(f"lead-{key}", ""))
            task["co"] = typed_units(post.get(f"co-{key}", ""))
        kept.append(task)
    preview["tasks"] = kept
    own_units = set(Unit.objects.filter(government_id=preview["government_id"]).values_list("pk", flat=True))
    for index, name in enumerate(preview["names"]):
        choice = post.get(f"name-{index}")
        foreign = re.match(r"^unit:\d+$", choice or "") and int(choice[5:]) not in own_units
        if choice is not None:
            # "Remember as an alias" is asked beside each name a person maps to a unit of the directory.
            name["remember"] = bool(post.get(f"alias-{index}"))
        if (
            choice is not None
            and not foreign
            and (choice in ("", "drop") or re.match(r"^(unit:\d+|new:[a-z_]+)$", choice))
        ):
            name["decision"] = choice
    resolve_names(preview, directory)


def split_task(preview: dict[str, Any], key: str) -> None:
    """Split a task in two after its first sentence (or duplicate it when it is one sentence)."""
    tasks = preview["tasks"]
    for i, task in enumerate(tasks):
        if task["key"] != key:
            continue
        sentences = [s for s in _SENTENCE_END.split(task["text"]) if s.strip()]
        first, rest = (sentences[0], "".join(sentences[1:])) if len(sentences) > 1 else (task["text"], task["text"])
        clone = {**task, "key": f"t{preview['next_key']}", "text": rest.strip(), "indicators": []}
        clone["number"] = f"{task['number']}-2" if task["number"] else ""
        preview["next_key"] += 1
        task["text"] = first.strip()
        tasks.insert(i + 1, clone)
        return


def merge_task(preview: dict[str, Any], key: str) -> None:
    """Merge a task into the one before it in the same part: texts joined, units combined."""
    tasks = preview["tasks"]
    for i, task in enumerate(tasks):
        if task["key"] == key and i > 0 and tasks[i - 1]["part"] == task["part"]:
            prev = tasks[i - 1]
            prev["text"] = f"{prev['text']}{task['text']}"
            prev["lead"] = list(dict.fromkeys([*prev["lead"], *task["lead"]]))
            prev["co"] = list(dict.fromkeys([*prev["co"], *task["co"]]))
            prev["indicators"] = [*prev["indicators"], *task["indicators"]]
            del tasks[i]
            return


# --------------------------------------------------------------------------- diff


def find_existing(preview: dict[str, Any]) -> Plan | None:
    """The plan a re-import most likely corrects: same government, year and title."""
    return (
        Plan.objects.filter(government_id=preview["government_id"], year=preview["year"], title=preview["title"])
        .order_by("-imported_at")
        .first()
    )


@dataclass
class Change:
    """One difference between the stored plan and the re-imported document."""

    kind: str  # added | removed | changed
    number: str
    text: str
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)


def _decided_name(preview: dict[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for n in preview["names"]:
        if n["decision"].startswith("unit:"):
            names[n["printed"]] = n["unit_name"] or n["printed"]
        elif n["decision"] != "drop":
            names[n["printed"]] = n["printed"]
    return names


def diff(plan: Plan, preview: dict[str, Any]) -> list[Change]:
    """What confirming ``preview`` would change in ``plan`` (tasks matched by part and number)."""
    names = _decided_name(preview)
    unit_names = dict(Unit.objects.filter(government_id=plan.government_id).values_list("id", "name"))
    for n in preview["names"]:
        if n["decision"].startswith("unit:"):
            names[n["printed"]] = unit_names.get(int(n["decision"][5:]), n["printed"])
    old: dict[tuple[int, str], dict[str, str]] = {}
    roles = unit_names_by_task(task__plan=plan)
    for task_id, order, number, text in (
        Task.objects.filter(plan=plan, withdrawn=False)
        .values_list("pk", "part__order", "number", "text")
        .order_by("part__order", "order")
    ):
        old[(order, number or f"#{task_id}")] = {
            "text": text,
            "lead": "、".join(sorted(roles[task_id]["lead"])),
            "co": "、".join(sorted(roles[task_id]["co"])),
        }
    new: dict[tuple[int, str], dict[str, str]] = {}
    for position, task in _positioned(preview):
        new[(position, task["number"] or task["key"])] = {
            "text": task["text"],
            "lead": "、".join(sorted({names.get(n, n) for n in task["lead"] if n in names})),
            "co": "、".join(sorted({names.get(n, n) for n in task["co"] if n in names})),
        }
    changes = []
    for key, values in new.items():
        if key not in old:
            changes.append(Change("added", key[1], values["text"]))
            continue
        fields = {f: (old[key][f], values[f]) for f in ("text", "lead", "co") if old[key][f] != values[f]}
        if fields:
            changes.append(Change("changed", key[1], values["text"], fields))
    changes.extend(Change("removed", key[1], values["text"]) for key, values in old.items() if key not in new)
    return changes


def _positioned(preview: dict[str, Any]) -> Iterable[tuple[int, dict[str, Any]]]:
    """Selected tasks with the position of their part among the selected parts (stored as Part.order)."""
    positions = {p["index"]: i for i, p in enumerate(p for p in preview["parts"] if p["selected"])}
    for task in selected_tasks(preview):
        yield positions[task["part"]], task


# --------------------------------------------------------------------------- confirm


def validate(preview: dict[str, Any]) -> None:
    if not selected_tasks(preview):
        raise ImportInvalid("没有选中任何任务：请至少选择一个部分。")
    if not preview["title"]:
        raise ImportInvalid("请填写方案标题。")
    if not 2000 <= int(preview["year"]) <= 2100:
        raise ImportInvalid("年度应为四位年份，例如 2021。")
    missing = undecided(preview)
    if missing:
        listed = "、".join(n["printed"] for n in missing[:8])
        raise ImportInvalid(
            f"还有 {len(missing)} 个单位名称未确认（{listed}）：请为每个名称选择目录中的单位、新建或忽略。"
        )
    for task in selected_tasks(preview):
        if not task["text"].strip():
            raise ImportInvalid(f"第{task['number'] or '?'}项任务的内容是空的：请填写或删除该项。")
    # A drafted plan is decided by the office: every task it keeps has its lead unit (主办) before it is stored.
    leaderless = [t["number"] or "?" for t in selected_tasks(preview) if "draft" in preview and not t["lead"]]
    if leaderless:
        listed = "、".join(leaderless[:10]) + ("等" if len(leaderless) > 10 else "")
        raise ImportInvalid(
            f"还有 {len(leaderless)} 项任务没有主办单位（第{listed}项）：请采用建议或填写主办单位；"
            "标“无依据”的任务由办公室确定。"
        )


@transaction.atomic
def confirm(preview: dict[str, Any], user: Any) -> Plan:
    """Store the preview as a plan (or update the plan it re-imports), all or nothing."""
    validate(preview)
    government = Government.objects.get(pk=preview["government_id"])
    unit_for = _settle_names(preview, government, user)
    target = preview.get("target_plan_id")
    if target:
        found = Plan.objects.select_for_update().filter(pk=target, government=government).first()
        if found is None:
            raise ImportInvalid("要更新的方案不存在或不属于本政府：请重新选择。")
        plan = found
        before = trail.snapshot(plan, ["title", "year", "source_name", "source_sha256", "revision"])
        plan.title, plan.year, plan.kind = preview["title"], preview["year"], preview["kind"]
        plan.source_name = preview["source"]["name"]
        plan.source_sha256 = preview["source"]["sha256"]
        plan.source_format = preview["source"]["format"]
        plan.revision += 1
        plan.version += 1
        plan.save()
        counts = _update_tasks(plan, preview, unit_for, user)
        trail.record(
            user,
            "reimport",
            plan,
            before=before,
            after={**trail.snapshot(plan), **counts},
            summary=f"重新导入《{plan.title}》：新增{counts['added']}项，修改{counts['changed']}项，撤销{counts['removed']}项",
        )
        return plan
    plan = Plan.objects.create(
        government=government,
        year=preview["year"],
        title=preview["title"],
        kind=preview["kind"],
        source_name=preview["source"]["name"],
        source_sha256=preview["source"]["sha256"],
        source_format=preview["source"]["format"],
        imported_by=user,
    )
    count = 0
    for position, part_data in enumerate(p for p in preview["parts"] if p["selected"]):
        part = Part.objects.create(plan=plan, order=position, title=part_data["title"], kind=part_data["kind"])
        tasks = [t for t in selected_tasks(preview) if t["part"] == part_data["index"]]
        _create_tasks(plan, part, tasks, unit_for, start=count)
        count += len(tasks)
    if "draft" in preview:
        carried = sum("carried" in t for t in selected_tasks(preview))
        summary = f"由政府工作报告起草并确认《{plan.title}》，共{count}项任务，其中上年结转{carried}项（来源：{plan.source_name}）"
    else:
        summary = f"导入《{plan.title}》，共{count}项任务（来源：{plan.source_name}）"
    trail.record(user, "import", plan, after=trail.snapshot(plan), summary=summary)
    return plan


def _settle_names(preview: dict[str, Any], government: Government, user: Any) -> dict[str, int | None]:
    """Turn every decision into a unit id: create new units, and remember confirmed spellings as aliases."""
    used = names_in_use(preview)
    unit_for: dict[str, int | None] = {}
    aliases = set(UnitAlias.objects.filter(government=government).values_list("name", flat=True))
    names = set(Unit.objects.filter(government=government).values_list("name", flat=True))
    for entry in preview["names"]:
        printed, decision = entry["printed"], entry["decision"]
        if printed not in used:
            continue
        if decision == "drop":
            unit_for[printed] = None
            continue
        if decision.startswith("new:"):
            kind = decision[4:]
            unit, created = Unit.objects.get_or_create(
                government=government,
                name=printed,
                defaults={"kind": kind, "member_kind": guess_member_kind(printed) if kind == "group" else ""},
            )
            if created:
                trail.record(user, "create", unit, after=trail.snapshot(unit), summary=f"导入时新建单位“{unit.name}”")
            names.add(printed)
            unit_for[printed] = unit.pk
            continue
        chosen = Unit.objects.filter(pk=int(decision[5:]), government=government).first()
        if chosen is None:
            raise ImportInvalid(f"“{printed}”选择的单位不在本政府的单位目录中：请重新选择。")
        unit = chosen
        unit_for[printed] = unit.pk
        # A spelling a person confirmed (a suggestion, or a name they reassigned) is learnt as an alias
        # when they ticked "remember" — never silently.
        confirmed = entry["match"] not in ("exact", "alias", "normalized") or entry["unit_id"] != unit.pk
        if confirmed and entry.get("remember") and printed not in names and printed not in aliases:
            alias = UnitAlias.objects.create(unit=unit, name=printed)
            aliases.add(printed)
            trail.record(
                user,
                "create",
                alias,
                after={"alias": printed, "unit": unit.name},
                government_id=government.pk,
                summary=f"确认“{printed}”为“{unit.name}”的别名",
            )
    return unit_for


def _sections(part: Part, tasks: list[dict[str, Any]]) -> dict[tuple[str, str], Section]:
    """Sections and subsections of ``part`` by title, created in the order tasks use them."""
    found: dict[tuple[str, str], Section] = {
        (s.parent.title if s.parent else "", s.title): s for s in part.sections.select_related("parent")
    }
    order = len(found)
    for task in tasks:
        for parent_title, title in ((("", task["section"])), (task["section"], task["subsection"])):
            if not title or (parent_title, title) in found:
                continue
            parent = found.get(("", parent_title)) if parent_title else None
            found[(parent_title, title)] = Section.objects.create(part=part, parent=parent, order=order, title=title)
            order += 1
    return found


def _section_of(task: dict[str, Any], sections: dict[tuple[str, str], Section]) -> Section | None:
    if task["subsection"]:
        return sections.get((task["section"], task["subsection"]))
    return sections.get(("", task["section"])) if task["section"] else None


def _create_tasks(
    plan: Plan, part: Part, tasks: list[dict[str, Any]], unit_for: dict[str, int | None], start: int
) -> list[Task]:
    sections = _sections(part, tasks)
    created = Task.objects.bulk_create(
        [
            Task(
                plan=plan,
                part=part,
                section=_section_of(t, sections),
                order=start + i,
                number=t["number"],
                text=t["text"],
                target=t["target"],
                measure=(t.get("measure") or "")[:30],
                deadline=t["deadline"],
                flags=t["flags"],
                printed_status=t["status"],
                printed_progress=t["progress"],
            )
            for i, t in enumerate(tasks)
        ]
    )
    _create_children(list(zip(created, tasks, strict=True)), unit_for)
    return created


def _create_children(pairs: list[tuple[Task, dict[str, Any]]], unit_for: dict[str, int | None]) -> None:
    assignments: list[TaskUnit] = []
    indicators: list[Indicator] = []
    for task, data in pairs:
        seen: set[tuple[int, str]] = set()
        for role in ("lead", "co"):
            for i, printed in enumerate(data[role]):
                unit_id = unit_for.get(printed)
                if unit_id is None or (unit_id, role) in seen:
                    continue
                seen.add((unit_id, role))
                assignments.append(TaskUnit(task=task, unit_id=unit_id, role=role, printed_name=printed, order=i))
        indicators.extend(
            Indicator(task=task, order=i, **bridge.indicator_fields(ind)) for i, ind in enumerate(data["indicators"])
        )
    TaskUnit.objects.bulk_create(assignments)
    Indicator.objects.bulk_create(indicators)


def _update_tasks(plan: Plan, preview: dict[str, Any], unit_for: dict[str, int | None], user: Any) -> dict[str, int]:
    """Re-import: update tasks matched by part and number, add new ones, withdraw the ones that went away."""
    parts = {p.order: p for p in plan.parts.all()}
    existing = {
        (t.part.order, t.number or f"#{t.pk}"): t
        for t in Task.objects.filter(plan=plan, withdrawn=False).select_related("part")
    }
    current_units: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for task_id, unit_id, role in TaskUnit.objects.filter(task__plan=plan).values_list("task_id", "unit_id", "role"):
        current_units[task_id].add((unit_id, role))
    counts = {"added": 0, "changed": 0, "removed": 0}
    seen: set[tuple[int, str]] = set()
    positioned = list(_positioned(preview))
    selected_parts = [p for p in preview["parts"] if p["selected"]]
    for position, part_data in enumerate(selected_parts):
        if position not in parts:
            parts[position] = Part.objects.create(
                plan=plan, order=position, title=part_data["title"], kind=part_data["kind"]
            )
    for order, (position, data) in enumerate(positioned):
        part = parts[position]
        sections = _sections(part, [data])
        key = (position, data["number"] or data["key"])
        seen.add(key)
        wanted = {(unit_for[n], role) for role in ("lead", "co") for n in data[role] if unit_for.get(n) is not None}
        task = existing.get(key)
        if task is None:
            _create_tasks(plan, part, [data], unit_for, start=order)
            counts["added"] += 1
        else:
            before = {**trail.snapshot(task, ["number", "text", "order"]), "units": sorted(current_units[task.pk])}
            changed = task.text != data["text"] or wanted != current_units[task.pk]
            task.text, task.order, task.section = data["text"], order, _section_of(data, sections)
            task.target, task.deadline = data["target"], data["deadline"]
            task.measure = (data.get("measure") or "")[:30]
            if changed:
                task.version += 1
                TaskUnit.objects.filter(task=task).delete()
                Indicator.objects.filter(task=task).delete()
                _create_children([(task, data)], unit_for)
                counts["changed"] += 1
                trail.record(
                    user,
                    "update",
                    task,
                    before=before,
                    after={**trail.snapshot(task, ["number", "text", "order"]), "units": sorted(wanted)},
                    summary=f"重新导入修改{task.label}",
                )
            task.save()
    for key, task in existing.items():
        if key in seen:
            continue
        trail.record(
            user,
            "withdraw",
            task,
            before=trail.snapshot(task, ["number", "text"]),
            government_id=plan.government_id,
            summary=f"重新导入时撤销{task.label}",
        )
        if task.entries.exists():
            task.withdrawn = True
            task.version += 1
            task.save(update_fields=["withdrawn", "version", "updated_at"])
        else:
            task.delete()
        counts["removed"] += 1
    return counts
