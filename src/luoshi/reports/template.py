"""单位填报模板: one unit's share of the plan as an Excel sheet to fill in, read back by ``luoshi.intake``.

The unit's tasks are those it leads or supports in the chosen parts (a caller with its own task ids —
the web app — hands them in ``ReportRequest.unit_tasks``).
"""

from __future__ import annotations

from luoshi.errors import LuoshiError
from luoshi.reports import Report, ReportRequest


def build(request: ReportRequest, fmt: str) -> bytes:
    from luoshi.intake.unit_tasks import unit_tasks, units_of
    from luoshi.render.template import unit_template_xlsx

    if not request.unit:
        raise LuoshiError("请指定单位（用 --list-units 查看文件中的全部单位）。")
    tasks = list(request.unit_tasks) if request.unit_tasks is not None else []
    if request.unit_tasks is None:
        tasks = unit_tasks(request.plan, request.unit, parts=request.parts)
    if not tasks:
        units = units_of([request.plan.parts[i] for i in request.parts])
        hint = "、".join(units[:12]) + ("等" if len(units) > 12 else "")
        raise LuoshiError(f"文件中没有“{request.unit}”主办或协办的任务。文件中的单位有：{hint or '（无）'}。")
    first = request.plan.parts[request.parts[0]]
    return unit_template_xlsx(
        request.unit,
        tasks,
        period=request.period,
        plan_sha256=request.plan.source.sha256 or None,
        plan_title=request.title or first.title,
    )


def file_name(request: ReportRequest, fmt: str) -> str:
    unit = request.unit or "单位"
    return f"{unit}{request.period}进展填报.{fmt}" if request.period else f"{unit}_填报模板.{fmt}"


REPORT = Report(
    name="template",
    title="单位填报模板",
    help="单位填报模板（.xlsx）",
    description="为一个单位生成 Excel 填报模板：列出该单位主办、协办的任务（锁定），"
    "进展情况、完成数值（只能填数字）、是否完成（下拉选择 是/否/部分未达）留给单位填写；"
    "隐藏的任务编号使交回的文件能准确对应到任务。",
    examples=(
        "luoshi report template 分解落实方案.txt --unit 科技局 -o 科技局.xlsx",
        "luoshi report template 执行情况表.txt --unit 发改委 --part 1 --period 2021年上半年",
        "luoshi report template 分解落实方案.txt --list-units",
    ),
    formats=("xlsx",),
    build=build,
    part_kinds=(("decomposition", "development_plan", "status_table", "project_table"),),
    first_part_only=True,
    needs_unit=True,
    file_name=file_name,
)
