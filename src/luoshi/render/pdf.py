"""Word → PDF with LibreOffice headless, for offices that issue the tables and the plan as PDF.

The only renderer that runs a program: ``soffice --headless --convert-to pdf`` in a temporary folder
with a private user profile (``-env:UserInstallation``), so conversions never share or corrupt the
desktop's profile and may run side by side, and with a timeout. Without LibreOffice it raises
``UnsupportedFormat`` with what to install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from luoshi.errors import LuoshiError, UnsupportedFormat

CONVERT_TIMEOUT_S = 180.0


def find_soffice() -> str | None:
    """The LibreOffice program, from ``LUOSHI_SOFFICE`` or the PATH."""
    configured = os.environ.get("LUOSHI_SOFFICE")
    if configured and Path(configured).is_file():
        return configured
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, *, timeout: float = CONVERT_TIMEOUT_S) -> bytes:
    """The PDF of a .docx, as LibreOffice prints it."""
    return convert_many([data], timeout=timeout)[0]


def convert_many(documents: list[bytes], *, timeout: float = CONVERT_TIMEOUT_S) -> list[bytes]:
    """Several .docx converted in one LibreOffice run (its start-up dominates the time)."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormat(
            "生成 PDF 需要 LibreOffice，本机未安装。请安装 libreoffice-writer（如 sudo apt-get install "
            "libreoffice-writer-nogui），或先生成 .docx 再用 Word/WPS 另存为 PDF。"
        )
    with tempfile.TemporaryDirectory(prefix="luoshi-pdf-") as tmp:
        folder = Path(tmp)
        names = []
        for n, data in enumerate(documents):
            path = folder / f"doc{n}.docx"
            path.write_bytes(data)
            names.append(str(path))
        profile = (folder / "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "out"),
            *names,
        ]
        # A session of its own, so a timeout ends LibreOffice's helper processes too, not only the script.
        proc = subprocess.Popen(
            cmd, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise LuoshiError(f"LibreOffice 转换 PDF 超过 {timeout:.0f} 秒未完成，已中止。请稍后重试。") from exc
        out: list[bytes] = []
        for n in range(len(documents)):
            pdf = folder / "out" / f"doc{n}.pdf"
            if not pdf.is_file():
                raise LuoshiError(
                    "LibreOffice 未能生成 PDF。请确认 LibreOffice 可以正常运行，或先生成 .docx 再另存为 PDF。"
                )
            out.append(pdf.read_bytes())
        return out
