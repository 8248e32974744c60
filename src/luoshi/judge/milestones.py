"""Milestone targets (开工, 桩基, 主体施工, 封顶, 装修, 竣工, 交付…) judged from the progress text.

A construction project moves along one ladder of stages, and every project table states its targets
and progress on it ("09-10地块主体施工" / "09-10地块已打支护桩，土方外运"). The judge places each
target on the ladder, finds the progress clauses about the same part of the project (plot codes,
building numbers, letters, shared words), places them too, and compares: a stage reached or passed
meets the target; a stage not reached misses it. Negations ("尚未出正负零", "尚未进场") cap what a
clause can claim; a stoppage (停工) is reported with the reason. Targets hedged with 力争/争取 are
stretch goals and not required. A target or clause that names no stage is not judged here.

Ranks: 0 前期 · 0.5 征收 · 1 挂牌/招标 · 1.5 出让/供地 · 2 开工 · 3 基础（桩基、土方、地下室）·
3.5 基础完成/出正负零 · 4 主体施工 · 5 主体封顶 · 6 装饰装修 · 6.5 装修完成 · 7 竣工/验收/交付.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from luoshi.judge.text import STOPPED, bigrams, mask_names, quote, segments, sentences
from luoshi.model import Indicator, IndicatorVerdict

_CODE_GRAM = re.compile(r"[\dA-Za-z#]+")
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder: what it is called in reasons, where it starts and where it is done."""

    name: str
    start: float
    done: float
    generic: bool = False  # a word any task may use (建设, 施工): not enough to call a task a project


