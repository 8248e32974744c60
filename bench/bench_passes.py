"""A fixed amount of the core's work for an instruction counter: read, parse and judge the seeds N times.

Each pass empties luoshi's caches, reads and parses the five seeds and judges seed 000's plan. Run it
under valgrind's callgrind with N = 1 and N = 4: (instructions at 4 − instructions at 1) / 3 is one
pass with the imports left out, a count that does not move with the machine's load. ``--src`` takes the
``src`` of another checkout (an older commit) to compare the same work on both:

    valgrind --tool=callgrind python bench/bench_passes.py 1
    valgrind --tool=callgrind python bench/bench_passes.py 4 --src ../old/src
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("passes", type=int, help="how many passes")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder of the checkout to run")
    args = ap.parse_args()
    sys.path[:0] = [str(args.src), str(ROOT / "bench")]
    from bench_parse import clear_caches

    from luoshi.judge import judge_plan
    from luoshi.read import read_path
    from luoshi.structure import parse_document

    seeds = sorted((ROOT / "examples" / "seeds").glob("00*.txt"))
    for _ in range(args.passes):
        clear_caches()
        plans = [parse_document(read_path(p)) for p in seeds]
        judge_plan(plans[0])
    print(f"{args.passes} passes over {len(seeds)} seeds")


if __name__ == "__main__":
    main()
