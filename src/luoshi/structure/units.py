"""Unit clauses: the words that say which units answer for a task, and in which role.

"（区发改委主办，区财政局协办）", "牵头单位：…；配合单位：…", "【责任单位】…", "责任领导：张三": labels
before the units, role words after them, or a bare list. The names inside are split and judged by
``luoshi.unit_names`` (the one home of the rules about unit names); this module reads the roles.
See docs/layouts/units.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from luoshi.frozen import quick_init
from luoshi.unit_names import CLOSE_BRACKETS as _CLOSE
from luoshi.unit_names import EDGE_PUNCT as _EDGE_PUNCT
from luoshi.unit_names import OPEN_BRACKETS as _OPEN
from luoshi.unit_names import looks_like_unit, split_units

# --------------------------------------------------------------------------- roles and clauses

Role = str  # "lead" | "co" | "responsible" | "leaders" | "deadline"

# Role words written *before* the units, as a label with a colon or in 【】: "牵头单位：区发改委".
# 责任单位 / 责任部门 mean lead when they stand alone and co beside a lead label ("牵头单位：…；
# 责任单位：…"): that is the "responsible" role, settled per task by ``UnitClause.roles``.
ROLE_LABELS: dict[str, Role] = {
    # lead
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主办部门": "lead", "主责单位": "lead",
    "主责部门": "lead", "牵头责任单位": "lead", "责任牵头单位": "lead", "牵头负责单位": "lead", "牵头责任部门": "lead",
    "主要责任单位": "lead", "牵头": "lead", "主办": "lead",
    # co
    "配合单位": "co", "配合部门": "co", "协办单位": "co", "协办部门": "co", "参与单位": "co",
    "参与部门": "co", "协同单位": "co", "协同部门": "co", "协助单位": "co", "协作单位": "co",
    "其他责任单位": "co", "协同责任单位": "co", "配合责任单位": "co", "协同配合单位": "co",
    "协办责任单位": "co", "参与责任单位": "co", "配合": "co", "协办": "co", "参与": "co",
    # lead alone, co beside a lead label
    "责任单位": "responsible", "责任部门": "responsible", "负责单位": "responsible",
    "责任主体": "responsible", "实施单位": "responsible", "承办单位": "responsible",
    # persons, never units
    "责任领导": "leaders", "分管领导": "leaders", "牵头领导": "leaders", "联系领导": "leaders",
    "挂钩领导": "leaders", "责任区领导": "leaders", "牵头区领导": "leaders", "分管区领导": "leaders",
    "牵头市领导": "leaders", "责任市领导": "leaders", "分管市领导": "leaders", "牵头县领导": "leaders",
    "牵头负责领导": "leaders", "负责领导": "leaders", "包保领导": "leaders", "包抓领导": "leaders",
    "区领导": "leaders", "市领导": "leaders", "县领导": "leaders", "责任人": "leaders",
    # when
    "完成时限": "deadline", "完成时间": "deadline", "完成期限": "deadline", "时间节点": "deadline",
    "时限要求": "deadline", "时限": "deadline",
}  # fmt: skip

# Role words written *after* the units: "区发改委主办，区财政局协办", "区发改委牵头，区统计局配合".
ROLE_SUFFIXES: dict[str, Role] = {
    "主办": "lead", "牵头": "lead", "负责": "lead", "主责": "lead", "牵头负责": "lead",
    "牵头单位": "lead", "主办单位": "lead",
    "协办": "co", "配合": "co", "参与": "co", "协同": "co", "协助": "co", "协办单位": "co",
    "配合单位": "co", "参与单位": "co",
    "责任单位": "responsible",
}  # fmt: skip


def _alternation(words: dict[str, Role]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Role labels ("【责任单位】", "牵头单位：") and role words after units ("…主办", "为牵头单位"), each as
# forms that begin with different characters (a bracket or a role word; 为/作为 or a role word), read
# by ``_finditer``. As one pattern ("[【…]…|(?:words)…", "(?:为|作为)?(?:words)…") the regex engine
# would try it at every character; a form that begins with a plain choice of characters is tried only
# where one of them stands, which is a few places in a long paragraph.
_LABEL_FORMS = (
    re.compile(rf"[【\[〔]\s*(?P<word>{_alternation(ROLE_LABELS)})\s*[】\]〕]\s*[:：]?"),
    re.compile(rf"(?P<word>{_alternation(ROLE_LABELS)})\s*[:：]"),
)
_SUFFIX_FORMS = (
    re.compile(rf"(?:为|作为)(?P<role>{_alternation(ROLE_SUFFIXES)})(?=$|[，,；;。.\s）)】\]])"),
    re.compile(rf"(?P<role>{_alternation(ROLE_SUFFIXES)})(?=$|[，,；;。.\s）)】\]])"),
)


def _finditer(forms: tuple[re.Pattern[str], ...], text: str) -> Iterator[re.Match[str]]:
    """The matches of the alternation of ``forms`` in ``text``, as ``finditer`` would give them.

    No two forms can match at the same position (each begins with characters the others cannot), so
    the alternation's leftmost match is the leftmost of the forms' own; after it, each form searches
    on from its end.
    """
    pending = [form.search(text) for form in forms]
    while True:
        best: re.Match[str] | None = None
        for m in pending:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()
        pending = [
            m if m is None or m.start() >= pos else form.search(text, pos)
            for form, m in zip(forms, pending, strict=True)
        ]


_MARKED_ROLE = re.compile(rf"^(.+?)[（(]({_alternation(ROLE_SUFFIXES)})[）)]$")
# Adverbs between the units and the role word: "各相关部门按职责分工负责", "区发改委、区财政局共同牵头".
_ROLE_ADVERB = re.compile(r"(?:按(?:照)?(?:各自)?职责(?:分工)?|分别|共同|具体|予以|做好)+$")
_TRAILING = "。.；;，, \t\u3000"


@quick_init
@dataclass(frozen=True)
class UnitClause:
    """The responsible units (and persons, and deadline) a task names, before roles are settled."""

    lead: tuple[str, ...] = ()
    co: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()  # 责任单位: lead alone, co beside a lead
    leaders: tuple[str, ...] = ()
    deadline: str | None = None
    explicit: bool = False  # named with role words (主办, 牵头单位：…), not a bare list of units

    def __add__(self, other: UnitClause) -> UnitClause:
        # Most tasks add an empty clause to their own: nothing to merge.
        if other.empty and not other.deadline and not other.explicit:
            return self
        if self.empty and not self.deadline and not self.explicit:
            return other
        return UnitClause(
            lead=_unique(self.lead + other.lead),
            co=_unique(self.co + other.co),
            responsible=_unique(self.responsible + other.responsible),
            leaders=_unique(self.leaders + other.leaders),
            deadline=self.deadline or other.deadline,
            explicit=self.explicit or other.explicit,
        )

    @property
    def empty(self) -> bool:
        return not (self.lead or self.co or self.responsible or self.leaders)

    def roles(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(lead, co): 责任单位 goes to lead when nothing else leads, else to co."""
        if self.lead:
            return self.lead, _unique(self.co + self.responsible)
        return self.responsible, self.co


