"""Downloads for a period: the stored plan, its latest reports and verdicts → core objects → ``luoshi.render``.

The renderers are the core's (GB/T 9704 layouts); this module only gathers, in a bounded number of
queries, what they need: each task with its units, the lead's latest progress (co-units' inputs
appended) and the verdict that counts (the office's sign-off, else the judge's).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from luoshi.model import VERDICT_LABELS, TaskVerdict
from luoshi.model import Part as CorePart
from luoshi.model import Task as CoreTask
from luoshi_web.plans.models import Plan, Task, TaskUnit
from luoshi_web.reporting.models import Period, ProgressEntry
from luoshi_web.review.models import TaskStatus

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain; charset=utf-8",
}
WHATS = {"table": "执行情况表", "plan": "分解落实方案", "summary": "执行情况小结"}
FORMATS = {"table": ("docx", "xlsx"), "plan": ("docx", "xlsx"), "summary": ("docx", "txt")}


class Gathered:
    """A plan's parts as core parts, with the period's progress and verdicts by task index per part."""

    def __init__(self, plan: Plan, period: Period) -> None:
        tasks = list(
            Task.objects.filter(plan=plan, withdrawn=False)
            .select_related("part", "section__parent")
            .order_by("part__order", "order")
        )
        units: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"lead": [], "co": []})
        for task_id, role, name in (
            TaskUnit.objects.filter(task__plan=plan).order_by("order").values_list("task_id", "role", "unit__name")
        ):
            units[task_id][role].append(name)
        newest: dict[tuple[int, int], ProgressEntry] = {}
        for entry in (
            ProgressEntry.objects.filter(task__plan=plan, period=period).select_related("unit").order_by("-version")
        ):
            newest.setdefault((entry.task_id, entry.unit_id), entry)
        texts: dict[int, list[tuple[bool, str]]] = defaultdict(list)
        for (task_id, _), entry in newest.items():
            texts[task_id].append((entry.role != "lead", entry.text))
        statuses = {
            s.task_id: s
            for s in TaskStatus.objects.filter(period=period, task__plan=plan).select_related("judged", "signed")
        }
        self.parts: list[CorePart] = []
        self.progress: list[dict[int, str]] = []
        self.statuses: list[dict[int, str]] = []
        self.verdicts: list[list[TaskVerdict | None]] = []
        for part in plan.parts.all().order_by("order"):
            part_tasks = [t for t in tasks if t.part_id == part.pk]
            core_tasks: list[CoreTask] = []
            progress: dict[int, str] = {}
            printed: dict[int, str] = {}
            verdicts: list[TaskVerdict | None] = []
            for i, task in enumerate(part_tasks):
                section = (
                    task.section.parent.title
                    if task.section and task.section.parent
                    else (task.section.title if task.section else None)
                )
                subsection = task.section.title if task.section and task.section.parent else None
                core_tasks.append(
                    CoreTask(
                        number=task.number or None,
                        text=task.text,
                        section=section,
                        subsection=subsection,
                        lead=tuple(units[task.pk]["lead"]),
                        co=tuple(units[task.pk]["co"]),
                        target=task.target or None,
                        progress=task.printed_progress or None,
                        status=task.printed_status or None,
                        flags=tuple(task.flags or ()),
                    )
                )
                if texts.get(task.pk):
                    progress[i] = "\n".join(text for _, text in sorted(texts[task.pk], key=lambda p: p[0]))
                status = statuses.get(task.pk)
                verdict = status.verdict if status else None
                if verdict is not None:
                    printed[i] = VERDICT_LABELS[verdict.value] if verdict.value != "unknown" else ""
                    verdicts.append(
                        TaskVerdict(
                            verdict=verdict.value,  # type: ignore[arg-type]
                            reasons=tuple(verdict.reasons or ()),
                            rule=verdict.rule,
                            on_forecast=verdict.on_forecast,
                            needs_review=verdict.needs_review,
                            on_schedule=verdict.on_schedule,
                        )
                    )
                else:
                    verdicts.append(None)
            self.parts.append(
                CorePart(
                    title=part.title or plan.title,
                    kind=part.kind,  # type: ignore[arg-type]
                    tasks=tuple(core_tasks),
                    government=plan.government.name,
                    year=plan.year,
                )
            )
            self.progress.append(progress)
            self.statuses.append(printed)
            self.verdicts.append(verdicts)


def render(plan: Plan, period: Period, what: str, fmt: str) -> tuple[bytes, str]:
    """The document's bytes and file name."""
    from luoshi.render import exec_table, layout, plan_doc, summary, xlsx

    gathered = Gathered(plan, period)
    base = f"{plan.government.name}{plan.year}年{WHATS[what]}（{period.name}）"
    many = len(gathered.parts) > 1
    if what == "table":
        layouts = [
            layout.layout_part(
                part,
                kind="project_table" if part.kind == "project_table" else "status_table",
                label=f"附件{n}" if many else None,
                title=f"{part.title or plan.title}执行情况表（{period.name}）" if part.kind != "status_table" else None,
                statuses=gathered.statuses[n - 1],
                progress=gathered.progress[n - 1],
            )
            for n, part in enumerate(gathered.parts, 1)
        ]
        data = exec_table.tables_docx(layouts) if fmt == "docx" else xlsx.tables_xlsx(layouts)
        return data, f"{base}.{fmt}"
    if what == "plan":
        if fmt == "docx" and len(gathered.parts) == 1 and gathered.parts[0].kind == "decomposition":
            return plan_doc.plan_docx(gathered.parts[0], title=plan.title), f"{plan.title}.docx"
        layouts = [
            layout.layout_part(part, label=f"附件{n}" if many else None) for n, part in enumerate(gathered.parts, 1)
        ]
        data = exec_table.tables_docx(layouts) if fmt == "docx" else xlsx.tables_xlsx(layouts)
        return data, f"{plan.title}.{fmt}"
    part_index = max(range(len(gathered.parts)), key=lambda i: len(gathered.parts[i].tasks))
    part = gathered.parts[part_index]
    sheet = summary.summarize(
        part, gathered.verdicts[part_index], as_of=period.end, title=f"{plan.title}（{period.name}）"
    )
    if fmt == "txt":
        return summary.summary_text(sheet).encode("utf-8"), f"{base}.txt"
    return summary.summary_docx(sheet), f"{base}.docx"


def describe(choices: Any = None) -> list[tuple[str, str, str]]:
    """Every (what, format, label) download offered."""
    return [(what, fmt, f"{label}（{fmt}）") for what, label in WHATS.items() for fmt in FORMATS[what]]
