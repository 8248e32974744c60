"""The .xlsx reader: a sheet's name, its title rows and its table, values printed as Excel shows them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest

from luoshi.errors import DocumentTooLarge
from luoshi.model import Paragraph, Table
from luoshi.read import read_bytes
from luoshi.read import xlsx as xlsx_reader
from luoshi.read.xlsx import display


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def status_table() -> openpyxl.Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws["B2"] = "鼓楼区2021年国民经济和社会发展计划执行情况表"
    ws.merge_cells("B2:E2")
    ws.append([None, "序号", "目标内容", "责任单位", "是否完成"])
    ws.append([None, "一、主要指标"])
    ws.merge_cells("B4:E4")
    ws.append([None, 1, "地区生产总值增长7%", "发改委", "是"])
    ws.append([None, 2, "一般公共预算收入增长5%", "财政局\n税务局", "是"])
    ws.merge_cells("E5:E6")
    return wb


def test_a_sheet_reads_as_its_name_its_title_and_its_table() -> None:
    doc = read_bytes(workbook_bytes(status_table()), "执行情况.xlsx")
    assert doc.source.format == "xlsx"
    assert [b.kind for b in doc.blocks] == ["paragraph", "paragraph", "table"]
    name, title, table = doc.blocks
    assert isinstance(name, Paragraph) and name.text == "附件1" and name.style == "sheet"
    assert isinstance(title, Paragraph) and title.text == "鼓楼区2021年国民经济和社会发展计划执行情况表"
    assert isinstance(table, Table)
    got = [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert got == [
        [("序号", 0, 0, 1, 1), ("目标内容", 0, 1, 1, 1), ("责任单位", 0, 2, 1, 1), ("是否完成", 0, 3, 1, 1)],
        [("一、主要指标", 1, 0, 1, 4)],
        [("1", 2, 0, 1, 1), ("地区生产总值增长7%", 2, 1, 1, 1), ("发改委", 2, 2, 1, 1), ("是", 2, 3, 2, 1)],
        [("2", 3, 0, 1, 1), ("一般公共预算收入增长5%", 3, 1, 1, 1), ("财政局\n税务局", 3, 2, 1, 1)],
    ]


def test_hidden_sheets_are_skipped_and_every_visible_sheet_is_read() -> None:
    wb = status_table()
    hidden = wb.create_sheet("辅助")
    hidden["A1"] = "下拉选项"
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("附件2")
    second.append(["序号", "项目名称"])
    second.append([1, "中能建南京能源科技产业园"])
    doc = read_bytes(workbook_bytes(wb), "a.xlsx")
    names = [b.text for b in doc.blocks if isinstance(b, Paragraph) and b.style == "sheet"]
    assert names == ["附件1", "附件2"]
    assert [b.index for b in doc.blocks] == list(range(len(doc.blocks)))


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (12871, "General", "12871"),
        (12871.0, "General", "12871"),
        (1441.54, "General", "1441.54"),
        (0.1 + 0.2, "General", "0.3"),
        (0.094, "0.0%", "9.4%"),
        (0.5, "0%", "50%"),
        (176.5, "0.00", "176.50"),
        (1024.9, "#,##0.0", "1024.9"),
        (dt.datetime(2021, 3, 1), "yyyy-mm-dd", "2021-03-01"),
        (dt.datetime(2021, 3, 1), 'yyyy"年"m"月"d"日"', "2021年3月1日"),
        (dt.datetime(2021, 6, 30, 9, 30), "yyyy-mm-dd h:mm", "2021-06-30 09:30"),
        (True, "General", "TRUE"),
        ("  地方金融\r\n监管局 ", "General", "地方金融\n监管局"),
        (None, "General", ""),
    ],
)
def test_values_print_as_excel_shows_them(value: object, fmt: str, expected: str) -> None:
    assert display(value, fmt) == expected


def _patch_part(data: bytes, name: str, edit: object) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            dst.writestr(info.filename, edit(raw) if info.filename == name else raw)  # type: ignore[operator]
    return buf.getvalue()


def test_a_lying_sheet_dimension_does_not_make_a_million_rows() -> None:
    data = workbook_bytes(status_table())
    data = _patch_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda raw: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', raw),
    )
    (table,) = [b for b in read_bytes(data, "a.xlsx").blocks if isinstance(b, Table)]
    assert len(table.rows) == 4 and table.width == 4


def test_too_many_cells_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 10)
    with pytest.raises(DocumentTooLarge) as err:
        read_bytes(workbook_bytes(status_table()), "a.xlsx")
    assert "单元格数量" in err.value.message


def test_an_empty_workbook_reads_as_an_empty_document() -> None:
    assert read_bytes(workbook_bytes(openpyxl.Workbook()), "empty.xlsx").blocks == ()
