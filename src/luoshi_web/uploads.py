"""Accept an uploaded file only within the size and type limits, then hand its bytes to the core's readers."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from luoshi import LuoshiError


class UploadRejected(LuoshiError):
    """The upload is missing, too large, or of a type luoshi does not read."""


def safe_name(name: str) -> str:
    """The file's base name only (no directories), trimmed to a length any file system accepts."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "upload"
    stem, dot, ext = base.rpartition(".")
    return (stem[:100] + dot + ext[:10]) if dot else base[:110]


def read_upload(upload: UploadedFile | None) -> tuple[bytes, str]:
    """The upload's bytes and safe name, or ``UploadRejected`` with a Chinese message."""
    if upload is None:
        raise UploadRejected("请选择要上传的文件。")
    name = safe_name(upload.name or "")
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in settings.UPLOAD_EXTENSIONS:
        allowed = "、".join(f".{e}" for e in settings.UPLOAD_EXTENSIONS)
        raise UploadRejected(f"不支持 .{ext or '（无扩展名）'} 文件。请上传 {allowed} 格式的文件。")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRejected(
            f"文件有 {upload.size / 1024 / 1024:.1f} MB，超过 {limit // 1024 // 1024} MB 的上限。请删去图片或拆分后再上传。"
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(f"文件超过 {limit // 1024 // 1024} MB 的上限。请删去图片或拆分后再上传。")
    if not data:
        raise UploadRejected("文件是空的（0 字节）。请检查是否选错了文件。")
    return data, name
