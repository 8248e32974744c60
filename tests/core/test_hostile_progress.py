"""The progress readers on arbitrary text: a notice, a captured table, a progress document applied to a plan.

Whatever the text — lines built from the notices' and tables' own vocabulary, pipes, numbers, blank
lines, or any characters at all — reading it gives parts or nothing, and applying it to a plan gives
placements or the project's own error in Chinese (``LuoshiError``), never another exception.
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.apply import apply_progress
from luoshi.errors import LuoshiError
from luoshi.model import Plan, Task
from luoshi.read import read_bytes, read_path
from luoshi.structure import captured, notices, parse_document
from tests.conftest import seed_path

# Words the grammar turns on, so that generated lines reach the rules rather than only their refusals.
_WORDS = [
    "通报如下：", "现将", "督查室", "进展情况", "完成情况", "未达到序时进度", "滞后", "已完成", "有序推进",
    "超进度", "欠进度的有", "的有", "分别是", "主要是", "等项目", "（第", "项）", "第十二项", "一是", "二是",
    "；", "。", "，", "、", "：", "“", "”", "(", ")", "1.", "2、", "一、", "（一）", "牵头部门：", "区教育局",
    "增长6.1%", "低于目标0.9个百分点", "完成年度目标的53.3%", "预计", "亿元", "序号", "项目名称", "责任单位",
    "是否完成", "是", "否", "|", " | ", "||", " ", "\n", "\n\n", "12", "262项任务中", "占", "%", "下一步工作要求：",
]  # fmt: skip
_LINES = st.lists(st.sampled_from(_WORDS), max_size=40).map("".join)
_DOCUMENTS = st.lists(_LINES, max_size=25).map("\n".join)


@cache
def plan_tasks() -> tuple[Task, ...]:
    return parse_document(read_path(seed_path("001"))).parts[0].tasks


def _read(text: str) -> Plan | None:
    try:
        return parse_document(read_bytes(text.encode("utf-8"), "progress.txt"))
    except LuoshiError as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
        return None


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_any_text_of_the_grammar_words_reads_into_parts_or_nothing(text: str) -> None:
    plan = _read(text)
    if plan is None:
        return
    for part in plan.parts:
        if part.kind == "progress_notice":
            assert all(not t.indicators for t in part.tasks)  # a notice never sets a target


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_characters_read_into_parts_or_the_projects_error(text: str) -> None:
    _read(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_applying_any_text_to_a_plan_places_it_or_says_why_not(text: str) -> None:
    plan = _read(text)
    if plan is None:
        return
    try:
        app = apply_progress(plan_tasks(), plan)
    except LuoshiError as exc:
        assert "没有找到进展情况" in exc.message
        return
    for p in app.placements:
        assert p.state in ("matched", "offered", "unmatched")
        assert all(0 <= c.task < len(plan_tasks()) for c in p.candidates)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINES, max_size=25))
def test_the_notice_parser_and_the_table_rebuild_take_any_paragraphs(lines: list[str]) -> None:
    from luoshi.model import Paragraph

    blocks = tuple(Paragraph(index=i, text=t) for i, t in enumerate(lines))
    notices.parse_part(None, blocks)
    rebuilt, notes = captured.rebuild(blocks)
    assert all(isinstance(n, str) for n in notes)
    assert len(rebuilt) <= len(blocks)