# Longest and most specific patterns first: a span matched once is not matched again.
_STAGES: tuple[tuple[str, Stage], ...] = (
    (r"正负零|±0", Stage("出正负零", 3.5, 3.5)),
    (r"主体(?:结构)?(?:工程)?(?:验收)", Stage("主体验收", 5, 5)),
    (r"主体(?:结构)?(?:工程)?(?:已|均已|均|全部)?(?:完工|完成|封顶)(?!\s*\d)|(?:结构)?封顶", Stage("主体封顶", 5, 5)),
    (r"竣工验收|竣工备案|竣备|竣工|完工|交付使用|交付|投入使用|投用|开业|开馆|开放运营", Stage("竣工交付", 7, 7)),
    (
        r"二次结构|精装修?|装修|装饰|幕墙|外立面|机电安装|机电|室外工程|景观|绿化|外墙|抹灰|保温|门窗|内装",
        Stage("装饰装修", 6, 6.5),
    ),
    (
        r"(?:(?:负|地下)[一二三四五1-5]层|B[1-5](?:层|板)?|地下室)(?:[^，,；;。]{0,6}?结构(?:施工)?)?|地下结构|底板|基坑|"
        # 基础 alone is a word of names (基础教育, 基础建设): a stage only as 基础施工/基础工程/基础完成…
        r"桩基|试桩|支护|围护|地连墙|支撑梁|土方|基础(?=施工|工程|浇筑|完成|结构|承台|底板|垫层)",
        Stage("基础施工", 3, 3.5),
    ),
    (r"主体|结构施工|结构", Stage("主体施工", 4, 5)),
    (
        r"地上[一二三四五六七八九十\d]+层|(?:施工|建设)至[一二三四五六七八九十\d]+层|"
        r"(?<![负B\d一二三四五六七八九十下])[一二三四五六七八九十\d]+层(?:结构|浇筑|施工)?",
        Stage("主体施工", 4, 5),
    ),
    (r"验收", Stage("竣工交付", 7, 7)),
    (r"开工|动工|进场|开始施工|开建", Stage("开工", 2, 2)),
    (r"出让|供地|摘牌|拿地", Stage("出让供地", 1.5, 1.5)),
    (r"挂牌|招投标|招标|开标", Stage("挂牌招标", 1, 1.25)),
    (r"征收|拆迁|搬迁", Stage("征收拆迁", 0.5, 1)),
    (r"规划|设计|可研|立项|勘察|勘测|预审|意见书|方案|备案|许可|手续|合作方", Stage("前期", 0, 0.5, generic=True)),
    (r"施工|建设|改造|修缮|加固|出新|重建|整治|(?:总)?工程量|形象进度", Stage("施工", 2, 7, generic=True)),
)
_STAGE_RE = [(re.compile(p), s) for p, s in _STAGES]
# Words with a stage's name that are not the stage: the contractor, the drawings, the permit, papers.
_NOT_STAGE = re.compile(
    r"(?:开工|竣工|建设|投资|施工|进度)计划|施工(?:单位|图|许可|招标|方|队伍|合同|总包)|监理|(?:设计|勘察)单位|施工进度|(?:验收|竣工|交付)(?:资料|手续|申请|准备)|"
    r"(?:建设|施工)(?:方|单位|用地|规模|内容|标准)|楼层|层次|高层|多层|基础(?:设施|建筑|数据|工作)|结构(?:调整|安全|优化)|"
    r"(?:景观|绿化|装修|幕墙|主体|结构)+(?=的?(?:方案|设计|图纸|招标))|(?:市场|责任|创新|投资|经营|运营)主体|主体责任"
)
# A stage said to be ready ("已具备竣工条件", "各分项验收资料准备完成"): the works are done and wait for
# the formal step, which counts as reaching that stage (the reason quotes the words for a reviewer).
_READY = re.compile(
    r"(?:具备|达到)了?(竣工|验收|交付|开工|封顶)(?:验收)?的?条件|"
    r"(竣工|验收|交付|开工)(?:资料|手续)已?(?:准备)?已?(?:完成|完毕|就绪|齐全|办结)"
)
_READY_STAGE = {
    "竣工": (7.0, "竣工交付"),
    "验收": (7.0, "竣工交付"),
    "交付": (7.0, "竣工交付"),
    "开工": (2.0, "开工"),
    "封顶": (5.0, "主体封顶"),
}
_NEGATION = re.compile(
    r"(尚未|暂未|仍未|均未|未能|没有|未|无法)(出|进行|开始|开展|实现|完成|达到|进入|到|能|具备)?\s*$"
)
_PLANNED = re.compile(r"(准备|拟|即将|计划|待|筹备|预计|预期|力争|争取|有望)[^，,；;。]{0,10}$")
# "…项目完成投资141.6亿元": an amount done (投资, 产值, 工程量…), not the stage completed.
_COMPLETE_AFTER = re.compile(
    r"^[^，,；;。]{0,12}?(完成|完毕|结束|完工|到位|收尾|基本完成)"
    r"(?!\s*\d|\s*[一二三四五六七八九十]+成|\s*(?:投资|产值|收入|营收|税收|销售|总工程量|工程量|年度|全年|计划))"
)
_COMPLETE_BEFORE = re.compile(r"(完成|已完成|完成了|全部完成|基本完成)[^，,；;。]{0,20}$")
_PERCENT_DONE = re.compile(r"完成\s*\d+(\.\d+)?\s*[%％]|完成至\s*\d+|\d+(\.\d+)?\s*[%％]")
_STRETCH = re.compile(r"力争|争取|尽快|适时")
_FLOOR = re.compile(r"(?<![负B\dA-Za-z])(?:第|至|地上)?([一二三四五六七八九十两]{1,3}|\d{1,3})层")

