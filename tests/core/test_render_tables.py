"""The execution and project tables as .docx/.xlsx: the office's columns, GB/T 9704 page, and a lossless round trip."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import pytest
from lxml import etree
from openpyxl import load_workbook

from luoshi.model import Part, Plan, Task
from luoshi.read import read_bytes, read_path
from luoshi.render import gbt9704 as gb
from luoshi.render.exec_table import tables_docx
from luoshi.render.layout import STAR_NOTE, SectionRow, layout_part, layouts_for
from luoshi.render.xlsx import tables_xlsx
from luoshi.structure import parse_document
from tests.conftest import seed_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


def xml_part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def task(number: str | None, text: str, **kw: object) -> Task:
    return Task(number=number, text=text, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "tasks", "headers"),
    [
        (
            "status_table",
            (task("1", "地区生产总值增长7%", lead=("发改委",), progress="增长9.4%", status="是"),),
            ["序号", "目标内容", "责任单位", "进展情况", "是否完成"],
        ),
        (
            "status_table",
            (task("1", "主城小微堵点改造完成", progress="已完成", status="是"),),
            ["序号", "目标内容", "进展情况", "是否完成"],
        ),
        (
            "project_table",
            (task("1", "南邮科创中心", target="主体结构完成。"),),
            ["序号", "项目名称", "全年目标", "完成情况", "是否完成"],
        ),
        (
            "development_plan",
            (task("1", "地区生产总值增长7%左右", lead=("发改委",)),),
            ["序号", "目标任务", "责任单位"],
        ),
        (
            "decomposition",
            (task("1", "推进知识产权强省", lead=("区市场监管局",)),),
            ["序号", "目标任务", "主办单位", "协办单位"],
        ),
    ],
)
def test_each_kind_of_table_keeps_the_offices_columns(kind: str, tasks: tuple[Task, ...], headers: list[str]) -> None:
    layout = layout_part(Part(title="表", kind=kind, tasks=tasks))  # type: ignore[arg-type]
    assert [c.header for c in layout.columns] == headers


def test_section_and_subsection_rows_come_before_their_first_task_only() -> None:
    tasks = (
        task("1", "甲", section="一、主要指标"),
        task("2", "乙", section="一、主要指标"),
        task("3", "丙", section="二、重点工作任务", subsection="（一）创新"),
        task(None, "丙续", section="二、重点工作任务", subsection="（一）创新"),
        task("4", "丁", section="二、重点工作任务", subsection="（二）产业"),
    )
    rows = layout_part(Part(title="表", kind="status_table", tasks=tasks)).rows
    shape = [r.text if isinstance(r, SectionRow) else r[0] for r in rows]
    assert shape == ["一、主要指标", "1", "2", "二、重点工作任务", "（一）创新", "3", "", "（二）产业", "4"]


def test_a_city_major_project_gets_its_star_and_the_table_its_note() -> None:
    part = Part(
        title="项目表",
        kind="project_table",
        tasks=(task("1", "南邮科创中心", flags=("city_major",)), task("2", "金陵村72号地块")),
    )
    layout = layout_part(part)
    assert [r[1] for r in layout.rows if not isinstance(r, SectionRow)] == ["南邮科创中心★", "金陵村72号地块"]
    assert layout.note == STAR_NOTE
    assert layout_part(Part(title="项目表", kind="project_table", tasks=(task("1", "甲"),))).note is None


def test_given_statuses_and_progress_replace_the_printed_ones() -> None:
    part = Part(title="表", kind="status_table", tasks=(task("1", "甲", progress="旧", status="是"), task("2", "乙")))
    rows = layout_part(part, statuses={0: "部分未达"}, progress={1: "新进展"}).rows
    assert rows[0][-2:] == ("旧", "部分未达")  # type: ignore[index]
    assert rows[1][-2:] == ("新进展", "")  # type: ignore[index]


def test_several_units_are_joined_so_the_parser_splits_them_again() -> None:
    part = Part(title="表", kind="status_table", tasks=(task("1", "甲", lead=("行政审批局", "市场监管局")),))
    assert layout_part(part).rows[0][2] == "行政审批局、市场监管局"  # type: ignore[index]


def test_the_word_table_is_a4_landscape_with_the_standards_margins() -> None:
    data = tables_docx([layout_part(seed_plan("000").parts[0])])
    body = xml_part(data, "word/document.xml")
    pg = body.find(f".//{W}sectPr/{W}pgSz")
    mar = body.find(f".//{W}sectPr/{W}pgMar")
    assert pg is not None and mar is not None
    assert (int(pg.get(f"{W}w") or 0), int(pg.get(f"{W}h") or 0)) == (gb.twips(297), gb.twips(210))
    # The portrait 版心 (156 × 225 mm) turned on its side.
    assert int(mar.get(f"{W}left") or 0) == gb.twips(37) and int(mar.get(f"{W}top") or 0) == gb.twips(28)
    assert 297 - 37 - 35 == 225 and int(mar.get(f"{W}right") or 0) == gb.twips(35)


def test_the_plan_document_is_a4_portrait_with_the_standards_margins() -> None:
    from luoshi.render.plan_doc import plan_docx

    body = xml_part(plan_docx(seed_plan("001").parts[0]), "word/document.xml")
    pg, mar = body.find(f".//{W}sectPr/{W}pgSz"), body.find(f".//{W}sectPr/{W}pgMar")
    assert pg is not None and mar is not None
    assert (int(pg.get(f"{W}w") or 0), int(pg.get(f"{W}h") or 0)) == (gb.twips(210), gb.twips(297))
    margins = {k: int(mar.get(f"{W}{k}") or 0) for k in ("top", "bottom", "left", "right")}
    assert margins == {"top": gb.twips(37), "bottom": gb.twips(35), "left": gb.twips(28), "right": gb.twips(26)}


@pytest.mark.parametrize(
    ("style", "font", "half_points"),
    [
        ("GwBody", "仿宋_GB2312", 32),
        ("GwTitle", "方正小标宋简体", 44),
        ("Heading1", "黑体", 32),
        ("Heading2", "楷体_GB2312", 32),
        ("GwTableHead", "黑体", 24),
        ("GwTableText", "仿宋_GB2312", 24),
        ("GwPageNumber", "宋体", 28),
    ],
)
def test_styles_name_the_east_asian_font_of_the_standard(style: str, font: str, half_points: int) -> None:
    styles = xml_part(tables_docx([layout_part(seed_plan("000").parts[1])]), "word/styles.xml")
    (element,) = [s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == style]
    fonts = element.find(f"{W}rPr/{W}rFonts")
    size = element.find(f"{W}rPr/{W}sz")
    assert fonts is not None and fonts.get(f"{W}eastAsia") == font
    assert size is not None and int(size.get(f"{W}val") or 0) == half_points


def test_the_footers_number_pages_with_dashes_odd_right_even_left() -> None:
    data = tables_docx([layout_part(seed_plan("000").parts[0])])
    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/footer")]
    aligned = {}
    for name in names:
        footer = xml_part(data, name)
        text = "".join(t.text or "" for t in footer.iter(f"{W}t", f"{W}instrText"))
        assert text.replace(" ", "").startswith("—PAGE") and text.replace(" ", "").endswith("—")
        jc = footer.find(f".//{W}jc")
        assert jc is not None
        aligned[jc.get(f"{W}val")] = True
    assert set(aligned) == {"left", "right"}
    settings = xml_part(data, "word/settings.xml")
    assert settings.find(f"{W}evenAndOddHeaders") is not None


def test_the_header_row_repeats_and_section_rows_span_the_table() -> None:
    body = xml_part(tables_docx([layout_part(seed_plan("000").parts[0])]), "word/document.xml")
    (table,) = body.iter(f"{W}tbl")
    rows = table.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}tblHeader") is None for r in rows[1:])
    spans = [r.find(f"{W}tc/{W}tcPr/{W}gridSpan") for r in rows]
    section_rows = [s for s in spans if s is not None]
    assert section_rows and all(s.get(f"{W}val") == "5" for s in section_rows)


def test_text_that_xml_cannot_hold_is_escaped_or_dropped() -> None:
    part = Part(
        title="A&B<表>", kind="status_table", tasks=(task("1", "x<y & z>w\x01\x0b", progress="p\tq", status="是"),)
    )
    for fmt, render in (("docx", tables_docx), ("xlsx", tables_xlsx)):
        doc = read_bytes(render([layout_part(part)]), f"t.{fmt}")
        texts = [c.text for b in doc.blocks if b.kind == "table" for r in b.rows for c in r]  # type: ignore[union-attr]
        assert "x<y & z>w" in texts, fmt


def test_the_excel_table_prints_on_a4_with_the_header_repeated_and_page_numbers() -> None:
    data = tables_xlsx(layouts_for(seed_plan("000").parts))
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["附件1", "附件2", "附件3", "附件4"]
    ws = wb["附件1"]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$2:$2"
    assert ws["A2"].value == "序号" and ws["A2"].font.name == "黑体"
    assert ws["A1"].value == seed_plan("000").parts[0].title and ws["A1"].font.name == "方正小标宋简体"
    assert ws["B4"].font.name == "仿宋_GB2312"
    assert "&P" in (ws.oddFooter.right.text or "") and "—" in (ws.oddFooter.right.text or "")
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:E1" in merged and "A3:E3" in merged  # the title and the first section row
    assert wb["附件2"].cell(wb["附件2"].max_row, 1).value == STAR_NOTE


FIELDS = ("number", "text", "lead", "co", "status", "progress", "target", "flags", "section", "subsection")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_seed_000_rendered_and_parsed_again_gives_the_same_rows(fmt: str) -> None:
    plan = seed_plan("000")
    render = tables_docx if fmt == "docx" else tables_xlsx
    again = parse_document(read_bytes(render(layouts_for(plan.parts)), f"执行情况表.{fmt}"))
    assert [(p.kind, p.title, len(p.tasks)) for p in again.parts] == [
        (p.kind, p.title, len(p.tasks)) for p in plan.parts
    ]
    for before, after in zip(plan.parts, again.parts, strict=True):
        for a, b in zip(before.tasks, after.tasks, strict=True):
            assert [getattr(b, f) for f in FIELDS] == [getattr(a, f) for f in FIELDS]


@pytest.mark.parametrize(
    ("title", "landscape", "lines"),
    [
        ("短标题", False, ["短标题"]),
        ("2021年区政府主要工作目标任务分解落实方案", False, ["2021年区政府主要工作", "目标任务分解落实方案"]),
        ("2021年区政府主要工作目标任务分解落实方案", True, ["2021年区政府主要工作目标任务分解落实方案"]),
        (
            "南京市玄武区人民政府关于印发《2023年区政府主要工作目标任务分解落实方案》的通知",
            True,
            ["南京市玄武区人民政府关于印发《2023年", "区政府主要工作目标任务分解落实方案》的通知"],
        ),
        ("第一行\n第二行", False, ["第一行", "第二行"]),
    ],
)
def test_a_long_title_is_broken_into_balanced_lines(title: str, landscape: bool, lines: list[str]) -> None:
    assert gb.title_lines(title, landscape=landscape).split("\n") == lines
