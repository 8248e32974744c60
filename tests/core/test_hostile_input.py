"""Bad input never crashes: every reader answers hostile or broken bytes with a ``LuoshiError`` in Chinese.

Covers empty files, binary noise, truncated packages, zip bombs (honest ones and ones whose headers
lie about their size), entity bombs, deep nesting, huge text, wrong encodings, and — by property
tests — arbitrary bytes under any name and arbitrary zip packages.
"""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from unittest import mock

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luoshi.errors import DocumentTooLarge, LuoshiError
from luoshi.model import Document
from luoshi.read import MAX_FILE_BYTES, legacy, read_bytes
from tests.docbuild import to_pdf

NAMES = ["a.txt", "a.docx", "a.html", "a.htm", "a.xlsx", "a.pdf", "a.doc", "a.wps", "a.xls", "a.mht", "noext"]


def chinese(message: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in message)


def refused(data: bytes, name: str) -> LuoshiError:
    with pytest.raises(LuoshiError) as err:
        read_bytes(data, name)
    assert chinese(err.value.message)
    return err.value


@contextmanager
def no_libreoffice() -> Iterator[None]:
    """Property tests must not start LibreOffice for every example: take the no-LibreOffice path."""
    with mock.patch.object(legacy, "soffice_path", lambda: None):
        yield


@cache
def small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("1.地区生产总值增长7%。（区发改委主办）")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "序号"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@cache
def small_xlsx() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["序号", "目标内容"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def parts(package: bytes) -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(package))
    return {name: zf.read(name) for name in zf.namelist()}


# --------------------------------------------------------------------------- zip building by hand


def zeros_deflated(megabytes: int) -> bytes:
    """A raw deflate stream of ``megabytes`` MB of zeros, built in milliseconds.

    After a full flush the compressor's output for the same input repeats exactly, so one block
    stands for every further megabyte.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(bytes(1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return first + block * (megabytes - 1) + c.flush()


def raw_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip whose members are (name, deflated bytes, declared size, declared CRC) exactly as given."""
    out = bytearray()
    central = bytearray()
    for name, payload, size, crc in members:
        fname = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(payload), size, len(fname), 0)
        out += fname + payload
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(payload),
            size,
            len(fname),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += fname
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


def deflated(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def package_with(base: bytes, name: str, payload: bytes, size: int, crc: int) -> bytes:
    members = [(n, deflated(raw), len(raw), zlib.crc32(raw)) for n, raw in parts(base).items() if n != name]
    return raw_zip([*members, (name, payload, size, crc)])


def peak_memory(fn: Callable[[], None]) -> int:
    """The most Python memory ``fn`` holds at once (``ZipFile.read`` inflates into Python bytes)."""
    tracemalloc.start()
    try:
        fn()
    finally:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


# --------------------------------------------------------------------------- empty, noise, truncation


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_file_is_refused_in_every_format(name: str) -> None:
    assert "空" in refused(b"", name).message


NOISE = [
    bytes(range(256)) * 40,
    b"\x00" * 5000,
    b"\xff\xfe\x00\xd8" * 300,
    bytes((i * 7919 + 13) % 256 for i in range(20000)),
]


@pytest.mark.parametrize("noise", NOISE, ids=["bytes", "zeros", "bad-utf16", "pseudo-random"])
@pytest.mark.parametrize("name", NAMES)
def test_binary_noise_is_refused_in_every_format(noise: bytes, name: str) -> None:
    refused(noise, name)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_file_is_refused(kind: str, fraction: float) -> None:
    data = {"docx": small_docx, "xlsx": small_xlsx, "pdf": lambda: to_pdf([["一、总体要求"] * 40] * 3)}[kind]()
    refused(data[: int(len(data) * fraction)], f"a.{kind}")


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    err = refused(b" " * (MAX_FILE_BYTES + 1), "huge.txt")
    assert isinstance(err, DocumentTooLarge)


# --------------------------------------------------------------------------- zip bombs


def test_a_part_that_expands_to_gigabytes_is_refused_before_inflating() -> None:
    bomb = zeros_deflated(1024)  # 1 GB of zeros in about 1 MB
    crc = 0  # never checked: the declared size alone is refused
    data = package_with(small_docx(), "word/document.xml", bomb, 1 << 30, crc)

    def read() -> None:
        with pytest.raises(DocumentTooLarge):
            read_bytes(data, "bomb.docx")

    assert peak_memory(read) < 20 * len(data)


@pytest.mark.parametrize(
    ("base", "name", "part"), [("docx", "a.docx", "word/document.xml"), ("xlsx", "a.xlsx", "xl/worksheets/sheet1.xml")]
)
def test_a_part_whose_header_lies_about_its_size_cannot_make_us_read_gigabytes(base: str, name: str, part: str) -> None:
    payload = zeros_deflated(1024)
    base_bytes = small_docx() if base == "docx" else small_xlsx()
    data = package_with(base_bytes, part, payload, 2000, zlib.crc32(bytes(2000)))

    def read() -> None:
        with pytest.raises(DocumentTooLarge):
            read_bytes(data, name)

    assert peak_memory(read) < 64 * 1024 * 1024  # nowhere near the gigabyte the stream inflates to


def test_many_small_parts_that_add_up_are_refused() -> None:
    block = zeros_deflated(5)
    members = [(f"word/media/image{i}.png", block, 5 << 20, 0) for i in range(60)]
    base = [(n, deflated(raw), len(raw), zlib.crc32(raw)) for n, raw in parts(small_docx()).items()]
    with pytest.raises(DocumentTooLarge):
        read_bytes(raw_zip(base + members), "a.docx")


def test_a_package_of_thousands_of_parts_is_refused() -> None:
    empty = deflated(b"")
    members = [(f"p{i}.xml", empty, 0, 0) for i in range(6000)]
    with pytest.raises(DocumentTooLarge):
        read_bytes(raw_zip(members), "a.docx")


# --------------------------------------------------------------------------- markup bombs and nesting

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)


