"""The draft plan cut from a work report (docs/layouts/draft.md), against the seeds and a real plan.

Seed 004 (鼓楼区's 2024 report) is cut into 99 tasks in the report's six sections: its seven main
expected targets first, then one task per sentence of the task paragraphs, without the subsections'
lead-ins, the paragraphs' run-in headings or the closing address. The beginning of the plan the
office actually cut from it (tests/fixtures/draft/gulou-2024-plan-head.expected.json) checks the
section, the boundary of the first ordinary task, and the units of the main targets. With seed 000's
year-end table in the history, its 6 rows judged 部分未达 are offered for carrying over.

Run ``python -m tests.core.test_draft`` to print the figures.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.documents import draft_bytes, parse_bytes
from luoshi.draft import CARRIED_OVER, CARRY_SECTION, draft_plan
from luoshi.draft.cut import is_run_in, sentences
from luoshi.errors import LuoshiError
from luoshi.model import Document, Paragraph, Part, Source, Task
from luoshi.read import read_path
from luoshi.render.plan_doc import heading_text
from luoshi.suggest import build_model
from tests.acceptance import match_targets, parsed
from tests.conftest import FIXTURES, gold, seed_path

REAL_PLAN = FIXTURES / "draft" / "gulou-2024-plan-head.expected.json"
UNSEEN = FIXTURES / "unseen"


@cache
def _draft(history: tuple[str, ...] = ()) -> Part:
    parts = [p for prefix in history for p in parsed(seed_path(prefix)).parts]
    return draft_plan(read_path(seed_path("004")), parts).parts[0]


def _flat(text: str) -> str:
    """Text compared across copies: full-width folded (the public copy prints half-width commas)."""
    return unicodedata.normalize("NFKC", text).strip()


def test_the_draft_of_004_has_the_reports_sections_and_one_task_per_sentence() -> None:
    part = _draft()
    assert part.kind == "decomposition" and part.government == "鼓楼区" and part.year == 2024
    assert part.title == "2024年区政府主要工作目标任务分解落实方案（草案）"
    assert [heading_text(s)[:6] for s in part.sections] == [
        "聚力提升发展",
        "充分释放创新",
        "持续改善城市",
        "始终坚守为民",
        "着力提高治理",
        "坚持涵养自身",
    ]
    assert [t.number for t in part.tasks] == [str(n) for n in range(1, 100)]
    per_section = [sum(t.section == s for t in part.tasks) for s in part.sections]
    assert per_section == [26, 14, 14, 14, 15, 16]
    assert all(not t.lead and not t.co for t in part.tasks)  # nothing is decided in a draft


def test_the_main_targets_come_first_one_task_each() -> None:
    part = _draft()
    main = gold("004")["main_targets"]
    first = part.tasks[: len(main)]
    assert all(len(t.indicators) == 1 for t in first)
    assert match_targets([t.indicators[0] for t in first], main)["found"] == len(main)
    assert first[0].text == "地区生产总值增长5%以上。" and first[0].section == part.sections[0]
    assert not any(t.indicators and t.indicators[0].metric == "地区生产总值" for t in part.tasks[len(main) :])


@pytest.mark.parametrize(
    "left_out",
    [
        "推动产业迈向高能级。",  # a run-in heading
        "坚持教育优先发展。",
        "全力以赴抓经济，在转方式、调结构、提质量、增效益上积极进取，不断巩固稳中向好的基础。",  # a lead-in
        "今年政府工作总体要求是",  # the preamble
        "实际工作中，要努力争取更好结果。",  # a remark after the targets
        "百舸争流",  # the closing address
        "抄送",  # end matter
        "2023年是全面贯彻党的二十大精神的开局之年",  # the review
    ],
)
def test_what_is_not_a_task(left_out: str) -> None:
    assert not any(left_out in t.text for t in _draft().tasks)


def test_every_target_of_the_report_is_in_the_draft() -> None:
    found = [i for t in _draft().tasks for i in t.indicators]
    expected = gold("004")
    m = match_targets(found, expected["main_targets"] + expected["task_targets"])
    assert m["found"] >= 57, m["missed"]


def test_the_draft_cuts_where_the_office_cut() -> None:
    """The real plan's section 一 is the report's (一); its first ordinary task is the sentence after the run-in heading."""
    real = json.loads(REAL_PLAN.read_text(encoding="utf-8"))
    part = _draft()
    assert _flat(heading_text(part.sections[0])) == _flat(heading_text(real["sections"][0]))
    main = len(gold("004")["main_targets"])
    assert _flat(part.tasks[main].text) == _flat(real["tasks"][2]["text"])
    # The seven targets the office grouped in its tasks 1 and 2 are the draft's first seven tasks.
    grouped = _flat(real["tasks"][0]["text"] + real["tasks"][1]["text"])
    assert all(_flat(t.text).rstrip("。") in grouped for t in part.tasks[:main])


def test_the_main_targets_get_the_units_the_office_gave_them() -> None:
    real = json.loads(REAL_PLAN.read_text(encoding="utf-8"))
    part = _draft(("001", "000"))
    main = len(gold("004")["main_targets"])
    for task in part.tasks[:main]:
        office = next(r for r in real["tasks"][:2] if _flat(task.text).rstrip("。") in _flat(r["text"]))
        assert task.suggested and task.suggested.lead, task.text
        best = task.suggested.lead[0].unit
        assert any(best.lstrip("区") == u.lstrip("区") for u in office["lead"]), (task.text, best, office["lead"])


def test_unfinished_rows_of_last_years_table_are_offered_for_carrying_over() -> None:
    part = _draft(("001", "000"))
    carried = [t for t in part.tasks if CARRIED_OVER in t.flags]
    table = parsed(seed_path("000")).parts[0]
    unfinished = [r for r in table.tasks if r.status in ("否", "部分未达")]
    assert [t.text for t in carried] == [r.text for r in unfinished] and len(carried) == 6
    assert part.tasks[-len(carried) :] == tuple(carried)
    assert part.sections[-1] == f"七、{CARRY_SECTION}" and all(t.section == part.sections[-1] for t in carried)
    assert [t.number for t in carried] == [str(n) for n in range(100, 106)]
    for task, row in zip(carried, unfinished, strict=True):
        assert task.suggested and task.suggested.lead
        best = task.suggested.lead[0].unit.lstrip("区")
        assert any(u.endswith(best) or best.endswith(u.lstrip("区")) for u in row.lead), (best, row.lead)


def test_a_caller_may_hand_in_its_own_model_and_carried_tasks() -> None:
    history = [p for prefix in ("001", "000") for p in parsed(seed_path(prefix)).parts]
    report = read_path(seed_path("004"))
    whole = draft_plan(report, history, carried=()).parts[0]
    # A model built once (as the web app caches it) suggests what building it in the call does.
    same = draft_plan(report, (), model=build_model(history), carried=()).parts[0]
    assert [t.suggested for t in same.tasks] == [t.suggested for t in whole.tasks]
    # Carried tasks given by the caller replace the history's status tables, with no units and flagged.
    offered = [Task(number="12", text="新增硅巷10万平方米以上。", lead=("区发改委",), flags=("city_major",))]
    part = draft_plan(report, history, carried=offered).parts[0]
    last = part.tasks[-1]
    assert sum(CARRIED_OVER in t.flags for t in part.tasks) == 1 and last.text == offered[0].text
    assert last.flags == ("city_major", CARRIED_OVER) and last.lead == () and last.number == str(len(part.tasks))
    assert last.section == part.sections[-1] == f"七、{CARRY_SECTION}"
    # Nothing given, nothing offered.
    assert not any(CARRIED_OVER in t.flags for t in draft_plan(report, history, carried=()).parts[0].tasks)
    # What "last year" is depends on the report: a function of its part says what to offer.
    asked: list[tuple[str | None, int | None]] = []

    def last_years(part: Part) -> list[Task]:
        asked.append((part.government, part.year))
        return offered

    assert draft_plan(report, history, carried=last_years).parts[0].tasks[-1].text == offered[0].text
    assert asked == [("鼓楼区", 2024)]


@pytest.mark.parametrize(("prefix", "drafted"), [("004", True), ("001", False), ("000", False), ("002", False)])
def test_an_upload_is_drafted_when_it_is_a_work_report_and_parsed_otherwise(prefix: str, drafted: bool) -> None:
    path = seed_path(prefix)
    plan = draft_bytes(path.read_bytes(), path.name, or_parse=True)
    tasks = [t for part in plan.parts for t in part.tasks]
    assert all((t.suggested is not None) == drafted for t in tasks)
    if drafted:
        assert [p.kind for p in plan.parts] == ["decomposition"] and len(tasks) == 99
    else:
        assert plan == parse_bytes(path.read_bytes(), path.name)


def test_every_task_has_suggestions_from_the_history() -> None:
    part = _draft(("001", "000"))
    assert all(t.suggested is not None for t in part.tasks)
    with_units = [t for t in part.tasks if t.suggested and t.suggested.lead]
    assert len(with_units) >= len(part.tasks) - 3
    assert all(len(t.suggested.lead) >= 3 for t in with_units if t.suggested)


# --------------------------------------------------------------------------- the grammar's pieces


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("推动产业迈向高能级。全面实施行动方案，增长5%。", ["推动产业迈向高能级。", "全面实施行动方案，增长5%。"]),
        (
            "扩大“来吧！鼓楼”消费主品牌影响力。引育特色小店50家。",
            ["扩大“来吧！鼓楼”消费主品牌影响力。", "引育特色小店50家。"],
        ),
        ("依托A（含B！）平台开展行动；支持C。", ["依托A（含B！）平台开展行动；支持C。"]),
        ("第一行没有句号\n第二行。", ["第一行没有句号", "第二行。"]),
        ("  前后有空白。  ", ["前后有空白。"]),
        ("", []),
    ],
)
def test_sentences(text: str, pieces: list[str]) -> None:
    assert [text[a:b] for a, b in sentences(text)] == pieces


@pytest.mark.parametrize(
    ("sentence", "run_in"),
    [
        ("推动产业迈向高能级。", True),
        ("始终站稳坚定政治立场。", True),
        ("一是坚定实施扩大内需战略，在加快推动消费投资增长上实现新突破。", True),
        ("第二，全面增强开放竞争力。", True),
        ("加强财政科学管理。", True),  # short and bare: a heading when it opens a paragraph
        ("深化国企改革，推进国企集团高质量发展。", False),
        ("新增规上服务业企业55家。", False),
        ("全力以赴抓经济，在转方式、调结构、提质量、增效益上积极进取。", False),
    ],
)
def test_run_in_headings(sentence: str, run_in: bool) -> None:
    assert is_run_in(sentence) is run_in


# --------------------------------------------------------------------------- other governments' reports


def _unseen() -> list[Any]:
    return [
        pytest.param(json.loads(p.read_text(encoding="utf-8")), id=p.name.split(".")[0])
        for p in sorted(UNSEEN.glob("*-report.expected.json"))
    ]


@pytest.mark.parametrize("expected", _unseen())
def test_other_reports_are_cut_into_their_sections_with_their_targets(expected: dict[str, Any]) -> None:
    path = UNSEEN / expected["fixture"]
    part = draft_plan(read_path(path)).parts[0]
    # Each section is a （一）… heading printed in the report, on its own line or opening a paragraph.
    printed = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(part.sections) >= 6
    for s in part.sections:
        assert any(line.startswith("（") and heading_text(line).startswith(heading_text(s)) for line in printed), s
    found = [i for t in part.tasks for i in t.indicators]
    m = match_targets(found, expected["targets"])
    assert m["found"] >= 0.9 * m["expected"], m["missed"]
    assert part.tasks[0].indicators and part.tasks[0].section == part.sections[0]
    assert not any(t.text.startswith(("各位代表", "抄送", "相关报道", "【")) for t in part.tasks)


@pytest.mark.parametrize("how", ["docx", "docx-typed", "html"])
def test_the_report_as_word_or_web_page_gives_the_same_draft(how: str) -> None:
    """Seed 004 rebuilt as a Word file (headings numbered by Word or typed) or a web page."""
    from tests.core.test_formats_agree import rebuilt

    again = draft_plan(rebuilt("004", how)).parts[0]
    assert again.sections == _draft().sections
    assert [(t.text, t.section) for t in again.tasks] == [(t.text, t.section) for t in _draft().tasks]


def test_a_document_that_is_no_work_report_is_refused_in_chinese() -> None:
    with pytest.raises(LuoshiError, match="未识别出政府工作报告"):
        draft_plan(read_path(seed_path("001")))


def test_a_report_without_the_years_work_is_refused_in_chinese(tmp_path: Path) -> None:
    text = "政府工作报告\n各位代表：\n" + "\n".join(
        [
            "2023年工作回顾",
            *["过去一年，全区经济运行稳中有进，地区生产总值增长5%，各项事业取得新进展，人民生活持续改善。" * 2] * 8,
        ]
    )
    path = tmp_path / "回顾.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LuoshiError):
        draft_plan(read_path(path))


if __name__ == "__main__":
    part = _draft(("001", "000"))
    carried = sum(CARRIED_OVER in t.flags for t in part.tasks)
    print(
        f"004 draft: {len(part.tasks) - carried} tasks from the report, {carried} carried over, {len(part.sections)} sections"
    )
    for s in part.sections:
        print(f"   {s}: {sum(t.section == s for t in part.tasks)}")
    found = [i for t in part.tasks for i in t.indicators]
    e = gold("004")
    m = match_targets(found, e["main_targets"] + e["task_targets"])
    print(f"targets of the report in the draft: {m['found']}/{m['expected']}")
    for p in sorted(UNSEEN.glob("*-report.expected.json")):
        x = json.loads(p.read_text(encoding="utf-8"))
        d = draft_plan(read_path(UNSEEN / x["fixture"])).parts[0]
        mm = match_targets([i for t in d.tasks for i in t.indicators], x["targets"])
        print(
            f"{x['fixture']}: {len(d.tasks)} tasks in {len(d.sections)} sections; targets {mm['found']}/{mm['expected']}"
        )


_LINE_CHARS = "一二三、（）()。，：:！“”2024年工作回顾任务主要预期目标是增长5%以上各位代表推动建设抄送一是\n"


@settings(max_examples=120, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list(_LINE_CHARS)), min_size=1, max_size=120), max_size=30))
def test_any_text_is_cut_or_refused_in_chinese(lines: list[str]) -> None:
    """Whatever a report holds, the draft is a plan or a LuoshiError, never a crash."""
    doc = Document(
        source=Source(path="x.txt", sha256="0", format="txt"),
        blocks=tuple(Paragraph(index=i, text=t) for i, t in enumerate(["政府工作报告", "各位代表：", *lines])),
    )
    try:
        plan = draft_plan(doc)
    except LuoshiError:
        return
    (part,) = plan.parts
    assert part.tasks and all(t.text.strip() for t in part.tasks)
    assert [t.number for t in part.tasks] == [str(n) for n in range(1, len(part.tasks) + 1)]
