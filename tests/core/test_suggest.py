"""Suggested units measured on real plans: the lead unit of each task, and its co-units, from earlier plans only.

The measure of the issue: seed 000 附件4 (the 2022 plan draft, 76 targets), with seed 001 and 000 附件1
(both 2021) as history, against the printed 责任单位. Goal: top-1 ≥ 72/76, top-3 ≥ 75/76; a plain
character n-gram TF-IDF nearest neighbour reaches 66/76 (``baseline_top1``). A suggestion is a hit
when its unit is one of the printed ones, names compared through the model's unit names (区科技局 =
科技局; 鼓楼生态环境局 ⊃ 生态环境局). Cross-checks on other data keep the method general: each of 001
and 000 附件1 from the other, seeds 001 and 003 split into halves (odd tasks from even and back), and
Guangzhou's 2007 plan from its 2006 one (tests/fixtures/foreign). Floors are what the method reaches.

Run ``python -m tests.core.test_suggest`` to print the figures (``--ablation``: what each part of the
method adds; ``--scores``: how often the first suggestion is right, by its score).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from luoshi.model import Part, Task
from luoshi.suggest import build_model, suggest, suggest_plan
from luoshi.suggest.model import Model
from luoshi.suggest.names import UnitNames
from luoshi.suggest.rank import NO_BASIS, NO_HISTORY, _monotone_pairs
from luoshi.suggest.vectors import Space, dot
from tests.acceptance import parsed
from tests.conftest import FIXTURES, seed_path


def _part(prefix: str, index: int = 0) -> Part:
    return parsed(seed_path(prefix)).parts[index]


def _foreign(name: str) -> Part:
    return parsed(FIXTURES / "foreign" / f"{name}.txt").parts[0]


def _half(part: Part, parity: int) -> Part:
    return replace(part, tasks=part.tasks[parity::2])


def cases() -> dict[str, tuple[list[Part], Part]]:
    """name → (history, plan to suggest for)."""
    p001, a1, a4, p003 = _part("001"), _part("000", 0), _part("000", 3), _part("003")
    return {
        "000附件4 ← 001 + 000附件1": ([p001, a1], a4),
        "000附件4 ← 001": ([p001], a4),
        "000附件4 ← 000附件1": ([a1], a4),
        "001 ← 000附件1": ([a1], p001),
        "000附件1 ← 001": ([p001], a1),
        "003 双 ← 单": ([_half(p003, 0)], _half(p003, 1)),
        "003 单 ← 双": ([_half(p003, 1)], _half(p003, 0)),
        "001 双 ← 单": ([_half(p001, 0)], _half(p001, 1)),
        "001 单 ← 双": ([_half(p001, 1)], _half(p001, 0)),
        "广州2007 ← 2006": ([_foreign("guangzhou-2006")], _foreign("guangzhou-2007")),
    }


MEASURE = "000附件4 ← 001 + 000附件1"


def lead_hits(history: Sequence[Part], plan: Part) -> tuple[int, int, int]:
    """(top-1 hits, top-3 hits, tasks with a printed lead) of the suggested lead units."""
    model = build_model(history)
    top1 = top3 = n = 0
    for task, s in zip(plan.tasks, suggest_plan(plan.tasks, model), strict=True):
        if not task.lead:
            continue
        n += 1
        printed = {model.units.key(u) for u in task.lead}
        ranked = [model.units.key(x.unit) for x in s.lead]
        top1 += bool(ranked) and ranked[0] in printed
        top3 += any(u in printed for u in ranked[:3])
    return top1, top3, n


def co_counts(history: Sequence[Part], plan: Part) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of the suggested co-units against the printed ones."""
    model = build_model(history)
    tp = fp = fn = 0
    for task, s in zip(plan.tasks, suggest_plan(plan.tasks, model), strict=True):
        printed = {model.units.key(u) for u in task.co}
        proposed = {model.units.key(x.unit) for x in s.co}
        tp += len(printed & proposed)
        fp += len(proposed - printed)
        fn += len(printed - proposed)
    return tp, fp, fn


CO_SPLITS = ("003 双 ← 单", "003 单 ← 双", "001 双 ← 单", "001 单 ← 双", "广州2007 ← 2006")


