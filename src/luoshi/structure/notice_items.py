"""The item forms of a progress notice (docs/layouts/progress_notice.md §3), each read into ``Draft`` items.

- numbered: "1.地区生产总值(第1项):增长6.1%，…" / "1、农村道路畅通工程，牵头部门：市交通局。建设进度…";
- enumerated in one paragraph: "滞后项目：一是…(第三项)…；二是…";
- names listed under a status, in a statement (a sentence, or a part of one between "；"):
  after an introducer ("分别是：A(第五项)、B…", "主要是“A”，“B”等", "为A、B"), in brackets after a
  count ("推进缓慢的有3(A、B、C)", "5项未完成进度(…)"), or before the status ("A、B、C等项目已提前完成",
  "A、B 3项指标未达到序时进度", "国家卫生县城…创建已通过验收").

An item is the words of one task as the notice prints them: its number (the notice's own), the plan's
number it refers to ("(第6项)", "(第十二项)"), its name, its units, what it says of the task (``body``),
and the status said of it (its own words, or those of the list or lead-in it stands under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.structure.standing import Said, find_standing
from luoshi.structure.units import ROLE_LABELS, find_unit_clause
from luoshi.unit_names import split_units

_CN = "一二三四五六七八九十百零〇两"
# The plan's number an item refers to: "(第6项)", "（第二十六项）".
REF = re.compile(rf"[（(]\s*第\s*([0-9０-９{_CN}]+)\s*项\s*[)）]")
# "一是", "二是" … opening an enumerated item (at the start, or after the previous item's end).
_ENUM = re.compile(rf"(?:^|(?<=[：:；;。，,]))\s*([{_CN[:10]}]{{1,3}})是")
# A unit clause inside an item: "，牵头部门：市交通局。" — it ends at the sentence's end.
_LEAD_LABELS = "|".join(
    sorted((w for w, r in ROLE_LABELS.items() if r in ("lead", "co", "responsible")), key=len)[::-1]
)
_UNIT_CLAUSE = re.compile(rf"(?:^|[，,；;。\s])\s*(?P<label>{_LEAD_LABELS})\s*[:：]\s*(?P<units>[^。；;]*)[。；;]?")
# Words that introduce a list of names.
_INTRODUCER = re.compile(
    r"(?:分别是|分别为|主要是|主要有|具体是|具体为|具体有|包括)\s*[:：]?\s*|(?<=[，,])为(?=[^，,])|(?<=的项目)[是为]\s*[:：]?"
    r"|的有\s*[:：]?(?=\s*[^\d\s一二三四五六七八九十])"
)
# Names in brackets after a count: "推进缓慢的有3(A、B、C)", "3项完成进度(A、B)".
_COUNTED = re.compile(
    rf"(?P<n>\d+|[{_CN}]+)\s*(?:项|个|件)?(?P<middle>[^，,；;。()（）]{{0,12}}?)[（(](?P<names>[^()（）]+)[)）]"
)
# The end of a list before its status: "…等项目", "…等经济指标", "…等均", "… 3项指标".
_LIST_END = re.compile(r"等(?=[^，,；;。]{0,10}?(?:项目|任务|指标|工作|事项)|均|都|$)|\s*\d+\s*项(?:指标|任务|工作)?$")
# The end of a list after an introducer: "…、B等26项", "…、B等".
_COUNTED_END = re.compile(r"等(?=\s*\d+\s*(?:项|个|件)|[^，,；;。、]{0,10}?(?:项目|任务|指标|工作|事项)\s*$|\s*$)")
# A reason between a list and its status ("受…影响", "…等因素制约"): status words inside it are not the status.
_REASON = re.compile(r"受[^。；;]*(?:影响|制约)|由于[^，,。；;]*|[^，,。；;]*等(?:多种)?因素(?:影响|制约)")
_CONNECTIVE = re.compile(
    r"^(?:但与此同时|与此同时|但是?|例如|比如|其中|特别是|同时|此外|另外|目前|截至目前|督查中发现|从督查情况看|经督查)\s*[，,:：]?\s*"
)
# Names that are no task: "部分项目", "其他项目", "大部分工作目标任务", counts of tasks.
_GENERIC = re.compile(
    r"^(?:大部分|大多数|绝大部分|绝大多数|部分|多数|少数|个别|其他|其余|其它|各项|全部|所有|一部分|各)"
    r"|^(?:项目|任务|工作|指标|目标任务)$|^\d+\s*(?:项|个|件)"
    r"|\d+\s*(?:项|个|件)(?:具体|综合|重点)?(?:目标任务|任务|指标|事项|项目|工作|民生实事|实事)"
)
_BRACKET_NOTE = re.compile(r"^(?:含|其中|包括|不含|按|详见|下同)")
_QUOTED = re.compile(r"“([^”]+)”")
_TRAIL = "。；;，,、:：. "


@dataclass
class Draft:
    """An item as read, before it becomes a ``Task``."""

    text: str
    number: str | None = None
    ref: str | None = None
    body: str = ""  # what the item says of the task: progress, figures, gap
    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    said: Said | None = None  # the status words said of this item itself
    listed: Said | None = None  # the status of the list it stands in
    start: int = 0  # offsets of the item in its paragraph
    end: int = 0

    @property
    def status(self) -> Said | None:
        return self.said or self.listed


def ref_of(text: str) -> tuple[str, int, int] | None:
    """The plan's number a text refers to ("(第6项)" → "6"), with where it is."""
    m = REF.search(text)
    return (m.group(1), m.start(), m.end()) if m else None


