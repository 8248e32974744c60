"""The .docx reader: document order, merged cells once with spans, line breaks, styles and Word's list labels."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from luoshi.model import Paragraph, Table
from luoshi.read import read_bytes
from luoshi.read.numbering import chinese_counting, format_number

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(body: str, numbering: str = "") -> bytes:
    """A .docx whose body is the given WordprocessingML (and whose numbering part holds ``numbering``)."""
    out = docx.Document()
    el = out.element.body
    for child in list(el)[:-1]:  # keep the section properties
        el.remove(child)
    sect = el[-1]
    for child in parse_xml(f"<w:body {W_NS}>{body}</w:body>"):
        sect.addprevious(child)
    if numbering:
        part = out.part.numbering_part.element
        for child in list(part):
            part.remove(child)
        for child in parse_xml(f"<w:numbering {W_NS}>{numbering}</w:numbering>"):
            part.append(child)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def p(text: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def abstract(aid: int, *levels: tuple[str, str, int]) -> str:
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text, start) in enumerate(levels)
    )
    return f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>'


def num_def(num_id: int, aid: int, start_override: int | None = None) -> str:
    ov = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override is not None
        else ""
    )
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>'


def paragraphs(data: bytes) -> list[Paragraph]:
    return [b for b in read_bytes(data, "t.docx").blocks if isinstance(b, Paragraph)]


def labels(data: bytes) -> list[str | None]:
    return [b.list_label for b in paragraphs(data)]


# --------------------------------------------------------------------------- order, text, tables


def test_paragraphs_and_tables_come_in_document_order() -> None:
    d = docx.Document()
    d.add_paragraph("附件1")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "序号", "目标内容"
    d.add_paragraph("备注")
    buf = io.BytesIO()
    d.save(buf)
    doc = read_bytes(buf.getvalue(), "a.docx")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    assert [b.index for b in doc.blocks] == [0, 1, 2]
    assert doc.source.format == "docx"


def test_merged_cells_come_once_with_their_spans() -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "一、主要指标"
    t.cell(1, 0).merge(t.cell(2, 1)).text = "合并块"
    t.cell(1, 2).text, t.cell(2, 2).text = "甲", "乙"
    buf = io.BytesIO()
    d.save(buf)
    (table,) = [b for b in read_bytes(buf.getvalue(), "a.docx").blocks if isinstance(b, Table)]
    got = [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert got == [
        [("一、主要指标", 0, 0, 1, 3)],
        [("合并块", 1, 0, 2, 2), ("甲", 1, 2, 1, 1)],
        [("乙", 2, 2, 1, 1)],
    ]
    assert table.width == 3


def test_a_cell_keeps_its_line_breaks_and_paragraphs() -> None:
    data = make_docx(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>地方金融</w:t><w:br/><w:t>监管局</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>行政审批局</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    (table,) = read_bytes(data, "a.docx").blocks
    assert isinstance(table, Table)
    assert table.rows[0][0].text == "地方金融\n监管局\n行政审批局"


def test_grid_before_and_legacy_vertical_merge_keep_columns_aligned() -> None:
    data = make_docx(
        "<w:tbl>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr>"
        + p("1")
        + "</w:tc><w:tc>"
        + p("a")
        + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>" + p("b") + "</w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr><w:tc>" + p("c") + "</w:tc></w:tr>"
        "</w:tbl>"
    )
    (table,) = read_bytes(data, "a.docx").blocks
    assert isinstance(table, Table)
    got = [[(c.text, c.row, c.col, c.rowspan) for c in row] for row in table.rows]
    assert got == [[("1", 0, 0, 2), ("a", 0, 1, 1)], [("b", 1, 1, 1)], [("c", 2, 1, 1)]]


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ("<w:r><w:t>增长</w:t></w:r><w:ins><w:r><w:t>7%</w:t></w:r></w:ins>", "增长7%"),
        ("<w:r><w:t>增长</w:t></w:r><w:del><w:r><w:delText>8%</w:delText></w:r></w:del><w:r><w:t>7%</w:t></w:r>", "增长7%"),
        ("<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r>", "可见"),
        ("<w:hyperlink><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>", "链接文字"),
        ("<w:sdt><w:sdtContent><w:r><w:t>控件内</w:t></w:r></w:sdtContent></w:sdt>", "控件内"),
        ("<w:r><w:t>甲</w:t><w:br w:type='page'/><w:t>乙</w:t></w:r>", "甲乙"),
        ("<w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r>", "甲\n乙"),
        ("<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>7</w:t></w:r>"
         "<w:r><w:fldChar w:fldCharType='end'/></w:r>", "7"),
    ],
)  # fmt: skip
def test_paragraph_text_is_what_word_prints(runs: str, expected: str) -> None:
    (para,) = paragraphs(make_docx(f"<w:p>{runs}</w:p>"))
    assert para.text == expected


def test_content_controls_around_blocks_are_read_through() -> None:
    data = make_docx("<w:sdt><w:sdtContent>" + p("控件中的段落") + "</w:sdtContent></w:sdt>" + p("之后"))
    assert [b.text for b in paragraphs(data)] == ["控件中的段落", "之后"]


def test_empty_paragraphs_are_not_blocks() -> None:
    data = make_docx(p("甲") + "<w:p/>" + p("　　") + p("乙"))
    assert [(b.index, b.text) for b in paragraphs(data)] == [(0, "甲"), (1, "乙")]


# --------------------------------------------------------------------------- styles and headings


def test_heading_levels_come_from_style_names_and_outline_levels() -> None:
    d = docx.Document()
    d.add_heading("一、总体要求", 1)
    d.add_heading("（一）主要目标", 2)
    styles = d.styles
    custom = styles.add_style("标题 3", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("1.小标题", style=custom)
    para = d.add_paragraph("大纲级别段落")
    para._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W_NS} w:val="3"/>'))
    d.add_paragraph("正文")
    buf = io.BytesIO()
    d.save(buf)
    got = [(b.text, b.heading_level) for b in paragraphs(buf.getvalue())]
    assert got == [("一、总体要求", 1), ("（一）主要目标", 2), ("1.小标题", 3), ("大纲级别段落", 4), ("正文", None)]
    assert paragraphs(buf.getvalue())[0].style == "Heading 1"


# --------------------------------------------------------------------------- list labels


@pytest.mark.parametrize(
    ("fmt", "text", "start", "expected"),
    [
        ("decimal", "%1.", 1, ["1.", "2.", "3."]),
        ("decimal", "%1﹒", 11, ["11﹒", "12﹒", "13﹒"]),
        ("decimal", "%1、", 1, ["1、", "2、", "3、"]),
        ("chineseCounting", "%1、", 1, ["一、", "二、", "三、"]),
        ("chineseCounting", "（%1）", 9, ["（九）", "（十）", "（十一）"]),
        ("chineseCountingThousand", "第%1部分", 1, ["第一部分", "第二部分", "第三部分"]),
        ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
        ("decimalEnclosedCircle", "%1", 1, ["①", "②", "③"]),
        ("decimal", "(%1)", 1, ["(1)", "(2)", "(3)"]),
        ("upperRoman", "%1.", 1, ["I.", "II.", "III."]),
        ("lowerLetter", "%1)", 1, ["a)", "b)", "c)"]),
        ("bullet", "\uf0b7", 1, ["•", "•", "•"]),
    ],
)
def test_word_list_labels_are_rendered_from_numbering_xml(fmt: str, text: str, start: int, expected: list[str]) -> None:
    data = make_docx(
        p("甲", num(1)) + p("乙", num(1)) + p("丙", num(1)), abstract(0, (fmt, text, start)) + num_def(1, 0)
    )
    assert labels(data) == expected
    assert [b.text for b in paragraphs(data)] == ["甲", "乙", "丙"]


def test_lower_levels_restart_under_each_higher_item() -> None:
    numbering = abstract(
        0, ("chineseCounting", "%1、", 1), ("decimal", "%2.", 1), ("decimal", "%1.%2.%3", 1)
    ) + num_def(1, 0)
    body = "".join(p(t, num(1, lvl)) for t, lvl in [("a", 0), ("b", 1), ("c", 1), ("d", 2), ("e", 0), ("f", 1)])
    assert labels(make_docx(body, numbering)) == ["一、", "1.", "2.", "一.2.1", "二、", "1."]


def test_lists_sharing_a_definition_continue_unless_restarted() -> None:
    numbering = abstract(0, ("decimal", "%1.", 1)) + num_def(1, 0) + num_def(2, 0) + num_def(3, 0, start_override=1)
    body = p("a", num(1)) + p("b", num(1)) + p("正文") + p("c", num(2)) + p("d", num(3)) + p("e", num(3))
    assert labels(make_docx(body, numbering)) == ["1.", "2.", None, "3.", "1.", "2."]


def test_numbering_id_zero_removes_a_label_and_unknown_lists_are_ignored() -> None:
    numbering = abstract(0, ("decimal", "%1.", 1)) + num_def(1, 0)
    body = p("a", num(1)) + p("b", num(0)) + p("c", num(9)) + p("d", num(1))
    assert labels(make_docx(body, numbering)) == ["1.", None, None, "2."]


def test_a_space_suffix_is_part_of_the_printed_label() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:suff w:val="space"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>' + num_def(1, 0)
    )
    assert labels(make_docx(p("关于完善创新生态", num(1)), numbering)) == ["1、 "]


def test_numbering_through_a_paragraph_style() -> None:
    d = docx.Document()
    for text in ("聚焦原始创新", "重视科技转化"):
        d.add_paragraph(text, style="List Number")
    buf = io.BytesIO()
    d.save(buf)
    assert labels(buf.getvalue()) == ["1.", "2."]


def test_numbered_cells_get_their_label_in_front_of_the_text() -> None:
    numbering = abstract(0, ("decimal", "%1", 1)) + num_def(1, 0)
    row = "<w:tr><w:tc>" + "<w:p><w:pPr>" + num(1) + "</w:pPr></w:p>" + "</w:tc><w:tc>" + p("{}") + "</w:tc></w:tr>"
    body = "<w:tbl>" + row.format("地区生产总值") + row.format("一般公共预算收入") + "</w:tbl>"
    (table,) = read_bytes(make_docx(body, numbering), "a.docx").blocks
    assert isinstance(table, Table)
    assert [[c.text for c in r] for r in table.rows] == [["1", "地区生产总值"], ["2", "一般公共预算收入"]]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCounting", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (110, "chineseCounting", "一百一十"),
        (12, "chineseLegalSimplified", "拾贰"),
        (2023, "ideographDigital", "二〇二三"),
        (11, "ideographTraditional", "甲"),
        (14, "upperRoman", "XIV"),
        (27, "upperLetter", "AA"),
        (5, "decimalZero", "05"),
        (3, "decimalFullWidth", "３"),
        (2, "decimalEnclosedParen", "⑵"),
        (7, "someFutureFormat", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_chinese_counting_of_a_thousand_and_more() -> None:
    assert chinese_counting(1001) == "一千零一"


# --------------------------------------------------------------------------- packages


def test_a_macro_enabled_document_reads_like_a_docx() -> None:
    data = make_docx(p("宏文档"))
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                raw = raw.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(info, raw)
    assert [b.text for b in paragraphs(buf.getvalue())] == ["宏文档"]
