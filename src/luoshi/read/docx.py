"""Word (.docx) reader: paragraphs and real tables in document order, with styles and list labels.

The package is read with lxml directly, not through python-docx (whose proxies, whole-package
parsing and reference cycles cost more than the walk itself): after ``ooxml.check_package`` has
refused zip bombs on their declared sizes, only the parts needed are inflated (in bounded steps,
refused past their declared size) and parsed: the main document found through ``_rels/.rels``, its
styles (paragraph styles only) and numbering. The body is walked over its XML, which is also more
complete than python-docx: content controls (``w:sdt``), tracked insertions and hyperlinks keep
their text, deleted text and text boxes do not leak in. Tables come out on their grid: a merged
cell once, at its top-left position, with its rowspan and colspan. Word's automatic list numbers
are not in the text; ``numbering.Numbering`` renders them as the paragraph's ``list_label`` (and in
table cells, in front of the cell's text). See ``docs/layouts/docx.md``.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from luoshi.errors import DocumentTooLarge, UnreadableDocument
from luoshi.model import Block, Cell, Document, Paragraph, Source, Table
from luoshi.read.numbering import Numbering
from luoshi.read.ooxml import _BOMB, _CHUNK, check_package, read_part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")
)
R, T, TAB, BR, CR, NB_HYPHEN, SYM = (_W + t for t in ("r", "t", "tab", "br", "cr", "noBreakHyphen", "sym"))
PPR, RPR = _W + "pPr", _W + "rPr"
PSTYLE, OUTLINE_LVL, NUM_PR, NUM_ID, ILVL, VANISH = (
    _W + t for t in ("pStyle", "outlineLvl", "numPr", "numId", "ilvl", "vanish")
)
DOCUMENT, BODY = _W + "document", _W + "body"

# Subtrees whose text is not part of the paragraph as printed.
_SKIP = frozenset(
    [_W + t for t in ("pPr", "rPr", "del", "moveFrom", "drawing", "pict", "object", "fldData", "delText", "instrText")]
    + [MC + "AlternateContent"]
)
# Containers whose children are block content in the same flow (content controls, custom XML, tracked moves).
_BLOCK_WRAPPERS = frozenset([_W + t for t in ("customXml", "ins", "moveTo", "smartTag")])

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _val(el: Any, default: str | None = None) -> str | None:
    if el is None:
        return default
    v = el.get(_W + "val")
    return default if v is None else v


def _int(s: str | None) -> int | None:
    try:
        return int(s) if s is not None else None
    except ValueError:
        return None


def _on(el: Any) -> bool:
    """A Word on/off property: present and not set to false."""
    return el is not None and _val(el, "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class _StyleInfo:
    name: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    name_level: int | None = None  # N for a style named Heading N / 标题 N


@dataclass
class _Styles:
    """Paragraph styles by id, resolved along their ``basedOn`` chain."""

    raw: dict[str, tuple[str | None, str | None, Any]] = field(default_factory=dict)
    default: str | None = None
    cache: dict[str | None, _StyleInfo] = field(default_factory=dict)

    @classmethod
    def from_element(cls, styles: Any) -> _Styles:
        out = cls()
        if styles is None:
            return out
        for st in styles.iterchildren(_W + "style"):
            if st.get(_W + "type") not in (None, "paragraph"):
                continue
            sid = st.get(_W + "styleId")
            if sid is None:
                continue
            out.raw[sid] = (_val(st.find(_W + "name")), _val(st.find(_W + "basedOn")), st.find(PPR))
            if st.get(_W + "default") in ("1", "true", "on"):
                out.default = sid
        return out

    def info(self, style_id: str | None) -> _StyleInfo:
        if style_id in self.cache:
            return self.cache[style_id]
        name: str | None = None
        outline: int | None = None
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        sid = style_id
        first = True
        while sid is not None and sid in self.raw and sid not in seen:
            seen.add(sid)
            sname, based_on, ppr = self.raw[sid]
            if first:
                name = sname
                first = False
            if ppr is not None:
                if outline is None:
                    outline = _int(_val(ppr.find(_W + "outlineLvl")))
                num_pr = ppr.find(_W + "numPr")
                if num_pr is not None:
                    if num_id is None:
                        num_id = _val(num_pr.find(_W + "numId"))
                    if ilvl is None:
                        ilvl = _int(_val(num_pr.find(_W + "ilvl")))
            sid = based_on
        from docx.styles import BabelFish

        ui_name = BabelFish.internal2ui(name) if name else None
        m = _HEADING_NAME.match(ui_name or "")
        info = _StyleInfo(ui_name, outline, num_id, ilvl, int(m.group(1)) if m else None)
        self.cache[style_id] = info
        return info


_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT, _STYLES, _NUMBERING = (_RT + t for t in ("officeDocument", "styles", "numbering"))

# python-docx's parser settings (blank text between tags dropped, entities not resolved), and no
# network, no huge trees: an entity bomb stays unexpanded, a deep or giant tree is refused.
_PARSER = etree.XMLParser(
    remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
)

_DAMAGED = "Word 文档内部的 XML 已损坏，无法读取。请用 Word/WPS 打开后另存为新的 .docx 再导入。"
_INCOMPLETE = "Word 文档缺少必要的部件（文件不完整）。请用 Word/WPS 重新另存为 .docx 后再导入。"


class _Package:
    """The parts of a .docx that the reader needs, each inflated once under the zip-bomb guard.

    ``check_package`` has refused the package on its declared sizes; each part read here is inflated
    in bounded steps and refused as soon as it yields more than it declares (``ZipFile.read`` would
    inflate a lying part whole first). Parts the reader does not need are never inflated.
    """

    def __init__(self, data: bytes) -> None:
        self.view = memoryview(data)
        self.zf = check_package(data, inflate=False)

    def part(self, name: str) -> bytes | None:
        """The bytes of part ``name``, or None if the package has no such part."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            return read_part(self.zf, name)
        if info.compress_type != zipfile.ZIP_DEFLATED:
            raise UnreadableDocument("文件内部使用了 Office 文档不用的压缩方式，可能是恶意构造的文件，已拒绝读取。")
        return _inflate(self.view, info)

    def xml(self, name: str) -> Any:
        """Part ``name`` parsed, or None if it is missing."""
        raw = self.part(name)
        return None if raw is None else etree.fromstring(raw, _PARSER)

    def rels(self, name: str) -> dict[str, str]:
        """Part ``name``'s internal relationships: type → target part name (the first of each type)."""
        folder, base = posixpath.split(name)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, str] = {}
        if root is None:
            return out
        for rel in root.iterchildren(_PKG_REL):
            kind, target = rel.get("Type"), rel.get("Target")
            if kind is None or target is None or rel.get("TargetMode") == "External" or kind in out:
                continue
            # As python-docx resolves a reference: relative to the part's folder, or absolute.
            out[kind] = posixpath.abspath(posixpath.join("/" + folder, target)).lstrip("/")
        return out


