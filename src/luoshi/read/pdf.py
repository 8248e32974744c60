"""PDF reader: the text layer (pypdf) → paragraphs; a scanned PDF is refused with what to do instead.

A PDF keeps printed lines, not paragraphs: a paragraph of a Word document becomes several lines,
each as wide as the text block. Lines are joined back into a paragraph while the previous line runs
to (nearly) the full width and does not end a sentence, and the next line does not start a numbered
item or heading. Page numbers ("— 7 —", "第 7 页") are dropped. Tables lose their grid in a PDF;
their cells come out as lines. pypdf caps what any stream may inflate to, so a compressed bomb
inside a PDF fails as a damaged file rather than filling memory.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

from luoshi.errors import DocumentTooLarge, UnreadableDocument, UnsupportedFormat
from luoshi.model import Document, Paragraph, Source

MAX_PAGES = 2000
MIN_BLOCK_WIDTH = 30  # display columns (a Chinese character counts two); an A4 line holds about 56

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
# A line starting like this begins a new item: 一、 （一） 1. 1、 1﹒ (1) ① 第一 附件
_ITEM_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,3}\s*[.．、﹒](?!\d)|"
    r"[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分]|附\s*件)"
)
_SENTENCE_END = tuple("。！？；：!?;:”’」』）)")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and b[0].isascii() and a[-1].isalnum() and b[0].isalnum():
        return a + " " + b
    return a + b


def lines_to_paragraphs(lines: list[str]) -> list[str]:
    """Rejoin a text block's wrapped lines into its paragraphs."""
    lines = [ln.strip() for ln in lines]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    if not lines:
        return []
    widths = sorted(_width(ln) for ln in lines)
    # The text block's width: what most long lines reach (robust to a few over-long ones).
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    # A page of short lines (a title page, a signature block) has no wrapped lines at all.
    full = max(full, MIN_BLOCK_WIDTH)
    paragraphs: list[str] = []
    prev_full = False
    for line in lines:
        if paragraphs and prev_full and not paragraphs[-1].endswith(_SENTENCE_END) and not _ITEM_START.match(line):
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        prev_full = _width(line) >= 0.85 * full
    return paragraphs


def read_pdf(data: bytes, source: Source) -> Document:
    """Read the text layer of a PDF; refuse encrypted and scanned PDFs with a Chinese message."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)  # pypdf warns about every repaired cross-reference on stderr
    try:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        raise FileNotDecryptedError("password")
                except (DependencyError, FileNotDecryptedError, NotImplementedError) as exc:
                    raise UnsupportedFormat(
                        "PDF 文件已加密，无法读取其中的文字。请取消密码保护后另存，或提供原始的 Word 文档。"
                    ) from exc
            pages = reader.pages
            count = len(pages)
        except PdfReadError as exc:
            raise UnreadableDocument("PDF 文件已损坏或不完整。请重新下载或导出后再导入。") from exc
        if count > MAX_PAGES:
            raise DocumentTooLarge(f"PDF 有 {count} 页，超过 {MAX_PAGES} 页的上限。请拆分后再导入。")
        lines: list[str] = []
        for page in pages:
            try:
                text = page.extract_text() or ""
            except PdfReadError as exc:
                raise UnreadableDocument("PDF 文件已损坏，某一页无法读取。请重新导出后再导入。") from exc
            lines.extend(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    finally:
        logger.setLevel(level)
    visible = sum(len(ln.strip()) for ln in lines)
    if visible < 10 * max(count, 1) and visible < 200:
        raise UnsupportedFormat(
            "这个 PDF 没有文字层（可能是扫描件或图片），本系统不做文字识别（OCR）。"
            "请提供原始的 Word/WPS 文档，或先用 OCR 软件转成可复制文字的 PDF/Word 再导入。"
        )
    paragraphs = lines_to_paragraphs(lines)
    return Document(source=source, blocks=tuple(Paragraph(index=i, text=t) for i, t in enumerate(paragraphs)))
