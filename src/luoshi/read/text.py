"""Plain-text reader: UTF-8 or GB18030/GBK (detected), with the flattened-table layout.

Text exported from Word by government sites renders a table one cell per line, each cell line
starting with a tab, rows separated by a blank line; a line without the tab right after a cell line
continues that cell (the cell's own line break). A ``| a | b |`` line is a row of a pipe table.
Everything else is a paragraph, one per non-empty line; a paragraph right after a blank line is
marked ``AFTER_BLANK`` (a copied web table may print one cell per blank-line paragraph). See
``docs/layouts/txt.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from luoshi.errors import UnreadableDocument
from luoshi.model import Block, Cell, Document, Paragraph, Source, Table

# The style of a paragraph that follows a blank line: where every cell of a copied table is its own
# paragraph, a cell's own line break is a line without a blank line before it.
AFTER_BLANK = "after_blank"
# Artefacts that Word-to-text converters leave in the text, never part of the document's words.
_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as UTF-8 (with or without BOM), GB18030/GBK, or UTF-16 (with or without BOM); refuse noise.

    Each candidate must both decode and read as a document (``check_plausible``): GB18030 decodes
    almost any bytes, and UTF-16 without a BOM decodes any even-length file.
    """
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "gb18030", "utf-16-le", "utf-16-be"]
    refusal: UnreadableDocument | None = None
    for enc in candidates:
        try:
            text = _decode_utf8(data) if enc == "utf-8-sig" else data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        try:
            check_plausible(text, enc)
        except UnreadableDocument as exc:
            if enc == "utf-8-sig" and "\x00" not in text:
                raise  # valid UTF-8 is what the file is: its mojibake must not pass as GB18030
            refusal = refusal or exc
            continue
        return text, ("utf-8" if enc == "utf-8-sig" else enc)
    raise refusal or UnreadableDocument(
        "无法识别文本文件的编码（既不是 UTF-8，也不是 GB18030/GBK）。请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入。"
    )


def _decode_utf8(data: bytes) -> str:
    """UTF-8, forgiving a character cut off at the end or a rare damaged byte (kept as U+FFFD).

    A file cut mid-character, or with a byte or two damaged, is still a UTF-8 file: reading it as
    GB18030 would turn all of it into mojibake.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="replace")
    damaged = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in text[:200000] if ord(ch) > 0x7F)
    if damaged <= max(3, len(text) // 20000) and multibyte >= 4 * damaged:
        return text.rstrip("\ufffd") if damaged == 1 and text.endswith("\ufffd") else text
    raise UnicodeDecodeError("utf-8", data, 0, len(data), "not UTF-8")


_MOJIBAKE = "文件内容是乱码（编码被错误转换过）。请找到原始文件，或用记事本/WPS 以正确的编码打开后另存为 UTF-8 再导入。"


def _common(ch: str) -> bool:
    """ASCII, common Chinese characters, and CJK or full-width punctuation."""
    return ch.isascii() or "\u4e00" <= ch <= "\u9fa5" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def check_plausible(text: str, enc: str) -> None:
    """Refuse text that decoded but is binary noise or mojibake rather than a document."""
    if not text.strip():
        raise UnreadableDocument("文件里没有文字内容。请检查是否选错了文件。")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(3, len(sample) // 100):
        raise UnreadableDocument(
            "文件内容不是文本（含有大量控制字符），可能是二进制文件被改成了 .txt。请导入原始文档。"
        )
    # Noise that happens to decode as GB18030 or UTF-16 is mostly rare ideographs and symbols;
    # a real document is mostly common characters and punctuation.
    if enc not in ("utf-8", "utf-8-sig") and sum(1 for ch in sample if _common(ch)) < 0.85 * len(sample):
        raise UnreadableDocument("文件的编码无法识别，解码后是乱码。请用记事本或 WPS 将文件另存为 UTF-8 编码后再导入。")
    non_ascii = [ch for ch in sample if not ch.isascii()]
    if len(non_ascii) >= 20:
        # Chinese text once decoded as Latin-1/cp1252 and saved again: "é¼“æ¥¼åŒº" for "鼓楼区".
        latin = sum(1 for ch in non_ascii if "\u0080" <= ch <= "\u024f" or "\u2010" <= ch <= "\u203a")
        cjk = sum(1 for ch in non_ascii if "\u4e00" <= ch <= "\u9fff")
        if latin > 0.5 * len(non_ascii) and cjk < 0.1 * len(non_ascii):
            raise UnreadableDocument(_MOJIBAKE)
        # Replacement characters, or GBK's "锟斤拷": bytes lost in an earlier conversion.
        if sample.count("\ufffd") > max(3, len(sample) // 100) or sample.count("锟斤拷") >= 3:
            raise UnreadableDocument(_MOJIBAKE)


def _clean(line: str) -> str:
    return _ARTEFACT.sub("", line).replace("\u00a0", " ").rstrip()


def read_text(data: bytes, source: Source) -> Document:
    """Read a text document into paragraphs and tables."""
    text, encoding = decode_text(data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[Block] = []
    rows: list[list[list[str]]] = []  # the table being built: rows of cells of lines
    row: list[list[str]] = []
    pipe_rows: list[list[str]] = []
    in_row = False  # the previous line was a cell line (or its continuation)
    blank = False  # a blank line came before this one: a copied web table may print one cell per paragraph

    def flush_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
        row = []

    def flush_table() -> None:
        nonlocal rows
        flush_row()
        if rows:
            cells = (["\n".join(part.strip() for part in cell).strip() for cell in r] for r in rows)
            blocks.append(_table(len(blocks), cells))
        rows = []

    def flush_pipes() -> None:
        nonlocal pipe_rows
        if pipe_rows:
            blocks.append(_table(len(blocks), pipe_rows))
        pipe_rows = []

    for raw in lines:
        line = _clean(raw)
        if not line and _ARTEFACT.sub("", raw).startswith("\t"):
            line = "\t"  # an empty cell (Word writes one for each cell merged into the one above)
        if line.startswith("\t"):
            flush_pipes()
            row.append([line[1:]])
            in_row = True
        elif not line.strip():
            flush_row()
            in_row = False
            blank = True
            continue
        elif in_row and row:
            # A line without the tab inside a row continues the last cell.
            row[-1].append(line)
        elif _is_pipe_row(line):
            flush_table()
            pipe_rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        else:
            flush_table()
            flush_pipes()
            blocks.append(Paragraph(index=len(blocks), text=line.strip(), style=AFTER_BLANK if blank else None))
        blank = False
    flush_table()
    flush_pipes()
    return Document(source=source, blocks=tuple(blocks), encoding=encoding)


def _is_pipe_row(line: str) -> bool:
    s = line.strip()
    return s.startswith("|") and s.endswith("|") and s.count("|") >= 3


def _table(index: int, rows_text: Iterable[list[str]]) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for r, cells in enumerate(rows_text):
        rows.append(tuple(Cell(text=t, row=r, col=c) for c, t in enumerate(cells)))
    return Table(index=index, rows=tuple(rows))
