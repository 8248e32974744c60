"""The core's front door for documents: a file or its bytes → a structured ``Plan`` (read, then structure).

Every caller — the command line, the web app's import and upload, the demo, benchmarks — reads a
document the same way through these functions rather than pairing ``read_*`` with
``parse_document`` itself; ``draft_bytes`` reads a work report into next year's draft plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from luoshi.errors import LuoshiError
from luoshi.model import Document, Observation, Paragraph, Part, Plan, Task
from luoshi.read import read_bytes, read_path
from luoshi.structure import parse_document

if TYPE_CHECKING:
    from luoshi.suggest import Model


def parse_file(path: str | Path, *, require_tasks: bool = False) -> Plan:
    """The plan ``path`` holds; with ``require_tasks``, ``LuoshiError`` when it holds no task or table."""
    plan = parse_document(read_path(path))
    if require_tasks:
        _require_tasks(plan, f"“{path}”")
    return plan


def read_and_parse(path: str | Path) -> tuple[Document, Plan]:
    """The read document at ``path`` and its plan: a progress document's figures keep their sentences."""
    document = read_path(path)
    return document, parse_document(document)


def parse_bytes(data: bytes, filename: str = "document.txt", *, require_tasks: bool = False) -> Plan:
    """The plan in a document's bytes (``filename`` helps tell its format); ``LuoshiError`` on bad input."""
    plan = parse_document(read_bytes(data, filename))
    if require_tasks:
        _require_tasks(plan, f"“{filename}”")
    return plan


def draft_bytes(
    data: bytes,
    filename: str = "document.txt",
    history: Sequence[Part] = (),
    aliases: Mapping[str, str] | None = None,
    *,
    model: Model | None = None,
    carried: Sequence[Task] | Callable[[Part], Sequence[Task]] | None = None,
    or_parse: bool = False,
) -> Plan:
    """The draft plan of a work report's bytes, units suggested (``luoshi.draft.draft_plan``); ``LuoshiError`` if none.

    With ``or_parse``, a document that is no work report (``luoshi.draft.is_work_report``) comes back
    parsed as ``parse_bytes`` gives it, read once: a draft's tasks carry ``suggested``, a parse's never.
    """
    # Imported here: drafting brings the suggester and the Word writer, which parsing alone never needs.
    from luoshi.draft import draft_plan, is_work_report

    document = read_bytes(data, filename)
    if or_parse:
        plan = parse_document(document)
        if not is_work_report(plan):
            return plan
    return draft_plan(document, history, aliases, model=model, carried=carried)


def _require_tasks(plan: Plan, where: str) -> None:
    if not any(p.tasks for p in plan.parts):
        raise LuoshiError(f"{where}中没有识别出任务或表格。请用 luoshi parse 检查该文件。")


_CLAUSE_END = "，,；;。！？!?\n"


def clause_of(text: str, start: int, end: int) -> str:
    """The comma-separated stretch of ``text`` holding ``text[start:end]`` (a figure and the words that name it)."""
    left = max((text.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    right = min((i for i in (text.find(c, end) for c in _CLAUSE_END) if i >= 0), default=len(text))
    return text[left:right].strip()


def reported_figures(path: str | Path) -> list[tuple[Observation, str]]:
    """Every figure a document reports (a half-year report's 实绩), each with the clause that states it."""
    document = read_path(path)
    out: list[tuple[Observation, str]] = []
    for part in parse_document(document).parts:
        for obs in part.observations:
            block = document.blocks[obs.span.block] if obs.span is not None else None
            text = block.text if isinstance(block, Paragraph) else ""
            out.append((obs, clause_of(text, obs.span.start, obs.span.end) if obs.span is not None else ""))
    return out
