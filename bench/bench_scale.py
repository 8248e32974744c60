"""Plans of any length: read and parse plans of 100, 1,000 and 10,000 tasks, against walking the .docx.

The plans are seed 001's grammar at scale (``tests/scaled.py``: its notice, seven sections and 72 task
lines in turn, numbered 1 … n), as .txt and as .docx (``tests/docbuild.to_docx``: Word numbering,
Heading styles). The baseline is the least a .docx reader must do: python-docx opens the package and
walks every paragraph's and cell's text (``bench_parse.baseline``). The goal: reading and parsing the
.docx within 1.5× of the walk at every size, every task read with its number, and memory that grows
linearly with the plan (the peak of tracemalloc per task about the same at every size).

Run: ``python bench/bench_scale.py [--repeat R] [--sizes 100,1000,10000]``; ``--profile N`` profiles
read+parse of the .docx of N tasks instead. Times are the best of R runs, in milliseconds.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_parse import baseline, best_ms, clear_caches  # noqa: E402
from tests.docbuild import to_docx  # noqa: E402
from tests.scaled import scaled_plan  # noqa: E402

from luoshi import compiled  # noqa: E402
from luoshi.read import read_bytes  # noqa: E402
from luoshi.structure import parse_document  # noqa: E402

GOAL = 1.5


def peak_kb(fn: Callable[[], object]) -> float:
    """The peak memory ``fn`` allocates, in KB (tracemalloc, caches emptied first)."""
    clear_caches()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def numbered_right(data: bytes, name: str, n: int) -> int:
    """How many of the n tasks are read with their own number."""
    tasks = [t for p in parse_document(read_bytes(data, name)).parts for t in p.tasks]
    return sum(1 for i, t in enumerate(tasks[:n]) if t.number == str(i + 1)) if len(tasks) == n else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--profile", type=int, default=None, metavar="N")
    args = ap.parse_args()
    if args.profile:
        data = to_docx(read_bytes(scaled_plan(args.profile).encode("utf-8"), "plan.txt"))
        prof = cProfile.Profile()
        clear_caches()
        prof.enable()
        parse_document(read_bytes(data, "plan.docx"))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
        return

    print(f"reading path: {compiled.describe()}  (LUOSHI_COMPILED=0 python bench/bench_scale.py: the sources)")
    header = (
        f"{'tasks':>6} {'KB':>6} {'numbered':>9} {'docx walk':>11} {'txt read+parse':>15} {'docx read+parse':>16} "
        f"{'ratio':>6} {'peak KB/task txt':>17} {'docx':>6}"
    )
    print(header)
    print("-" * len(header))
    ratios, per_task = [], []
    for n in (int(s) for s in args.sizes.split(",")):
        text = scaled_plan(n).encode("utf-8")
        data = to_docx(read_bytes(text, "plan.txt"))
        right = numbered_right(data, "plan.docx", n)
        repeat = max(1, args.repeat if n <= 1000 else args.repeat // 2)
        walk = best_ms(lambda data=data: baseline(data), repeat)  # type: ignore[misc]
        txt = best_ms(lambda text=text: parse_document(read_bytes(text, "plan.txt")), repeat)  # type: ignore[misc]
        full = best_ms(lambda data=data: parse_document(read_bytes(data, "plan.docx")), repeat)  # type: ignore[misc]
        mem_txt = peak_kb(lambda text=text: parse_document(read_bytes(text, "plan.txt"))) / n  # type: ignore[misc]
        mem_docx = peak_kb(lambda data=data: parse_document(read_bytes(data, "plan.docx"))) / n  # type: ignore[misc]
        ratios.append(full / walk)
        per_task.append(mem_docx)
        print(
            f"{n:>6} {len(data) / 1024:>6.0f} {right:>5}/{n:<5} {walk:>8.1f} ms {txt:>12.1f} ms {full:>13.1f} ms "
            f"{full / walk:>5.2f}× {mem_txt:>17.1f} {mem_docx:>6.1f}"
        )
    print()
    worst = max(ratios)
    print(f"docx read+parse / walk: worst {worst:.2f}× (goal ≤ {GOAL}×: {'met' if worst <= GOAL else 'not met'})")
    spread = max(per_task) / min(per_task) if min(per_task) > 0 else float("inf")
    print(
        f"peak memory per task (docx): {', '.join(f'{m:.1f}' for m in per_task)} KB "
        f"(largest/smallest {spread:.2f}; median {statistics.median(per_task):.1f})"
    )


if __name__ == "__main__":
    main()
