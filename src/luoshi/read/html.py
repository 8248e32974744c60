"""HTML reader: a government website page (or Word's "save as web page") → paragraphs and tables.

The charset comes from a byte-order mark, then the page's own ``<meta charset>`` / XML declaration,
then UTF-8, then GB18030 (which also covers GBK and GB2312). lxml.html parses the page; scripts,
styles, forms' controls and the site's chrome (``<nav>``, page headers and footers, breadcrumbs,
menus, link lists) are dropped. Block elements become paragraphs (``<br>`` starts a new one, as a line
of a text file does), ``<h1>``–``<h6>`` carry their heading level and ``<ol>`` items their rendered
number. A ``<table>`` of data becomes a table on its grid (rowspan/colspan, a merged cell once, its
``<br>`` kept as "\\n"); a table used for page layout (nesting another table, or a single row or
column) is read as the flow of its cells. See ``docs/layouts/html.md``.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import lxml.html
from lxml import etree

from luoshi.errors import DocumentTooLarge, UnreadableDocument
from luoshi.model import Block, Cell, Document, Paragraph, Source, Table
from luoshi.read.numbering import BULLET, format_number
from luoshi.read.text import check_plausible

MAX_GRID_CELLS = 500_000  # a table's rows × columns; rowspan/colspan numbers must not blow it up

_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "video",
        "audio",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "nav",
        "aside",
        "select",
        "option",
        "optgroup",
        "button",
        "input",
        "textarea",
        "map",
        "area",
        "dialog",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
        "caption",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
    ]
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Class/id words that name a site's chrome rather than its content.
_CHROME_WORDS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "menubar",
        "submenu",
        "footer",
        "foot",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "sidebar",
        "toolbar",
        "topbar",
        "copyright",
        "share",
        "bdshare",
        "skip",
        "login",
        "search",
        "searchbar",
        "friendlink",
        "links",
    ]
)
_WORDS = re.compile(r"[a-z]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SEGMENT_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_MSO_LIST = re.compile(r"mso-list\s*:\s*ignore", re.IGNORECASE)


def _canonical(name: str) -> str | None:
    """Python's codec for a declared charset; the GB family reads as GB18030, its superset."""
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    if codec in ("gb2312", "gbk", "hz", "gb18030") or name.lower() in ("x-gbk", "cp936", "ms936"):
        return "gb18030"
    return codec


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a page: BOM, then the declared charset, then UTF-8, then GB18030."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), enc
    head = data[:4096]
    candidates: list[str] = []
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if m:
        declared = _canonical(m.group(1).decode("ascii", "replace"))
        if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            candidates.append(declared)
    for enc in ("utf-8", "gb18030"):
        if enc not in candidates:
            candidates.append(enc)
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    # A few bad bytes in a real page should not lose the page: keep the rest.
    return data.decode(candidates[0], errors="replace"), candidates[0]


def clean_inline(text: str) -> str:
    """Collapse HTML whitespace as a browser does; a line break between two Chinese characters vanishes."""
    text = _SEGMENT_BREAK.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.replace("\u00a0", " ").strip()


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower().split("}")[-1] if isinstance(tag, str) else ""


