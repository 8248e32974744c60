"""Format sniffing: the content decides, because files are often misnamed; the name only breaks ties."""

from __future__ import annotations

import io
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

import docx
import openpyxl
import pytest

from luoshi.errors import LuoshiError, UnsupportedFormat
from luoshi.read import FORMATS, READERS, read_bytes, reader_for, sniff_format
from tests.docbuild import to_pdf

CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("通知")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    return buf.getvalue()


def _mht() -> bytes:
    msg = MIMEMultipart("related")
    msg.attach(MIMEText("<html><body><p>通知</p></body></html>", "html", "utf-8"))
    return msg.as_bytes()


HTML = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>通知</p></body></html>".encode()
WORD_HTML = "<html xmlns:o='urn:schemas-microsoft-com:office:office'><body><p class=MsoNormal>通知</p></body></html>"


@pytest.mark.parametrize(
    ("data", "name", "fmt"),
    [
        (HTML, "page.htm", "html"),
        (HTML, "page.html", "html"),
        (HTML, "page.txt", "html"),  # a page saved with the wrong extension
        (WORD_HTML.encode(), "方案.doc", "html"),  # Word's "web page" saved as .doc
        (b"<p>\xe9\x80\x9a\xe7\x9f\xa5</p>", "snippet.shtml", "html"),
        ("\ufeff<html><body>通知</body></html>".encode("utf-16-le"), "page.htm", "html"),
        (_docx(), "方案.docx", "docx"),
        (_docx(), "方案.doc", "docx"),  # a .docx named .doc
        (_docx(), "方案.wps", "docx"),
        (_docx(), "方案", "docx"),
        (_xlsx(), "表.xlsx", "xlsx"),
        (_xlsx(), "表.docx", "xlsx"),
        (_xlsx(), "表.xls", "xlsx"),
        (to_pdf([["通知"]]), "方案.pdf", "pdf"),
        (to_pdf([["通知"]]), "download.txt", "pdf"),
        (CFB + "WordDocument".encode("utf-16-le"), "方案.doc", "doc"),
        (CFB + "WordDocument".encode("utf-16-le"), "方案.wps", "wps"),
        (CFB + "WordDocument".encode("utf-16-le"), "方案.xls", "doc"),
        (CFB + "Workbook".encode("utf-16-le"), "表.xls", "xls"),
        (CFB + "Workbook".encode("utf-16-le"), "表.et", "et"),
        (CFB + "Workbook".encode("utf-16-le"), "表.doc", "xls"),
        (rb"{\rtf1\ansi \uc1\u36890? }", "方案.doc", "rtf"),
        (_mht(), "方案.mht", "mht"),
        (_mht(), "方案.doc", "mht"),
        (
            b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>',
            "a.doc",
            "wordxml",
        ),
        ("鼓楼区人民政府".encode(), "方案.txt", "txt"),
        ("鼓楼区人民政府".encode(), "README", "txt"),
    ],
)
def test_the_content_names_the_format(data: bytes, name: str, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


@pytest.mark.parametrize("name", ["方案.docx", "方案.doc", "表.xlsx", "方案.pdf", "方案.wps"])
def test_text_named_as_an_office_file_is_refused_as_renamed(name: str) -> None:
    with pytest.raises(LuoshiError) as err:
        read_bytes("这不是一个 Office 文件".encode(), name)
    assert "扩展名" in err.value.message


@pytest.mark.parametrize(
    ("stream", "words"),
    [("EncryptedPackage", "密码"), ("PowerPoint Document", "PowerPoint")],
)
def test_encrypted_office_files_and_presentations_are_refused_clearly(stream: str, words: str) -> None:
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(CFB + stream.encode("utf-16-le"), "文件.docx")
    assert words in err.value.message


@pytest.mark.parametrize(
    ("fmt", "reader"),
    [
        ("txt", "read_text"),
        ("docx", "read_docx"),
        ("html", "read_html"),
        ("mht", "read_mht"),
        ("xlsx", "read_xlsx"),
        ("pdf", "read_pdf"),
        ("doc", "read_legacy"),
        ("et", "read_legacy"),
    ],
)
def test_each_format_has_its_reader(fmt: str, reader: str) -> None:
    assert reader_for(fmt).__name__ == reader


def test_every_format_named_has_a_reader() -> None:
    assert set(FORMATS) <= set(READERS)


def test_a_format_without_a_reader_is_refused_in_chinese() -> None:
    with pytest.raises(UnsupportedFormat) as err:
        reader_for("pptx")
    assert "不支持的文件格式" in err.value.message
