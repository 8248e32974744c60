"""``luoshi suggest`` and ``luoshi draft`` from the command line: the JSON shapes, the measure, the .docx, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from luoshi.cli import main
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi.suggest.names import UnitNames
from tests.conftest import seed_path


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _suggest_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(
        [
            "suggest", str(seed_path("000")), "--part", "4",
            "--history", str(seed_path("001")), "--history", str(seed_path("000")), "--json",
        ],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_suggest_prints_the_issues_json_and_reaches_the_measure(capsys: pytest.CaptureFixture[str]) -> None:
    """The same measure as tests/core/test_suggest.py, through the command: the file's own 附件4 is never history."""
    tasks = _suggest_json(capsys)["tasks"]
    assert len(tasks) == 76
    first = tasks[0]
    assert set(first) == {"number", "text", "suggested"} and set(first["suggested"]) == {"lead", "co", "reason"}
    assert set(first["suggested"]["lead"][0]) == {"unit", "score", "because"}
    p000 = parse_document(read_path(seed_path("000")))
    history = [*parse_document(read_path(seed_path("001"))).parts, p000.parts[0]]
    names = UnitNames(u for part in history for t in part.tasks for u in (*t.lead, *t.co))
    top1 = sum(
        bool(t["suggested"]["lead"]) and names.key(t["suggested"]["lead"][0]["unit"]) in {names.key(u) for u in p.lead}
        for t, p in zip(tasks, p000.parts[3].tasks, strict=True)
    )
    assert top1 >= 72
    assert all(len(t["suggested"]["lead"]) >= 3 for t in tasks if t["suggested"]["lead"])


def test_suggest_prints_a_table_for_a_person(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["suggest", str(seed_path("003")), "--history", str(seed_path("001"))], capsys)
    assert code == 0 and "建议主办（得分）" in out and "区发改委" in out


def test_draft_prints_the_parse_contract_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        [
            "draft",
            str(seed_path("004")),
            "--history",
            str(seed_path("001")),
            "--history",
            str(seed_path("000")),
            "--json",
        ],
        capsys,
    )
    assert code == 0, err
    (part,) = json.loads(out)["parts"]
    assert part["kind"] == "decomposition" and len(part["tasks"]) == 105
    assert all("suggested" in t for t in part["tasks"])
    assert [t["flags"] for t in part["tasks"]].count(["carried_over"]) == 6
    assert part["tasks"][0]["suggested"]["lead"][0]["unit"] == "区发改委"


def test_draft_writes_the_plan_as_a_word_document(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "草案.docx"
    code, out, err = run(
        ["draft", str(seed_path("004")), "--history", str(seed_path("001")), "-o", str(target)], capsys
    )
    assert code == 0 and "已生成" in out, err
    (part,) = parse_document(read_path(target)).parts
    assert len(part.tasks) == 99 and part.tasks[0].lead == ("区发改委",)


def test_draft_json_and_docx_together_keep_stdout_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "草案.docx"
    code, out, err = run(["draft", str(seed_path("004")), "--json", "-o", str(target)], capsys)
    assert code == 0 and target.exists() and "已生成" in err
    assert len(json.loads(out)["parts"][0]["tasks"]) == 99


def test_draft_without_history_still_cuts_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["draft", str(seed_path("004"))], capsys)
    assert code == 0 and "（99 项任务）" in out and "（待定）" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", "{001}"], "未识别出政府工作报告"),
        (["suggest", "{001}", "--history", "{004}"], "历史方案中没有找到责任单位"),
        (["suggest", "{001}", "--history", "{003}", "--part", "3"], "没有第 3 部分"),
        (["suggest", "{001}", "--history", "{003}", "--aliases", "{missing}"], "找不到文件"),
        (["suggest", "{001}"], "参数错误"),
    ],
)
def test_bad_input_is_one_chinese_line_and_exit_2(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    paths = {"{001}": str(seed_path("001")), "{003}": str(seed_path("003")), "{004}": str(seed_path("004"))}
    paths["{missing}"] = str(tmp_path / "none.txt")
    with pytest.raises(SystemExit) if message == "参数错误" else _nothing():
        code, _, err = run([paths.get(a, a) for a in args], capsys)
        assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_an_alias_list_names_units_as_the_directory_does(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    aliases = tmp_path / "别名.txt"
    aliases.write_text(
        "# 印出的名称=标准名称\n区发改委=区发展和改革委员会\n发改委 = 区发展和改革委员会\n", encoding="utf-8"
    )
    code, out, _ = run(
        ["suggest", str(seed_path("003")), "--history", str(seed_path("001")), "--aliases", str(aliases), "--json"],
        capsys,
    )
    assert code == 0
    assert json.loads(out)["tasks"][0]["suggested"]["lead"][0]["unit"] == "区发展和改革委员会"


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
