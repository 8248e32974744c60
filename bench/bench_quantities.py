"""Benchmark: the quantity reader against jionlp 1.5.31 on the seeds' target and progress sentences.

    python bench/bench_quantities.py [--jionlp-python /tmp/jio/bin/python] [--repeat 5]

Corpus: every sentence of seed 004's plan part (from its "…年政府主要工作任务" heading on) and of
seed 002's report part (up to "二、下半年…"); expected figures: the gold's 004 targets (value, unit)
and 002 observations (value, unit and growth rate as %). A figure is found when a tool returns the
same value in the same base unit (万/亿 taken out) for a sentence of that document; each found
figure is used once. The raw reader is measured here (every figure of every sentence, not only
the targets the narrative parser keeps), so "figures returned" says how many each tool gave. jionlp only extracts money, so its accuracy is given over all figures and over
the money figures alone. A second table reads the period hard cases of DESIGN.md with both tools.

jionlp is never a dependency of luoshi: it runs in its own virtualenv, through a subprocess
(``python -m venv /tmp/jio && /tmp/jio/bin/pip install jionlp==1.5.31``); it prints banners and
unpacks dictionaries on first import, so its import time is reported apart. Without that
virtualenv only luoshi's figures are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from luoshi.quantities import find_quantities  # noqa: E402
from luoshi.quantities.periods import period_end_month  # noqa: E402
from luoshi.quantities.sentences import split_sentences  # noqa: E402
from luoshi.quantities.units import to_base  # noqa: E402

SEEDS = ROOT / "examples" / "seeds"
GOLD = ROOT / "examples" / "gold"
MONEY_UNITS = ("元", "美元")

# Period hard cases: the sentence, and the months the period covers (first, last).
PERIOD_CASES = [
    ("1-11月份有效发明专利拥有量12871件。", (1, 11)),
    ("1－9月份全区地区生产总值增长9.4%。", (1, 9)),
    ("1-9月全区地区生产总值完成1441.54亿元。", (1, 9)),
    ("12月当月有36个项目新增入库。", (12, 12)),
    ("前三季度居民人均收入达60330.7元。", (1, 9)),
    ("上半年新增市场主体7605户。", (1, 6)),
    ("截至6月底高新技术企业达450家。", (1, 6)),
]
# Numbers that are not quantities (or are, with a unit to take from before): what each tool reads.
TRAP_CASES = [
    ("加快05-06地块建设", []),
    ("困境未成年人生活保障标准为每人每月2100元", [(2100.0, "元")]),
    ("1-11月科技服务业收入完成436.6亿元。全年预计完成446亿", [(436.6e8, "元"), (446e8, "元")]),
    ("1-9月居民人均可支配收入达60330.7元。全年预计达8万左右", [(60330.7, "元"), (80000.0, "元")]),
    ("PM2.5均值浓度达30.6μg/m³", [(30.6, "μg/m³")]),
]

JIONLP_WORKER = r"""
import contextlib, io, json, sys, time
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    import jionlp as jio
import_s = time.perf_counter() - t0
job = json.loads(sys.stdin.read())
def money(s):
    try:
        return [(float(r["detail"]["num"]), r["detail"]["case"]) for r in jio.ner.extract_money(s, with_parsing=True)]
    except Exception:
        return []
def times(s):
    out = []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            res = jio.ner.extract_time(s, with_parsing=True)
        except Exception:
            res = []
    for r in res:
        t = r.get("detail", {}).get("time")
        if isinstance(t, list) and len(t) == 2:
            out.append([r["text"], t[0], t[1]])
        else:
            out.append([r["text"], None, None])
    return out
results = [money(s) for s in job["sentences"]]
t0 = time.perf_counter()
for _ in range(job["repeat"]):
    for s in job["sentences"]:
        money(s)
per_sentence = (time.perf_counter() - t0) / (job["repeat"] * max(1, len(job["sentences"])))
out = {"import_s": import_s, "per_sentence_s": per_sentence, "money": results,
       "periods": [times(s) for s in job["periods"]], "traps": [money(s) for s in job["traps"]],
       "version": jio.__version__}