# Subject tokens: plot codes (09-10), letters (A, EFG, C1), building numbers (5#, 6号楼).
_PLOT = re.compile(r"(?<![\d])(\d{1,2}-\d{1,2})(?![\d#＃号])")
_BUILDINGS = re.compile(r"(\d{1,2})\s*[#＃]?\s*(?:[-－~至]\s*(\d{1,2})\s*)?[#＃](?:楼)?|((?:\d{1,2}、)*\d{1,2})号楼")
_LETTERS = re.compile(r"(?<![A-Za-z0-9.])([A-Z]{1,3})(\d{0,2})(?![A-Za-z0-9.])")
# Upper-case words that are not codes of a project's parts.
_NOT_CODES = frozenset({"PM", "PCT", "GDP", "AI", "CBD", "IT", "VR", "AR", "APP", "PPP", "EPC", "BIM", "LED", "KV"})


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = 0
    if "十" in text:
        tens, _, units = text.partition("十")
        total = (_CN_NUM.get(tens, 1) if tens else 1) * 10
        return total + (_CN_NUM.get(units, 0) if units else 0)
    return _CN_NUM.get(text, 0)


def subject_codes(text: str) -> set[str]:
    """The codes that name parts of a project in ``text``: 09-10, A, EFG→E/F/G, C1, 5#."""
    codes: set[str] = set()
    for m in _PLOT.finditer(text):
        a, b = m.group(1).split("-")
        codes.add(f"{int(a):02d}-{int(b):02d}")
    for m in _BUILDINGS.finditer(text):
        if m.group(3):
            codes.update(f"{int(n)}#" for n in m.group(3).split("、"))
        else:
            lo = int(m.group(1))
            hi = int(m.group(2)) if m.group(2) else lo
            codes.update(f"{n}#" for n in range(lo, min(hi, lo + 30) + 1))
    # "5#6#" and "5#、6#" list several buildings with one suffix each
    codes.update(f"{int(n)}#" for n in re.findall(r"(\d{1,2})\s*[#＃]", text))
    for m in _LETTERS.finditer(text):
        letters, digits = m.group(1), m.group(2)
        if letters in _NOT_CODES:
            continue
        if digits:
            codes.add(letters + digits)
        elif len(letters) > 1 and letters.isupper() and len(set(letters)) == len(letters):
            codes.update(letters)  # EFG地块 = E, F and G
        else:
            codes.add(letters)
    return codes


def nest_codes(current: set[str] | frozenset[str], own: set[str]) -> set[str]:
    """The codes a segment speaks of: buildings (5#) named after a plot (08-28) belong to that plot."""
    if own and all(c.endswith("#") for c in own):
        return {c for c in current if not c.endswith("#")} | own
    return set(own)


def _codes_meet(a: set[str], b: set[str]) -> bool:
    """Whether two sets of codes name a common part (C matches C1 and C2; 09-10 matches 09-10)."""
    for x in a:
        for y in b:
            if x == y:
                return True
            if x[0].isalpha() and y[0].isalpha() and (x.startswith(y) or y.startswith(x)):
                short, long_ = (x, y) if len(x) < len(y) else (y, x)
                if long_[len(short) :].isdigit():
                    return True
    return False


@dataclass(frozen=True)
class Reading:
    """Where one stretch of text puts the project on the ladder."""

    rank: float | None  # highest stage reached (None: no stage named)
    stage: str | None
    negated: tuple[str, ...] = ()  # stages the text says were not reached
    floors: int | None = None  # highest floor named
    planned: bool = False  # a stage named only as planned (准备, 拟, 计划)


def read_stages(text: str) -> Reading:
    """The highest stage ``text`` says was reached, and the stages it says were not."""
    taken = [False] * len(text)
    best, best_name = _ready_stage(text, taken)
    for m in _NOT_STAGE.finditer(text):
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    negated: list[str] = []
    planned = False
    cap: float | None = None
    for rx, stage in _STAGE_RE:
        if stage.generic and best is not None:
            break  # a specific stage was named: 施工/建设 add nothing to it
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            said = _stage_said(text, m, stage)
            if said == "negated":
                negated.append(stage.name)
                cap = stage.start if cap is None else min(cap, stage.start)
            elif said == "planned":
                planned = True
            elif not isinstance(said, str) and (best is None or said[0] > best):
                best, best_name = said
    if cap is not None and best is not None and best >= cap:
        best = cap - 0.5
    floors = [_cn_int(m.group(1)) for m in _FLOOR.finditer(text)]
    return Reading(best, best_name, tuple(negated), max(floors) if floors else None, planned)