# --------------------------------------------------------------------------- numbered and enumerated


def numbered(rest: str, number: str, offset: int = 0) -> Draft:
    """An item printed after a number: name, then its reference, unit clause or colon, then the body."""
    ref = ref_of(rest)
    if ref is not None and ref[1] <= 80:
        name, body = rest[: ref[1]], rest[ref[2] :]
        draft = Draft(_clean(name), number, ref[0], body.lstrip(":：，, "))
    else:
        unit = _UNIT_CLAUSE.search(rest)
        colon = re.search(r"[:：]", rest)
        if unit is not None and unit.start() <= 60:
            draft = Draft(_clean(rest[: unit.start()]), number, None, rest[unit.end() :].strip())
            units = split_units(unit.group("units"))
            if ROLE_LABELS[unit.group("label")] == "co":
                draft.co = tuple(units)
            else:
                draft.lead = tuple(units)
        elif colon is not None and colon.start() <= 40:
            draft = Draft(_clean(rest[: colon.start()]), number, None, rest[colon.end() :].strip())
        else:
            m = re.search(r"[。；;，,]", rest)
            cut = m.start() if m else len(rest)
            draft = Draft(_clean(rest[:cut]), number, None, rest[cut:].lstrip(_TRAIL))
    _units_at_end(draft)
    draft.said = find_standing(draft.body)
    draft.start, draft.end = offset, offset + len(rest)
    return draft


def _units_at_end(draft: Draft) -> None:
    """A unit clause ending the item ("…。（牵头单位：市发改委）", "（市文旅局牵头，各区配合）") gives its units."""
    if draft.lead or draft.co:
        return
    found = find_unit_clause(draft.body)
    if found is None:
        return
    start, _, clause = found
    draft.lead, draft.co = clause.roles()
    draft.body = draft.body[:start].rstrip()


def enumerated(text: str, first: int = 1) -> tuple[str, list[Draft]] | None:
    """The lead-in and the items of a paragraph enumerating them (一是…；二是…), or None.

    ``first``: the value the enumeration goes on from (一 in a new list; 二 after a paragraph "一是…").
    """
    marks = [m for m in _ENUM.finditer(text)]
    # The enumeration counts on from ``first``, one by one.
    run: list[re.Match[str]] = []
    for m in marks:
        if first + len(run) == _value(m.group(1)) and (run or first == 1 or m.start() == 0):
            run.append(m)
    if not run:
        return None
    lead = text[: run[0].start()].strip()
    drafts: list[Draft] = []
    for i, m in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(text)
        segment = text[m.end() : end]
        ref = ref_of(segment)
        if ref is not None and ref[1] <= 80:
            name, body = segment[: ref[1]], segment[ref[2] :]
        else:
            said = find_standing(segment)
            comma = re.search(r"[，,。；;：:]", segment)
            ends = [x for x in (said.start if said else 0, comma.start() if comma else 0) if x > 0]
            cut = min(ends, default=len(segment))
            name, body = segment[:cut], segment[cut:]
        draft = Draft(_clean(name), m.group(1), ref[0] if ref and ref[1] <= 80 else None, body.strip(_TRAIL))
        draft.said = find_standing(draft.body)
        draft.start, draft.end = m.start(), end
        drafts.append(draft)
    return lead, drafts


def _value(numeral: str) -> int:
    from luoshi.structure.numbering import cn_to_int

    return cn_to_int(numeral) or 0


# --------------------------------------------------------------------------- names listed in a statement


