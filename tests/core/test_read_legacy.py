"""Legacy formats through LibreOffice: .doc/.wps/.xls read as their .docx/.xlsx; without it, a clear way out."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import openpyxl
import pytest

from luoshi.errors import UnreadableDocument, UnsupportedFormat
from luoshi.model import Table
from luoshi.read import legacy, read_bytes, read_path
from tests.conftest import seed_path
from tests.core.test_formats_agree import blocks_view
from tests.docbuild import to_docx

CFB_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(64)
needs_soffice = pytest.mark.skipif(legacy.soffice_path() is None, reason="LibreOffice is not installed")


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize(("prefix", "name", "fmt"), [("001", "方案.doc", "doc"), ("000", "执行情况表.wps", "wps")])
def test_a_word_97_file_reads_as_the_same_blocks_as_its_text(prefix: str, name: str, fmt: str) -> None:
    text_doc = read_path(seed_path(prefix))
    doc_bytes = legacy.convert(to_docx(text_doc), "docx", "doc")
    doc = read_bytes(doc_bytes, name)
    assert doc.source.format == fmt
    assert blocks_view(doc) == blocks_view(text_doc)


@pytest.mark.slow
@needs_soffice
def test_an_excel_97_file_reads_as_its_sheet() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["序号", "项目名称", "是否完成"])
    ws.append([1, "中能建南京能源科技产业园", "是"])
    buf = io.BytesIO()
    wb.save(buf)
    doc = read_bytes(legacy.convert(buf.getvalue(), "xlsx", "xls"), "项目表.xls")
    assert doc.source.format == "xls"
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert [[c.text for c in r] for r in table.rows] == [
        ["序号", "项目名称", "是否完成"],
        ["1", "中能建南京能源科技产业园", "是"],
    ]


def test_without_libreoffice_the_user_is_told_to_save_as_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy, "soffice_path", lambda: None)
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(CFB_WORD, "方案.doc")
    assert "LibreOffice" in err.value.message and "另存为" in err.value.message and ".docx" in err.value.message


def _fake_soffice(tmp_path: Path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_conversion_that_hangs_is_killed_and_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    fake = _fake_soffice(tmp_path, f"echo $$ > {pidfile}\nsleep 60 & wait\n")
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 1.0)
    with pytest.raises(UnreadableDocument) as err:
        read_bytes(CFB_WORD, "方案.doc")
    assert "超时" in err.value.message
    pid = int(pidfile.read_text())
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the converter is still running")


def test_a_conversion_that_yields_nothing_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = _fake_soffice(tmp_path, "exit 0\n")
    monkeypatch.setattr(legacy, "soffice_path", lambda: fake)
    with pytest.raises(UnreadableDocument) as err:
        read_bytes(CFB_WORD, "方案.wps")
    assert "无法转换" in err.value.message