def _ready_stage(text: str, taken: list[bool]) -> tuple[float | None, str | None]:
    """The highest stage ``text`` says is ready for its formal step ("已具备竣工条件"); its words are taken."""
    best: float | None = None
    best_name: str | None = None
    for m in _READY.finditer(text):
        if _NEGATION.search(text[max(0, m.start() - 6) : m.start()]):
            continue
        rank, name = _READY_STAGE[m.group(1) or m.group(2)]
        if best is None or rank > best:
            best, best_name = rank, f"{name}（条件已具备）"
        taken[m.start() : m.end()] = [True] * (m.end() - m.start())
    return best, best_name


def _stage_said(text: str, m: re.Match[str], stage: Stage) -> str | tuple[float, str]:
    """What the words around a stage's name say of it: "negated", "planned", or the rank and name reached."""
    before = text[max(0, m.start() - 6) : m.start()]
    if _NEGATION.search(before):
        return "negated"
    if _PLANNED.search(text[max(0, m.start() - 14) : m.start()]):
        return "planned"
    after = text[m.end() :]
    complete = bool(_COMPLETE_AFTER.search(after) or _COMPLETE_BEFORE.search(text[: m.start()][-24:]))
    if complete and _PERCENT_DONE.search(after[:16]):
        complete = False
    if complete and stage.start == 4 and _FLOOR.search(text):
        complete = False  # "11层浇筑完成": one floor done, not the structure
    rank = stage.done if complete else stage.start
    return rank, stage.name + ("完成" if complete and stage.done > stage.start else "")


# Words that make a task a construction project wherever they appear (主体 alone may be 市场主体).
_PROJECT_WORDS = re.compile(
    r"开工|动工|桩基|封顶|竣工|竣备|交付使用|完成交付|主体(?:结构|施工|工程|完工)|二次结构|精装修|幕墙|外立面|"
    r"土方|地下室|正负零|挂牌出让|供地|地块"
)


def is_milestone_text(text: str) -> bool:
    """Whether ``text`` states a construction project's stages (开工, 桩基, 主体施工, 封顶, 竣工…)."""
    return bool(_PROJECT_WORDS.search(_NOT_STAGE.sub("", text)))


def names_stage(text: str) -> bool:
    """Whether ``text`` names any stage, generic ones included."""
    return read_stages(text).rank is not None or bool(read_stages(text).negated)


@dataclass(frozen=True)
class _Piece:
    """A comma segment of progress with the subject it speaks of (its own or the one before it)."""

    text: str
    sentence: str
    context: str
    codes: frozenset[str]


def _pieces(progress: str) -> list[_Piece]:
    out: list[_Piece] = []
    for clause in sentences(progress):
        context = ""
        codes: set[str] = set()
        for seg in segments(clause.text):
            own = subject_codes(seg)
            if own:
                codes = nest_codes(codes, own)
                context = seg
            else:
                context = (context + "，" + seg) if context else seg
            out.append(_Piece(seg, clause.text, context, frozenset(codes)))
    return out


@lru_cache(maxsize=8192)
def _subject_words(text: str) -> frozenset[str]:
    """Bigrams of ``text`` that are not about stages (what is being built, not how far)."""
    cleaned = text
    for rx, _ in _STAGE_RE:
        cleaned = rx.sub(" ", cleaned)
    cleaned = re.sub(r"完成|进行|正在|已经|目前|实施|开始|推进|全部|部分|项目|工程|工作|地块|楼栋|区域", " ", cleaned)
    return frozenset(g for g in bigrams(cleaned) if not _CODE_GRAM.fullmatch(g))


@dataclass(frozen=True)
class Requirement:
    """One milestone a target sets: on which part of the project, which stage, how many floors."""

    text: str
    subject: str
    codes: frozenset[str]
    rank: float
    stage: str
    floors: int | None


