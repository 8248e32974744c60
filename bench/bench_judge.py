"""Judge 100,000 indicators and print the time per indicator; then whole tasks from text, for scale.

1. ``judge_numeric`` on N indicators of every kind and comparator (growth, level, ratio, ceiling,
   reduction, 左右), each with a partial actual and a full-year forecast, at year end and mid-year:
   the cost of the rules alone.
2. ``judge_task`` on every row of seed 000's execution tables from target and progress text: the
   cost with the quantity reader, the figure matching and the milestone ladder included.

Run: ``python bench/bench_judge.py [--indicators N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date
from pathlib import Path

from luoshi.judge import judge_numeric, judge_plan
from luoshi.model import Indicator, Observation
from luoshi.read import read_path
from luoshi.structure import parse_document

ROOT = Path(__file__).resolve().parent.parent
KINDS = (
    ("growth", ">=", "%"),
    ("growth", "~", "%"),
    ("amount", ">=", "亿元"),
    ("amount", "~", "万元"),
    ("count", ">=", "家"),
    ("count", None, "件"),
    ("ratio", ">=", "%"),
    ("limit", "<=", "/10万"),
    ("reduction", ">=", "%"),
)


def make_cases(n: int, seed: int = 7) -> list[tuple[Indicator, list[Observation], date]]:
    """``n`` indicators, each with the figures a unit would report for it, and a date to judge at."""
    rng = random.Random(seed)
    cases = []
    for i in range(n):
        kind, cmp, unit = KINDS[i % len(KINDS)]
        target = round(rng.uniform(1, 1000), 2)
        ind = Indicator("指标", kind, cmp, target, unit, f"指标{target}{unit}")  # type: ignore[arg-type]
        months = rng.randint(3, 11)
        value = round(target * rng.uniform(0.5, 1.3), 2)
        growth = round(rng.uniform(-5, 20), 1)
        figures = [
            Observation("指标", f"1-{months}月", value, unit, growth, False, f"1-{months}月{value}{unit}"),
            Observation(None, "全年", value * 1.1, unit, growth + 1, True, f"全年预计{value * 1.1:.2f}{unit}"),
        ]
        when = date(2021, 12, 31) if i % 2 else date(2021, 6, 30)
        cases.append((ind, figures, when))
    return cases


def bench_indicators(n: int, repeat: int) -> None:
    cases = make_cases(n)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for ind, figures, when in cases:
            judge_numeric(ind, figures, as_of=when, year=2021)
        times.append(time.perf_counter() - start)
    best = min(times)
    print(f"judge_numeric: {n:,} indicators, best of {repeat}: {best:.2f} s = {best / n * 1e6:.1f} µs/indicator")
    print(f"  (median {statistics.median(times):.2f} s)")


def bench_seed(repeat: int) -> None:
    (seed,) = (ROOT / "examples" / "seeds").glob("000_*.txt")
    plan = parse_document(read_path(seed))
    rows = 0
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        parts = judge_plan(plan)
        times.append(time.perf_counter() - start)
        rows = sum(len(p.rows) for p in parts)
    best = min(times)
    print(
        f"judge_plan on seed 000: {rows} rows from text, best of {repeat}: {best * 1000:.0f} ms = {best / rows * 1000:.2f} ms/row"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--indicators", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    bench_indicators(args.indicators, args.repeat)
    bench_seed(args.repeat)


if __name__ == "__main__":
    main()
