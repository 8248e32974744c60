"""Plans of any length in the seeds' grammar: seed 001's notice, sections and tasks, repeated to ``n`` tasks.

The tasks are seed 001's 72 task lines (their words and unit clauses as printed) taken in turn and
numbered 1 … ``n``, spread over its seven section headings; the notice before and the 抄送 lines after
are the seed's own. Used by the scale benchmark (bench/bench_scale.py) and the tests of long plans.
"""

from __future__ import annotations

import re
from functools import cache

from tests.conftest import seed_path

_TASK = re.compile(r"^\d{1,4}\s*[.．﹒]\s*(?=\S)")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+、\s)")


@cache
def _seed() -> tuple[list[str], list[str], list[str], list[str]]:
    """Seed 001 as (head lines, section headings, task bodies, tail lines)."""
    lines = seed_path("001").read_text(encoding="utf-8").splitlines()
    first = next(i for i, ln in enumerate(lines) if _SECTION.match(ln.strip()))
    last_task = max(i for i, ln in enumerate(lines) if _TASK.match(ln.strip()))
    sections = [ln.strip() for ln in lines[first : last_task + 1] if _SECTION.match(ln.strip())]
    tasks = [_TASK.sub("", ln.strip()) for ln in lines[first : last_task + 1] if _TASK.match(ln.strip())]
    return lines[:first], sections, tasks, lines[last_task + 1 :]


def scaled_plan(n: int) -> str:
    """The text of a plan of ``n`` tasks in seed 001's grammar."""
    head, sections, tasks, tail = _seed()
    out = list(head)
    per_section = -(-n // len(sections))
    for number in range(1, n + 1):
        if (number - 1) % per_section == 0:
            out.append(sections[(number - 1) // per_section])
        out.append(f"{number}.{tasks[(number - 1) % len(tasks)]}")
    return "\n".join([*out, *tail]) + "\n"