def requirements(target: str) -> tuple[list[Requirement], list[str]]:
    """The milestones ``target`` sets, and the target segments that set none (judged elsewhere)."""
    reqs: list[Requirement] = []
    rest: list[str] = []
    for clause in sentences(target):
        codes: set[str] = set()
        subject = ""
        for seg in segments(clause.text):
            own = subject_codes(seg)
            if own:
                codes, subject = nest_codes(codes, own), seg
            elif _subject_words(seg):
                # A segment naming its own subject ("南区土方外运施工") ends the codes of the one before;
                # one naming only a stage ("主体施工") continues it.
                codes, subject = set(), seg
            if _STRETCH.search(seg):
                continue  # 力争…: a stretch goal, not required
            reading = read_stages(seg)
            if reading.rank is None:
                rest.append(seg)
                continue
            reqs.append(
                Requirement(
                    seg,
                    subject or seg,
                    frozenset(codes),
                    reading.rank,
                    reading.stage or "",
                    reading.floors if reading.rank is not None and 4 <= reading.rank < 5 else None,
                )
            )
    return reqs, rest


def _relevant(
    req: Requirement,
    pieces: Sequence[_Piece],
    siblings: Sequence[Requirement] = (),
    *,
    one_project: bool = True,
    claimed: Sequence[_Piece] = (),
) -> tuple[list[_Piece], bool]:
    """The progress pieces about the requirement's part of the project; True when matched by subject.

    A piece goes to the requirement whose project or place it names: by codes (09-10, 5#) unless it
    names another project ("长江华府6#楼" is not "工业园北区5、6号楼"), else by the words of the name. A
    piece that names a sibling's project better never goes to this one ("南邮科创中心主楼已封顶" is not
    "建设省5G网络安全工程中心"). With no piece naming it: a task's only requirement takes the whole
    progress; a requirement of one project's row (``one_project``, a project table), or one naming
    nothing of its own, takes the pieces no sibling took (``claimed``: other parts of the same
    project); one of a task listing several projects takes none.
    """
    direct = named_pieces(req, pieces, siblings)
    if direct:
        return direct, True
    others = [_names(r.subject) for r in siblings if r.subject != req.subject]
    if not any(others):
        return list(pieces), False
    if one_project or not (_names(req.subject) or req.codes):
        return [p for p in pieces if p not in claimed], False
    return [], False


def named_pieces(req: Requirement, pieces: Sequence[_Piece], siblings: Sequence[Requirement] = ()) -> list[_Piece]:
    """The pieces that name the requirement's project or part, by codes or by the words of its name."""
    words = _names(req.subject)
    others = [_names(r.subject) for r in siblings if r.subject != req.subject]
    if req.codes:
        hits = [
            p
            for p in pieces
            if p.codes
            and _codes_meet(set(req.codes), set(p.codes))
            and not _another_project(_name_before_codes(req.subject), _name_before_codes(p.context))
        ]
        if hits:
            return hits
    if words:
        scored: list[tuple[int, _Piece]] = []
        for p in pieces:
            named = _names(p.context)
            shared = len(words & named)
            if not shared or (shared < 2 and len(words) > 2):
                continue
            if shared < len(words) and any(len(o & named) > shared for o in others):
                continue  # the piece names a sibling's project, and this one's only in part
            scored.append((shared, p))
        top = max((n for n, _ in scored), default=0)
        if top > 0:
            return [p for n, p in scored if n == top]
    return []


@lru_cache(maxsize=8192)
def _names(text: str) -> frozenset[str]:
    """The words naming what is built (two Chinese characters each: no codes, floors or counts)."""
    return frozenset(g for g in _subject_words(text) if all("\u4e00" <= c <= "\u9fff" for c in g))


def _name_before_codes(text: str) -> frozenset[str]:
    """The words of the name printed right before a part's codes ("长江华府6#楼": 长江华府), if any."""
    starts = [m.start() for rx in (_PLOT, _BUILDINGS, _LETTERS) for m in rx.finditer(text)]
    if not starts:
        return frozenset()
    head = re.split(r"[，,；;。、]", text[: min(starts)])[-1]
    return _names(head)


