"""Shared guards for OOXML packages (.docx, .xlsx): refuse zip bombs before any library opens them."""

from __future__ import annotations

import io
import zipfile

from luoshi.errors import DocumentTooLarge, UnreadableDocument

MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for any large part
MAX_PARTS = 5000


def check_package(data: bytes) -> zipfile.ZipFile:
    """Open ``data`` as a zip and refuse it if its parts would expand beyond the limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        raise UnreadableDocument(
            "文件不完整或已损坏（不是有效的 Office 文档压缩包）。请用原软件重新保存后再导入。"
        ) from exc
    if len(infos) > MAX_PARTS:
        raise DocumentTooLarge("文件内部的部件数量异常多，可能是恶意构造的文件，已拒绝读取。")
    total = 0
    for info in infos:
        total += info.file_size
        big = info.file_size > 1024 * 1024
        if info.file_size > MAX_PART_BYTES or (big and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise DocumentTooLarge("文件解压后体积异常大（疑似“压缩炸弹”），已拒绝读取。请确认文件来源。")
    if total > MAX_EXPANDED_BYTES:
        raise DocumentTooLarge("文件解压后体积超过上限，已拒绝读取。请删去其中的图片或拆分文件后再导入。")
    return zf


def guess_package_kind(data: bytes) -> str:
    """Tell a .docx from a .xlsx by the parts inside the package."""
    zf = check_package(data)
    names = set(zf.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise UnreadableDocument("这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件。请导入文档本身。")
