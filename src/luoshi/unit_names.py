"""Responsible units' names as printed: tidy them, compare them, split a list of them, tell a collective.

The one home of the rules about unit *names* (责任单位), used by the structure parsers, the intake, the
matcher and the web app's directory alike. What a name *is* in a government's directory (its canonical
spelling, its aliases, its renamings) is the directory's business, not this module's; this module only
says how printed names are cleaned and when two spellings may be the same unit.

- ``tidy_name``: the name as it should be stored (no spaces or line breaks, no stray punctuation).
- ``unit_key``: the name as compared: full-width forms folded, the government's own name and its level
  word dropped ("鼓楼区科技局" = "区科技局" = "科技局"; "区委宣传部" = "宣传部"); 市 before a district's
  body is another level of government (市科技局 is the city's), and 市场/市政 are words, not levels.
- ``split_units``: a printed list ("区发改委、区财政局", a cell with line breaks) into one name per unit,
  rejoining a name a line break or space cut ("地方金融\\n监管局"); "X等区相关部门" gives X and the group.
- ``is_collective``: 各街道, 区相关部门, 板块, 有关单位… stand for several units (kind ``group``).
- ``guess_kind`` / ``guess_member_kind``: the kind a new unit most likely has, from its name's grammar.

See docs/layouts/units.md for the grammar these rules come from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters / words a unit name ends with: a name ending otherwise was wrapped mid-name.
UNIT_SUFFIXES = (
    "局", "委", "办", "会", "部", "处", "队", "院", "室", "所", "站", "厅", "署", "中心", "集团", "公司",
    "街道", "办事处", "分局", "支队", "大队", "板块", "园", "馆", "团", "社", "行", "庭", "组", "科",
    "部门", "单位", "企业", "园区", "新区", "开发区", "高新区", "功能区", "商务区", "片区", "景区",
    "学校", "社区", "专班", "联", "电视台", "镇", "乡", "海关",
)  # fmt: skip

# Longer than this, words are a sentence, not one unit's name ("各县(市、区)政府(管委会)" is 14).
MAX_UNIT_CHARS = 30

# A line that is only a generic organisation word cannot stand as a unit of its own.
GENERIC_TAILS = frozenset(
    {"管委会", "管理委员会", "事务局", "监管局", "管理局", "办公室", "委员会", "服务中心", "分局"}
)

# Words that stand for no unit when they are all that is left of an entry ("X、Y等单位").
EMPTY_ENTRIES = frozenset({"单位", "部门", "等", "等单位", "等部门", "其他", "其它"})

# --------------------------------------------------------------------------- collective names

# A collective opens with a quantifier ("各街道", "区相关部门", "全区各街道", "有关单位", "其余板块"),
# ends with a word that names many ("市级各部门", "区级机关各单位", "成员单位"), or is a bare kind.
_COLLECTIVE_HEAD = r"(?:[区市县镇]|全区|全市|全县)?(?:各|相关|有关|其他|其它|其余|所属|属地)"
COLLECTIVE = re.compile(rf"^{_COLLECTIVE_HEAD}")
_COLLECTIVE_TAIL = re.compile(r"(?:相关部门|有关部门|各部门|相关单位|有关单位|成员单位|各单位)$")
COLLECTIVE_WORDS = frozenset({"板块", "各板块", "街道", "街道办事处", "部门", "园区", "区属国企", "国有企业"})


def is_collective(name: str) -> bool:
    """Whether ``name`` is a collective unit (各街道, 区相关部门, 相关街道, 板块…), kept as one entry."""
    text = clean_name(name)
    return bool(COLLECTIVE.match(text) or _COLLECTIVE_TAIL.search(text)) or text in COLLECTIVE_WORDS


# --------------------------------------------------------------------------- cleaning and comparing

_TRAILING = "、，,。；;：:．. "
_WHITE = re.compile(r"[\s\u3000]+")


def tidy_name(name: str) -> str:
    """A name as it should be stored: no spaces or line breaks, no punctuation at its ends, forms kept."""
    return _WHITE.sub("", name).strip(_TRAILING)


def clean_name(name: str) -> str:
    """A name as compared letter for letter: also without full-width forms (（） → ()), so spellings match."""
    return _WHITE.sub("", unicodedata.normalize("NFKC", name)).strip(_TRAILING)


# The level words a government prints before its own bodies, by the level its name ends with.
_LEVELS: dict[str, tuple[str, ...]] = {
    "区": ("区委", "区"),
    "县": ("县委", "县"),
    "市": ("市委", "市"),
    "旗": ("旗委", "旗"),
}
_DEFAULT_LEVELS = ("区委", "县委", "区", "县")
# Words that begin with a level character but are no level: 市场监管局 is not the city's 场监管局.
_LEVEL_WORDS = ("市场", "市政", "市容", "区域", "县域")
_PARTY = ("区委", "县委", "市委", "旗委")


def _own_levels(government: str) -> tuple[str, ...]:
    level = government[-1:] if government else ""
    return _LEVELS.get(level, _DEFAULT_LEVELS) if level in _LEVELS else _DEFAULT_LEVELS


@lru_cache(maxsize=8192)
def unit_key(name: str, government: str = "") -> str:
    """The comparison key of a printed name: cleaned, without the government's own name or level word.

    "鼓楼区科技局", "区科技局" and "科技局" are one key for 鼓楼区; "区委宣传部" is "宣传部" (a district's
    party departments are printed with or without 区委), but a bare 区 is kept before a name ending in
    部 (those are the party's, never printed "区…部"). What is left must be three characters or more
    ("区委", "区政府" stay as they are). Without ``government`` the district and county levels are
    dropped, never 市 (市科技局 is the city's bureau, not the district's).
    """
    text = clean_name(name)
    if government:
        own = clean_name(government)
        for prefix in (own, own[:-1] if len(own) > 2 else ""):
            if prefix and text.startswith(prefix) and len(text) > len(prefix) + 1:
                text = text[len(prefix) :]
                break
    if text.startswith(_LEVEL_WORDS):
        return text
    for prefix in _own_levels(government):
        rest = text[len(prefix) :]
        if text.startswith(prefix) and len(rest) >= 3:
            if prefix not in _PARTY and rest.endswith("部"):
                return text
            return rest
    return text


def same_unit(a: str, b: str, government: str = "") -> bool:
    """Whether two printed names are the same unit by their keys (aliases are the directory's job)."""
    return unit_key(a, government) == unit_key(b, government)


# --------------------------------------------------------------------------- kinds

_KIND_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("subdistrict", ("街道", "街道办事处", "街道办")),
    ("committee", ("管委会", "管理委员会", "管委")),
    ("enterprise", ("集团", "公司", "有限公司", "集团有限公司")),
    (
        "mass_org",
        ("团区委", "团县委", "团市委", "妇联", "工商联", "科协", "总工会", "残联", "红十字会", "侨联", "文联"),
    ),
    ("vertical", ("税务局", "海关", "调查队", "气象局", "烟草局", "供电公司", "消防救援大队", "公安分局", "分局")),
)


def guess_kind(name: str) -> str:
    """The kind a new unit most likely has, from the grammar of its name (a default for a person to check)."""
    text = clean_name(name)
    if is_collective(text):
        return "group"
    for kind, suffixes in _KIND_SUFFIXES:
        if text.endswith(suffixes):
            return kind
    return "department"


def guess_member_kind(name: str) -> str:
    """For a collective name, the kind of unit it stands for (各街道 → 街道)."""
    text = clean_name(name)
    if "街道" in text:
        return "subdistrict"
    if "板块" in text or "管委会" in text:
        return "committee"
    if "企" in text:
        return "enterprise"
    return ""


# --------------------------------------------------------------------------- lists of names

# "X等区相关部门": the group after 等 is an entry of its own (the brief's "X plus 区相关部门").
_ETC_GROUP = re.compile(rf"^(.+?)等({_COLLECTIVE_HEAD}.*)$")
_ETC_BARE = re.compile(r"^(.+?)等(?:[区市县]?(?:部门|单位))?$")

_SEPARATOR_CHARS = frozenset("、，,；;／/")
OPEN_BRACKETS = "（(［[【〔"
CLOSE_BRACKETS = "）)］]】〕"
# One-character administrative levels: "各县、市、区政府" lists levels of one name, not three units.
_ONE_CHAR_LEVELS = frozenset("市区县镇乡旗")
_SPACES = re.compile(r"[\s\u3000]+")
EDGE_PUNCT = "。.：:！!？?“”\"'‘’《》 \t\u3000"
_SEPARATOR = re.compile("[" + re.escape("".join(sorted(_SEPARATOR_CHARS))) + "]")
_BRACKET = re.compile("[" + re.escape(OPEN_BRACKETS + CLOSE_BRACKETS) + "]")
_TRAILING_BRACKET = re.compile(r"[（(][^（()）]*[）)]$")

# How a note or a task opens, never a unit's name: "（含Ⅲ级）", "启动建设…公园。".
_NOT_A_NAME = re.compile(
    r"^(?:含|包括|其中|如|即|详见|见|不含|除|注|均|约|共|全年|年底|年内|力争|启动|推进|推动|完成|开展|实施|"
    r"加快|加强|新建|建成|开工|确保|全面|持续|深入|提升|打造|实现|建设|开展|组织|做好|抓好|落实)"
)


@lru_cache(maxsize=4096)
def ends_like_unit(name: str) -> bool:
    """Whether ``name`` ends the way a unit's name ends (局, 委, 办, 管委会, 街道…).

    A bracketed note at the end ("区政府办（区金融办）") is looked through.
    """
    name = _TRAILING_BRACKET.sub("", name.strip()) or name.strip()
    return name.endswith(UNIT_SUFFIXES)


@lru_cache(maxsize=4096)
def looks_like_unit(name: str) -> bool:
    """Whether ``name`` reads as one unit's name: it ends like one, and holds no sentence or figure."""
    name = name.strip()
    if not 2 <= len(name) <= MAX_UNIT_CHARS:
        return False
    if re.search(r"[。：:！？!?%％]|\d", name):
        return False
    if _NOT_A_NAME.match(name):
        return False
    return ends_like_unit(name) or is_collective(name)


# A piece that names its level first and ends like a unit ("区城管局", "县教育局") is a whole name: the
# piece before it is a short name of its own ("区城投"), never the head of a wrapped one.
_OWN_LEVEL = ("区", "县", "市", "镇", "乡", "省", "街道")


def _rejoin(pieces: list[str]) -> list[str]:
    """Rejoin pieces a line break or space cut out of one name; keep the others apart."""
    units: list[str] = []
    current = ""
    for piece in pieces:
        whole = len(piece) >= 3 and piece.startswith(_OWN_LEVEL) and ends_like_unit(piece)
        if current and ((not ends_like_unit(current) and not whole) or piece in GENERIC_TAILS):
            current += piece
        else:
            if current:
                units.append(current)
            current = piece
    if current:
        units.append(current)
    return units


def _split_etc(name: str) -> list[str]:
    """ "X等区相关部门" → X and 区相关部门; "X等部门" / "X等" → X."""
    m = _ETC_GROUP.match(name)
    if m and ends_like_unit(m.group(1)):
        return [m.group(1), m.group(2)]
    m = _ETC_BARE.match(name)
    if m and ends_like_unit(m.group(1)):
        return [m.group(1)]
    return [name]


def _bracketed_chunks(text: str) -> list[str]:
    """Split on the list separators outside brackets ("各县(市、区)政府" is one chunk)."""
    chunks: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in OPEN_BRACKETS:
            depth += 1
        elif ch in CLOSE_BRACKETS:
            depth = max(0, depth - 1)
        if depth == 0 and ch in _SEPARATOR_CHARS:
            chunks.append("".join(current))
            current = []
        else:
            current.append(ch)
    chunks.append("".join(current))
    return chunks


def _chunks(text: str) -> list[str]:
    """Split on the list separators, but never inside brackets, and keep one-character levels together."""
    # Without brackets every separator splits: one split does what the walk does.
    chunks = _SEPARATOR.split(text) if not _BRACKET.search(text) else _bracketed_chunks(text)
    # "各县、市、区政府": levels of one name listed with 、 (市 alone names nothing) stay one entry.
    merged: list[str] = []
    glue = False
    for chunk in chunks:
        level = chunk.strip() in _ONE_CHAR_LEVELS
        if merged and (level or glue):
            merged[-1] += "、" + chunk
        else:
            merged.append(chunk)
        glue = level
    return merged


def split_units(text: str) -> list[str]:
    """Split a printed list of units into names as printed, one entry per unit.

    Separators are 、，,；;／/ outside brackets; spaces and line breaks separate too, except inside a
    name that was wrapped or spaced by accident (the piece before does not end like a unit, or the
    piece after is a bare 管委会 / 监管局…). A 责任单位 cell is split the same way: "地方金融\\n监管局" is
    one unit (the first line does not end like a unit); "行政审批局\\n市场监管局" is two.
    """
    units: list[str] = []
    for chunk in _chunks(text):
        pieces = [p for p in _SPACES.split(chunk) if p]
        for name in _rejoin(pieces):
            for unit in _split_etc(name.strip(EDGE_PUNCT)):
                unit = unit.strip(EDGE_PUNCT)
                if unit and unit not in EMPTY_ENTRIES:
                    units.append(unit)
    return units


def distinct_units(names: list[str] | tuple[str, ...], government: str = "") -> list[str]:
    """``names`` without a second spelling of a unit already listed (first spelling kept, order kept)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(unit_key(name, government), name)
    return list(seen.values())