def _another_project(name: frozenset[str], named: frozenset[str]) -> bool:
    """Whether two texts with codes in common name different projects before them ("长江华府6#" vs "北区5、6号楼")."""
    return len(name) >= 2 and len(named) >= 2 and not name & named


# A deadline a milestone sets: "6月底前开工", "年底前竣工", "2022年底交付", "上半年完成".
_DEADLINE_YEAR = re.compile(r"(20\d{2})\s*年")
_DEADLINE_MONTH = re.compile(r"(\d{1,2})\s*月(?:底|末|份|中旬|上旬|下旬)?前?|(上半年)|(一|二|三)季度")


def due_by(text: str, year: int | None) -> tuple[int | None, int]:
    """The year and month by which a milestone is due (the plan's year end when it names none)."""
    y = _DEADLINE_YEAR.search(text)
    when_year = int(y.group(1)) if y else year
    m = _DEADLINE_MONTH.search(text)
    if m is None:
        return when_year, 12
    if m.group(2):
        return when_year, 6
    if m.group(3):
        return when_year, 3 * "一二三".index(m.group(3)) + 3
    month = int(m.group(1))
    return when_year, month if 1 <= month <= 12 else 12


def is_due(text: str, as_of: date | None, year: int | None) -> bool:
    """Whether a milestone must be reached by ``as_of`` (None: the year end): due at its deadline, else year end."""
    due_year, due_month = due_by(text, year)
    if as_of is None:
        return due_year is None or year is None or due_year <= year
    if due_year is None:
        due_year = as_of.year
    return (as_of.year, as_of.month) >= (due_year, due_month)


_NAMES = {0: "前期", 0.5: "征收拆迁", 1: "挂牌招标", 1.5: "出让供地", 2: "开工", 3: "基础施工", 3.5: "基础完成"}


@dataclass(frozen=True)
class _Reached:
    """Where the pieces about one requirement put it: the highest stage, what is negated, floors, stoppage."""

    rank: float | None
    name: str | None
    negated: tuple[str, ...]
    floors: int | None
    planned: bool
    stopped: bool


def _reached(hits: Sequence[_Piece]) -> _Reached:
    rank: float | None = None
    name: str | None = None
    negated: list[str] = []
    floors: int | None = None
    planned = False
    for p in hits:
        # A stage inside a quoted name ("调整的项目是“…项目开工建设”") is a name's word, not a stage reached.
        r = read_stages(mask_names(p.text))
        negated.extend(r.negated)
        planned = planned or r.planned
        if r.rank is not None and (rank is None or r.rank > rank):
            rank, name = r.rank, r.stage
        if r.floors is not None and r.rank is not None and 4 <= r.rank < 5:
            floors = max(floors or 0, r.floors)
    return _Reached(rank, name, tuple(negated), floors, planned, any(STOPPED.search(p.text) for p in hits))


