"""Shared guards for zip-packaged documents (.docx, .xlsx, ODF): refuse zip bombs before any library opens them.

Two kinds of bomb. An honest one declares its huge size in the central directory: refused on the
declared sizes and ratios alone. A lying one declares a small size over a stream that inflates to
gigabytes: ``zipfile`` returns only the declared bytes, but ``ZipFile.read`` (what python-docx and
openpyxl call) inflates the whole stream into memory first. So every deflated part is inflated here
once, in bounded chunks, and refused as soon as it yields more than it declares. Only the two
methods OOXML allows (stored, deflated) are accepted: bzip2 and LZMA inflate without a bound.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from luoshi.errors import DocumentTooLarge, UnreadableDocument

MAX_EXPANDED_BYTES = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed for any large part (real XML parts stay under ~30)
MAX_PARTS = 5000
_CHUNK = 1 << 20  # inflate at most this much at a time when checking a part

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


def check_package(data: bytes, *, inflate: bool = True) -> zipfile.ZipFile:
    """Open ``data`` as a zip and refuse it if its parts would expand beyond the limits.

    With ``inflate`` (before a library reads the parts) every deflated part is also inflated once,
    in bounded chunks, to catch parts that lie about their size; without it only the declared
    sizes are checked (enough to look at the list of parts, or at one small part).
    """
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
    if inflate:
        view = memoryview(data)
        for info in infos:
            _check_stream(view, info)
    return zf


def _check_stream(data: memoryview, info: zipfile.ZipInfo) -> None:
    """Inflate one part in bounded chunks; refuse it if it yields more than its declared size."""
    if info.compress_type == zipfile.ZIP_STORED or (info.file_size == 0 and info.compress_size == 0):
        return  # a stored part is read as it lies in the file: never bigger than the file itself
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise UnreadableDocument("文件内部使用了 Office 文档不用的压缩方式，可能是恶意构造的文件，已拒绝读取。")
    off = info.header_offset
    if bytes(data[off : off + 4]) != b"PK\x03\x04":
        raise UnreadableDocument("文件不完整或已损坏（压缩包目录与内容不符）。请用原软件重新保存后再导入。")
    name_len, extra_len = struct.unpack("<HH", data[off + 26 : off + 30])
    start = off + 30 + name_len + extra_len
    pending = data[start : start + info.compress_size]
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        while pending and not inflater.eof:
            produced += len(inflater.decompress(pending, _CHUNK))
            if produced > info.file_size:
                raise DocumentTooLarge(_BOMB)
            pending = memoryview(inflater.unconsumed_tail)
    except zlib.error as exc:
        raise UnreadableDocument(f"文件内部的“{info.filename}”已损坏，无法解压。请用原软件重新保存后再导入。") from exc


def read_part(zf: zipfile.ZipFile, name: str) -> bytes:
    """The bytes of one part, inflated in bounded chunks (``ZipFile.read`` inflates a lying part whole).

    A part that does not inflate to what it declares is a damaged file.
    """
    try:
        chunks = []
        with zf.open(name) as fp:
            while chunk := fp.read(_CHUNK):
                chunks.append(chunk)
        return b"".join(chunks)
    except KeyError:
        raise
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, zlib.error) as exc:
        raise UnreadableDocument(
            f"文件内部的“{name}”已损坏（解压后与记录的大小或校验值不符）。请用原软件重新保存后再导入。"
        ) from exc


ODF_KINDS = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def guess_package_kind(data: bytes) -> str:
    """Tell a .docx from a .xlsx (or an OpenDocument file) by the parts inside the package."""
    zf = check_package(data, inflate=False)
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
