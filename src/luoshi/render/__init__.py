"""Renderers: plans, verdicts and reports → the office's documents as bytes (.docx, .xlsx; .pdf via LibreOffice).

Pure functions over the model (no I/O except ``pdf``, which runs LibreOffice):

- ``layout.layout_part(part, kind=…, statuses=…, progress=…)`` → a ``TableLayout`` (columns, section
  rows, note) shared by ``exec_table.tables_docx(layouts)`` and ``xlsx.tables_xlsx(layouts)``: the
  执行情况表, 项目完成情况表, 计划草案 and the plan as a table;
- ``plan_doc.plan_docx(part)``: the 分解落实方案 in the layout of seed 001;
- ``summary.summarize(part, verdicts, as_of=…)`` → ``Summary``; ``summary_text`` / ``summary_docx``;
- ``template.unit_template_xlsx(unit, tasks)``: a unit's fill-in template (read back by ``luoshi.intake``);
- ``pdf.docx_to_pdf(data)``.

``gbt9704`` holds the page, fonts and page numbers of GB/T 9704-2012 (see ``docs/reports.md``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# name → module: imported on first use, so that reaching one renderer (``luoshi.render.layout`` from the
# report registry, for instance) does not load python-docx and openpyxl for all of them.
_NAMES: dict[str, str] = {
    "part_table_docx": "luoshi.render.exec_table",
    "tables_docx": "luoshi.render.exec_table",
    "TableLayout": "luoshi.render.layout",
    "layout_part": "luoshi.render.layout",
    "layouts_for": "luoshi.render.layout",
    "plan_docx": "luoshi.render.plan_doc",
    "plan_table": "luoshi.render.plan_doc",
    "Summary": "luoshi.render.summary",
    "summarize": "luoshi.render.summary",
    "summary_docx": "luoshi.render.summary",
    "summary_text": "luoshi.render.summary",
    "tables_xlsx": "luoshi.render.xlsx",
}

if TYPE_CHECKING:
    from luoshi.render.exec_table import part_table_docx, tables_docx
    from luoshi.render.layout import TableLayout, layout_part, layouts_for
    from luoshi.render.plan_doc import plan_docx, plan_table
    from luoshi.render.summary import Summary, summarize, summary_docx, summary_text
    from luoshi.render.xlsx import tables_xlsx

__all__ = [
    "Summary",
    "TableLayout",
    "layout_part",
    "layouts_for",
    "part_table_docx",
    "plan_docx",
    "plan_table",
    "summarize",
    "summary_docx",
    "summary_text",
    "tables_docx",
    "tables_xlsx",
]


def __getattr__(name: str) -> Any:
    """A renderer's name, imported from its module on first use (PEP 562)."""
    if name not in _NAMES:
        raise AttributeError(f"module 'luoshi.render' has no attribute {name!r}")
    value = getattr(import_module(_NAMES[name]), name)
    globals()[name] = value
    return value