_STYLES_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?<(?:([A-Za-z_][\w.-]*):)?styles\b[^>]*>")
_TAG_END = frozenset(b" \t\r\n>/")


def _styles_xml(raw: bytes) -> Any:
    """styles.xml parsed down to the styles that may be paragraph styles.

    Word and python-docx's template keep every table and character style there (python-docx's:
    350 KB, 3 ms to parse whole, 30 times the body), and only paragraph styles are ever looked
    up. So each top-level style is cut out of the bytes and the table, character and numbering
    ones are left out before lxml parses the rest. Anything unusual (no namespace prefix on the
    root, a DOCTYPE, comments or CDATA that could hide a tag, a start tag not closed) is parsed whole.
    """
    head = _STYLES_ROOT.match(raw)
    if head is None or head.group(1) is None or head.group(0).endswith(b"/>") or _markup_decl(raw, head.end()):
        return etree.fromstring(raw, _PARSER)
    prefix = head.group(1)
    open_tag, close_tag = b"<" + prefix + b":style", b"</" + prefix + b":style"
    not_paragraph = re.compile(rb"\s" + re.escape(prefix) + rb":type\s*=\s*[\"'](?:table|character|numbering)[\"']")
    kept = [head.group(0)]
    pos = head.end()
    n = len(open_tag)
    while (start := raw.find(open_tag, pos)) >= 0:
        if start + n >= len(raw) or raw[start + n] not in _TAG_END:
            pos = start + n  # another element whose name starts with "style"
            continue
        tag_end = raw.find(b">", start)
        if tag_end < 0:
            return etree.fromstring(raw, _PARSER)
        if raw[tag_end - 1] == 0x2F:  # "/": an empty style element
            end = tag_end + 1
        else:
            close = raw.find(close_tag, tag_end)
            end = raw.find(b">", close) + 1 if close >= 0 else 0
            if end <= 0:
                return etree.fromstring(raw, _PARSER)
        if not not_paragraph.search(raw, start, tag_end):
            kept.append(raw[start:end])
        pos = end
    kept.append(b"</" + prefix + b":styles>")
    try:
        return etree.fromstring(b"".join(kept), _PARSER)
    except etree.XMLSyntaxError:
        return etree.fromstring(raw, _PARSER)


