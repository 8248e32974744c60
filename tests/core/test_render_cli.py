"""``luoshi report …``: each output from the command line, help with examples, bad input as one Chinese line."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from luoshi.cli import build_parser, main
from luoshi.intake import template_format as tpl
from luoshi.read import read_path
from luoshi.structure import parse_document
from tests.conftest import seed_path


def report_commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    report = sub.choices["report"]
    (rs,) = [a for a in report._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(rs.choices)


def test_every_report_is_a_subcommand() -> None:
    assert set(report_commands()) == {"table", "plan", "summary", "notice", "supervision", "template", "intake"}


@pytest.mark.parametrize("name", sorted(report_commands()))
def test_every_report_subcommand_has_a_chinese_description_and_an_example(name: str) -> None:
    p = report_commands()[name]
    assert p.description and any("\u4e00" <= ch <= "\u9fff" for ch in p.description)
    assert p.epilog and "例：" in p.epilog and f"luoshi report {name}" in p.epilog


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--number", "3", "--issued-on", "2026-07-10"], "督办〔2026〕3号"),
        (["--number", "督办〔2025〕12号"], "督办〔2025〕12号"),
    ],
)
def test_report_supervision_names_the_number_the_unit_and_the_task_as_printed(
    extra: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "report",
        "supervision",
        str(seed_path("001")),
        "--task",
        "7",
        "--unit",
        "区市场监管局",
        "--reply-by",
        "2026-07-20",
    ]
    code, out, _ = run([*args, *extra], capsys)
    assert code == 0
    assert out.splitlines()[0] == expected
    assert "区市场监管局：" in out and "第7项任务" in out and "2026年7月20日前" in out
    assert "有效发明专利拥有量9600件" in out  # the task's text as the plan prints it


def test_report_supervision_for_a_task_the_file_does_not_have_says_which_it_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["report", "supervision", str(seed_path("001")), "--task", "999", "--unit", "区科技局", "--number", "1"]
    code, _, err = run(args, capsys)
    assert code == 2 and "没有第999项任务" in err and "可选的序号有" in err


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_report_table_writes_every_table_of_the_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"表.{fmt}"
    code, stdout, _ = run(["report", "table", str(seed_path("000")), "--format", fmt, "-o", str(out)], capsys)
    assert code == 0 and str(out) in stdout
    again = parse_document(read_path(out))
    assert [len(p.tasks) for p in again.parts] == [
        len(p.tasks) for p in parse_document(read_path(seed_path("000"))).parts
    ]


def test_report_table_can_fill_the_status_column_with_the_judges_verdicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "研判.xlsx"
    assert (
        run(["report", "table", str(seed_path("000")), "--part", "2", "--status", "judge", "-o", str(out)], capsys)[0]
        == 0
    )
    (part,) = parse_document(read_path(out)).parts
    assert part.kind == "project_table"
    # The judge's verdicts are proposals until signed off: each is marked ※ (the table's note says so).
    statuses = {t.status or "" for t in part.tasks}
    assert all(s.endswith("※") for s in statuses)
    assert {s.rstrip("※") for s in statuses} <= {"是", "否", "部分未达", "视同完成", "待人工研判"}


def test_report_plan_writes_the_plan_as_word_and_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = parse_document(read_path(seed_path("001"))).parts[0]
    for name in ("方案.docx", "方案.xlsx"):
        assert run(["report", "plan", str(seed_path("001")), "-o", str(tmp_path / name)], capsys)[0] == 0
        (part,) = parse_document(read_path(tmp_path / name)).parts
        assert [(t.number, t.lead, t.co) for t in part.tasks] == [(t.number, t.lead, t.co) for t in source.tasks]


def test_report_summary_prints_the_offices_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["report", "summary", str(seed_path("000")), "--status", "printed", "--as-of", "2021-06-30"], capsys
    )
    assert code == 0
    assert "72项目标中，有66项实现“双过半”，目标过半率为91.7%" in out and "各单位完成情况" in out


def test_report_template_then_intake_reads_the_units_file_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "科技局.xlsx"
    code, stdout, _ = run(["report", "template", str(seed_path("001")), "--unit", "科技局", "-o", str(out)], capsys)
    assert code == 0 and "共 9 项任务" in stdout
    wb = load_workbook(out)
    ws = wb[tpl.DATA_SHEET]
    ws.cell(tpl.FIRST_ROW, 6, "1-11月份有效发明专利拥有量12871件。")
    ws.cell(tpl.FIRST_ROW, 9, "是")
    buffer = io.BytesIO()
    wb.save(buffer)
    out.write_bytes(buffer.getvalue())
    code, stdout, _ = run(["report", "intake", str(out), "--plan", str(seed_path("001"))], capsys)
    assert code == 0 and "读出 1 项进展" in stdout and "另有 8 项任务未填写进展" in stdout
    code, stdout, _ = run(["report", "intake", str(out), "--json"], capsys)
    assert code == 0 and '"status": "是"' in stdout and '"value": 12871' in stdout


def test_report_template_lists_the_units_of_a_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["report", "template", str(seed_path("001")), "--list-units"], capsys)
    assert code == 0 and "区科技局" in out.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "template", "SEED001", "--unit", "不存在局"], "没有“不存在局”主办或协办的任务"),
        (["report", "table", "SEED000", "--part", "9"], "没有第 9 部分"),
        (
            ["report", "table", "SEED000", "--format", "xlsx", "-o", "x.docx"],
            "--format xlsx 与输出文件扩展名 .docx 不一致",
        ),
        (["report", "summary", "SEED000", "--as-of", "去年"], "日期“去年”无法识别"),
        (["report", "intake", "SEED004"], "没有找到含“序号”或“任务”列"),
        (["report", "plan", "MISSING"], "找不到文件"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    subs = {
        "SEED000": str(seed_path("000")),
        "SEED001": str(seed_path("001")),
        "SEED004": str(seed_path("004")),
        "MISSING": str(tmp_path / "无.docx"),
    }
    code, _, err = run([subs.get(a, a) for a in args], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and message in err
