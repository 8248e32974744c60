"""The cyclic garbage collector paused while a parser builds a plan: its full passes grow with the plan.

Building a plan of n tasks keeps some twenty container objects per task alive until the end (the
paragraphs, items, tasks, indicators, spans, their tuples), and the collector, run every few hundred
allocations, traverses them all in each of its full passes: the more tasks built, the longer every
pass. For 10,000 tasks that was 15% of parsing, for 1,000 tasks 4%. The objects built form no
cycles (a plan is a tree of frozen dataclasses and tuples; reference counting frees the temporary
ones as they go), so nothing waits for the collector; its first pass after the block traverses what
was built once (inside ``parse_document``, which allocates the plan after it), and collects any cycle
made meanwhile. The collector is resumed only if it was running, so nesting and a caller that
paused it themselves are respected.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (resume it after if it was running)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