def _markup_decl(raw: bytes, start: int) -> bool:
    """Whether a comment, CDATA section or declaration follows ``start`` (a "!" is rare: look for it first)."""
    bang = raw.find(b"!", start)  # one byte: a memchr, where "<!" would be a slow search in markup
    while bang > 0:
        if raw[bang - 1] == 0x3C:  # "<"
            return True
        bang = raw.find(b"!", bang + 1)
    return False


def _inflate(view: memoryview, info: zipfile.ZipInfo) -> bytes:
    """Inflate one deflated part in bounded steps; refuse it past its declared size, or if damaged."""
    off = info.header_offset
    if bytes(view[off : off + 4]) != b"PK\x03\x04":
        raise UnreadableDocument("文件不完整或已损坏（压缩包目录与内容不符）。请用原软件重新保存后再导入。")
    name_len, extra_len = struct.unpack("<HH", view[off + 26 : off + 30])
    start = off + 30 + name_len + extra_len
    pending: Any = view[start : start + info.compress_size]
    inflater = zlib.decompressobj(-15)
    chunks: list[bytes] = []
    produced = 0
    try:
        while pending and not inflater.eof:
            # One byte more than is left is enough to see a part that lies about its size.
            chunk = inflater.decompress(pending, min(_CHUNK, info.file_size - produced + 1))
            produced += len(chunk)
            if produced > info.file_size:
                raise DocumentTooLarge(_BOMB)
            chunks.append(chunk)
            pending = inflater.unconsumed_tail
    except zlib.error as exc:
        raise UnreadableDocument(f"文件内部的“{info.filename}”已损坏，无法解压。请用原软件重新保存后再导入。") from exc
    out = b"".join(chunks)
    if produced != info.file_size or zlib.crc32(out) != info.CRC:
        raise UnreadableDocument(
            f"文件内部的“{info.filename}”已损坏（解压后与记录的大小或校验值不符）。请用原软件重新保存后再导入。"
        )
    return out


