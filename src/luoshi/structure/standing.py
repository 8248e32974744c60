"""How a progress notice says a task stands: its status words, normalised, and its words on the gap.

An office writes the same judgement many ways (未达到序时进度要求 / 未达序时 / 欠进度 / 滞后项目 / 推进缓慢 /
进度相对较慢 …); ``find_standing`` finds the first such phrase in a text and gives it with its normal form
(docs/layouts/progress_notice.md §5). The phrases of a kind are tried in the order of ``STANDING_RULES``
at each position, so the negative forms (未完成进度, 完成进度较慢) are found before the positive words
they contain (完成进度). ``find_gap`` finds what a notice says of the distance to the target or to time
progress ("低于目标0.9个百分点", "完成年度目标的53.3%", "滞后序时进度9.8个百分点"): the gap is the notice's
own reason, and its figures are never observations nor targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from luoshi.model import Standing

# Each kind's phrases; kinds are tried in this order at each position of the text.
STANDING_RULES: tuple[tuple[Standing, str], ...] = (
    (
        "not_done",
        r"(?:年底前|年内|全年)?(?:不能|无法)(?:全部)?完成(?:全年|年度)?(?:目标)?(?:任务)?",
    ),
    (
        "behind",
        r"未达到?序时(?:进度)?(?:要求)?|未达到?(?:预期|进度)(?:目标)?|未完成(?:序时)?进度|欠进度|欠序时"
        r"|(?:慢于|落后于?|滞后于?)序时(?:进度)?|进度滞后|严重滞后|滞后(?:项目|事项)?"
        r"|(?:推进|进展|进度)(?:缓慢|较慢|偏慢)|(?:建设|完成|推进)?进度(?:相对)?较慢|相对较慢|偏慢"
        r"|完成情况不够理想|不够理想|完成有一定困难|完成难度较?大|难以完成"
        r"|未完成[^，,。；;:：、]{0,6}任务|尚?未(?:开工|启动)",
    ),
    ("ahead", r"超进度|超序时(?:进度)?|快于序时(?:进度)?|超过序时进度"),
    (
        "done",
        r"已经完成或基本完成|已完成和提前完成|已?提前完成或超额完成(?:年度|全年)?(?:目标)?(?:任务)?"
        r"|已?提前完成(?:全年|年度)?(?:目标)?(?:任务)?|超额完成(?:全年|年度)?(?:目标)?(?:任务)?"
        r"|已(?:全部|基本)?完成|已(?:全部)?完工|已竣工|已通过验收|已生产|已(?:初步)?投入(?:使用|运营)"
        r"|已(?:建成|投用|投运)|基本完成|完成任务",
    ),
    (
        "on_schedule",
        r"达到序时进度(?:要求)?|达序时(?:进度)?|达进度|达序|完成进度|有序推进|正常推进|正?按序时(?:进度)?推进"
        r"|按时序推进|序时推进|稳步推进|顺利推进|完成情况较好|进展(?:情况)?(?:良好|顺利)|符合序时进度|已开工(?:事项)?",
    ),
    ("unknown", r"出现调整|予以调整|调整(?:目标|任务|项目)|因[^，,。；;]{0,12}?(?:调整|取消)|取消|其[它他]类"),
)

_PATTERN = re.compile("|".join(f"(?P<{kind}>{words})" for kind, words in STANDING_RULES))

# The gap to the target or to time progress, as the notice states it.
GAP = re.compile(
    r"(?:(?:完成|占)(?:年度|全年)?目标(?:任务)?的\d+(?:\.\d+)?[%％][，,]\s*)?"
    r"(?:低于|高于|超过?|落后于?|滞后于?|快于|慢于)\s*(?:年度|全年)?(?:目标|序时进度|序时|时序进度|时序)\s*"
    r"\d+(?:\.\d+)?\s*个?百分点"
    r"|完成(?:年度|全年)?目标(?:任务)?的\d+(?:\.\d+)?[%％]"
    r"|预计[^，,。；;]{0,12}(?:不能|无法)完成(?:全年|年度)?目标(?:任务)?"
)


@dataclass(frozen=True)
class Said:
    """A status phrase found in a text: its words as printed, where, and its normal form."""

    text: str
    start: int
    end: int
    standing: Standing


def find_standing(text: str) -> Said | None:
    """The first status phrase of ``text``, or None when it names none."""
    m = _PATTERN.search(text)
    if m is None or m.lastgroup is None:
        return None
    return Said(m.group(0), m.start(), m.end(), _kind(m.lastgroup))


def all_standings(text: str) -> list[Said]:
    """Every status phrase of ``text``, in order."""
    return [Said(m.group(0), m.start(), m.end(), _kind(m.lastgroup)) for m in _PATTERN.finditer(text) if m.lastgroup]


def standing_of(words: str | None) -> Standing | None:
    """The normal form of a status as printed (a table's 完成成效 cell, a count's label), if it names one."""
    said = find_standing(words or "")
    return said.standing if said is not None else None


def find_gap(text: str) -> re.Match[str] | None:
    """The notice's words on the gap in ``text`` (the first), or None."""
    return GAP.search(text)


def _kind(name: str) -> Standing:
    for kind, _ in STANDING_RULES:
        if kind == name:
            return kind
    raise ValueError(name)  # a group of _PATTERN is always a kind of STANDING_RULES
