"""The PDF reader: the text layer rejoined into paragraphs; scanned and encrypted PDFs refused clearly."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from luoshi.errors import UnsupportedFormat
from luoshi.model import Paragraph
from luoshi.read import read_bytes
from luoshi.read.pdf import lines_to_paragraphs
from tests.docbuild import to_pdf

WIDE = "地区生产总值增长7%，一般公共预算收入增长5%，固定资产投资增长8%，社会消费品零售总额增长"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A line as wide as the text block continues on the next line.
        ([WIDE, "8%。（区发改委主办）"], [WIDE + "8%。（区发改委主办）"]),
        # A line that ends a sentence ends its paragraph, even if it is wide.
        ([WIDE[:-2] + "。", "下一段"], [WIDE[:-2] + "。", "下一段"]),
        # A numbered item or heading starts a new paragraph.
        ([WIDE, "2.社会消费品零售总额增长8%"], [WIDE, "2.社会消费品零售总额增长8%"]),
        ([WIDE, "（二）推进创新"], [WIDE, "（二）推进创新"]),
        # Short lines (titles, signatures) stand alone; page numbers go.
        (["一、总体要求", "鼓楼区人民政府", "— 7 —", "- 8 -", "第 3 页 共 9 页", "2021年3月1日"],
         ["一、总体要求", "鼓楼区人民政府", "2021年3月1日"]),
        (["GDP growth of the district reached seven percent in the", "first half"],
         ["GDP growth of the district reached seven percent in the first half"]),
    ],
)  # fmt: skip
def test_wrapped_lines_are_rejoined_into_paragraphs(lines: list[str], expected: list[str]) -> None:
    assert lines_to_paragraphs(lines) == expected


def test_a_pdf_with_a_text_layer_reads_as_paragraphs_across_pages() -> None:
    data = to_pdf([["一、总体要求", "1." + WIDE, "8%。（区发改委主办）", "— 1 —"], ["2.社会消费品零售总额增长8%。"]])
    doc = read_bytes(data, "方案.pdf")
    assert doc.source.format == "pdf"
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        "一、总体要求",
        "1." + WIDE + "8%。（区发改委主办）",
        "2.社会消费品零售总额增长8%。",
    ]


def test_a_scanned_pdf_is_refused_with_what_to_do() -> None:
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(to_pdf([[], [], []], image_only=True), "扫描件.pdf")
    assert "OCR" in err.value.message and "Word" in err.value.message


def test_an_encrypted_pdf_is_refused_with_what_to_do() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(to_pdf([["一、总体要求"]]))))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(buf.getvalue(), "加密.pdf")
    assert "加密" in err.value.message
