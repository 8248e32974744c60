"""The text reader: encodings and the flattened-table layout."""

from __future__ import annotations

import pytest

from luoshi.errors import LuoshiError
from luoshi.model import Paragraph, Table
from luoshi.read import read_bytes, read_path
from tests.conftest import seed_path

FLAT = "标题\n\t序号\n\t单位\n\n\t1\n\t地方金融\n监管局\n\n\t2\n\t行政审批局\n市场监管局\n\n备注\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(FLAT, "utf-8"), (FLAT, "gb18030"), (FLAT, "gbk"), ("\ufeff" + FLAT, "utf-8")],
)
def test_flattened_table_reads_the_same_in_every_encoding(text: str, encoding: str) -> None:
    doc = read_bytes(text.encode(encoding), "plan.txt")
    assert doc.encoding in ("utf-8", "gb18030")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "table", "paragraph"]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows] == [
        ["序号", "单位"],
        ["1", "地方金融\n监管局"],
        ["2", "行政审批局\n市场监管局"],
    ]


def test_bookmark_artefacts_are_not_part_of_the_text() -> None:
    doc = read_bytes("[bookmark: _GoBack]（五）雨污分流改造\n".encode(), "a.txt")
    assert isinstance(doc.blocks[0], Paragraph)
    assert doc.blocks[0].text == "（五）雨污分流改造"


def test_pipe_rows_form_a_table() -> None:
    doc = read_bytes("| 文 号: | 玄政〔2023〕25号 | 主题: | 综合 |\n| a | b | c | d |\n正文\n".encode(), "a.txt")
    assert isinstance(doc.blocks[0], Table)
    assert doc.blocks[0].rows[0][1].text == "玄政〔2023〕25号"


def test_the_status_table_seed_has_four_tables_with_their_rows() -> None:
    doc = read_path(seed_path("000"))
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 4
    header = [c.text for c in tables[0].rows[0]]
    assert header[:4] == ["序号", "目标内容", "责任单位", "进展情况"]


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01\x02\x03" * 100, "\u00e4\u00f6\u00fc".encode("latin-1") * 50, bytes(range(256)) * 20],
)
def test_bad_text_is_refused_with_a_chinese_message(data: bytes) -> None:
    with pytest.raises(LuoshiError) as err:
        read_bytes(data, "bad.txt")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)


NOTICE = "鼓楼区人民政府关于印发2021年区政府主要工作目标任务分解落实方案的通知\n各街道办事处：\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_reads_with_or_without_a_byte_order_mark(encoding: str) -> None:
    doc = read_bytes(NOTICE.encode(encoding), "notice.txt")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == NOTICE.split()


@pytest.mark.parametrize(
    "data",
    [
        NOTICE.encode("utf-8").decode("latin-1").encode("utf-8"),  # once decoded as Latin-1, saved as UTF-8
        NOTICE.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"),
        ("锟斤拷" * 5 + NOTICE).encode(),  # GBK bytes lost in a conversion
        (NOTICE + "\ufffd" * 30).encode(),
    ],
)
def test_mojibake_is_refused_rather_than_read_as_gibberish(data: bytes) -> None:
    with pytest.raises(LuoshiError) as err:
        read_bytes(data, "notice.txt")
    assert "乱码" in err.value.message


@pytest.mark.parametrize(
    "data",
    [
        "鼓楼区人民政府关于印发方案的通知".encode()[:-1],  # cut off mid-character
        "鼓楼区人民政府".encode() + b"\xff" + "关于印发方案的通知".encode(),  # one damaged byte
    ],
)
def test_a_slightly_damaged_utf8_file_is_still_read_as_utf8(data: bytes) -> None:
    doc = read_bytes(data, "notice.txt")
    assert doc.encoding == "utf-8"
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text.startswith("鼓楼区人民政府")


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # Word writes an empty cell line for each cell merged down from the row above.
        ("\t1\n\t目标\n\t是\n\n\t\n\t\n\t是\n\n", [["1", "目标", "是"], ["", "", "是"]]),
        # An empty cell inside a row keeps the row whole and the columns in place.
        ("\t1\n\t目标\n\t\n\t是\n\n", [["1", "目标", "", "是"]]),
    ],
)
def test_an_empty_cell_is_a_cell_not_a_row_break(text: str, rows: list[list[str]]) -> None:
    (table,) = read_bytes(text.encode(), "t.txt").blocks
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows] == rows
    assert [[c.col for c in r] for r in table.rows] == [list(range(len(r))) for r in rows]
