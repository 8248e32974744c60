"""Readers: bytes of a document in any supported format → one ``Document`` of ordered blocks.

``read_bytes`` is the one entry point; it picks a reader from the bytes themselves (magic numbers)
and the file name, applies the size guards, and raises only ``LuoshiError`` on bad input.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from luoshi.errors import DocumentTooLarge, LuoshiError, UnreadableDocument, UnsupportedFormat
from luoshi.model import Document, Source

MAX_FILE_BYTES = 50 * 1024 * 1024  # what a government office sends is far smaller

FORMATS = ("txt", "docx", "html", "xlsx", "pdf", "doc", "wps")


def sniff_format(data: bytes, filename: str) -> str:
    """Name the format of ``data`` from its first bytes, falling back to the file's extension."""
    ext = Path(filename).suffix.lower().lstrip(".")
    head = data[:512]
    if head.startswith(b"PK\x03\x04"):
        if ext in ("xlsx", "xlsm"):
            return "xlsx"
        if ext == "docx":
            return "docx"
        # An OOXML package named otherwise: look at its parts.
        from luoshi.read.ooxml import guess_package_kind

        return guess_package_kind(data)
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "wps" if ext == "wps" else "doc"
    if ext in ("htm", "html", "shtml", "xhtml"):
        return "html"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in data[:4096].lower():
        return "html"
    if ext in ("docx", "xlsx", "pdf", "doc", "wps"):
        raise UnreadableDocument(
            f"文件扩展名是 .{ext}，但内容不是 {ext.upper()} 文件（可能已损坏或被改名）。请用原软件重新另存后再导入。"
        )
    return "txt"


def read_bytes(data: bytes, filename: str = "document.txt") -> Document:
    """Read a document of any supported format; raise ``LuoshiError`` with a Chinese message if not."""
    if not data:
        raise UnreadableDocument("文件是空的（0 字节）。请检查是否选错了文件，或重新导出后再导入。")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(
            f"文件有 {len(data) / 1024 / 1024:.0f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限。"
            "请拆分文件或删去其中的图片后再导入。"
        )
    fmt = sniff_format(data, filename)
    source = Source(path=filename, sha256=hashlib.sha256(data).hexdigest(), format=fmt)
    try:
        if fmt == "txt":
            from luoshi.read.text import read_text

            return read_text(data, source)
        if fmt == "docx":
            from luoshi.read.docx import read_docx

            return read_docx(data, source)
        if fmt == "html":
            from luoshi.read.html import read_html

            return read_html(data, source)
        if fmt == "xlsx":
            from luoshi.read.xlsx import read_xlsx

            return read_xlsx(data, source)
        if fmt == "pdf":
            from luoshi.read.pdf import read_pdf

            return read_pdf(data, source)
        if fmt in ("doc", "wps"):
            from luoshi.read.legacy import read_legacy

            return read_legacy(data, source)
    except LuoshiError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise DocumentTooLarge(
            "文件结构过于庞大或嵌套过深，无法安全读取。请用 Word/WPS 另存为新文件后再导入。"
        ) from exc
    except Exception as exc:
        raise UnreadableDocument(
            f"无法读取该 {fmt.upper()} 文件（{type(exc).__name__}）：文件可能已损坏或不完整。请用原软件重新保存后再导入。"
        ) from exc
    raise UnsupportedFormat(f"不支持的文件格式：{fmt}。")


def read_path(path: str | Path) -> Document:
    """Read the file at ``path``; a missing or unreadable file is a ``LuoshiError`` too."""
    p = Path(path)
    try:
        if p.is_dir():
            raise UnreadableDocument(f"“{p}”是一个文件夹，不是文件。请指定要读取的文件。")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentTooLarge(
                f"文件有 {size / 1024 / 1024:.0f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限。"
                "请拆分文件或删去其中的图片后再导入。"
            )
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise UnreadableDocument(f"找不到文件“{p}”。请检查路径是否正确。") from exc
    except PermissionError as exc:
        raise UnreadableDocument(f"没有读取文件“{p}”的权限。") from exc
    except OSError as exc:
        raise UnreadableDocument(f"读取文件“{p}”失败：{exc.strerror or exc}。") from exc
    return read_bytes(data, p.name)


__all__ = ["FORMATS", "MAX_FILE_BYTES", "Document", "read_bytes", "read_path", "sniff_format"]