def _words(el: Any) -> set[str]:
    return set(_WORDS.findall(f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".lower()))


def _text_len(el: Any) -> int:
    return len("".join(el.itertext()).strip())


def _is_chrome(el: Any, body_len: int) -> bool:
    """A site's navigation, header, footer or link list, not the document it serves."""
    tag = _tag(el)
    if tag in ("header", "footer") and not any(_tag(a) in ("article", "main") for a in el.iterancestors()):
        return True
    words = _words(el)
    if words & {"navigation", "banner", "contentinfo"} and el.get("role"):
        return True
    if words & _CHROME_WORDS and _text_len(el) < max(200, body_len // 2):
        return True
    if tag in ("ul", "ol", "div", "dl"):
        links = el.findall(".//a")
        if len(links) >= 5 and el.find(".//table") is None:
            size = _text_len(el)
            link_text = sum(len("".join(a.itertext()).strip()) for a in links)
            if size and link_text >= 0.8 * size:
                return True
    return False


def _span(value: str | None, cap: int) -> int:
    m = re.match(r"\s*(\d{1,7})", value or "")
    return min(max(int(m.group(1)) if m else 1, 1), max(cap, 1))


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table.iterchildren():
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child.iterchildren() if _tag(c) == "tr")
    return rows


def _cells(tr: Any) -> list[Any]:
    return [c for c in tr.iterchildren() if _tag(c) in ("td", "th")]


class _Walker:
    """Turns the cleaned tree into blocks, one paragraph per block element or ``<br>``-ended line."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.level: int | None = None
        self.label: str | None = None
        self.grid_cells = 0

    def flush(self) -> None:
        text = clean_inline("".join(self.buf))
        self.buf = []
        if text:
            self.blocks.append(
                Paragraph(index=len(self.blocks), text=text, heading_level=self.level, list_label=self.label)
            )
            self.label = None

    def walk(self, el: Any) -> None:
        tag = _tag(el)
        if not tag:  # comment or processing instruction
            return
        if tag == "br":
            self.flush()
            return
        if tag in ("span", "font", "b", "i", "u", "strong", "em", "a") and _MSO_LIST.search(el.get("style") or ""):
            # Word's saved web page prints the list number in a span of its own.
            self.flush()
            self.label = clean_inline("".join(el.itertext())) or None
            return
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        saved_level = self.level
        if tag in _HEADINGS:
            self.level = _HEADINGS[tag]
        if tag == "li":
            self.label = _li_label(el)
        if tag == "pre":
            for line in "".join(el.itertext()).split("\n"):
                self.buf.append(line)
                self.flush()
        else:
            if el.text:
                self.buf.append(el.text)
            for child in el.iterchildren():
                self.walk(child)
                if child.tail:
                    self.buf.append(child.tail)
        if block:
            self.flush()
        self.level = saved_level

    def table(self, table: Any) -> None:
        rows = _rows(table)
        caption = next((c for c in table.iterchildren() if _tag(c) == "caption"), None)
        if caption is not None:
            self.walk(caption)
        width = max((sum(_span(c.get("colspan"), 1000) for c in _cells(tr)) for tr in rows), default=0)
        nested = table.find(".//table") is not None
        if nested or len(rows) < 2 or width < 2 or (table.get("role") or "").lower() == "presentation":
            # A table that lays out the page: read its cells as the flow they hold.
            for tr in rows:
                for td in _cells(tr):
                    self.walk(td)
                    self.flush()
            return
        occupied: set[tuple[int, int]] = set()
        out: list[list[Cell]] = []
        for r, tr in enumerate(rows):
            row: list[Cell] = []
            col = 0
            for td in _cells(tr):
                while (r, col) in occupied:
                    col += 1
                rowspan = _span(td.get("rowspan"), len(rows) - r)
                colspan = _span(td.get("colspan"), 1000)
                self.grid_cells += rowspan * colspan
                if self.grid_cells > MAX_GRID_CELLS:
                    raise DocumentTooLarge("网页中的表格过大（单元格数量超过上限），已拒绝读取。请拆分后再导入。")
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied.add((r + dr, col + dc))
                row.append(Cell(cell_text(td), r, col, rowspan, colspan))
                col += colspan
            out.append(row)
        self.blocks.append(Table(index=len(self.blocks), rows=tuple(tuple(r) for r in out)))


def _li_label(li: Any) -> str | None:
    parent = li.getparent()
    kind = _tag(parent) if parent is not None else ""
    if kind != "ol":
        return BULLET if kind in ("ul", "menu", "dir") else None
    n = _span(parent.get("start"), 10**6) if parent.get("start") else 1
    for sib in parent.iterchildren():
        if sib is li:
            break
        if _tag(sib) == "li":
            n = int(sib.get("value")) + 1 if (sib.get("value") or "").isdigit() else n + 1
    if (li.get("value") or "").isdigit():
        n = int(li.get("value"))
    fmt = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}.get(
        parent.get("type") or "", "decimal"
    )
    return format_number(n, fmt) + "."


def cell_text(td: Any) -> str:
    """A cell's text: ``<br>`` and block elements inside it as line breaks, whitespace collapsed per line."""
    lines: list[str] = []
    buf: list[str] = []

    def end_line() -> None:
        text = clean_inline("".join(buf))
        buf.clear()
        if text:
            lines.append(text)

    def walk(el: Any) -> None:
        tag = _tag(el)
        if not tag or tag in _DROP:
            return
        if tag == "br":
            end_line()
            return
        block = tag in _BLOCK
        if block:
            end_line()
        if el.text:
            buf.append(el.text)
        for child in el.iterchildren():
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            end_line()

    if td.text:
        buf.append(td.text)
    for child in td.iterchildren():
        walk(child)
        if child.tail:
            buf.append(child.tail)
    end_line()
    return "\n".join(lines)


def _clean_tree(root: Any) -> None:
    """Drop what a reader of the page does not see as the document: code, forms' controls, site chrome."""
    body = root.find(".//body")
    body_len = _text_len(body if body is not None else root)
    stack = [root]
    while stack:
        el = stack.pop()
        for child in list(el.iterchildren()):
            if not isinstance(child.tag, str):
                continue
            if _tag(child) in _DROP or _is_chrome(child, body_len):
                child.drop_tree()
            else:
                stack.append(child)


def read_html(data: bytes, source: Source) -> Document:
    """Read an HTML page into paragraphs and tables."""
    text, encoding = decode_html(data)
    return _read_markup(text, encoding, source)


def read_mht(data: bytes, source: Source) -> Document:
    """Read a single-file web archive (.mht, Word's and WPS's "单个文件网页"): its HTML part."""
    import email
    from email.message import Message

    msg: Message = email.message_from_bytes(data)
    for part in msg.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        charset = _canonical(part.get_content_charset() or "")
        if charset:
            try:
                return _read_markup(payload.decode(charset), charset, source)
            except UnicodeDecodeError:
                pass
        text, encoding = decode_html(payload)
        return _read_markup(text, encoding, source)
    raise UnreadableDocument("这个网页存档（.mht）里没有网页正文。请在浏览器中打开后另存为“网页，仅 HTML”再导入。")


def _read_markup(text: str, encoding: str, source: Source) -> Document:
    check_plausible(text, encoding)
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableDocument(
            "网页文件是空的或无法解析。请在浏览器中打开确认后，另存为“网页，仅 HTML”再导入。"
        ) from exc
    _clean_tree(root)
    walker = _Walker()
    body = root.find(".//body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return Document(source=source, blocks=tuple(walker.blocks), encoding=encoding)
