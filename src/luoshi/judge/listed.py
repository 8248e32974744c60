"""Items a notice lists under a status: "未达到序时进度11项…,为A、B、C", "滞后项目:一是A…;二是B…", "5项已完成,分别是:A、B".

A 督查通报 often names its items only in a list under what it says of them all: behind (未达到序时进度, 滞后,
推进缓慢, 进度偏慢) or done (已完成; during the year also 达到时序进度, on schedule). The status is said of each item the list names, and the item's words
in the list are its name: a figure there ("完成投资80亿元", "新建安置区5个", "(第二十三项)") is the target's own,
or a sibling's, never an achievement. The list runs from its opener (分别是, 为, ":", "(") to the end of its
sentence; a head must count the items ("11项", "的有3", "5项", "子项目7个") or name them (滞后项目) — a lone
"滞后序时进度9.8个百分点" lists nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from luoshi.judge.text import overlap
from luoshi.model import IndicatorVerdict

_LAG = r"(?:未达到?|未达|没有达到|没达到)(?:序时|时序|目标)?进度(?:要求)?|滞后|推进缓慢|进[度展](?:偏慢|缓慢|较慢|滞后)"
_DONE = r"(?:均已|已提前|已|提前)(?:全部)?完成(?!率|投资|\d)"
_N = r"(?:\d+|[一二三四五六七八九十两]+)"
# The items counted or named: "11项", "3项指标", "5件", "子项目7个"; after a lag also "的有3" and "项目:".
_ITEMS = rf"{_N}\s*[项件](?:子项目|项目|事项|实事|指标)?|(?:子项目|项目|事项|实事)\s*{_N}\s*[个项件]"
# On schedule counts as done during the year: "已完成或达到时序进度(91.67%)以上的项目25个" (not "未达到…").
_ON_TIME = r"(?<![未没不有])(?:已?完成或)?(?:达到或超过|达到|超过|超)(?:时序|序时|时间)进度"
_HEAD = re.compile(
    rf"(?P<lag>{_LAG})(?:的)?(?:有)?(?P<n1>{_ITEMS}|{_N}|项目|事项)?"
    rf"|(?P<n2>{_ITEMS})(?P<done>{_DONE})|(?P<done2>{_DONE})(?P<n3>{_ITEMS})"
    rf"|(?P<ontime>{_ON_TIME})[^。；;，,]{{0,12}}?(?P<n4>{_ITEMS})"
)
# What opens the list after the head: "分别是:", ",为", ":", "(", or ",一是".
_OPENER = re.compile(
    r"[^。；;:：(（]{0,14}?(?:分别(?:是|为)[:：]?|[,，](?:为|是)|[:：]|[(（]|[,，](?=[一二三四五六七八九十]是))"
)
# A list opening the next sentence: "…的项目25个,占比达62.5%。分别为:A、B".
_NEXT_SENTENCE = re.compile(r"[^。；;\n]{0,20}?。\s*分别(?:是|为)[:：]?")
_SENTENCE_END = re.compile(r"[。\n]")
_ITEM_END = frozenset("、；;，,")
_ORDINAL_END = frozenset("；;")
_ORDINAL = re.compile(r"[一二三四五六七八九十]是")
# An item's own number in the plan ("(第二十三项)") is no part of its name.
_NUMBERING = re.compile(r"[(（]第[一二三四五六七八九十百\d]+[项条件][)）]")
# A target named by an item shares this much of its words with it.
_NAMED = 0.6


@dataclass(frozen=True, slots=True)
class StatusList:
    """One list of items under a status: what is said of them, the head's words, and the items as printed."""

    behind: bool
    head: str
    start: int  # where the list's items begin in the progress text
    end: int
    items: tuple[str, ...]


@lru_cache(maxsize=4096)
def status_lists(progress: str) -> tuple[StatusList, ...]:
    """The lists of items under a status in ``progress`` (behind or done), in order."""
    out: list[StatusList] = []
    for m in _HEAD.finditer(progress):
        if m.group("lag") and not m.group("n1"):
            continue
        opener = _OPENER.match(progress, m.end()) or _NEXT_SENTENCE.match(progress, m.end())
        if opener is None:
            continue
        start = opener.end()
        stop = _SENTENCE_END.search(progress, start)
        end = stop.start() if stop else len(progress)
        end, items = _items(progress, start, end)
        if len(items) < 2 or any(lst.start <= m.start() < lst.end for lst in out):
            continue
        head = progress[m.start() : m.end()]
        out.append(StatusList(bool(m.group("lag")), head, start, end, items))
    return tuple(out)


def _items(text: str, start: int, end: int) -> tuple[int, tuple[str, ...]]:
    """The items of a list from ``start``: split at 、，； and before 一是/二是, brackets kept whole.

    A list opened by a bracket ends at its closing one ("有3(A、B、C),占…"); the end is returned with the items.
    """
    items: list[str] = []
    # Items numbered 一是/二是 run to the next number: their commas are inside an item.
    seps = _ORDINAL_END if _ORDINAL.match(text, start) else _ITEM_END
    depth = 0
    begin = start
    at = start
    while at < end:
        ch = text[at]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                end = at
                break
        elif depth == 0 and (ch in seps or (at > begin and _ORDINAL.match(text, at))):
            items.append(text[begin:at])
            begin = at + 1 if ch in seps else at
        at += 1
    items.append(text[begin:end])
    return end, tuple(i.strip(" ，,") for i in items if i.strip(" ，,"))


def in_lag_list(progress: str, at: int) -> bool:
    """Whether position ``at`` of the progress falls inside a list of items said to be behind (its words are names)."""
    return any(lst.behind and lst.start <= at < lst.end for lst in status_lists(progress))


def _named_by(target: str, items: tuple[str, ...]) -> str | None:
    """The item of a list that names ``target`` (the one sharing most of its words, at least ``_NAMED``)."""
    name = _NUMBERING.sub("", target).strip(" 。.")
    best, score = None, _NAMED
    for item in items:
        s = overlap(name, _NUMBERING.sub("", item))
        if s >= score and (best is None or s > score):
            best, score = item, s
    return best


def listed_status(target: str, progress: str) -> IndicatorVerdict | None:
    """The status a notice's list gives ``target`` when one of its items names it; None when none does.

    Named in lists of both kinds (behind in one, done in another) the status is not settled: None, and the
    other rules judge the text.
    """
    found: list[tuple[StatusList, str]] = []
    for lst in status_lists(progress):
        item = _named_by(target, lst.items)
        if item is not None:
            found.append((lst, item))
    if not found or len({lst.behind for lst, _ in found}) > 1:
        return None
    lst, item = found[0]
    evidence = f"{lst.head}：{item}"
    if lst.behind:
        rule = f"进展将本项列为“{lst.head}”：{item}"
        return IndicatorVerdict(None, "not_done", (rule,), rule, evidence=evidence)
    rule = f"进展将本项列为“{lst.head}”：{item}"
    return IndicatorVerdict(None, "done", (rule,), rule, evidence=evidence)
