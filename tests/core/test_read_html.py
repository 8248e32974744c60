"""The HTML reader: charsets, the page's chrome dropped, paragraphs, headings, list numbers and tables."""

from __future__ import annotations

import codecs
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import pytest

from luoshi.model import Document, Paragraph, Table
from luoshi.read import read_bytes, read_path
from luoshi.read.html import clean_inline
from tests.conftest import FIXTURES

BODY = "<p>鼓楼区人民政府关于印发方案的通知</p>"


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def page(body: str, head: str = "<meta charset='utf-8'>") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (f"<html><head><meta charset='gbk'></head><body>{BODY}</body></html>".encode("gbk"), "gb18030"),
        (
            f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
            f"<body>{BODY}</body></html>".encode("gb2312"),
            "gb18030",
        ),
        (f"<html><body>{BODY}</body></html>".encode("gb18030"), "gb18030"),  # undeclared: UTF-8 fails
        (f"<html><body>{BODY}</body></html>".encode(), "utf-8"),
        (codecs.BOM_UTF8 + f"<html><head><meta charset='gbk'></head><body>{BODY}</body></html>".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + f"<html><body>{BODY}</body></html>".encode("utf-16-le"), "utf-16-le"),
        (f"<?xml version='1.0' encoding='gbk'?><html><body>{BODY}</body></html>".encode("gbk"), "gb18030"),
        # A page that declares UTF-8 but was saved as GBK is still read.
        (f"<html><head><meta charset='utf-8'></head><body>{BODY}</body></html>".encode("gbk"), "gb18030"),
    ],
)
def test_the_charset_comes_from_bom_meta_or_fallback(data: bytes, encoding: str) -> None:
    doc = read_bytes(data, "page.html")
    assert doc.encoding == encoding
    assert texts(doc) == ["鼓楼区人民政府关于印发方案的通知"]


def test_scripts_styles_navigation_and_footer_are_dropped() -> None:
    body = (
        "<script>document.write('统计代码')</script><style>p{}</style>"
        "<div class='header'><ul class='main-nav'><li><a href='/'>首页</a></li><li><a>政务公开</a></li></ul></div>"
        "<div class='crumbs'>当前位置：<a>首页</a> &gt; <a>通知公告</a></div>"
        "<nav><a>上一篇</a></nav>"
        "<div class='content'><h1>通知</h1><p>正文第一段。</p></div>"
        "<div><a>链接一</a><a>链接二</a><a>链接三</a><a>链接四</a><a>链接五</a></div>"
        "<footer>版权所有 主办单位：区政府办公室</footer><noscript>请启用脚本</noscript>"
    )
    assert texts(read_bytes(page(body), "a.html")) == ["通知", "正文第一段。"]


def test_an_article_header_is_content_but_the_page_header_is_not() -> None:
    body = "<header>网站名称</header><article><header><h1>关于印发方案的通知</h1></header><p>正文</p></article>"
    assert texts(read_bytes(page(body), "a.html")) == ["关于印发方案的通知", "正文"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("关于印发\n  方案的通知", "关于印发方案的通知"),  # a source line break between Chinese characters vanishes
        ("GDP  growth\n rate", "GDP growth rate"),
        ("增长\u00a0\u00a07%", "增长  7%"),  # &nbsp; is kept as spaces
        ("  \t前后空白\n ", "前后空白"),
        ("5G\n网络", "5G 网络"),
    ],
)
def test_inline_whitespace_collapses_as_a_browser_shows_it(raw: str, expected: str) -> None:
    assert clean_inline(raw) == expected