def _unique(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _combine(clauses: list[UnitClause]) -> UnitClause:
    """``UnitClause()`` plus each of ``clauses`` in turn, built at once rather than one sum at a time."""
    deadline: str | None = None
    for c in clauses:
        # ``a.deadline or b.deadline`` keeps the first one set (the last one when none is).
        deadline = deadline or c.deadline
    return UnitClause(
        lead=_unique(tuple(name for c in clauses for name in c.lead)),
        co=_unique(tuple(name for c in clauses for name in c.co)),
        responsible=_unique(tuple(name for c in clauses for name in c.responsible)),
        leaders=_unique(tuple(name for c in clauses for name in c.leaders)),
        deadline=deadline,
        explicit=any(c.explicit for c in clauses),
    )


def _persons(text: str) -> tuple[str, ...]:
    return tuple(p.strip(_EDGE_PUNCT) for p in re.split(r"[、，,；;／/\s]+", text) if p.strip(_EDGE_PUNCT))


@lru_cache(maxsize=4096)
def _with_role(role: Role, text: str) -> UnitClause:
    text = text.strip(_TRAILING)
    if role == "leaders":
        return UnitClause(leaders=_persons(text), explicit=True)
    if role == "deadline":
        return UnitClause(deadline=text or None, explicit=True)
    named: dict[Role, list[str]] = {"lead": [], "co": [], "responsible": []}
    for unit in split_units(_ROLE_ADVERB.sub("", text)):
        # A role marked on one unit of a list: "责任单位：市发改委（牵头）、市财政局".
        m = _MARKED_ROLE.match(unit)
        unit_role = ROLE_SUFFIXES[m.group(2)] if m else role
        name = m.group(1) if m else unit
        named[unit_role if unit_role in ("lead", "co") else "responsible"].append(name)
    return UnitClause(
        lead=_unique(tuple(named["lead"])),
        co=_unique(tuple(named["co"])),
        responsible=_unique(tuple(named["responsible"])),
        explicit=True,
    )


def _parse_suffixed(text: str) -> UnitClause | None:
    """ "区发改委主办，区财政局、区统计局协办" → roles from the words after each list of units."""
    parts: list[UnitClause] = []
    pos = 0
    for m in _finditer(_SUFFIX_FORMS, text):
        units = text[pos : m.start()].strip(_TRAILING)
        pos = m.end()
        if not units:
            continue
        parts.append(_with_role(ROLE_SUFFIXES[m.group("role")], units))
    if not parts:
        return None
    rest = text[pos:].strip(_TRAILING)
    if rest:
        # Units after the last role word: supporting the lead if there is one.
        leads = any(c.lead or c.responsible for c in parts)
        parts.append(_with_role("co" if leads else "lead", rest))
    return _combine(parts)


@lru_cache(maxsize=4096)
def parse_clause(content: str) -> UnitClause | None:
    """Read the units of a clause's content (without its brackets) in any form, or None.

    Forms: labels ("牵头单位：…；配合单位：…", "【责任单位】…", "责任领导：张三"), role words after the
    units ("…主办，…协办"), or a bare list whose every entry looks like a unit ("市发改委、市财政局").
    Cached: a task's clause is read from its paragraph and again from the words after its number.
    """
    content = content.strip(_TRAILING)
    if not content:
        return None
    labels = list(_finditer(_LABEL_FORMS, content))
    if labels and not content[: labels[0].start()].strip(_TRAILING + _OPEN + _CLOSE):
        parts: list[UnitClause] = []
        for n, m in enumerate(labels):
            end = labels[n + 1].start() if n + 1 < len(labels) else len(content)
            word = m.group("word")
            role = ROLE_LABELS[word]
            body = _trim_brackets(content[m.end() : end])
            if role in ("lead", "co", "responsible") and not body:
                continue
            parts.append(_with_role(role, body))
        clause = _combine(parts)
        return None if clause.empty and clause.deadline is None else clause
    suffixed = _parse_suffixed(content)
    if suffixed is not None:
        units = suffixed.lead + suffixed.co + suffixed.responsible
        return suffixed if units and all(looks_like_unit(u) for u in units) else None
    units = tuple(split_units(content))
    if units and all(looks_like_unit(u) for u in units) and not re.search(r"[。：:]", content):
        return UnitClause(lead=units)
    return None


def _trim_brackets(text: str) -> str:
    """Strip separators and the brackets left unmatched at either end ("区发改委）" → "区发改委")."""
    text = text.strip(_TRAILING)
    while text:
        opens = sum(text.count(c) for c in _OPEN)
        closes = sum(text.count(c) for c in _CLOSE)
        if text[-1] in _CLOSE and closes > opens:
            text = text[:-1].strip(_TRAILING)
        elif text[0] in _OPEN and opens > closes:
            text = text[1:].strip(_TRAILING)
        else:
            break
    return text


_ANY_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "]")
# The last bracket of a text: one with no bracket after it.
_LAST_BRACKET = re.compile("[" + re.escape(_OPEN + _CLOSE) + "][^" + re.escape(_OPEN + _CLOSE) + r"]*\Z")