class _Reader:
    """Walks one document body in order, keeping the list counters as Word would."""

    def __init__(self, styles: _Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    # ------------------------------------------------------------------ text

    def text(self, el: Any) -> str:
        """The printed text of a paragraph (or any run container)."""
        out: list[str] = []
        self._collect(el, out)
        return "".join(out)

    def _collect(self, el: Any, out: list[str]) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == T:
                if child.text:
                    out.append(child.text)
            elif tag == R:
                rpr = _child(child, RPR)
                if rpr is not None and _on(_child(rpr, VANISH)):
                    continue  # hidden text is not printed
                self._collect(child, out)
            elif tag == TAB:
                out.append("\t")
            elif tag == BR:
                if child.get(_W + "type") in (None, "textWrapping"):
                    out.append("\n")
            elif tag == CR:
                out.append("\n")
            elif tag == NB_HYPHEN:
                out.append("-")
            elif tag == SYM:
                code = child.get(_W + "char") or ""
                try:
                    ch = int(code, 16)
                except ValueError:
                    continue
                if not 0xF000 <= ch <= 0xF0FF and 0 < ch < 0x110000:  # symbol-font glyphs mean nothing as text
                    out.append(chr(ch))
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                self._collect(child, out)  # hyperlink, ins, smartTag, fldSimple, sdt…

    # ------------------------------------------------------------------ paragraphs

    def paragraph(self, p: Any, index: int) -> Paragraph | None:
        ppr = _child(p, PPR)
        info = self._style(ppr)
        label = self._label(ppr, info)
        text = self.text(p).strip()
        if not text:
            return None
        outline = _int(_val(_child(ppr, OUTLINE_LVL))) if ppr is not None else None
        if outline is None:
            outline = info.outline
        level = info.name_level
        if level is None and outline is not None and 0 <= outline < 9:
            level = outline + 1
        return Paragraph(index=index, text=text, style=info.name, heading_level=level, list_label=label)

    def _style(self, ppr: Any) -> _StyleInfo:
        style_id = _val(_child(ppr, PSTYLE)) if ppr is not None else None
        return self.styles.info(style_id if style_id is not None else self.styles.default)

    def _label(self, ppr: Any, info: _StyleInfo) -> str | None:
        num_id, ilvl = info.num_id, info.ilvl
        num_pr = _child(ppr, NUM_PR) if ppr is not None else None
        if num_pr is not None:
            direct_id = _val(_child(num_pr, NUM_ID))
            direct_lvl = _int(_val(_child(num_pr, ILVL)))
            if direct_id is not None:
                num_id = direct_id
            if direct_lvl is not None:
                ilvl = direct_lvl
        if num_id is None:
            return None
        return self.numbering.label(num_id, ilvl or 0)

    # ------------------------------------------------------------------ tables

    def table(self, tbl: Any, index: int) -> Table:
        rows: list[list[dict[str, Any]]] = []
        above: dict[int, dict[str, Any]] = {}  # grid column → the cell covering it in the row above
        for r, tr in enumerate(_children(tbl, TR)):
            trpr = tr.find(_W + "trPr")
            col = (_int(_val(trpr.find(_W + "gridBefore"))) or 0) if trpr is not None else 0
            row: list[dict[str, Any]] = []
            covered: dict[int, dict[str, Any]] = {}
            for tc in _children(tr, TC):
                tcpr = tc.find(_W + "tcPr")
                span = 1
                vmerge: str | None = None
                if tcpr is not None:
                    span = max(1, _int(_val(tcpr.find(_W + "gridSpan"))) or 1)
                    vm = tcpr.find(_W + "vMerge")
                    if vm is not None:
                        vmerge = _val(vm, "continue")
                # A legacy horizontal merge (hMerge) continues the cell to its left.
                hmerge = _val(tcpr.find(_W + "hMerge")) if tcpr is not None else None
                text = self.cell_text(tc)
                prev = above.get(col)
                if vmerge == "continue" and prev is not None and prev["col"] == col:
                    if prev["row"] + prev["rowspan"] == r:
                        prev["rowspan"] += 1
                    cell = prev
                elif hmerge == "continue" and row:
                    row[-1]["colspan"] += span
                    cell = row[-1]
                else:
                    cell = {"text": text, "row": r, "col": col, "rowspan": 1, "colspan": span}
                    row.append(cell)
                for c in range(col, col + span):
                    covered[c] = cell
                col += span
            above = covered
            rows.append(row)
        return Table(
            index=index,
            rows=tuple(
                tuple(Cell(c["text"], c["row"], c["col"], c["rowspan"], c["colspan"]) for c in row) for row in rows
            ),
        )

    def cell_text(self, tc: Any) -> str:
        """A cell's text: its paragraphs (with their list labels) one per line, nested tables flattened."""
        lines: list[str] = []
        for el in _blocks(tc):
            if el.tag == P:
                ppr = _child(el, PPR)
                label = self._label(ppr, self._style(ppr))
                text = self.text(el)
                if label:
                    text = label + text.strip()
                lines.extend(text.split("\n"))
            else:
                for row in _children(el, TR):
                    for tc2 in _children(row, TC):
                        lines.extend(self.cell_text(tc2).split("\n"))
        return "\n".join(s for s in (ln.strip() for ln in lines) if s)

    # ------------------------------------------------------------------ body

    def blocks(self, body: Any) -> list[Block]:
        blocks: list[Block] = []
        for el in _blocks(body):
            if el.tag == P:
                para = self.paragraph(el, len(blocks))
                if para is not None:
                    blocks.append(para)
            else:
                table = self.table(el, len(blocks))
                if table.rows and any(row for row in table.rows):
                    blocks.append(table)
        return blocks


def _child(el: Any, tag: str) -> Any:
    """The first child with ``tag``, or None: ``el.find(tag)`` without lxml's path machinery (4× faster)."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _children(child, tag)


def _blocks(el: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell, in order, through content controls."""
    for child in el.iterchildren():
        tag = child.tag
        if tag in (P, TBL):
            yield child
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _blocks(content)
        elif tag in _BLOCK_WRAPPERS:
            yield from _blocks(child)


def read_docx(data: bytes, source: Source) -> Document:
    """Read a .docx (or a .docm/.dotx/.dotm) into ordered paragraphs and tables."""
    pkg = _Package(data)
    try:
        main = pkg.rels("").get(_OFFICE_DOCUMENT)
        root = pkg.xml(main) if main is not None else None
        if main is None or root is None:
            raise UnreadableDocument(_INCOMPLETE)
        rels = pkg.rels(main)
        raw_styles = pkg.part(rels[_STYLES]) if _STYLES in rels else None
        styles = _styles_xml(raw_styles) if raw_styles is not None else None
        numbering = pkg.xml(rels[_NUMBERING]) if _NUMBERING in rels else None
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(_DAMAGED) from exc
    body = root.find(BODY) if root.tag == DOCUMENT else None
    if body is None:
        raise UnreadableDocument("Word 文档没有正文。请检查是否选错了文件。")
    reader = _Reader(_Styles.from_element(styles), Numbering(numbering))
    return Document(source=source, blocks=tuple(reader.blocks(body)))
