"""The reports luoshi issues, in one registry: what each is called, its formats, the parts it takes, its builder.

The command line (``luoshi report <name>``) and the web app's downloads are both generated from
``REPORTS``, so a report is offered in the same formats with the same layout rules everywhere. A
report never judges: the caller hands it the verdicts (the judge's, the statuses printed in the
document, or the office's sign-off) in the ``ReportRequest``.

Adding a report is one module in this package that defines a builder and a ``Report``, plus one
entry in ``REPORTS`` below (see docs/architecture.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from luoshi.errors import LuoshiError
from luoshi.intake.unit_tasks import UnitTask
from luoshi.model import Part, PartKind, Plan, TaskVerdict

Format = Literal["docx", "xlsx", "pdf", "txt"]
VerdictSource = Literal["judge", "printed"]

CONTENT_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}
FORMAT_LABELS: dict[str, str] = {"docx": "Word", "xlsx": "Excel", "pdf": "PDF", "txt": "文本"}


@dataclass(frozen=True)
class SupervisionDetails:
    """A supervision notice (督办单) about one task of the plan: its number, the unit, the matter and the deadline."""

    number: str  # 督办〔2026〕3号
    unit: str
    task_number: str
    reason: str
    reply_by: dt.date | None = None
    issued_on: dt.date | None = None
    issuer: str = ""  # 鼓楼区人民政府办公室（督查室）
    measures: str = ""  # the unit's reply, once it has replied
    expected: dt.date | None = None


@dataclass(frozen=True)
class ReportRequest:
    """What a report is built from: a plan as core objects, the parts chosen, and what the caller knows.

    ``verdicts`` and ``progress`` are per part index (as in ``plan.parts``), each one for one with the
    part's tasks: the verdict that counts for the task (or None), and the period's progress text that
    replaces the printed one. ``unit_tasks`` lets a caller with its own task ids (the web app) give a
    unit's share itself; otherwise the template report finds the unit's tasks in the plan.
    """

    plan: Plan
    parts: tuple[int, ...]
    verdicts: Mapping[int, Sequence[TaskVerdict | None]] = field(default_factory=dict)
    progress: Mapping[int, Mapping[int, str]] = field(default_factory=dict)
    as_of: dt.date | None = None  # the date the figures describe
    period: str | None = None  # "2021年上半年": named in titles and file names
    title: str | None = None
    unit: str | None = None
    unit_tasks: Sequence[UnitTask] | None = None
    supervision: SupervisionDetails | None = None

    def part(self, index: int) -> Part:
        """The part as the report shows it: the period's progress in place of the printed progress."""
        part = self.plan.parts[index]
        progress = self.progress.get(index)
        if not progress:
            return part
        tasks = tuple(replace(t, progress=progress[i]) if i in progress else t for i, t in enumerate(part.tasks))
        return replace(part, tasks=tasks)

    def verdicts_of(self, index: int) -> list[TaskVerdict | None]:
        given = self.verdicts.get(index)
        return list(given) if given is not None else [None] * len(self.plan.parts[index].tasks)


Builder = Callable[[ReportRequest, str], bytes]


@dataclass(frozen=True)
class Report:
    """One report: its names, the formats it is offered in, the parts it takes and how it is built.

    ``part_kinds`` are tiers of preference: the parts of the first tier that has any, else of the
    next (an empty tier means any part with tasks). ``verdicts`` says where the command line takes
    the verdicts from by default (``None``: the report needs none). ``formats[0]`` is the default;
    ``pdf`` is the Word document converted by LibreOffice.
    """

    name: str
    title: str
    help: str
    description: str
    examples: tuple[str, ...]
    formats: tuple[Format, ...]
    build: Builder
    part_kinds: tuple[tuple[PartKind, ...], ...] = ((),)
    first_part_only: bool = False
    verdicts: VerdictSource | None = None
    needs_unit: bool = False
    needs_supervision: bool = False  # built for one supervision notice (number, unit, task), not for a whole plan
    file_name: Callable[[ReportRequest, str], str] | None = None

    def select_parts(self, plan: Plan, wanted: Sequence[int] | None = None) -> tuple[int, ...]:
        """0-based indices of the parts asked for (1-based ``wanted``), or of the parts this report takes."""
        if wanted:
            bad = [n for n in wanted if not 1 <= n <= len(plan.parts)]
            if bad:
                raise LuoshiError(
                    f"文件只有 {len(plan.parts)} 个部分，没有第 {bad[0]} 部分。请用 luoshi parse 查看各部分。"
                )
            return tuple(n - 1 for n in wanted)
        for kinds in self.part_kinds:
            picked = [i for i, p in enumerate(plan.parts) if self._takes(p) and (not kinds or p.kind in kinds)]
            if picked:
                return tuple(picked[:1] if self.first_part_only else picked)
        raise LuoshiError(f"文件中没有可生成{self.title}的任务。请用 luoshi parse 检查该文件。")

    def _takes(self, part: Part) -> bool:
        """A part with tasks; for a unit's report, a part whose tasks name units."""
        return bool(part.tasks) and (not self.needs_unit or any(t.lead or t.co for t in part.tasks))

    def render(self, request: ReportRequest, fmt: str) -> bytes:
        """The report as bytes in ``fmt``; a PDF is the Word document converted by LibreOffice."""
        if fmt not in self.formats:
            offered = "、".join(f".{f}" for f in self.formats)
            raise LuoshiError(f"{self.title}不能生成 .{fmt} 文件。可选：{offered}。")
        if not request.parts:
            raise LuoshiError(f"没有可生成{self.title}的部分。")
        if fmt == "pdf":
            from luoshi.render.pdf import docx_to_pdf

            return docx_to_pdf(self.build(request, "docx"))
        return self.build(request, fmt)

    def name_for(self, request: ReportRequest, fmt: str) -> str:
        """The file name a download or the command line gives the report."""
        if self.file_name is not None:
            return self.file_name(request, fmt)
        return f"{document_stem(request)}{self.title}{period_note(request)}.{fmt}"


def document_stem(request: ReportRequest) -> str:
    """鼓楼区2021年: the government and year of the plan's first chosen part, else nothing."""
    part = request.plan.parts[request.parts[0]] if request.parts else None
    if part is None or not part.government or not part.year:
        return ""
    return f"{part.government}{part.year}年"


def period_note(request: ReportRequest) -> str:
    return f"（{request.period}）" if request.period else ""


def _registry() -> dict[str, Report]:
    from luoshi.reports import notice, plan, summary, supervision, table, template

    return {
        r.name: r
        for r in (table.REPORT, plan.REPORT, summary.REPORT, notice.REPORT, supervision.REPORT, template.REPORT)
    }


REPORTS: dict[str, Report] = _registry()


def get_report(name: str) -> Report:
    """The report called ``name``; ``LuoshiError`` naming the reports there are."""
    try:
        return REPORTS[name]
    except KeyError:
        raise LuoshiError(f"没有名为“{name}”的报表。可选：{'、'.join(REPORTS)}。") from None


__all__ = [
    "CONTENT_TYPES",
    "FORMAT_LABELS",
    "REPORTS",
    "Format",
    "Report",
    "ReportRequest",
    "SupervisionDetails",
    "get_report",
]
