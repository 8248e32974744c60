"""The office's tables as Word documents: 执行情况表, 项目完成情况表, 计划草案 (GB/T 9704 page and fonts).

Each table is a section of its own (landscape when it has four columns or more), headed by its
附件 label (黑体, top left) and its title (方正小标宋简体, centred); the header row repeats on every
page (``w:tblHeader``), section rows span the table, and a note (备注：带★…) follows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from luoshi.model import Part
from luoshi.render import gbt9704 as gb
from luoshi.render.layout import LayoutKind, SectionRow, TableLayout, layout_part

_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_BORDERS = "".join(_BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _cell_xml(text: str, width: int, style: str, align: str, *, span: int = 1) -> str:
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    tcpr += '<w:vAlign w:val="center"/>'
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{align}"/></w:pPr>'
    if not text:
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p>{ppr}</w:p></w:tc>"
    # One paragraph per line: the readers join a cell's paragraphs with a line break.
    paragraphs = "".join(
        f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{gb.esc(line)}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraphs}</w:tc>"


def table_xml(layout: TableLayout, width_mm: float) -> str:
    """The table as one ``w:tbl`` element: fixed column widths filling ``width_mm``."""
    total = sum(c.weight for c in layout.columns)
    widths = [gb.twips(width_mm * c.weight / total) for c in layout.columns]
    full = sum(widths)
    parts = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{full}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{_BORDERS}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    parts.extend(f'<w:gridCol w:w="{w}"/>' for w in widths)
    parts.append("</w:tblGrid>")
    # The header row repeats at the top of every page and never splits.
    parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    parts.extend(
        _cell_xml(c.header, w, gb.STYLE_TABLE_HEAD, "center") for c, w in zip(layout.columns, widths, strict=True)
    )
    parts.append("</w:tr>")
    span = len(widths)
    aligns = [c.align for c in layout.columns]
    for row in layout.rows:
        if isinstance(row, SectionRow):
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            parts.append(_cell_xml(row.text, full, gb.STYLE_TABLE_SECTION, "left", span=span))
        else:
            parts.append("<w:tr>")
            parts.extend(
                _cell_xml(text, w, gb.STYLE_TABLE_TEXT, a) for text, w, a in zip(row, widths, aligns, strict=True)
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def tables_docx(layouts: Sequence[TableLayout]) -> bytes:
    """Word document holding ``layouts`` one after another, each from a new page."""
    if not layouts:
        raise ValueError("no tables to render")
    doc = gb.new_document(landscape=layouts[0].landscape)
    for n, layout in enumerate(layouts):
        if n:
            doc.add_section(landscape=layout.landscape)
        blocks: list[str] = []
        if layout.label:
            blocks.append(gb.paragraph_xml(layout.label, gb.STYLE_ATTACHMENT))
        blocks.append(gb.paragraph_xml(gb.title_lines(layout.title, landscape=layout.landscape), gb.STYLE_TITLE))
        blocks.append(gb.paragraph_xml("", gb.STYLE_NOTE))
        blocks.append(table_xml(layout, gb.text_width_mm(layout.landscape)))
        if layout.note:
            blocks.append(gb.paragraph_xml(layout.note, gb.STYLE_NOTE))
        doc.append(blocks)
    return doc.to_bytes()


def part_table_docx(
    part: Part,
    *,
    kind: LayoutKind | None = None,
    label: str | None = None,
    title: str | None = None,
    statuses: Mapping[int, str] | None = None,
    progress: Mapping[int, str] | None = None,
) -> bytes:
    """One part's table as a Word document (see ``layout.layout_part`` for the arguments)."""
    return tables_docx([layout_part(part, kind=kind, label=label, title=title, statuses=statuses, progress=progress)])