def _bracket_start(text: str, close: int) -> int | None:
    """The index of the bracket that opens the one closing at ``close`` (any bracket kind)."""
    if text[close] in _CLOSE:
        # Most often the bracket just before is the opening one (or there is none).
        last = _LAST_BRACKET.search(text, 0, close)
        if last is None:
            return None
        if text[last.start()] in _OPEN:
            return last.start()
    depth = 0
    # Only the brackets count: found in one scan, then walked back from ``close``, not every character.
    for i in reversed([m.start() for m in _ANY_BRACKET.finditer(text, 0, close + 1)]):
        if text[i] in _CLOSE:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i
    return None


def _may_hold_label(text: str) -> bool:
    """Whether ``text`` holds a character each of ``_LABEL_FORMS`` needs (a bracket, or the colon after the word)."""
    return "：" in text or ":" in text or "【" in text or "[" in text or "〔" in text


@lru_cache(maxsize=4096)
def find_unit_clause(text: str) -> tuple[int, int, UnitClause] | None:
    """Find the unit clause a task ends with: (start, end, clause) within ``text``, or None.

    The clause is a label and what follows it to the end ("…。责任单位：区发改委",
    "（牵头单位：…；配合单位：…）"), or else a bracket group at the end ("（…主办，…协办）",
    "(市发改委)"). Labels are tried first, so that a bracket inside the units they name
    ("责任单位:…,各县(市、区)政府(管委会)") is not taken for a clause of its own.

    Cached: a parser asks of the same paragraph several times (to find the plan, to group lines
    into tasks, to read each task), and the answer is immutable.
    """
    stripped = text.rstrip(_TRAILING)
    for m in _finditer(_LABEL_FORMS, stripped) if _may_hold_label(stripped) else ():
        before = stripped[: m.start()]
        if before and before[-1] not in _TRAILING + _OPEN + _CLOSE + "：:":
            continue
        start = m.start()
        if before and before[-1] in _OPEN:
            start -= 1
        clause = parse_clause(_trim_brackets(stripped[m.start() :]))
        if clause is not None:
            return start, len(stripped), clause
        break
    if stripped and stripped[-1] in _CLOSE:
        opening = _bracket_start(stripped, len(stripped) - 1)
        if opening is not None:
            clause = parse_clause(stripped[opening + 1 : -1])
            if clause is not None:
                return opening, len(stripped), clause
    return None


@lru_cache(maxsize=4096)
def parse_role_line(text: str) -> UnitClause | None:
    """Read a line that holds only units: "责任单位：区发改委", "（牵头单位：…）", "区发改委牵头，…配合".

    Cached: the decomposition parser reads each line in both of its passes.
    """
    found = find_unit_clause(text)
    if found is not None and not text[: found[0]].strip(_TRAILING):
        return found[2]
    # Without brackets, only role words after the units make a line of units ("区发改委牵头，…");
    # a bare list on a line of its own could be anything.
    suffixed = _parse_suffixed(text.strip(_TRAILING))
    if suffixed is not None:
        units = suffixed.lead + suffixed.co + suffixed.responsible
        if units and all(looks_like_unit(u) for u in units):
            return suffixed
    return None
