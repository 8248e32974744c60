"""Render 1,000 tasks to .docx and .xlsx and compare with writing the same table with bare python-docx/openpyxl.

The goal is a ratio within 1.5× of the bare libraries in the same run: the GB/T 9704 styles, merged
section rows, repeated header and print setup must not cost more than half again the bare write.
Run: ``python bench/bench_render.py [--tasks N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable

import docx
from openpyxl import Workbook

from luoshi.model import Part, Task
from luoshi.render.exec_table import tables_docx
from luoshi.render.layout import layout_part
from luoshi.render.xlsx import tables_xlsx

HEADERS = ["序号", "目标内容", "责任单位", "进展情况", "是否完成"]


def make_part(n: int) -> Part:
    """``n`` tasks in sections of 25, with texts of the seeds' typical length."""
    tasks = []
    for i in range(1, n + 1):
        tasks.append(
            Task(
                number=str(i),
                text=f"新增市级新型研发机构{i % 7 + 1}家，新型研发机构新增孵化与引进企业产业创新集群集聚度达60%",
                section=f"{'一二三四五六七八九十'[(i // 250) % 10]}、重点工作任务",
                subsection=f"（{'一二三四五六七八九十'[(i // 25) % 10]}）打造创新名城引领区，增强发展动能",
                lead=("科技局", "鼓楼高新区管委会") if i % 3 == 0 else ("发改委",),
                progress="1-11月份有效发明专利拥有量12871件。全年预计13000件。\n"
                "1-11月份PCT专利申请量165件。全年预计170件。" * (1 + i % 3),
                status=("是", "否", "部分未达")[i % 3],
            )
        )
    return Part(title="鼓楼区2021年国民经济和社会发展计划执行情况表", kind="status_table", tasks=tuple(tasks))


def rows_of(part: Part) -> list[list[str]]:
    return [[t.number or "", t.text, "、".join(t.lead), t.progress or "", t.status or ""] for t in part.tasks]


def bare_docx(part: Part) -> bytes:
    """The same table with python-docx's own API and no formatting: the baseline."""
    doc = docx.Document()
    doc.add_paragraph(part.title or "")
    table = doc.add_table(rows=1, cols=len(HEADERS))
    for cell, header in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = header
    for row in rows_of(part):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def bare_xlsx(part: Part) -> bytes:
    """The same table with openpyxl appending plain values: the baseline."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([part.title])
    ws.append(HEADERS)
    for row in rows_of(part):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def compare(ours: Callable[[], bytes], bare: Callable[[], bytes], repeat: int) -> tuple[float, float]:
    """Best time of each, the two run alternately so a busy machine slows both alike."""
    ours(), bare()  # warm up imports and caches
    best_ours = best_bare = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        ours()
        best_ours = min(best_ours, time.process_time() - start)
        start = time.process_time()
        bare()
        best_bare = min(best_bare, time.process_time() - start)
    return best_ours, best_bare


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    part = make_part(args.tasks)
    results = {
        "docx": compare(lambda: tables_docx([layout_part(part)]), lambda: bare_docx(part), args.repeat),
        "xlsx": compare(lambda: tables_xlsx([layout_part(part)]), lambda: bare_xlsx(part), args.repeat),
    }
    print(f"rendering {args.tasks} tasks (best of {args.repeat} alternating runs)")
    ok = True
    for fmt, (ours, bare) in results.items():
        ratio = ours / bare
        ok = ok and ratio <= 1.5
        print(
            f"  {fmt}: luoshi {ours * 1000:8.1f} ms   bare {bare * 1000:8.1f} ms   ratio {ratio:4.2f}x  (goal <= 1.5x)"
        )
    print("  goal met" if ok else "  GOAL MISSED")


if __name__ == "__main__":
    main()