def judge_requirement(
    req: Requirement,
    pieces: Sequence[_Piece],
    *,
    renovation: bool = False,
    siblings: Sequence[Requirement] = (),
    due: bool = True,
    one_project: bool = True,
    claimed: Sequence[_Piece] = (),
) -> IndicatorVerdict:
    """Compare one milestone with the progress pieces about the same part of the project.

    In a renovation (a target with fit-out or 改造 stages only), works started on site are the
    fit-out under way: there is no structure to build first. A milestone not yet due (its deadline,
    else the year end, is later than the date judged) is not missed by a stage not yet reached.
    """
    hits, matched = _relevant(req, pieces, siblings, one_project=one_project, claimed=claimed)
    # Only pieces that say how far the works are speak of a stage ("航运服务业收入完成296亿元" does not).
    hits = [p for p in hits if _says_stage(p.text)]
    indicator = Indicator(metric=req.subject, kind="milestone", comparator=None, value=None, unit=None, text=req.text)
    goal = f"目标：{quote(req.text)}（{req.stage}）"
    if not hits:
        rule = f"{goal}；进展未提及该项目，需人工研判"
        return IndicatorVerdict(indicator, "unknown", (rule,), rule)
    text = "，".join(dict.fromkeys(p.text for p in hits))
    seen = f"进展：{quote(text, 60)}"
    notes: list[str] = []
    if not matched:
        whole = len(hits) == len(pieces)
        notes.append("进展未单列该部位，按整体进展判断" if whole else "进展未单列该部位，按未指明部位的进展判断")
    at = _reached(hits)
    if at.stopped:
        notes.append("进展记有停工")

    def unsettled(outcome: str) -> IndicatorVerdict:
        rule = f"{goal}；{seen}；{outcome}，需人工研判"
        return IndicatorVerdict(indicator, "unknown", (rule, *notes), rule)

    def short(outcome: str) -> IndicatorVerdict:
        if not due:
            return unsettled(f"{outcome}，节点未到期")
        rule = f"{goal}；{seen}；{outcome}"
        return IndicatorVerdict(indicator, "not_done", (rule, *notes), rule, evidence=text)

    if at.rank is None:
        if at.planned and not at.negated:
            return unsettled("进展只写计划或预计，未写明已达到")
        if at.negated:
            return short(f"进展称未{at.negated[0]}，未达目标")
        return unsettled("进展未写明形象进度")
    reached = at.rank
    stage_text = f"已到“{at.name}”"
    if renovation and req.rank == 6 and 2 <= reached < 6:
        reached = 6
        stage_text += "（改造、装修类项目，进场施工即装修施工）"
    if reached + 1e-9 < req.rank:
        return short(f"{stage_text}，未达“{req.stage}”" + ("，且已停工" if at.stopped and due else ""))
    if req.floors is not None and reached < 5 and at.floors is not None and at.floors < req.floors:
        return short(f"施工至{at.floors}层，目标{req.floors}层，未达目标")
    if req.floors is not None and reached < 5 and at.floors is None:
        notes.append(f"目标{req.floors}层，进展未写层数")
    rule = f"{goal}；{seen}；{stage_text}，已达目标"
    return IndicatorVerdict(indicator, "done", (rule, *notes), rule, evidence=text)


def _says_stage(text: str) -> bool:
    r = read_stages(text)
    return r.rank is not None or bool(r.negated) or r.planned or bool(STOPPED.search(text))


def judge_milestones(
    target: str,
    progress: str,
    *,
    as_of: date | None = None,
    year: int | None = None,
    counted: Sequence[str] = (),
    one_project: bool = True,
) -> tuple[list[IndicatorVerdict], list[str]]:
    """Verdicts for every milestone ``target`` sets, and its segments that set no milestone.

    A segment that counts things in a stage ("竣工项目13项", "新开工项目67个": ``counted`` holds the
    counts' words) is a count to compare, not one project's stage.
    """
    reqs, rest = requirements(target)
    reqs = [r for r in reqs if not any(c and c in r.text for c in counted)]
    pieces = _pieces(progress)
    renovation = bool(reqs) and all(r.rank >= 6 or r.stage.startswith("施工") for r in reqs)
    named = [named_pieces(r, pieces, reqs) for r in reqs]
    verdicts = []
    for n, r in enumerate(reqs):
        claimed = [p for m, found in enumerate(named) if m != n for p in found]
        due = is_due(r.text, as_of, year)
        verdicts.append(
            judge_requirement(
                r, pieces, renovation=renovation, siblings=reqs, due=due, one_project=one_project, claimed=claimed
            )
        )
    return verdicts, rest


def generic_only(target: str) -> bool:
    """Whether every milestone ``target`` sets is a generic word (建设, 施工, 改造, 前期): no stage to reach."""
    reqs, _ = requirements(target)
    return bool(reqs) and all(r.stage in ("施工", "前期") for r in reqs)
