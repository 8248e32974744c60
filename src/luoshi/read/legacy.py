"""Legacy and foreign formats (.doc, .wps, .rtf, .odt; .xls, .et, .ods) through LibreOffice headless.

LibreOffice converts the file to .docx (or .xlsx) in a private temporary directory, with its own
throw-away user profile (so it neither clashes with a running LibreOffice nor leaves state behind)
and a time limit (the whole process group is killed when it runs over); the result is then read
like any .docx or .xlsx. Without LibreOffice the user is told how to convert the file themselves.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from luoshi.errors import UnreadableDocument, UnsupportedFormat
from luoshi.model import Document, Source

TIMEOUT_SECONDS = float(os.environ.get("LUOSHI_CONVERT_TIMEOUT", "90"))

# What each format converts to, and the suffix LibreOffice should see on the input.
TARGETS = {
    "doc": ("docx", "doc"),
    "wps": ("docx", "wps"),
    "rtf": ("docx", "rtf"),
    "odt": ("docx", "odt"),
    "wordxml": ("docx", "xml"),
    "xls": ("xlsx", "xls"),
    "et": ("xlsx", "et"),
    "ods": ("xlsx", "ods"),
}
_NAMES = {"docx": "Word（.docx）", "xlsx": "Excel（.xlsx）"}


def soffice_path() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """Convert ``data`` (a file ending in ``suffix``) to ``target`` ("docx" or "xlsx") with LibreOffice."""
    soffice = soffice_path()
    if soffice is None:
        raise UnsupportedFormat(
            f"读取 .{suffix} 文件需要 LibreOffice，但本机未安装。"
            f"请用 Word 或 WPS 打开该文件，“另存为”{_NAMES[target]}格式后再导入。"
        )
    with tempfile.TemporaryDirectory(prefix="luoshi-convert-") as tmp:
        work = Path(tmp)
        src = work / f"input.{suffix}"
        src.write_bytes(data)
        out = work / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(src),
        ]
        env = {**os.environ, "HOME": str(work)}
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env=env, cwd=work
        )
        try:
            proc.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            _kill_group(proc)
            raise UnreadableDocument(
                f"用 LibreOffice 转换 .{suffix} 文件超时（{TIMEOUT_SECONDS:.0f} 秒）。"
                f"请用 Word 或 WPS 将其另存为{_NAMES[target]}格式后再导入。"
            ) from exc
        finally:
            if proc.poll() is None:
                _kill_group(proc)
        result = out / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise UnreadableDocument(
                f"LibreOffice 无法转换这个 .{suffix} 文件（文件可能已损坏或加密）。"
                f"请用 Word 或 WPS 打开确认后，另存为{_NAMES[target]}格式再导入。"
            )
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """End the converter and every process it started (LibreOffice forks a helper)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def read_legacy(data: bytes, source: Source) -> Document:
    """Convert a legacy or foreign document with LibreOffice and read the result."""
    target, suffix = TARGETS.get(source.format, ("docx", source.format))
    converted = convert(data, suffix, target)
    if target == "xlsx":
        from luoshi.read.xlsx import read_xlsx

        return read_xlsx(converted, source)
    from luoshi.read.docx import read_docx

    return read_docx(converted, source)
