"""The Word outputs printed to PDF by LibreOffice: A4 pages, the title and tasks present, footers "— 1 —"."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from pypdf import PdfReader

from luoshi.judge.parts import printed_verdicts
from luoshi.model import Plan
from luoshi.read import read_path
from luoshi.render.exec_table import tables_docx
from luoshi.render.layout import layout_part
from luoshi.render.pdf import convert_many, find_soffice
from luoshi.render.plan_doc import plan_docx
from luoshi.render.summary import summarize, summary_docx
from luoshi.structure import parse_document
from tests.conftest import seed_path

pytestmark = [
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed: no PDF conversion"),
    pytest.mark.slow,
]

A4_PT = (595, 842)


@cache
def seed_plan(prefix: str) -> Plan:
    return parse_document(read_path(seed_path(prefix)))


@cache
def pdfs() -> dict[str, PdfReader]:
    """The execution table (000 attachment 1), the plan (001) and a summary, converted in one LibreOffice run."""
    table = seed_plan("000").parts[0]
    plan = seed_plan("001").parts[0]
    summary = summarize(table, printed_verdicts(table), title="2021年计划执行情况小结")
    names = ("table", "plan", "summary")
    docs = [tables_docx([layout_part(table, label="附件1")]), plan_docx(plan), summary_docx(summary)]
    return {n: PdfReader(io.BytesIO(pdf)) for n, pdf in zip(names, convert_many(docs), strict=True)}


@cache
def _texts(name: str) -> tuple[str, ...]:
    return tuple(page.extract_text() or "" for page in pdfs()[name].pages)


def page_text(reader: PdfReader, n: int) -> str:
    (name,) = [k for k, v in pdfs().items() if v is reader]
    return _texts(name)[n]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def footer_number(text: str) -> int | None:
    m = re.search(r"—\s*(\d+)\s*—", text)
    return int(m.group(1)) if m else None


@pytest.mark.parametrize(("name", "landscape"), [("table", True), ("plan", False), ("summary", False)])
def test_every_page_is_a4_in_its_orientation(name: str, landscape: bool) -> None:
    for page in pdfs()[name].pages:
        size = (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        assert size == (A4_PT[::-1] if landscape else A4_PT)


@pytest.mark.parametrize("name", ["table", "plan", "summary"])
def test_each_page_carries_its_number_between_dashes(name: str) -> None:
    reader = pdfs()[name]
    assert [footer_number(page_text(reader, n)) for n in range(len(reader.pages))] == list(
        range(1, len(reader.pages) + 1)
    )


def test_the_execution_table_pdf_has_the_title_every_row_and_the_header_on_each_page() -> None:
    reader = pdfs()["table"]
    part = seed_plan("000").parts[0]
    # 72 rows of long progress texts cannot fit on few landscape pages, nor need dozens.
    assert 8 <= len(reader.pages) <= 40
    first = flat(page_text(reader, 0))
    assert first.startswith("附件1") and flat(part.title or "") in first
    everything = flat("".join(page_text(reader, n) for n in range(len(reader.pages))))
    # A cell wraps in its column and the text of neighbouring cells interleaves line by line, so look
    # for the start of each target (less than a column's line) and each status.
    assert all(flat(t.text)[:8] in everything for t in part.tasks)
    assert everything.count("部分未达") >= sum(t.status == "部分未达" for t in part.tasks)
    assert all("序号" in page_text(reader, n) and "是否完成" in page_text(reader, n) for n in range(len(reader.pages)))


def test_the_plan_pdf_has_the_title_the_headings_and_the_tasks_with_their_units() -> None:
    reader = pdfs()["plan"]
    part = seed_plan("001").parts[0]
    first = flat(page_text(reader, 0))
    assert first.startswith(flat(part.title or ""))
    assert "一、关于" in first
    everything = flat("".join(page_text(reader, n) for n in range(len(reader.pages))))
    last = part.tasks[-1]
    assert flat(f"{last.number}.{last.text}") in everything
    assert all(flat(u) in everything for t in part.tasks for u in t.lead)