def co_precision_recall() -> tuple[float, float]:
    """Micro-averaged precision and recall of the co-units over the splits of the plans that print co-units."""
    all_cases = cases()
    tp = fp = fn = 0
    for name in CO_SPLITS:
        a, b, c = co_counts(*all_cases[name])
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def baseline_top1(history: Sequence[Part], plan: Part) -> tuple[int, int]:
    """The plain baseline: character 1–3-gram TF-IDF, the printed lead of the single most similar past task."""

    def ngrams(text: str) -> dict[str, float]:
        t = "".join(text.split())
        out: dict[str, float] = {}
        for n in (1, 2, 3):
            for i in range(len(t) - n + 1):
                out[t[i : i + n]] = out.get(t[i : i + n], 0.0) + 1.0
        return out

    past = [t for part in history for t in part.tasks if t.lead]
    space = Space(ngrams(t.text) for t in past)
    vectors = [space.vector(ngrams(t.text)) for t in past]
    units = UnitNames(u for t in past for u in t.lead)
    hits = n = 0
    for task in plan.tasks:
        if not task.lead:
            continue
        n += 1
        q = space.vector(ngrams(task.text))
        best = max(range(len(past)), key=lambda i: dot(q, vectors[i]))
        hits += any(units.key(u) in {units.key(g) for g in task.lead} for u in past[best].lead)
    return hits, n


# --------------------------------------------------------------------------- the measure and the cross-checks

FLOORS = {
    # name: (top-1, top-3)
    MEASURE: (72, 75),
    "000附件4 ← 001": (46, 62),
    "000附件4 ← 000附件1": (71, 74),
    "001 ← 000附件1": (51, 57),
    "000附件1 ← 001": (45, 59),
    "003 双 ← 单": (12, 20),
    "003 单 ← 双": (9, 17),
    "001 双 ← 单": (17, 23),
    "001 单 ← 双": (15, 22),
    "广州2007 ← 2006": (3, 4),
}


@pytest.mark.parametrize("name", list(FLOORS))
def test_lead_units_reach_their_floors(name: str) -> None:
    """The issue's goal on the measure is top-1 ≥ 72/76 and top-3 ≥ 75/76; the floors are what is reached."""
    top1, top3, n = lead_hits(*cases()[name])
    want1, want3 = FLOORS[name]
    assert (top1, top3) >= (want1, want3) and top1 >= want1 and top3 >= want3, (top1, top3, n)


def test_the_method_beats_the_plain_baseline() -> None:
    history, plan = cases()[MEASURE]
    baseline, n = baseline_top1(history, plan)
    top1, _, _ = lead_hits(history, plan)
    assert n == 76 and baseline <= 67 < 72 <= top1


def test_co_unit_precision_and_recall_on_the_splits() -> None:
    precision, recall = co_precision_recall()
    assert precision >= 0.42 and recall >= 0.45, (precision, recall)


def test_the_plans_own_printed_units_are_never_read() -> None:
    """Suggestions for 附件4 are the same whatever units its rows print (or none)."""
    history, plan = cases()[MEASURE]
    model = build_model(history)
    as_printed = suggest_plan(plan.tasks, model)
    wrong = [replace(t, lead=("区档案局",), co=("区妇联",)) for t in plan.tasks]
    blank = [replace(t, lead=(), co=(), progress="区财政局负责") for t in plan.tasks]
    assert suggest_plan(wrong, model) == as_printed == suggest_plan(blank, model)


# --------------------------------------------------------------------------- what a suggestion holds


@cache
def _model() -> Model:
    history, _ = cases()[MEASURE]
    return build_model(history)


def test_a_suggestion_has_a_score_and_the_past_tasks_that_support_it() -> None:
    s = suggest("新增发明专利授权量不少于1600件", _model())
    best = s.lead[0]
    assert best.unit in ("区市场监管局", "市场监管局") and 0 < best.score < 1
    assert best.because and any("专利" in text for text in best.because)
    assert len(s.lead) >= 3 and [x.score for x in s.lead] == sorted((x.score for x in s.lead), reverse=True)


def test_collective_co_units_come_from_the_history() -> None:
    """001 puts 各街道、板块 beside the tasks of attracting investment: a like task gets them."""
    s = suggest("深化招商引资，开展以商招商、资本招商，推动一批总部企业落户", _model())
    assert {"各街道", "板块"} <= {x.unit for x in s.co}


