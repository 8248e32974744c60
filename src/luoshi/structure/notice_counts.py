"""A progress notice's counts of the whole: "262项任务中，达到序时进度M项、占X%" → ``Summary``.

Counts come in three word orders (docs/layouts/progress_notice.md §2): label 的有 count ("欠进度的有17个"),
label count ("达到序时进度44项", "已完成26件"), count label ("124项达到序时进度要求", "3项完成进度(…)"); a
share may follow ("占总任务的7.7%", "占比80.0%", "完成率40%"). A label counts only when it names a status
(``standing.find_standing``): "巴州区有3(…)推进缓慢" counts a county's share again, not the whole.

The total is one of the counts of tasks the notice names ("150项目标任务", "65件民生实事", "共38项",
"“十件民生实事”"): the one its counts add up to, else the first. A number of tasks followed by "中" is
the base of a breakdown ("8项主要经济发展指标中3项…"), and one whose clause ends in a status
("15个具体事项推进未达序时要求") is a count, neither a total. The counts kept are those printed after
the total and before the next different total (a second set of projects has its own counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from luoshi.model import Count, Summary
from luoshi.structure.numbering import numeral_value
from luoshi.structure.standing import find_standing

_N = r"\d+|[一二两三四五六七八九十百]+"
_MEASURE = r"项|件|个"
# What a notice counts its tasks as.
_TASK_NOUN = (
    r"目标任务|任务指标|指标任务|具体任务指标|具体工作内容|工作内容|民生实事|实事项目|实事|目标|任务|指标|项目|事项"
)
_TOTAL = re.compile(
    rf"(?:(?P<sum>共计?|总计|合计)(?:安排|明确|确定|有|计)?[^，,。；;、()（）:：\d]{{0,8}}?(?P<n1>{_N})\s*(?:{_MEASURE}))"
    rf"|(?P<n2>{_N})\s*(?:{_MEASURE})(?P<what>[^，,。；;、()（）:：]{{0,10}}?(?:{_TASK_NOUN}))(?!中\s*(?:\d|[一二三四五六七八九十]))"
)
# label 的有 N / label N / N label / label 的有 names 等N项.
_HAS = re.compile(rf"(?P<label>[^，,；;。:：、()（）]{{1,30}}?)的?有\s*(?P<n>\d+)\s*(?:{_MEASURE})?")
_HAS_NAMES = re.compile(
    rf"(?P<label>[^，,；;。:：、()（）“”]{{1,30}}?)的有\s*[^\d。；;][^。；;]*?等\s*(?P<n>\d+)\s*(?:{_MEASURE})"
)
_LABEL_N = re.compile(rf"(?P<label>[^，,；;。:：、()（）\d]{{2,20}}?)\s*(?P<n>\d+)\s*(?:{_MEASURE})")
_N_LABEL = re.compile(rf"(?P<n>\d+)\s*(?:{_MEASURE})\s*(?:指标|任务|工作)?(?P<label>[^，,；;。:：、()（）\d]{{2,16}})")
_BRACKET = re.compile(r"^\s*[（(][^()（）]*[)）]")
_PCT = re.compile(
    r"^[^。；;]{0,12}?(?:占[^，,。；;%％]{0,8}?的?|占比|完成率|开工率|比例)(?:为|达)?\s*(\d+(?:\.\d+)?)\s*[%％]"
)
_CLAUSE_END = re.compile(r"[，,。；;]")
_CONNECTIVE = re.compile(r"^(?:其中|截至目前|目前|截至[^，,]{0,8}|经督查核实|同时)[，,:：]?")


@dataclass(frozen=True)
class _Found:
    at: int  # where in the notice's text (for grouping under a total)
    count: Count


def read_summary(statements: list[str], headings: list[tuple[str, str]]) -> Summary | None:
    """The summary of a notice from its statements in order and its (heading, text under it) pairs."""
    text = "\n".join(statements)
    # A category heading's count ("一、已完成的指标任务，共计19项。") is a count, never the whole.
    in_headings = [(at, at + len(h)) for h, _ in headings if (at := text.find(h)) >= 0]
    totals = [(at, n) for at, n in _totals(text) if not any(a <= at < b for a, b in in_headings)]
    by_place = {f.at: f for f in _counts(text)}
    by_place.update({f.at: f for f in _heading_counts(text, headings)})  # a heading's share is under it
    if not by_place:
        return None
    counts = sorted(by_place.values(), key=lambda f: f.at)
    total, chosen = _choose(totals, counts)
    return Summary(total=total, counts=tuple(f.count for f in chosen))


def _totals(text: str) -> Iterator[tuple[int, int]]:
    """(position, number) of each count of tasks that may be the whole."""
    for m in _TOTAL.finditer(text):
        n = numeral_value(m.group("n1") or m.group("n2") or "")
        if n is None or n <= 0 or _inside_brackets(text, m.start()):
            continue
        if m.group("what") and find_standing(m.group("what")) is not None:
            continue  # "17项未达序时的目标任务": a count
        clause = _CLAUSE_END.split(re.sub(r"[（(][^()（）]*[)）]", "", text[m.end() :]), maxsplit=1)[0]
        said = find_standing(clause)
        counted = said is not None and re.search(rf"\d+\s*(?:{_MEASURE})", clause[said.end :])
        if m.group("n2") and said is not None and not counted:
            continue  # "15个具体事项推进未达序时要求": a count of the lagging ones ("…已完成2件": the base)
        yield m.start(), n


def _choose(totals: list[tuple[int, int]], counts: list[_Found]) -> tuple[int | None, list[_Found]]:
    """The total the counts refer to and the counts printed under it."""
    if not totals:
        return None, counts
    # Repeated mentions of the same number are one total ("65件民生实事" in the title and the text).
    groups: list[tuple[int, int, list[_Found]]] = []  # (position, number, counts after it)
    for at, n in totals:
        if groups and groups[-1][1] == n:
            continue
        groups.append((at, n, []))
    for found in counts:
        owner = [g for g in groups if g[0] <= found.at]
        if owner:
            owner[-1][2].append(found)
    for _, n, under in groups:
        if under and sum(f.count.count for f in under) == n:
            return n, under
    first = next((g for g in groups if g[2]), groups[0])
    return first[1], first[2]


def _counts(text: str) -> Iterator[_Found]:
    seen: set[tuple[int, int]] = set()
    for pattern in (_HAS, _HAS_NAMES, _N_LABEL, _LABEL_N):
        for m in pattern.finditer(text):
            label = _CONNECTIVE.sub("", m.group("label").strip())
            said = find_standing(label)
            # Before the count (的有 / N label) the status opens the label: "重点工作中的17个具体事项推进未达…"
            # counts lagging matters of one kind, not the notice's whole.
            if said is None or (pattern is not _LABEL_N and said.start > 0):
                continue
            key = (m.start("n"), int(m.group("n")))
            if key in seen:
                continue
            seen.add(key)
            if pattern is _N_LABEL:
                label = said.text
            elif pattern is _LABEL_N and said.start > 0:
                label = label[said.start :]
            yield _Found(m.start("n"), Count(label, int(m.group("n")), _pct(text, m.end("n")), said.standing))


def _heading_counts(text: str, headings: list[tuple[str, str]]) -> Iterator[_Found]:
    """Counts printed as a category heading: "一、已经完成或基本完成的指标任务，共计19项。"."""
    for heading, under in headings:
        m = re.search(rf"(?:共计?|有)\s*(?P<n>\d+)\s*(?:{_MEASURE})", heading)
        said = find_standing(heading)
        if m is None or said is None:
            continue
        pct = _PCT.search("，" + under) if under else None
        share = re.search(r"占[^，,。；;%％]{0,8}?的?\s*(\d+(?:\.\d+)?)\s*[%％]", under)
        at = text.find(heading)
        value = float(share.group(1)) if share else (float(pct.group(1)) if pct else None)
        label = re.sub(r"^[一二三四五六七八九十]+\s*[、.．]\s*", "", heading[: m.start()]).rstrip("，,的有 ")
        place = at + m.start("n") if at >= 0 else len(text)
        yield _Found(place, Count(label, int(m.group("n")), value, said.standing))


def _pct(text: str, end: int) -> float | None:
    """The share printed right after a count (past a bracket of names), if any."""
    rest = text[end:]
    bracket = _BRACKET.match(rest)
    if bracket:
        rest = rest[bracket.end() :]
    # Only up to the next count: its share is its own.
    nxt = re.search(rf"\d+\s*(?:{_MEASURE})", rest)
    m = _PCT.match(rest[: nxt.start()] if nxt else rest)
    return float(m.group(1)) if m else None


def _inside_brackets(text: str, at: int) -> bool:
    before = text[:at]
    return max(before.rfind("("), before.rfind("（")) > max(before.rfind(")"), before.rfind("）"))
