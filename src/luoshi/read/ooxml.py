"""Shared guards for zip-packaged documents (.docx, .xlsx, ODF): refuse zip bombs before any library opens them.

The limits are checked on the central directory, which is also what ``zipfile`` trusts when it
inflates a part: it never yields more than a part's declared size, and a part whose stream inflates
to more than it declares fails its CRC check. So a part whose header lies about its size cannot make
a reader inflate gigabytes, and a part that tells the truth is refused here if it is too big.
"""

from __future__ import annotations

import io
import zipfile

from luoshi.errors import DocumentTooLarge, UnreadableDocument

MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for any large part (real XML parts stay under ~30)
MAX_PARTS = 5000

_BOMB = "文件解压后体积异常大（疑似“压缩炸弹”），已拒绝读取。请确认文件来源，或用 Word/WPS/Excel 另存为新文件后再导入。"


def open_package(data: bytes) -> zipfile.ZipFile:
    """Open ``data`` as a zip archive, or say in Chinese that it is not a whole one."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise UnreadableDocument(
            "文件不完整或已损坏（不是有效的 Office 文档压缩包）。请用原软件重新保存后再导入。"
        ) from exc
    return zf


def check_package(data: bytes) -> zipfile.ZipFile:
    """Open ``data`` as a zip and refuse it if its parts would expand beyond the limits."""
    zf = open_package(data)
    infos = zf.infolist()
    if len(infos) > MAX_PARTS:
        raise DocumentTooLarge("文件内部的部件数量异常多，可能是恶意构造的文件，已拒绝读取。")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise UnreadableDocument("文件已加密（设置了打开密码）。请在 Word/WPS/Excel 中取消密码后另存，再导入。")
        total += info.file_size
        big = info.file_size > 1024 * 1024
        if info.file_size > MAX_PART_BYTES or (big and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise DocumentTooLarge(_BOMB)
    if total > MAX_EXPANDED_BYTES:
        raise DocumentTooLarge("文件解压后体积超过上限，已拒绝读取。请删去其中的图片或拆分文件后再导入。")
    return zf


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of one part; a part that does not inflate to what it declares is a damaged file."""
    try:
        return zf.read(name)
    except KeyError:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise UnreadableDocument(
            f"文件内部的“{name}”已损坏（解压后与记录的大小或校验值不符）。请用原软件重新保存后再导入。"
        ) from exc


ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def guess_package_kind(data: bytes) -> str:
    """Tell a .docx from a .xlsx (or an OpenDocument file) by the parts inside the package."""
    zf = check_package(data)
    names = set(zf.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "[Content_Types].xml" in names:
        # The main part may live elsewhere; the content types name it.
        types = read_part(zf, "[Content_Types].xml")
        if b"wordprocessingml.document.main" in types or b"ms-word.document.macroEnabled" in types:
            return "docx"
        if b"spreadsheetml.sheet.main" in types or b"ms-excel.sheet.macroEnabled" in types:
            return "xlsx"
    if "mimetype" in names:
        kind = ODF_KINDS.get(read_part(zf, "mimetype")[:100].decode("ascii", "replace").strip())
        if kind:
            return kind
    raise UnreadableDocument("这是一个压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件。请导入文档本身。")