def statements(text: str) -> list[tuple[int, str]]:
    """The statements of a paragraph (split at 。 and ；, never inside brackets or quotes), with offsets."""
    out: list[tuple[int, str]] = []
    depth, quote, start = 0, False, 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        elif ch in "。；;" and depth == 0 and not quote:
            if text[start:i].strip():
                out.append((start, text[start:i]))
            start = i + 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def listed(statement: str, offset: int = 0, introduced: bool = False) -> list[Draft] | None:
    """The items a statement lists with their status, or None when it lists none (see the module doc).

    ``introduced``: only names after an introducer count (a category heading's own words).
    """
    intro = _INTRODUCER.search(statement)
    if intro is not None:
        status = _status(statement[: intro.start()])
        return _entries(statement[intro.end() :], status, offset + intro.end())
    if introduced:
        return None
    counted = list(_COUNTED.finditer(statement))
    out: list[Draft] = []
    breakdown = False
    for m in counted:
        label = re.split(r"[，,；;：:、]", statement[: m.start()])[-1]
        if re.search(r"(?:区|县|市|镇|乡|街道)有$", label):
            breakdown = True  # "巴州区有3(…)": a county's share of the lagging tasks, counted again
            continue
        status = find_standing(m.group("middle")) or find_standing(label)
        names = m.group("names")
        if status is None or re.search(r"[，,；;:：%％]", names) or _BRACKET_NOTE.match(names.strip()):
            continue  # a bracket of notes, not of names ("(含政策类)", "(进展情况占比低于91.7%…)")
        for name in _split(names):
            out.append(_draft(name, status, offset + m.start("names")))
    if out or breakdown:
        return out
    return _before_status(statement, offset)


def _status(text: str) -> Said | None:
    """The status words of a text, outside any reason clause ("受…影响" names causes, not a status)."""
    cleaned = _REASON.sub(lambda m: "　" * len(m.group(0)), text)
    return find_standing(cleaned)


def _before_status(statement: str, offset: int) -> list[Draft] | None:
    """ "A、B、C等项目已提前完成", "其中，A、B 3项指标未达到序时进度", "A创建已通过验收"."""
    status = _status(statement)
    if status is None or status.start == 0:
        return None
    subject = statement[: status.start]
    end = _LIST_END.search(subject)
    if end is not None:
        names = _CONNECTIVE.sub("", subject[: end.start()].strip())
        start = subject.find(names)
        commas = re.search(r"[，,]", names)
        if not names or (commas and not end.group(0).startswith("等")):
            return None  # names before a count ("A、B 3项指标…") are one list, never clauses
        parts = re.split(r"[，,]", names) if commas else _split(names)
    else:
        # One name, with no 等: only when the statement holds nothing else before the status.
        names = _CONNECTIVE.sub("", subject.strip())
        if not names or re.search(r"[，,：:]", names):
            return None
        start, parts = subject.find(names), [names]
    drafts = [_draft(p, status, offset + max(0, start)) for p in parts if _is_name(p)]
    return drafts or None


def _entries(text: str, status: Said | None, offset: int) -> list[Draft] | None:
    """The names after an introducer: quoted, or each with its own status, or separated by 、."""
    quoted = _quoted_list(text)
    if quoted is not None:
        return [_draft(q, status, offset) for q in quoted if _is_name(q)] or None
    if re.search(r"[，,]", text):
        entries = [e for e in re.split(r"[，,]", text) if e.strip()]
        own = [_status(e) for e in entries]
        if all(s is not None and s.start > 0 for s in own[:-1]):
            drafts = []
            for entry, said in zip(entries, own, strict=True):
                if said is None or said.start == 0:
                    break
                d = _draft(entry[: said.start], status, offset)
                d.said = said
                if _is_name(d.text):
                    drafts.append(d)
            return drafts or None
        text = re.split(r"[，,](?=占|这些|其中|共|合计)", text)[0]
    end = _COUNTED_END.search(text)
    parts = _split(text[: end.start()] if end else text)
    return [_draft(p, status, offset) for p in parts if _is_name(_clean(REF.sub("", p)))] or None


def _quoted_list(text: str) -> list[str] | None:
    """Names each in quotes, separated by 、 or commas: "“A”，“B”，“C”等，这些…"."""
    names: list[str] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        if text[pos : m.start()].strip(" ，,、") or (names == [] and m.start() > 0):
            break
        names.append(m.group(1))
        pos = m.end()
        if not re.match(r"\s*(?:[，,、]\s*“|[，,、]?\s*等|[，,。；;]|$)", text[pos:]):
            return None  # a quote that opens a name going on after it ("“交通建设提升年”活动…")
    return names or None


def _split(names: str) -> list[str]:
    """Names separated by 、 (never inside brackets or quotes)."""
    out, depth, quote, current = [], 0, False, ""
    for ch in names:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch == "“":
            quote = True
        elif ch == "”":
            quote = False
        if ch == "、" and depth == 0 and not quote:
            out.append(current)
            current = ""
        else:
            current += ch
    out.append(current)
    return [p for p in out if p.strip()]


def _draft(name: str, status: Said | None, offset: int) -> Draft:
    ref = ref_of(name)
    text = _clean(REF.sub("", name))
    draft = Draft(text, None, ref[0] if ref else None, "", listed=status)
    draft.start, draft.end = offset, offset + len(name)
    return draft


def _is_name(text: str) -> bool:
    t = _clean(text)
    return 2 <= len(t) <= 80 and not _GENERIC.search(t)


def _clean(text: str) -> str:
    return _CONNECTIVE.sub("", text.strip()).strip(_TRAIL).strip()
