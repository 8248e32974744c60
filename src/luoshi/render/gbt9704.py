"""GB/T 9704-2012 for the .docx reports: A4 page and margins, the document fonts, page numbers "— 7 —".

The standard (党政机关公文格式) fixes what the office's readers expect of an issued document:

- A4 paper; 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, a 版心 of 156 × 225 mm, so the
  bottom margin is 35 mm and the right margin 26 mm. Landscape sections (wide tables) turn that
  版心 on its side (225 × 156 mm) and keep its size.
- Body text 三号 (16 pt) 仿宋_GB2312, 22 lines of 28 characters on a page (a fixed line pitch of
  225 mm / 22 ≈ 28.9 pt); the title 二号 (22 pt) 方正小标宋简体, centred; first-level headings
  (一、) 黑体, second-level headings (（一）) 楷体_GB2312; the 附件 label 黑体 at the top left.
- Page numbers in 4号 (14 pt) half-width 宋体 Arabic numerals with an em dash on each side
  ("— 7 —"), about 7 mm below the 版心: odd pages at the right, even pages at the left, each one
  character in from the edge of the 版心.

Chinese font names go in ``w:rFonts/@w:eastAsia`` (Word picks the East-Asian font from there, not
from ``w:ascii``); we set ``w:ascii``/``w:hAnsi`` to the same font so digits and Latin letters
match the text, as offices usually do. Text formatting lives in named styles, so a paragraph or a
table cell is only a style reference: that keeps documents small, lets the office restyle them in
Word, and makes rendering as fast as writing bare text (see ``bench/bench_render.py``).

Blocks are appended as WordprocessingML strings (``GbDocument.append``) rather than through
python-docx's object API, which is an order of magnitude slower for large tables.
"""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from collections.abc import Iterable
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section
from docx.shared import Mm

# Fonts named by GB/T 9704; Word and WPS substitute installed equivalents when these are missing.
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"

# Chinese type sizes in points (号数).
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: body text and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_SMALL_4 = 12.0  # 小四: table text

# The page in millimetres (portrait); landscape swaps width and height and turns the margins.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0
MARGIN_LEFT_MM = 28.0
TEXT_WIDTH_MM = 156.0
TEXT_HEIGHT_MM = 225.0
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TEXT_HEIGHT_MM  # 35
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TEXT_WIDTH_MM  # 26
# The footer's baseline sits about 7 mm below the 版心 plus the height of a 14 pt line.
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - 7.0 - 6.0
HEADER_DISTANCE_MM = 15.0

LINE_PITCH_TWIPS = 578  # 28.9 pt: 22 lines in the 225 mm 版心
TWIPS_PER_MM = 1440 / 25.4

Align = Literal["left", "center", "right", "both"]

# Style ids (ASCII, as Word writes them) and the names the office sees in Word's style list.
STYLE_BODY = "GwBody"
STYLE_TITLE = "GwTitle"
STYLE_H1 = "Heading1"
STYLE_H2 = "Heading2"
STYLE_ATTACHMENT = "GwAttachment"
STYLE_TABLE_TEXT = "GwTableText"
STYLE_TABLE_HEAD = "GwTableHead"
STYLE_TABLE_SECTION = "GwTableSection"
STYLE_NOTE = "GwNote"
STYLE_PAGE_NUMBER = "GwPageNumber"
STYLE_PLAIN = "GwPlain"


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def _rpr(font: str, size_pt: float, *, bold: bool = False) -> str:
    half_points = round(size_pt * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}" w:hint="eastAsia"/>'
        f"{'<w:b/><w:bCs/>' if bold else ''}"
        f'<w:color w:val="000000"/><w:kern w:val="2"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
    )


def _spacing(exact_twips: int | None) -> str:
    if exact_twips is None:
        return '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    return f'<w:spacing w:before="0" w:after="0" w:line="{exact_twips}" w:lineRule="exact"/>'


def _indent_chars(chars: int, size_pt: float) -> str:
    # firstLineChars is in hundredths of a character; firstLine is Word's fallback in twips.
    return f'<w:ind w:firstLineChars="{chars * 100}" w:firstLine="{round(chars * size_pt * 20)}"/>'


