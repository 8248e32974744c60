"""Test helpers: rebuild a read ``Document`` as the .docx or .html page its author would have made.

The rebuild follows the documents' generic grammar, never a seed's particular text:
- a line like "一、…" is a level-1 heading and "（一）…" a level-2 heading (short lines that do not
  run on into sentences), given Word's Heading styles or ``<h1>``/``<h2>``;
- a paragraph that starts with an arabic number and its punctuation ("12." "12﹒" "12、") is a list
  item: by default the typed number is stripped and a Word numbering definition with the same
  punctuation ("%1﹒") attached, so that Word renders the label (as offices' templates do); with
  ``numbering="typed"`` the number stays in the text;
- tables become real tables on their grid. A text rendering flattens Word's merged cells, so a row
  with fewer cells than the table is wide ends in a cell merged to the table's edge (a row of one
  cell is a row merged across the table), and a row whose leading cells are empty under filled ones
  continues the row above: those cells are merged down from it.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from typing import Literal

from luoshi.model import Document, Paragraph, Table

HEADING_1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
HEADING_2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
NUMBERED = re.compile(r"^(\d{1,3})\s*([.．、﹒])(?!\d)\s*")


def heading_level(text: str) -> int | None:
    """1 for "一、…", 2 for "（一）…", if the line reads as a heading (short, not a run of sentences)."""
    level = 1 if HEADING_1.match(text) else 2 if HEADING_2.match(text) else None
    if level is None or len(text) > 50 or re.search(r"[。；;]", text.rstrip("。；;")):
        return None
    return level


def list_number(text: str) -> tuple[int, str, str] | None:
    """(number, label suffix, rest) of a paragraph typed as a numbered item, e.g. "12﹒完善…".

    The suffix is the punctuation, followed by a space if the author typed one ("1、 关于…").
    """
    m = NUMBERED.match(text)
    if not m or not text[m.end() :].strip():
        return None
    spaced = m.group(0)[-1:].isspace()
    return int(m.group(1)), m.group(2) + (" " if spaced else ""), text[m.end() :]


# --------------------------------------------------------------------------- table geometry


@dataclass
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


def table_grid(table: Table) -> tuple[int, list[GridCell]]:
    """The table's cells on a full grid (width, cells), undoing a text rendering's flattening."""
    width = table.width
    cells: list[GridCell] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        # Leading empty cells under filled ones are what a text rendering leaves of cells merged
        # down (Word writes an empty cell for each): they extend the cells above instead.
        lead = 0
        while lead < len(row) - 1 and not row[lead].text and row[lead].colspan == 1 and row[lead].rowspan == 1:
            lead += 1
        above = [
            next((g for g in cells if g.col == c.col and g.row + g.rowspan == r and g.text), None) for c in row[:lead]
        ]
        if lead and any(c.text for c in row[lead:]) and all(g is not None and g.colspan == 1 for g in above):
            for g in above:
                assert g is not None
                g.rowspan += 1
                covered.add((r, g.col))
            row = row[lead:]
        placed = [GridCell(c.text, r, c.col, c.rowspan, c.colspan) for c in row]
        spans = sum(c.colspan for c in row) + sum(1 for (rr, _c) in covered if rr == r)
        if placed and spans < width:
            placed[-1].colspan += width - spans  # a short row's last cell runs to the table's edge
        for g in placed:
            for dr in range(g.rowspan):
                for dc in range(g.colspan):
                    covered.add((r + dr, g.col + dc))
        cells.extend(placed)
    return width, cells


# --------------------------------------------------------------------------- .docx

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _runs(text: str) -> str:
    parts = text.split("\n")
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append("<w:r><w:br/></w:r>")
        if part:
            out.append(f'<w:r><w:t xml:space="preserve">{html.escape(part, quote=False)}</w:t></w:r>')
    return "".join(out)


def _table_xml(table: Table) -> str:
    width, cells = table_grid(table)
    starts = {(g.row, g.col): g for g in cells}
    down: dict[tuple[int, int], GridCell] = {}
    for g in cells:
        for dr in range(1, g.rowspan):
            down[(g.row + dr, g.col)] = g
    nrows = max((g.row + g.rowspan for g in cells), default=0)
    rows = []
    for r in range(nrows):
        tcs = []
        c = 0
        while c < width:
            g = starts.get((r, c))
            cont = down.get((r, c))
            if g is not None:
                pr = f'<w:gridSpan w:val="{g.colspan}"/>' if g.colspan > 1 else ""
                pr += '<w:vMerge w:val="restart"/>' if g.rowspan > 1 else ""
                tcs.append(f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{_runs(g.text)}</w:p></w:tc>")
                c += g.colspan
            elif cont is not None:
                pr = f'<w:gridSpan w:val="{cont.colspan}"/>' if cont.colspan > 1 else ""
                tcs.append(f"<w:tc><w:tcPr>{pr}<w:vMerge/></w:tcPr><w:p/></w:tc>")
                c += cont.colspan
            else:
                tcs.append("<w:tc><w:p/></w:tc>")
                c += 1
        rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join('<w:gridCol w:w="1800"/>' for _ in range(width))
    return (
        f'<w:tbl {_W_NS}><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{border}</w:tblBorders></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def to_docx(doc: Document, *, numbering: Literal["auto", "typed"] = "auto") -> bytes:
    """``doc`` as a Word file: Heading styles, real tables, and (by default) automatic numbering."""
    import docx
    from docx.oxml import parse_xml

    out = docx.Document()
    body = out.element.body
    sect = body[-1]  # new blocks go before the section properties
    lists: list[tuple[int, str, int]] = []  # (abstractNumId/numId, punctuation, start)
    first_id = 1000  # above the ids of the template's own lists
    current: tuple[int, str, int] | None = None  # the list being continued: (id, punctuation, last number)
    for block in doc.blocks:
        if isinstance(block, Table):
            sect.addprevious(parse_xml(_table_xml(block)))
            continue
        assert isinstance(block, Paragraph)
        text = block.text
        level = heading_level(text)
        item = list_number(text) if numbering == "auto" and level is None else None
        if level is not None:
            p = out.add_paragraph(text, style=f"Heading {level}")
        elif item is not None:
            n, punct, rest = item
            if current is None or current[1] != punct or current[2] + 1 != n:
                lists.append((first_id + len(lists), punct, n))
                current = (lists[-1][0], punct, n)
            else:
                current = (current[0], punct, n)
            p = out.add_paragraph(rest)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = current[0]
        else:
            p = out.add_paragraph(text)
        # python-docx appends at the end of the body; keep document order with the tables.
        sect.addprevious(p._p)
    if doc.blocks and isinstance(doc.blocks[-1], Table):
        sect.addprevious(parse_xml(f"<w:p {_W_NS}/>"))  # Word always ends a body with a paragraph
    if lists:
        numbering_el = out.part.numbering_part.element
        first_num = numbering_el.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        for ident, punct, start in lists:
            abstract = parse_xml(
                f'<w:abstractNum {_W_NS} w:abstractNumId="{ident}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/>'
                f'<w:suff w:val="{"space" if punct.endswith(" ") else "nothing"}"/>'
                f'<w:lvlText w:val="%1{punct.strip()}"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
            )
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering_el.append(abstract)
        for ident, _punct, _start in lists:
            numbering_el.append(
                parse_xml(f'<w:num {_W_NS} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>')
            )
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- .html

_CHROME_TOP = (
    '<div class="header"><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a>'
    '<a href="/zxfw">政务服务</a><a href="/hdjl">互动交流</a><a href="/zjgl">走进鼓楼</a></div>'
    '<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a></div></div>'
)
_CHROME_BOTTOM = (
    '<div class="share">分享到：<a>微信</a><a>微博</a></div>'
    "<footer><p>主办单位：区人民政府办公室　网站标识码：3201060001</p><p>版权所有 © 2021</p></footer>"
)


def _table_html(table: Table) -> str:
    _width, cells = table_grid(table)
    rows: dict[int, list[GridCell]] = {}
    for g in cells:
        rows.setdefault(g.row, []).append(g)
    out = ['<table border="1" cellspacing="0">']
    for r in range(max(rows, default=-1) + 1):
        tds = []
        for g in sorted(rows.get(r, []), key=lambda g: g.col):
            attrs = (f' rowspan="{g.rowspan}"' if g.rowspan > 1 else "") + (
                f' colspan="{g.colspan}"' if g.colspan > 1 else ""
            )
            text = "<br>".join(html.escape(line) for line in g.text.split("\n"))
            tds.append(f"<td{attrs}>{text}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def to_html(doc: Document, *, encoding: str = "utf-8", chrome: bool = True) -> bytes:
    """``doc`` as a government website page: headings, typed numbers, tables; nav, script and footer around."""
    charset = "gbk" if encoding.lower() in ("gbk", "gb2312", "gb18030") else encoding
    out = [
        "<!DOCTYPE html>",
        f'<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<title>政务公开</title><style>p { text-indent: 2em; }</style>",
        '<script>var _hmt = _hmt || []; document.write("统计代码");</script></head><body>',
    ]
    if chrome:
        out.append(_CHROME_TOP)
    out.append('<div class="article">')
    for block in doc.blocks:
        if isinstance(block, Table):
            out.append(_table_html(block))
            continue
        assert isinstance(block, Paragraph)
        level = heading_level(block.text)
        # Runs of spaces survive as a browser shows them: the first collapses, &nbsp; does not.
        text = re.sub(r" {2,}", lambda m: " " + "&nbsp;" * (len(m.group()) - 1), html.escape(block.text))
        out.append(f"<h{level}>{text}</h{level}>" if level else f"<p>\u3000\u3000{text}</p>")
    out.append("</div>")
    if chrome:
        out.append(_CHROME_BOTTOM)
    out.append("</body></html>")
    codec = "gb18030" if charset == "gbk" else encoding
    return "\n".join(out).encode(codec)


# --------------------------------------------------------------------------- .pdf


def to_pdf(pages: list[list[str]], *, image_only: bool = False) -> bytes:
    """A PDF whose pages print the given lines, in Adobe's built-in Chinese font (nothing embedded).

    With ``image_only`` each page holds only a picture, as a scanned document does.
    """
    objects: list[bytes] = []

    def add(obj: bytes) -> int:
        objects.append(obj)
        return len(objects)

    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
        b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> >>] >>"
    )
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
    )
    pages_id = add(b"")  # filled in once the pages exist
    kids = []
    for lines in pages:
        if image_only:
            ops = [b"q 500 0 0 700 40 60 cm /Im0 Do Q"]
        else:
            ops = [b"BT /F1 12 Tf 16 TL 60 780 Td"]
            ops += [b"<" + line.encode("utf-16-be").hex().upper().encode() + b"> Tj T*" for line in lines]
            ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> "
                b"/XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, image, content)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)