@pytest.mark.parametrize(
    "text",
    ["ΑΒΓΔ ΕΖΗΘ", "观测彗星", "唱响主旋律，弘扬正能量。", "树立和践行正确政绩观，永葆主动担当、奋发有为的事业心。"],
)
def test_no_basis_is_said_not_guessed(text: str) -> None:
    s = suggest(text, _model())
    assert s.lead == () and s.co == () and s.reason == NO_BASIS


def test_no_history_is_said() -> None:
    s = suggest("地区生产总值增长5%", build_model([]))
    assert s.lead == () and s.reason == NO_HISTORY


def test_aliases_show_the_directory_name_and_join_a_renamed_unit() -> None:
    history = [
        Part(
            title=None,
            kind="decomposition",
            tasks=(
                Task("1", "推进知识产权强区建设，有效发明专利拥有量9600件。", lead=("区科学技术局",)),
                Task("2", "新增专利授权量1600件，开展知识产权质押融资。", lead=("区知识产权局",)),
            ),
        )
    ]
    aliases = {"区科学技术局": "区科技局", "区知识产权局": "区科技局"}
    s = suggest("有效发明专利拥有量达1万件", build_model(history, aliases))
    assert [x.unit for x in s.lead] == ["区科技局"] and len(s.lead[0].because) == 2


# --------------------------------------------------------------------------- unit names


@pytest.mark.parametrize(
    ("printed", "same", "different"),
    [
        (["区科技局", "科技局"], [("区科技局", "科技局")], []),
        (["鼓楼生态环境局", "生态环境局"], [("鼓楼生态环境局", "生态环境局")], []),
        (["下关滨江商务区管委会", "滨江商务区管委会"], [("下关滨江商务区管委会", "滨江商务区管委会")], []),
        (["地方金融监管局", "区金融监管局"], [("地方金融监管局", "区金融监管局")], []),
        (["区委宣传部", "宣传部"], [("区委宣传部", "宣传部")], []),
        (["区税务局", "区商务局"], [], [("区税务局", "区商务局")]),
        (["铁管委", "铁北管委会"], [], [("铁管委", "铁北管委会")]),
    ],
)
def test_unit_names(printed: list[str], same: list[tuple[str, str]], different: list[tuple[str, str]]) -> None:
    names = UnitNames(printed)
    for a, b in same:
        assert names.key(a) == names.key(b)
    for a, b in different:
        assert names.key(a) != names.key(b)


@pytest.mark.parametrize(
    ("level", "same"),
    [
        ("市", True),  # a city's plan: 市规划局 is its own 规划局
        (None, False),  # a district's plan: 市规划局 is the city's
    ],
)
def test_the_own_level_joins_a_name_printed_with_and_without_it(level: str | None, same: bool) -> None:
    names = UnitNames(["市规划局", "规划局", "市场监管局"], level=level)
    assert (names.key("市规划局") == names.key("规划局")) is same
    assert names.key("市场监管局") != names.key("规划局")


@pytest.mark.parametrize(
    ("printed", "shown"),
    [
        (["科技局", "科技局", "区科技局"], "区科技局"),
        (["生态环境局", "鼓楼生态环境局"], "鼓楼生态环境局"),
        (["地方金融监管局", "区金融监管局", "区金融监管局"], "地方金融监管局"),
    ],
)
def test_a_unit_is_shown_under_its_fullest_spelling(printed: list[str], shown: str) -> None:
    names = UnitNames(printed)
    assert names.show(names.key(printed[0])) == shown


# --------------------------------------------------------------------------- alignment


@pytest.mark.parametrize(
    ("gain", "pairs"),
    [
        ([[1.0, 0.0], [0.0, 1.0]], [(0, 0), (1, 1)]),
        ([[0.0, 1.0], [1.0, 0.0]], [(0, 1)]),  # crossing pairs: only one can stand (the first, on a tie)
        ([[0.5, -0.1], [0.6, -0.1]], [(0, 0), (1, 0)]),  # a row split in two: both pair with it
        ([[-0.1, -0.1], [-0.2, -0.3]], []),  # nothing alike enough
        ([[0.3, 0.0, 0.0], [0.0, 0.0, 0.4]], [(0, 0), (1, 2)]),  # a past task between them stays unpaired
    ],
)
def test_monotone_alignment(gain: list[list[float]], pairs: list[tuple[int, int]]) -> None:
    assert _monotone_pairs(gain) == pairs


