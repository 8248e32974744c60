"""Draft next year's plan from the work report in the import flow (起草分解方案): the core's draft as the preview.

An upload is read once by the core: a work report (or any document, when the office asks for a
draft) becomes the core's draft plan — the main targets first, one task per sentence of the report,
last year's unfinished tasks offered at the end (``plans.carry``) — with units suggested from the
government's own plans (``plans.history``); anything else is the import's parse. The draft's preview
is the import preview with, on each task, ``suggested`` (the core's units with scores and the past
tasks they rest on, or the reason there are none) and, on a carried-over task, ``carried`` (where it
comes from and why) with ``keep`` (the office may leave it out). The tasks' units stay empty until
the office accepts a suggestion or types them: nothing is decided, and nothing is stored before the
import's confirmation. A task whose text the office edits, splits or merges is suggested for again.
"""

from __future__ import annotations

from typing import Any

from luoshi import Part, SuggestModel, draft_bytes, plan_to_dict, suggest_units, suggestions_to_dict
from luoshi import Task as CoreTask
from luoshi_web import clock
from luoshi_web.plans import carry, history, importing
from luoshi_web.units.directory import Directory
from luoshi_web.units.models import Government

MODES = (
    ("auto", "按文件内容识别：政府工作报告起草分解方案，其他文件按原样导入"),
    ("draft", "由政府工作报告起草分解方案"),
    ("import", "按原样导入（不起草）"),
)
CARRIED_OVER = "carried_over"
DRAFT_SUFFIX = "（草案）"
# The score floors the office may accept first suggestions at, with how often the first suggestion was
# the office's own unit at that score in the cross-checks (docs/suggest.md).
FLOORS = (
    ("0.7", "得分 0.7 以上（历史检验约 97% 与办公室所定一致）"),
    ("0.5", "得分 0.5 以上（0.5–0.7 约 80% 一致）"),
    ("0.3", "得分 0.3 以上（0.3–0.5 约 41% 一致，须逐项核对）"),
)
DEFAULT_FLOOR = 0.5


def staged_preview(data: bytes, filename: str, government: Government, mode: str = "auto") -> dict[str, Any]:
    """The preview of an upload: the draft of a work report (``mode`` draft, or auto and it is one), else its parse."""
    if mode == "import":
        return importing.build_preview(importing.parse_upload(data, filename), government, filename)
    offered: list[carry.Carried] = []

    def last_years(part: Part) -> list[CoreTask]:
        offered.extend(carry.carried_over(government, part.year or clock.today().year))
        return [c.task for c in offered]

    model = history.model_for(government)
    plan = draft_bytes(data, filename, model=model, carried=last_years, or_parse=mode != "draft")
    contract = plan_to_dict(plan)
    if not is_draft(contract):
        importing.require_tasks(contract)
        return importing.build_preview(contract, government, filename)
    return draft_preview(contract, offered, government, filename, model)


def is_draft(contract: dict[str, Any]) -> bool:
    """Whether the core drafted the document: a draft's tasks carry suggestions, a parse's never."""
    return any("suggested" in task for part in contract["parts"] for task in part["tasks"])


def draft_preview(
    contract: dict[str, Any],
    offered: list[carry.Carried],
    government: Government,
    filename: str,
    model: SuggestModel,
) -> dict[str, Any]:
    """The import preview of the core's draft, with each task's suggestions and the carried-over tasks marked."""
    part = contract["parts"][0]
    # Confirmed, the draft is the plan: its title loses the draft's mark (the office may edit it).
    part["title"] = (part["title"] or "").removesuffix(DRAFT_SUFFIX)
    preview = importing.build_preview(contract, government, filename)
    offers = iter(offered)
    for task, drafted in zip(preview["tasks"], part["tasks"], strict=True):
        task["suggested"] = drafted["suggested"]
        if CARRIED_OVER in task["flags"]:
            source = next(offers)
            task["carried"] = {
                "year": source.year,
                "number": source.number,
                "reason": source.reason,
                "task_id": source.task_id,
            }
            task["keep"] = True
    preview["draft"] = {
        "history_tasks": len(model.tasks),
        "history_parts": model.plans,
        "carried": len(offered),
        "last_year": carry.last_year(government, preview["year"]),
    }
    return preview


def is_draft_preview(preview: dict[str, Any]) -> bool:
    return "draft" in preview


# --------------------------------------------------------------------------- the office's edits


def apply_keep(preview: dict[str, Any], post: Any) -> None:
    """Carried-over tasks the office leaves out (their box unticked) are kept in the preview but not stored."""
    for task in preview["tasks"]:
        if "carried" in task and f"text-{task['key']}" in post:
            task["keep"] = bool(post.get(f"keep-{task['key']}"))


def resuggest(preview: dict[str, Any], before: dict[str, str], government: Government) -> int:
    """Suggest again for the tasks whose text changed (edited, split, merged) or that are new; how many."""
    changed = [t for t in preview["tasks"] if before.get(t["key"]) != t["text"]]
    if not changed:
        return 0
    model = history.model_for(government)
    for task in changed:
        task["suggested"] = suggestions_to_dict(suggest_units(task["text"], model))
    return len(changed)


def _units_of(suggested: dict[str, Any], index: int) -> tuple[list[str], list[str]] | None:
    leads = suggested.get("lead") or []
    if not 0 <= index < len(leads):
        return None
    lead = leads[index]["unit"]
    return [lead], [s["unit"] for s in suggested.get("co") or [] if s["unit"] != lead]


def accept(preview: dict[str, Any], key: str, index: int, directory: Directory) -> bool:
    """Give the task ``key`` the ``index``-th suggested lead unit and the suggested co-units."""
    for task in preview["tasks"]:
        if task["key"] == key and task.get("suggested"):
            units = _units_of(task["suggested"], index)
            if units is None:
                return False
            task["lead"], task["co"] = units
            importing.resolve_names(preview, directory)
            return True
    return False


def accept_all(preview: dict[str, Any], floor: float, directory: Directory) -> tuple[int, int]:
    """Accept the first suggestion of every task still without a lead unit whose first score reaches ``floor``.

    Returns (accepted, left): tasks given units, and tasks without a lead unit still (below the floor
    or with no basis) for the office to decide one by one. A task the office already gave units keeps them.
    """
    accepted = left = 0
    for task in importing.selected_tasks(preview):
        if task["lead"] or not task.get("suggested"):
            continue
        leads = task["suggested"].get("lead") or []
        if leads and leads[0]["score"] >= floor:
            task["lead"], task["co"] = _units_of(task["suggested"], 0) or ([], [])
            accepted += 1
        else:
            left += 1
    importing.resolve_names(preview, directory)
    return accepted, left


def floor_of(text: str | None) -> float:
    """The floor the office chose, one of ``FLOORS`` (anything else: the default)."""
    return float(text) if text in {f for f, _ in FLOORS} else DEFAULT_FLOOR