print("@@JSON@@" + json.dumps(out, ensure_ascii=False))
"""


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _gold(prefix: str) -> Any:
    return json.loads((GOLD / f"seed{prefix}.json").read_text(encoding="utf-8"))


def _between(text: str, start_marker: str | None, end_marker: str | None) -> str:
    lines = text.splitlines()
    begin = next((i for i, ln in enumerate(lines) if start_marker and start_marker in ln), 0)
    end = next((i for i, ln in enumerate(lines) if end_marker and end_marker in ln and i > begin), len(lines))
    return "\n".join(lines[begin:end])


def corpus() -> dict[str, tuple[list[str], list[tuple[float, str, bool]]]]:
    """Per document: its sentences and the expected figures (base value, base unit, is money)."""
    docs: dict[str, tuple[list[str], list[tuple[float, str, bool]]]] = {}
    text004 = _between(_seed("004"), "年政府主要工作任务", None)
    expected004 = []
    g4 = _gold("004")
    for g in g4["main_targets"] + g4["task_targets"]:
        if g.get("value") is None:
            continue
        v, u = to_base(g["value"], g["unit"])
        expected004.append((v, u, u in MONEY_UNITS))
    docs["004"] = ([s for _, _, s in split_sentences(text004)], expected004)
    text002 = _between(_seed("002"), None, "下半年工作措施")
    expected002 = []
    for g in _gold("002")["observations"]:
        if g["value"] is not None:
            v, u = to_base(g["value"], g["unit"])
            expected002.append((v, u, u in MONEY_UNITS))
        if g["growth_pct"] is not None:
            expected002.append((float(g["growth_pct"]), "%", False))
    docs["002"] = ([s for _, _, s in split_sentences(text002)], expected002)
    return docs


def score(found: list[tuple[float, str]], expected: list[tuple[float, str, bool]]) -> tuple[int, int, int, int]:
    """(found, total, money found, money total): expected figures matched one to one by base value and unit."""
    pool = Counter((round(v, 4), u) for v, u in found)
    hit = money_hit = 0
    for v, u, is_money in expected:
        key = (round(v, 4), u)
        if pool[key] > 0:
            pool[key] -= 1
            hit += 1
            money_hit += is_money
    return hit, len(expected), money_hit, sum(1 for e in expected if e[2])


def luoshi_figures(sentence: str) -> list[tuple[float, str]]:
    return [to_base(q.value, q.unit) for q in find_quantities(sentence) if q.value is not None]


def luoshi_period(sentence: str) -> tuple[int, int] | None:
    qs = [q for q in find_quantities(sentence) if q.period]
    if not qs:
        return None
    label = qs[0].period
    last = period_end_month(label)
    if last is None:
        return None
    first = last if label and label.endswith("月") and "-" not in label and not label.endswith("底") else 1
    return first, last


def jionlp_period(found: list[list[Any]]) -> tuple[int, int] | None:
    for _text, start, end in found:
        if start and end:
            return int(start[5:7]), int(end[5:7])
    return None


def run_jionlp(python: str, sentences: list[str], repeat: int) -> dict[str, Any] | None:
    if not Path(python).exists():
        return None
    job = {
        "sentences": sentences,
        "repeat": repeat,
        "periods": [s for s, _ in PERIOD_CASES],
        "traps": [s for s, _ in TRAP_CASES],
    }
    proc = subprocess.run(
        [python, "-c", JIONLP_WORKER], input=json.dumps(job, ensure_ascii=False), capture_output=True, text=True
    )
    for line in proc.stdout.splitlines():
        if line.startswith("@@JSON@@"):
            result: dict[str, Any] = json.loads(line[len("@@JSON@@") :])
            return result
    print("jionlp run failed:", proc.stderr[-500:], file=sys.stderr)
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--jionlp-python", default="/tmp/jio/bin/python")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    docs = corpus()
    sentences = [s for sents, _ in docs.values() for s in sents]
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for s in sentences:
            find_quantities(s)
    luoshi_per = (time.perf_counter() - t0) / (args.repeat * len(sentences))
    jio = run_jionlp(args.jionlp_python, sentences, args.repeat)

    print(
        f"corpus: {len(sentences)} sentences; expected figures: "
        + ", ".join(f"{k} {len(e)}" for k, (_, e) in docs.items())
    )
    header = f"{'tool':<16}{'doc':<6}{'found':>12}{'money found':>14}{'figures returned':>18}"
    print(header)
    offset = 0
    totals = {"luoshi": [0, 0, 0, 0], "jionlp": [0, 0, 0, 0]}
    for name, (sents, expected) in docs.items():
        ours = [f for s in sents for f in luoshi_figures(s)]
        rows = [("luoshi", score(ours, expected), len(ours))]
        if jio:
            theirs = [(v, u) for r in jio["money"][offset : offset + len(sents)] for v, u in r]
            rows.append(("jionlp", score(theirs, expected), len(theirs)))
        for tool, (hit, total, mhit, mtotal), returned in rows:
            print(f"{tool:<16}{name:<6}{f'{hit}/{total}':>12}{f'{mhit}/{mtotal}':>14}{returned:>18}")
            for i, x in enumerate((hit, total, mhit, mtotal)):
                totals[tool][i] += x
        offset += len(sents)
    for tool, (hit, total, mhit, mtotal) in totals.items():
        if tool == "jionlp" and not jio:
            continue
        print(f"{tool:<16}{'all':<6}{f'{hit}/{total}':>12}{f'{mhit}/{mtotal}':>14}   accuracy {hit / total:.1%}")

    print(f"\ntime per sentence: luoshi {luoshi_per * 1e3:.3f} ms", end="")
    if jio:
        print(
            f"; jionlp {jio['version']} extract_money {jio['per_sentence_s'] * 1e3:.3f} ms (import {jio['import_s']:.1f} s)"
        )
    else:
        print(f"; jionlp not run (no {args.jionlp_python})")

    print("\nperiods (months covered):")
    for i, (sentence, want) in enumerate(PERIOD_CASES):
        ours_p = luoshi_period(sentence)
        line = f"  {sentence[:22]:<24} want {want}  luoshi {ours_p} {'ok' if ours_p == want else 'WRONG'}"
        if jio:
            theirs_p = jionlp_period(jio["periods"][i])
            line += f"  jionlp {theirs_p} {'ok' if theirs_p == want else 'WRONG'}"
        print(line)
    print("\ntraps (figures read, in base units):")
    for i, (sentence, want) in enumerate(TRAP_CASES):
        ours_t = sorted((round(v, 4), u) for v, u in luoshi_figures(sentence))
        want_t = sorted((round(v, 4), u) for v, u in want)
        line = f"  {sentence[:26]:<28} luoshi {'ok' if ours_t == want_t else ours_t}"
        if jio:
            theirs_t = sorted((round(v, 4), u) for v, u in jio["traps"][i])
            line += f"  jionlp {'ok' if theirs_t == want_t else theirs_t}"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