def test_br_starts_a_new_paragraph_and_headings_keep_their_level() -> None:
    body = "<h2>一、总体要求</h2><p>第一行<br>第二行</p><h3>（一）目标</h3><div>块内文字<span>续</span></div>"
    doc = read_bytes(page(body), "a.html")
    got = [(b.text, b.heading_level) for b in doc.blocks if isinstance(b, Paragraph)]
    assert got == [("一、总体要求", 2), ("第一行", None), ("第二行", None), ("（一）目标", 3), ("块内文字续", None)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<ol><li>甲</li><li>乙</li></ol>", ["1.", "2."]),
        ("<ol start='11'><li>甲</li><li>乙</li></ol>", ["11.", "12."]),
        ("<ol type='a'><li>甲</li><li>乙</li></ol>", ["a.", "b."]),
        ("<ol type='I'><li>甲</li><li value='4'>乙</li><li>丙</li></ol>", ["I.", "IV.", "V."]),
        ("<ul><li>甲</li></ul>", ["•"]),
        # Word's "save as web page" prints list numbers in a span of their own.
        (
            "<p class=MsoListParagraph><span style='mso-list:Ignore'>3.<span>&nbsp;&nbsp;</span></span>甲</p>",
            ["3."],
        ),
    ],
)
def test_list_items_carry_the_number_the_browser_shows(body: str, expected: list[str]) -> None:
    doc = read_bytes(page(body), "a.html")
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [b.list_label for b in paras] == expected
    assert paras[0].text == "甲"


def test_a_data_table_keeps_its_grid_merged_cells_once_and_line_breaks() -> None:
    body = (
        "<table><caption>附件1</caption><thead><tr><th>序号</th><th>目标内容</th><th>责任单位</th></tr></thead>"
        "<tbody><tr><td colspan='3'>一、主要指标</td></tr>"
        "<tr><td rowspan='2'>1</td><td>地区生产总值增长7%</td><td>地方金融<br>监管局</td></tr>"
        "<tr><td><p>增长</p><p>8%</p></td><td>发改委</td></tr></tbody></table>"
    )
    doc = read_bytes(page(body), "a.html")
    assert texts(doc) == ["附件1"]
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    got = [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert got == [
        [("序号", 0, 0, 1, 1), ("目标内容", 0, 1, 1, 1), ("责任单位", 0, 2, 1, 1)],
        [("一、主要指标", 1, 0, 1, 3)],
        [("1", 2, 0, 2, 1), ("地区生产总值增长7%", 2, 1, 1, 1), ("地方金融\n监管局", 2, 2, 1, 1)],
        [("增长\n8%", 3, 1, 1, 1), ("发改委", 3, 2, 1, 1)],
    ]


def test_a_layout_table_is_read_as_the_flow_of_its_cells() -> None:
    body = (
        "<table width='100%'><tr><td><p>关于印发方案的通知</p>"
        "<table border=1><tr><td>序号</td><td>单位</td></tr><tr><td>1</td><td>发改委</td></tr></table>"
        "</td></tr></table><table><tr><td>只有一行</td><td>的表格</td></tr></table>"
    )
    doc = read_bytes(page(body), "a.html")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph", "paragraph"]
    assert texts(doc) == ["关于印发方案的通知", "只有一行", "的表格"]


def test_huge_spans_are_clamped_to_the_table() -> None:
    body = "<table><tr><td rowspan='65534' colspan='99999'>甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>"
    (table,) = read_bytes(page(body), "a.html").blocks
    assert isinstance(table, Table)
    assert table.rows[0][0].rowspan == 2 and table.rows[0][0].colspan == 1000


def test_a_single_file_web_page_is_read_from_its_html_part() -> None:
    msg = MIMEMultipart("related")
    msg.attach(MIMEText(f"<html><body>{BODY}</body></html>", "html", "gb2312"))
    doc = read_bytes(msg.as_bytes(), "通知.mht")
    assert doc.source.format == "html"
    assert texts(doc) == ["鼓楼区人民政府关于印发方案的通知"]


def test_a_real_government_page_reads_as_its_paragraphs() -> None:
    doc = read_path(FIXTURES / "foreign" / "guangzhou-2012-talent.html")
    lines = texts(doc)
    assert lines[0].startswith("为深入贯彻科学发展观")
    assert "一、总体目标" in lines
    assert all(not t.startswith(("\u3000", " ")) for t in lines)
