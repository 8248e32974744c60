"""Readers: bytes of a document in any supported format → one ``Document`` of ordered blocks.

``read_bytes`` is the one entry point; it picks a reader from the bytes themselves (magic numbers)
and the file name, applies the size guards, and raises only ``LuoshiError`` on bad input.
The reader of each format is an entry of ``READERS`` (format → module and function).
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from pathlib import Path

from luoshi.errors import DocumentTooLarge, LuoshiError, UnreadableDocument, UnsupportedFormat
from luoshi.model import Document, Source

MAX_FILE_BYTES = 50 * 1024 * 1024  # what a government office sends is far smaller

# Source.format values. Besides the formats read natively, legacy and foreign ones are converted by
# LibreOffice (see ``legacy.py``): doc, wps, rtf, odt, wordxml → .docx; xls, et, ods → .xlsx.
FORMATS = ("txt", "docx", "html", "xlsx", "pdf", "doc", "wps", "rtf", "odt", "wordxml", "xls", "et", "ods")
_CONVERTED = frozenset(("doc", "wps", "rtf", "odt", "wordxml", "xls", "et", "ods"))

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_EXT = ("htm", "html", "shtml", "xhtml", "jsp", "asp", "aspx", "php")
_WORD_EXT = ("doc", "wps", "dot", "docx", "docm", "dotx")
_SHEET_EXT = ("xls", "et", "xlsx", "xlsm", "xltx")


def _stream(data: bytes, name: str) -> bool:
    """Whether an OLE compound file holds a stream called ``name`` (directory names are UTF-16)."""
    return name.encode("utf-16-le") in data


def _sniff_cfb(data: bytes, ext: str) -> str:
    """Tell the legacy binary formats apart by the streams inside the compound file."""
    if _stream(data, "EncryptedPackage"):
        raise UnsupportedFormat(
            "文件设置了打开密码（已加密），无法读取。请在 Word/WPS/Excel 中取消密码后另存，再导入。"
        )
    if _stream(data, "WordDocument"):
        return "wps" if ext == "wps" else "doc"
    if _stream(data, "Workbook") or _stream(data, "Book"):
        return "et" if ext == "et" else "xls"
    if _stream(data, "PowerPoint Document"):
        raise UnsupportedFormat("这是 PowerPoint 演示文稿，不是可读取的文档。请导入 Word、Excel、PDF 或网页文件。")
    if ext in ("xls", "et", "doc", "wps"):
        return ext  # let LibreOffice, which knows more of these files, try
    raise UnreadableDocument(
        "这是一个旧版 Office 格式的文件，但其中既没有 Word 文档也没有 Excel 表格（可能已损坏）。"
        "请用 Word/WPS/Excel 打开后另存为 .docx 或 .xlsx 再导入。"
    )


def _looks_like_html(head: bytes) -> bool:
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(enc, errors="ignore").encode("ascii", errors="ignore")
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not lowered.startswith(b"<"):
        return False
    return any(tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<head", b"<table", b"<meta"))


def sniff_format(data: bytes, filename: str) -> str:
    """Name the format of ``data`` from its content (magic numbers, parts, markup); the name only breaks ties.

    The content decides because files are often misnamed: a .docx saved as .doc, Word's web page
    saved as .doc, an .html page saved as .htm or .txt, a .doc that is really RTF.
    """
    ext = Path(filename).suffix.lower().lstrip(".")
    head = data[:4096]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        # An OOXML (or OpenDocument) package, whatever its name: its parts say which.
        from luoshi.read.ooxml import guess_package_kind

        return guess_package_kind(data)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_CFB):
        return _sniff_cfb(data, ext)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if re.match(rb"[A-Za-z-]{2,40}:", stripped) and b"mime-version:" in head.lower() and b"multipart/" in head.lower():
        return "mht"  # a single-file web page (Word/WPS "单个文件网页"), whatever its name
    if stripped.startswith(b"<?xml") and b'progid="word.document"' in head.lower():
        return "wordxml"  # Word 2003 XML, often saved as .doc
    if _looks_like_html(head) or (ext in _HTML_EXT and not stripped.startswith(b"%PDF")):
        return "html"
    if ext in ("docx", "xlsx", "pdf", "doc", "wps", "xls", "et", "odt", "ods", "rtf", "mht", "mhtml", *_WORD_EXT):
        raise UnreadableDocument(
            f"文件扩展名是 .{ext}，但内容不是 {ext.upper()} 文件（可能已损坏或被改名）。请用原软件重新另存后再导入。"
        )
    return "txt"


# The reader of each format: (module, function), imported on first use so that reading a .txt never
# loads lxml, pdfminer or openpyxl. A new format is one entry here (and its name in ``FORMATS``).
Reader = Callable[[bytes, Source], Document]
READERS: dict[str, tuple[str, str]] = {
    "txt": ("luoshi.read.text", "read_text"),
    "docx": ("luoshi.read.docx", "read_docx"),
    "html": ("luoshi.read.html", "read_html"),
    "mht": ("luoshi.read.html", "read_mht"),
    "xlsx": ("luoshi.read.xlsx", "read_xlsx"),
    "pdf": ("luoshi.read.pdf", "read_pdf"),
    **dict.fromkeys(_CONVERTED, ("luoshi.read.legacy", "read_legacy")),
}


def reader_for(fmt: str) -> Reader:
    """The function that reads ``fmt`` (a ``sniff_format`` name); ``UnsupportedFormat`` if there is none."""
    try:
        module, name = READERS[fmt]
    except KeyError:
        raise UnsupportedFormat(f"不支持的文件格式：{fmt}。请导入 .docx、.xlsx、.txt、.html 或 .pdf 文件。") from None
    reader: Reader = getattr(importlib.import_module(module), name)
    return reader


def read_bytes(data: bytes, filename: str = "document.txt") -> Document:
    """Read a document of any supported format; raise ``LuoshiError`` with a Chinese message if not."""
    if not data:
        raise UnreadableDocument("文件是空的（0 字节）。请检查是否选错了文件，或重新导出后再导入。")
    if len(data) > MAX_FILE_BYTES:
        raise DocumentTooLarge(
            f"文件有 {len(data) / 1024 / 1024:.0f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限。"
            "请拆分文件或删去其中的图片后再导入。"
        )
    try:
        fmt = sniff_format(data, filename)
        source = Source(path=filename, sha256=hashlib.sha256(data).hexdigest(), format="html" if fmt == "mht" else fmt)
        return reader_for(fmt)(data, source)
    except LuoshiError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise DocumentTooLarge(
            "文件结构过于庞大或嵌套过深，无法安全读取。请用 Word/WPS 另存为新文件后再导入。"
        ) from exc
    except Exception as exc:
        raise UnreadableDocument(
            f"无法读取该文件（{type(exc).__name__}）：文件可能已损坏或不完整。请用原软件重新保存后再导入。"
        ) from exc


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