def _paragraph_style(
    style_id: str,
    name: str,
    *,
    font: str,
    size_pt: float,
    align: Align = "both",
    line_twips: int | None = LINE_PITCH_TWIPS,
    indent_chars: int = 0,
    bold: bool = False,
    outline_level: int | None = None,
    keep_next: bool = False,
    widow_control: bool = True,
) -> str:
    ppr = (
        ("<w:keepNext/>" if keep_next else "")
        + ("" if widow_control else '<w:widowControl w:val="0"/>')
        + _spacing(line_twips)
        + (_indent_chars(indent_chars, size_pt) if indent_chars else '<w:ind w:firstLine="0"/>')
        + f'<w:jc w:val="{align}"/>'
        + (f'<w:outlineLvl w:val="{outline_level}"/>' if outline_level is not None else "")
    )
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="{0 if style_id.startswith("Heading") else 1}" '
        f'w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr>{_rpr(font, size_pt, bold=bold)}</w:style>"
    )


STYLES: tuple[str, ...] = (
    _paragraph_style(STYLE_BODY, "公文正文", font=BODY_FONT, size_pt=SIZE_3, indent_chars=2),
    _paragraph_style(STYLE_PLAIN, "公文无缩进", font=BODY_FONT, size_pt=SIZE_3),
    _paragraph_style(STYLE_TITLE, "公文标题", font=TITLE_FONT, size_pt=SIZE_2, align="center", line_twips=700),
    _paragraph_style(
        STYLE_H1, "heading 1", font=HEADING_FONT, size_pt=SIZE_3, indent_chars=2, outline_level=0, keep_next=True
    ),
    _paragraph_style(
        STYLE_H2, "heading 2", font=SUBHEADING_FONT, size_pt=SIZE_3, indent_chars=2, outline_level=1, keep_next=True
    ),
    _paragraph_style(STYLE_ATTACHMENT, "附件标识", font=HEADING_FONT, size_pt=SIZE_3, align="left", keep_next=True),
    _paragraph_style(
        STYLE_TABLE_TEXT, "表格文字", font=BODY_FONT, size_pt=SIZE_SMALL_4, line_twips=None, widow_control=False
    ),
    _paragraph_style(
        STYLE_TABLE_HEAD, "表格表头", font=HEADING_FONT, size_pt=SIZE_SMALL_4, align="center", line_twips=None
    ),
    _paragraph_style(
        STYLE_TABLE_SECTION, "表格分组", font=HEADING_FONT, size_pt=SIZE_SMALL_4, align="left", line_twips=None
    ),
    _paragraph_style(STYLE_NOTE, "表注", font=BODY_FONT, size_pt=SIZE_SMALL_4, align="left", line_twips=None),
    _paragraph_style(STYLE_PAGE_NUMBER, "页码", font=PAGE_NUMBER_FONT, size_pt=SIZE_4, align="right", line_twips=None),
)

_DOC_DEFAULTS = (
    f"<w:docDefaults {nsdecls('w')}><w:rPrDefault>{_rpr(BODY_FONT, SIZE_3)}</w:rPrDefault>"
    f"<w:pPrDefault><w:pPr>{_spacing(None)}</w:pPr></w:pPrDefault></w:docDefaults>"
)

# Characters XML 1.0 cannot hold (control characters other than tab and newline).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """``text`` made safe inside a WordprocessingML element: escaped, control characters removed."""
    text = _XML_ILLEGAL.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\t", " ")