def test_a_task_between_two_aligned_ones_gets_the_units_between_their_partners() -> None:
    """附件4 rows 43–45 follow 附件1's 房产局 rows: 44 and 45, like no past task, still get 房产局 among the first."""
    history, plan = cases()[MEASURE]
    model = build_model(history)
    got = {t.number: s for t, s in zip(plan.tasks, suggest_plan(plan.tasks, model), strict=True)}
    for number in ("44", "45"):
        assert "房产局" in {model.units.key(x.unit) for x in got[number].lead[:3]}, got[number].lead


def ablation() -> None:
    """What each part of the method adds: the measure and the cross-checks with one part switched off."""
    from luoshi.suggest import model as model_module
    from luoshi.suggest import rank as rank_module

    variants = {
        "all of it": {},
        "without the alignment": {"W_ALIGNED": 0.0, "W_BETWEEN": 0.0},
        "without the unit names": {"W_NAME": 0.0},
        "without the centroids": {"W_CENTROID": 0.0},
        "without headings and progress": {"CONTEXT": 0.0, "PROGRESS": 0.0},
        "neighbours only": {"W_ALIGNED": 0.0, "W_BETWEEN": 0.0, "W_NAME": 0.0, "W_CENTROID": 0.0, "W_PRIOR": 0.0},
    }
    all_cases = cases()
    for label, changes in variants.items():
        saved = []
        for name, value in changes.items():
            module = model_module if name in ("CONTEXT", "PROGRESS") else rank_module
            saved.append((module, name, getattr(module, name)))
            setattr(module, name, value)
        results = {n: lead_hits(*c) for n, c in all_cases.items()}
        for module, name, value in saved:
            setattr(module, name, value)
        m = results[MEASURE]
        rest = [v for n, v in results.items() if n != MEASURE]
        total = sum(v[2] for v in rest)
        print(
            f"{label:32s} measure {m[0]}/{m[2]} {m[1]}/{m[2]}  cross-checks "
            f"{sum(v[0] for v in rest)}/{total} {sum(v[1] for v in rest)}/{total}"
        )


def score_bands() -> None:
    """How often the first suggestion is right, by its score, over all the cases."""
    bands = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 1.0)]
    counts = {b: [0, 0] for b in bands}
    for history, plan in cases().values():
        model = build_model(history)
        for task, s in zip(plan.tasks, suggest_plan(plan.tasks, model), strict=True):
            if not task.lead or not s.lead:
                continue
            band = next(b for b in bands if s.lead[0].score < b[1] or b == bands[-1])
            counts[band][0] += 1
            counts[band][1] += model.units.key(s.lead[0].unit) in {model.units.key(u) for u in task.lead}
    for (low, high), (n, right) in counts.items():
        print(f"score {low:.1f}–{high:.1f}: {right}/{n} right ({right / max(1, n):.0%})")


if __name__ == "__main__":
    import sys

    if "--ablation" in sys.argv:
        ablation()
        raise SystemExit
    if "--scores" in sys.argv:
        score_bands()
        raise SystemExit
    all_cases = cases()
    for name, (history, plan) in all_cases.items():
        top1, top3, n = lead_hits(history, plan)
        print(f"{name:24s} lead top-1 {top1}/{n} ({top1 / n:.1%})  top-3 {top3}/{n} ({top3 / n:.1%})")
    base, n = baseline_top1(*all_cases[MEASURE])
    print(f"baseline (1–3-gram TF-IDF, nearest task) on {MEASURE}: top-1 {base}/{n} ({base / n:.1%})")
    p, r = co_precision_recall()
    print(f"co-units over {', '.join(CO_SPLITS)}: precision {p:.3f} recall {r:.3f}")
    for name in CO_SPLITS:
        tp, fp, fn = co_counts(*all_cases[name])
        print(f"   {name}: precision {tp / max(1, tp + fp):.2f} recall {tp / max(1, tp + fn):.2f}")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_suggestions_or_a_reason(text: str) -> None:
    s = suggest(text, _model())
    assert (s.lead and s.reason is None) or (not s.lead and not s.co and s.reason)
    assert all(0 <= x.score < 1 for x in (*s.lead, *s.co))
