"""Read and parse each seed as .txt and as .docx, relative to merely opening and walking the .docx.

The baseline is the least any .docx reader must do: python-docx opens the package and walks it
(``iter_inner_content()``, every paragraph's text, every table cell's text through ``rows`` and
``cells``). luoshi's cost is ``read_bytes`` (with its zip-bomb check and list numbering) plus
``parse_document`` (parts, tables, tasks, units, indicators). The goal: reading and parsing the
.docx within 1.5× of the baseline. Each seed's .docx is rebuilt the way tests do
(``tests/docbuild.py``: Word numbering, Heading styles, real merged tables).

The table also splits the .docx time into reading (``read_bytes``, the reader's own cost, whose
ratio to the walk is the reader's share of the goal) and parsing the read document.

Every ``functools.lru_cache`` of luoshi is emptied before each timed run, so that a repeated run
measures a first parse of the document, not a lookup of the answers the warm-up run left behind.

Run: ``python bench/bench_parse.py [--repeat R]``. Times are the best of R runs, in milliseconds.
``--profile [SORT]`` instead profiles ``parse_document`` over the seeds (as .docx) and prints the
functions that cost most (SORT: ``tottime``, the default, or ``cumtime``).

``--gc-off`` times as ``timeit`` does: garbage collected before each run, the cyclic collector off
during it. python-docx leaves each opened package in reference cycles (parts, relationships and
their lxml trees) that only the cyclic collector frees, a few milliseconds of work that falls in
whatever runs next: by default the walk's and the reader's own garbage mostly escapes their timing,
but the reader's lands in the parse that follows it. The default (collector on) is the goal's figure.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.table import Table as DocxTable  # noqa: E402
from tests.docbuild import to_docx  # noqa: E402

from luoshi.read import read_bytes  # noqa: E402
from luoshi.structure import parse_document  # noqa: E402

SEEDS = ROOT / "examples" / "seeds"
GOAL = 1.5


def baseline(data: bytes) -> int:
    """Open a .docx with python-docx and touch every paragraph's and cell's text."""
    d = docx.Document(io.BytesIO(data))
    n = 0
    for block in d.iter_inner_content():
        if isinstance(block, DocxTable):
            for row in block.rows:
                for cell in row.cells:
                    n += len(cell.text)
        else:
            n += len(block.text)
    return n


def clear_caches() -> None:
    """Empty every ``lru_cache`` in luoshi's modules: each timed run then parses as if for the first time."""
    for name, module in list(sys.modules.items()):
        if name != "luoshi" and not name.startswith("luoshi."):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


def best_ms(fn: Callable[[], object], repeat: int, gc_off: bool = False) -> float:
    """The fastest of ``repeat`` runs: on a shared machine the slower runs measure the neighbours."""
    fn()  # warm imports
    times = []
    for _ in range(repeat):
        clear_caches()
        if gc_off:
            gc.collect()
            gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times) * 1000


def profile(sort: str, repeat: int) -> None:
    """Profile ``parse_document`` over every seed's .docx (caches emptied before each run)."""
    docs = [read_bytes(to_docx(read_bytes(p.read_bytes(), p.name)), "seed.docx") for p in sorted(SEEDS.glob("0*.txt"))]
    for doc in docs:
        parse_document(doc)
    prof = cProfile.Profile()
    for _ in range(repeat):
        for doc in docs:
            clear_caches()
            prof.enable()
            parse_document(doc)
            prof.disable()
    pstats.Stats(prof).sort_stats(sort).print_stats(40)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--profile", nargs="?", const="tottime", choices=("tottime", "cumtime"), default=None)
    ap.add_argument("--gc-off", action="store_true", help="time with the cyclic garbage collector off, as timeit does")
    args = ap.parse_args()
    if args.profile:
        profile(args.profile, args.repeat)
        return

    header = (
        f"{'seed':<5} {'KB':>4} {'blocks':>6} {'tasks':>5} {'docx walk':>10} {'txt read+parse':>14} "
        f"{'docx read':>10} {'docx parse':>10} {'docx read+parse':>15} {'read/walk':>9} {'total/walk':>10}"
    )
    print(header)
    print("-" * len(header))
    reader, total = [], []
    for path in sorted(SEEDS.glob("0*.txt")):
        text = path.read_bytes()
        data = to_docx(read_bytes(text, path.name))
        doc = read_bytes(data, "seed.docx")
        tasks = sum(len(p.tasks) for p in parse_document(doc).parts)
        walk = best_ms(lambda data=data: baseline(data), args.repeat, args.gc_off)  # type: ignore[misc]
        txt = best_ms(
            lambda text=text, name=path.name: parse_document(read_bytes(text, name)), args.repeat, args.gc_off
        )  # type: ignore[misc]
        read = best_ms(lambda data=data: read_bytes(data, "seed.docx"), args.repeat, args.gc_off)  # type: ignore[misc]
        parse = best_ms(lambda doc=doc: parse_document(doc), args.repeat, args.gc_off)  # type: ignore[misc]
        full = best_ms(lambda data=data: parse_document(read_bytes(data, "seed.docx")), args.repeat, args.gc_off)  # type: ignore[misc]
        reader.append(read / walk)
        total.append(full / walk)
        print(
            f"{path.name[:3]:<5} {len(data) / 1024:>4.0f} {len(doc.blocks):>6} {tasks:>5} {walk:>7.1f} ms "
            f"{txt:>11.1f} ms {read:>7.1f} ms {parse:>7.1f} ms {full:>12.1f} ms {read / walk:>8.2f}× {full / walk:>9.2f}×"
        )
    print()
    for label, ratios in (
        ("docx read / walk (the reader)", reader),
        ("docx read+parse / walk (reader + parsers)", total),
    ):
        worst = max(ratios)
        print(
            f"{label}: worst {worst:.2f}×, median {statistics.median(ratios):.2f}× "
            f"(goal ≤ {GOAL}×: {'met' if worst <= GOAL else 'not met'})"
        )


if __name__ == "__main__":
    main()