class GbDocument:
    """A python-docx document with the GB/T 9704 setup, and body blocks added as WordprocessingML text.

    Blocks are kept as strings and spliced into ``word/document.xml`` when the document is saved:
    parsing them into python-docx's element tree costs more than the whole rest of rendering
    (lxml re-homes every node moved between trees), while the text splice costs next to nothing.
    Each ``append`` leaves a one-element placeholder in the tree, so blocks keep their place among
    the section breaks python-docx inserts.
    """

    def __init__(self, *, landscape: bool = False) -> None:
        self.docx = _styled_document()
        section = self.docx.sections[0]
        set_page(section, landscape=landscape)
        _page_number_footers(section)
        self._blocks: list[str] = []
        self._token = secrets.token_hex(6)

    def append(self, fragments: Iterable[str]) -> None:
        """Append blocks (``w:p``, ``w:tbl`` strings, using the ``w:`` prefix) to the end of the body."""
        marker = f"luoshi-{self._token}-{len(self._blocks)}"
        self._blocks.append("".join(fragments))
        placeholder = parse_xml(f'<w:p {nsdecls("w")}><w:bookmarkStart w:id="0" w:name="{marker}"/></w:p>')
        body = self.docx.element.body
        anchor = body.sectPr
        if anchor is not None:
            anchor.addprevious(placeholder)
        else:
            body.append(placeholder)

    def add_section(self, *, landscape: bool) -> None:
        """Start a new page in a new section (for a change of orientation); footers carry over."""
        section = self.docx.add_section(WD_SECTION.NEW_PAGE)
        set_page(section, landscape=landscape)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.docx.save(out)
        if not self._blocks:
            return out.getvalue()
        placeholder = re.compile(
            rf'<w:p><w:bookmarkStart w:id="0" w:name="luoshi-{self._token}-(\d+)"/></w:p>'.encode()
        )
        blocks = [b.encode("utf-8") for b in self._blocks]
        source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
        spliced = io.BytesIO()
        with zipfile.ZipFile(spliced, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "word/document.xml":
                    data, count = placeholder.subn(lambda m: blocks[int(m.group(1))], data)
                    if count != len(blocks):
                        raise RuntimeError("document body placeholders lost while saving")
                target.writestr(info, data)
        return spliced.getvalue()


def new_document(*, landscape: bool = False) -> GbDocument:
    """An empty document with the GB/T 9704 styles, page setup and page-number footers."""
    return GbDocument(landscape=landscape)


def _styled_document() -> DocxDocument:
    doc = docx.Document()
    styles = doc.styles.element
    wanted = {STYLE_H1, STYLE_H2}
    for style in list(styles.iterchildren("{*}style")):
        if style.get(f"{{{styles.nsmap['w']}}}styleId") in wanted:
            styles.remove(style)
    old_defaults = styles.find("{*}docDefaults")
    new_defaults = parse_xml(_DOC_DEFAULTS)
    if old_defaults is not None:
        old_defaults.addprevious(new_defaults)
        styles.remove(old_defaults)
    else:
        styles.insert(0, new_defaults)
    for xml in STYLES:
        styles.append(parse_xml(xml))
    _plain_normal(doc)
    _declare_fonts(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    return doc


# What Word and WPS fall back to where the GB fonts are missing (Windows ships 仿宋/楷体/黑体/宋体,
# not the _GB2312 variants): ``w:altName`` in the font table, with the family for other programs.
FONT_FALLBACKS = (
    (BODY_FONT, "仿宋", "modern"),
    (SUBHEADING_FONT, "楷体", "modern"),
    (HEADING_FONT, "SimHei", "modern"),
    (TITLE_FONT, "宋体", "roman"),
    (PAGE_NUMBER_FONT, "SimSun", "roman"),
)


def _declare_fonts(doc: DocxDocument) -> None:
    """Name the fonts in word/fontTable.xml with their fallbacks (the part is kept as bytes by python-docx)."""
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, alt, family in FONT_FALLBACKS
    ).encode("utf-8")
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable") and not rel.is_external:
            part = rel.target_part
            blob = getattr(part, "_blob", None)
            if isinstance(blob, bytes) and b"</w:fonts>" in blob:
                part._blob = blob.replace(b"</w:fonts>", entries + b"</w:fonts>")


def _plain_normal(doc: DocxDocument) -> None:
    """The Normal style of python-docx's template carries Latin theme fonts: make it the body font."""
    normal = doc.styles["Normal"].element
    for child in list(normal):
        if child.tag.endswith("}rPr") or child.tag.endswith("}pPr"):
            normal.remove(child)
    normal.append(parse_xml(_rpr(BODY_FONT, SIZE_3).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>")))


def set_page(section: Section, *, landscape: bool) -> None:
    """A4 with the standard's margins; landscape keeps the 版心's size turned on its side."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.footer_distance = Mm(MARGIN_RIGHT_MM - 7.0 - 6.0)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def text_width_mm(landscape: bool) -> float:
    return TEXT_HEIGHT_MM if landscape else TEXT_WIDTH_MM


def page_number_xml(*, odd: bool) -> str:
    """A footer paragraph "— N —": odd pages at the right, even at the left, one character in."""
    indent = round(SIZE_4 * 20)
    where = (
        f'<w:jc w:val="right"/><w:ind w:right="{indent}"/>'
        if odd
        else f'<w:jc w:val="left"/><w:ind w:left="{indent}"/>'
    )
    return (
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{STYLE_PAGE_NUMBER}"/>{where}</w:pPr>'
        '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
    )


def _page_number_footers(section: Section) -> None:
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(parse_xml(page_number_xml(odd=odd)))


_NO_LINE_START = set("，。、；：？！）》」』”’%")
_NO_LINE_END = set("（《「『“‘")
_GOOD_BREAK_AFTER = ("关于", "印发", "转发", "的", "和", "及", "与", "》", "年")
_GOOD_BREAK_BEFORE = ("《", "关于")


def _width(ch: str) -> float:
    # Digits and Latin letters are "half-width" but print a little wider in most CJK fonts.
    return 0.6 if ord(ch) < 0x2E80 else 1.0


def title_lines(title: str, *, landscape: bool = False) -> str:
    """The title broken into balanced lines when it is longer than one line of 二号 type.

    GB/T 9704 asks for a title's lines to be of sensible, symmetrical lengths (梯形或菱形) rather than
    a full line and an orphaned character or two: break at the points nearest equal shares of its
    width, never inside a run of Latin letters or digits, before closing or after opening punctuation.
    A title that already holds line breaks is kept as given.
    """
    if "\n" in title:
        return title
    per_line = text_width_mm(landscape) / (SIZE_2 * 25.4 / 72) - 0.5  # characters of 二号 type on a line
    total = sum(_width(ch) for ch in title)
    if total <= per_line:
        return title
    lines = int(-(-total // per_line))
    breaks: list[int] = []
    position = 0.0
    cut_points: list[tuple[int, float, float]] = []  # (index, width before it, penalty)
    depth = 0
    for i, ch in enumerate(title[:-1]):
        position += _width(ch)
        depth += (ch in "《“") - (ch in "》”")
        nxt = title[i + 1]
        if ch.isascii() and ch.isalnum() and nxt.isascii() and nxt.isalnum():
            continue
        if nxt in _NO_LINE_START or ch in _NO_LINE_END:
            continue
        # Breaking inside a quoted document name (《…》) reads worse than a slightly uneven line;
        # breaking after the function words of a title (关于, 印发, 的…) or before 《 reads best.
        penalty = 2.5 if depth > 0 else 0.0
        if title.startswith(_GOOD_BREAK_BEFORE, i + 1) or title[: i + 1].endswith(_GOOD_BREAK_AFTER):
            penalty -= 1.0
        cut_points.append((i + 1, position, penalty))
    for k in range(1, lines):
        goal = total * k / lines
        candidates = [(abs(w - goal) + pen, i) for i, w, pen in cut_points if not breaks or i > breaks[-1]]
        if candidates:
            breaks.append(min(candidates)[1])
    pieces, start = [], 0
    for b in breaks:
        pieces.append(title[start:b])
        start = b
    pieces.append(title[start:])
    return "\n".join(pieces)


def paragraph_xml(text: str, style: str, *, align: Align | None = None, page_break_before: bool = False) -> str:
    """One paragraph in ``style``; line breaks in ``text`` become line breaks in the paragraph."""
    ppr = f'<w:pStyle w:val="{style}"/>'
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{esc(line)}</w:t>' for line in text.split("\n"))
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r>{runs}</w:r></w:p>" if text else f"<w:p><w:pPr>{ppr}</w:pPr></w:p>"