def test_an_entity_bomb_in_a_word_document_is_not_expanded() -> None:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?>{LAUGHS.replace("lolz", "w:document")}'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>前&lol9;后</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    data = package_with(small_docx(), "word/document.xml", deflated(body), len(body), zlib.crc32(body))
    try:
        doc = read_bytes(data, "laughs.docx")
    except LuoshiError as err:
        assert chinese(err.message)
    else:
        assert sum(len(getattr(b, "text", "")) for b in doc.blocks) < 1000


def test_an_entity_bomb_in_shared_strings_is_not_expanded() -> None:
    strings = (
        f'<?xml version="1.0"?>{LAUGHS.replace("lolz", "sst")}'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    data = package_with(small_xlsx(), "xl/sharedStrings.xml", deflated(strings), len(strings), zlib.crc32(strings))
    try:
        doc = read_bytes(data, "laughs.xlsx")
    except LuoshiError as err:
        assert chinese(err.message)
    else:
        assert isinstance(doc, Document)


def test_an_entity_bomb_in_a_web_page_is_not_expanded() -> None:
    page = f"{LAUGHS}<html><body><p>前&lol9;后</p></body></html>".encode()
    doc = read_bytes(page, "laughs.html")
    assert sum(len(getattr(b, "text", "")) for b in doc.blocks) < 1000


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_markup_does_not_crash(depth: int) -> None:
    page = ("<div>" * depth + "文字" + "</div>" * depth).encode()
    try:
        read_bytes(page, "deep.html")
    except LuoshiError as err:
        assert chinese(err.message)


def test_a_huge_html_span_cannot_build_a_huge_grid() -> None:
    rows = "".join(f"<tr><td colspan='1000'>{i}</td><td>x</td></tr>" for i in range(600))
    refused(f"<table>{rows}</table>".encode(), "grid.html")


# --------------------------------------------------------------------------- big and mis-encoded text


def test_a_ten_megabyte_text_file_reads() -> None:
    line = "1-11月份有效发明专利拥有量12871件，全年预计13000件。\n"
    data = (line * (10_000_000 // len(line.encode()))).encode()
    doc = read_bytes(data, "big.txt")
    assert len(doc.blocks) == data.count(b"\n")


def test_a_ten_megabyte_single_line_reads() -> None:
    doc = read_bytes(("增长" * 1_700_000).encode(), "line.txt")
    assert len(doc.blocks) == 1


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("各街道办事处".encode().decode("latin-1").encode("utf-8") * 20, "a.txt"),
        (("<html><body>" + "各街道办事处".encode().decode("latin-1") * 20 + "</body></html>").encode(), "a.html"),
        (("鼓楼区" * 50).encode("utf-16-le")[1:], "a.txt"),  # UTF-16 read from the wrong byte
    ],
)
def test_text_in_a_wrong_encoding_is_refused_as_mojibake(data: bytes, name: str) -> None:
    refused(data, name)


# --------------------------------------------------------------------------- properties

PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"%PDF-1.4\n",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"<html><body>",
    b"{\\rtf1",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=3000),
    name=st.sampled_from(NAMES),
)
def test_arbitrary_bytes_under_any_name_raise_only_luoshi_errors(prefix: bytes, data: bytes, name: str) -> None:
    with no_libreoffice():
        try:
            doc = read_bytes(prefix + data, name)
        except LuoshiError as err:
            assert chinese(err.message)
        else:
            assert isinstance(doc, Document)


_PART_NAMES = [
    "[Content_Types].xml",
    "_rels/.rels",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/numbering.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "mimetype",
]
_XMLISH = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.sampled_from([*"<>/=\"' wpbodytrcx:1&;一、（）", "<w:p>", "<w:t>", "</w:t>", "<row>", "<c>"]), max_size=120
    ).map(lambda tokens: "".join(tokens).encode()),
    st.sampled_from(
        [
            b"application/vnd.oasis.opendocument.text",
            b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:numId w:val="9"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/><w:vMerge/></w:tcPr></w:tc></w:tr></w:tbl></w:body></w:document>',
        ]
    ),
)


@st.composite
def packages(draw: st.DrawFn) -> tuple[bytes, str]:
    """A zip built from a real .docx or .xlsx with parts dropped, replaced or added at random."""
    base = dict(parts(small_docx() if draw(st.booleans()) else small_xlsx()))
    for name in draw(st.lists(st.sampled_from(sorted(base)), max_size=4, unique=True)):
        if draw(st.booleans()):
            del base[name]
        else:
            base[name] = draw(_XMLISH)
    for name in draw(st.lists(st.sampled_from(_PART_NAMES), max_size=3, unique=True)):
        base[name] = draw(_XMLISH)
    buf = io.BytesIO()
    method = draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]))
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, raw in base.items():
            zf.writestr(name, raw)
    return buf.getvalue(), draw(st.sampled_from(NAMES))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(packages())
def test_arbitrary_zip_packages_raise_only_luoshi_errors(package: tuple[bytes, str]) -> None:
    data, name = package
    with no_libreoffice():
        try:
            doc = read_bytes(data, name)
        except LuoshiError as err:
            assert chinese(err.message)
        else:
            assert isinstance(doc, Document)
