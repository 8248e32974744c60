"""The demo's 小结 as the office downloads it: its own title, no repeats, unreported tasks apart, real units, own evidence.

The demo loads plan 1 (鼓楼区 2021) with seed 002's half-year figures and seed 000's year-end rows, each
applied by the matcher; the 小结 of each period is downloaded from the web (``review:download``, .docx)
and read back as the office would read it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from luoshi import is_collective, parse_file
from luoshi.model import Paragraph, Table
from luoshi.read import read_bytes
from luoshi_web.accounts.models import User
from luoshi_web.ops import demo
from luoshi_web.plans.models import Period, Plan
from luoshi_web.reporting.models import ProgressEntry
from luoshi_web.units.models import Unit

MAPPINGS = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "mappings"
SECTION = re.compile(r"^[一二三四五六七八九十]、(.+)$")
ITEM = re.compile(r"^(\d+)\.")


def _download(client: Client, plan: Plan, period: Period) -> list[Paragraph | Table]:
    url = reverse("review:download", args=[plan.pk, period.pk, "summary", "docx"])
    response = client.get(url)
    assert response.status_code == 200
    return list(read_bytes(response.content, "小结.docx").blocks)


def _sections(blocks: list[Paragraph | Table]) -> dict[str, list[str]]:
    """The paragraphs under each numbered heading (一、总体情况 …)."""
    out: dict[str, list[str]] = {}
    current = ""
    for b in blocks:
        if isinstance(b, Paragraph):
            m = SECTION.match(b.text.strip())
            if m:
                current = m.group(1)
                out[current] = []
            elif current and b.text.strip():
                out[current].append(b.text.strip())
    return out


def _items(lines: list[str]) -> dict[str, list[str]]:
    """Task number → the reason lines under it."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        m = ITEM.match(line)
        if m:
            current = m.group(1)
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return out


def _fragments(text: str, size: int = 8) -> set[str]:
    """Runs of ``size`` characters of each clause of ``text`` (what a reason would quote)."""
    out: set[str] = set()
    for clause in re.split(r"[，,；;。\n]", text):
        clause = clause.strip()
        out.update(clause[i : i + size] for i in range(0, max(0, len(clause) - size + 1), 3))
    return out


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("period_name", "title"),
    [
        ("2021年上半年", "关于鼓楼区2021年区政府主要工作目标任务上半年执行情况的报告"),
        ("2021年全年", "关于鼓楼区2021年区政府主要工作目标任务全年执行情况的报告"),
    ],
)
def test_the_downloaded_summary_reads_like_the_offices_own(tmp_path: Path, period_name: str, title: str) -> None:
    demo.load(data_dir=tmp_path, say=lambda _line: None)
    plan = Plan.objects.get(government__name="鼓楼区", year=2021)
    period = Period.objects.get(plan=plan, name=period_name)
    client = Client()
    client.force_login(User.objects.get(username="office"))
    blocks = _download(client, plan, period)
    paragraphs = [b.text.strip() for b in blocks if isinstance(b, Paragraph) and b.text.strip()]

    # Its own title, as seed 002 titles its own report.
    assert paragraphs[0].replace("\n", "") == title

    # No paragraph said twice.
    long = [p for p in paragraphs if len(p) > 6]
    assert len(long) == len(set(long)), [p for p in long if long.count(p) > 1][:3]

    # Tasks not reported are counted apart, never among those to review, and the headline says so.
    sections = _sections(blocks)
    reported = {
        n for n in ProgressEntry.objects.filter(period=period, task__plan=plan).values_list("task__number", flat=True)
    }
    review = _items(sections.get("需人工研判的目标", []))
    assert set(review) <= reported
    unreported = [h for h in sections if h.startswith("未报送进展的目标")]
    (heading,) = unreported
    assert f"（{72 - len(reported)}项）" in heading
    headline = sections["总体情况"][0]
    assert f"72项目标中，已报送进展{len(reported)}项、未报送{72 - len(reported)}项" in headline

    # The unit table lists real units only; collective names are noted apart.
    (table,) = [b for b in blocks if isinstance(b, Table)]
    names = [row[0].text.strip() for row in table.rows[1:]]
    units = {u.name: u for u in Unit.objects.filter(government=plan.government)}
    assert names and all(not is_collective(n) and n in units and units[n].kind != "group" for n in names)
    assert any("为集体名称" in p for p in paragraphs)

    # Every reason quotes its own task's progress, never another task's.
    own: dict[str, str] = {}
    for entry in ProgressEntry.objects.filter(period=period, task__plan=plan).select_related("task"):
        own[entry.task.number] = own.get(entry.task.number, "") + "\n" + entry.text
    lagging = _items(sections.get("未完成或部分未达的目标", []) + sections.get("未达序时进度的目标", []))
    for number, lines in {**lagging, **review}.items():
        others = set().union(*(_fragments(t) for n, t in own.items() if n != number))
        mine = _fragments(own.get(number, ""))
        for line in lines:
            quoted = {f for f in others - mine if f in line}
            assert not quoted, (number, line, quoted)


@pytest.mark.slow
@pytest.mark.django_db
def test_each_sub_target_cites_only_the_rows_that_report_it(tmp_path: Path) -> None:
    """Year end: a row of seed 000 that restates one sub-target of a task (the hand-checked mapping, "same
    target") may be cited only under that sub-target, never under a sibling's (row 21's 航运 revenue is not
    启动下关大街建设's); and the issue's own cases: 南邮科创中心 is not 省5G网络安全工程中心's, 科技服务业收入
    is not 高企突破600家's, and 每千名老人床位数 is never compared with 新增床位400张."""
    demo.load(data_dir=tmp_path, say=lambda _line: None)
    plan = Plan.objects.get(government__name="鼓楼区", year=2021)
    period = Period.objects.get(plan=plan, name="2021年全年")
    client = Client()
    client.force_login(User.objects.get(username="office"))
    sections = _sections(_download(client, plan, period))
    items = _items(sections.get("未完成或部分未达的目标", []) + sections.get("需人工研判的目标", []))
    mapping = json.loads((MAPPINGS / "seed000-att1-to-seed001.json").read_text(encoding="utf-8"))
    rows = {r.number: r for r in parse_file(demo.seed("000")).parts[0].tasks}
    checked = 0
    for m in (m for m in mapping if m["relation"] == "same_target"):
        for task, subtarget in (m.get("subtargets") or {}).items():
            if subtarget is None or task not in items:
                continue
            words = _fragments(rows[str(m["row"])].progress or "")
            for line in items[task]:
                label = line.split("：", 1)[0]
                shared = {label[i : i + 2] for i in range(len(label) - 1)} & {
                    subtarget[i : i + 2] for i in range(len(subtarget) - 1)
                }
                if not shared:  # a sibling sub-target's line: the row's words must not be there
                    assert not {f for f in words if f in line}, (task, m["row"], line)
                    checked += 1
    assert checked > 0
    lines = {n: "\n".join(ls) for n, ls in items.items()}
    for number, label, never in (
        ("25", "建设省5G网络安全工程中心", "南邮"),
        ("4", "高企", "科技服务业收入"),
        ("26", "启动下关大街建设", "航运"),
    ):
        for line in lines.get(number, "").splitlines():
            if line.startswith(label):
                assert never not in line, line
    assert "未达标（差354.83张）" not in lines.get("50", "")
