"""The measured reason luoshi's suggester is pure Python: scikit-learn's models on the same measure.

Not run by ``scripts/bench`` (scikit-learn is no dependency of luoshi): run it in an environment that
has scikit-learn besides luoshi's own dependencies, from the repository root:
``PYTHONPATH=src python bench/compare_sklearn.py``.

Each model learns from the history's tasks with a printed lead (text → lead units) and ranks units
for each task of the plan; hits as in tests/core/test_suggest.py (the model's unit keys). Models:

- ``sklearn kNN``: TfidfVectorizer (character 1–2-grams, sublinear tf, the task's text, section
  heading and a status row's progress) + NearestNeighbors (cosine, 10), each neighbour voting its
  lead units with its similarity squared — the baseline the issue names, done with the library;
- ``sklearn LogReg`` / ``sklearn LinearSVC``: the same features, one-vs-rest linear classifiers;
- ``luoshi``: ``luoshi.suggest`` (neighbours, centroids, unit names, alignment; docs/suggest.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from luoshi.model import Part, Task
from luoshi.read import read_path
from luoshi.structure import parse_document
from luoshi.suggest import build_model, suggest_plan
from luoshi.suggest.names import UnitNames

ROOT = Path(__file__).resolve().parent.parent


def _part(prefix: str, index: int = 0) -> Part:
    (path,) = (ROOT / "examples" / "seeds").glob(f"{prefix}_*.txt")
    return parse_document(read_path(path)).parts[index]


def _cases() -> dict[str, tuple[list[Part], Part]]:
    p001, a1, a4, p003 = _part("001"), _part("000", 0), _part("000", 3), _part("003")
    foreign = ROOT / "tests" / "fixtures" / "foreign"
    g06, g07 = (parse_document(read_path(foreign / f"guangzhou-{y}.txt")).parts[0] for y in (2006, 2007))

    def half(p: Part, k: int) -> Part:
        return replace(p, tasks=p.tasks[k::2])

    return {
        "measure 000附件4 ← 001 + 000附件1": ([p001, a1], a4),
        "000附件4 ← 001": ([p001], a4),
        "000附件4 ← 000附件1": ([a1], a4),
        "001 ← 000附件1": ([a1], p001),
        "000附件1 ← 001": ([p001], a1),
        "003 halves": ([half(p003, 0)], half(p003, 1)),
        "003 halves'": ([half(p003, 1)], half(p003, 0)),
        "001 halves": ([half(p001, 0)], half(p001, 1)),
        "001 halves'": ([half(p001, 1)], half(p001, 0)),
        "guangzhou 2007 ← 2006": ([g06], g07),
    }


def _words(t: Task, progress: bool) -> str:
    return " ".join(x for x in (t.text, t.subsection or t.section or "", (t.progress or "") if progress else "") if x)


Ranker = Callable[[Sequence[Part], Sequence[Task], UnitNames], tuple[list[list[str]], float, float]]


def sklearn_ranker(kind: str) -> Ranker:
    def rank(history: Sequence[Part], tasks: Sequence[Task], names: UnitNames) -> tuple[list[list[str]], float, float]:
        past = [t for p in history for t in p.tasks if t.lead]
        start = time.perf_counter()
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True)
        x = vec.fit_transform([_words(t, True) for t in past])
        mlb = MultiLabelBinarizer()
        y = mlb.fit_transform([[names.key(u) for u in t.lead] for t in past])
        if kind == "kNN":
            model = NearestNeighbors(n_neighbors=min(10, len(past)), metric="cosine").fit(x)
        elif kind == "LogReg":
            model = OneVsRestClassifier(LogisticRegression(C=10, max_iter=2000)).fit(x, y)
        else:
            model = OneVsRestClassifier(LinearSVC(C=1.0)).fit(x, y)
        build = time.perf_counter() - start
        start = time.perf_counter()
        q = vec.transform([_words(t, False) for t in tasks])
        if kind == "kNN":
            dist, idx = model.kneighbors(q)
            scores = np.zeros((len(tasks), len(mlb.classes_)))
            for i in range(len(tasks)):
                for d, j in zip(dist[i], idx[i], strict=True):
                    scores[i] += (1 - d) ** 2 * y[j]
        else:
            scores = model.decision_function(q)
        ranked = [[str(mlb.classes_[j]) for j in np.argsort(-scores[i])[:3]] for i in range(len(tasks))]
        return ranked, build, time.perf_counter() - start

    return rank


def luoshi_ranker(
    history: Sequence[Part], tasks: Sequence[Task], names: UnitNames
) -> tuple[list[list[str]], float, float]:
    start = time.perf_counter()
    model = build_model(history)
    build = time.perf_counter() - start
    start = time.perf_counter()
    out = suggest_plan(tasks, model)
    took = time.perf_counter() - start
    return [[names.key(s.unit) for s in x.lead[:3]] for x in out], build, took


def main() -> None:
    rankers: dict[str, Ranker] = {
        "sklearn kNN": sklearn_ranker("kNN"),
        "sklearn LogReg": sklearn_ranker("LogReg"),
        "sklearn LinearSVC": sklearn_ranker("SVC"),
        "luoshi": luoshi_ranker,
    }
    cases = _cases()
    checks = sum(
        sum(1 for t in plan.tasks if t.lead) for name, (_, plan) in cases.items() if not name.startswith("measure")
    )
    print(
        f"{'':20s} {'measure top-1':>14s} {'top-3':>6s} {'cross-checks top-1':>19s} {'top-3':>6s} {'build':>9s} {'per task':>9s}"
    )
    for label, rank in rankers.items():
        m1 = m3 = c1 = c3 = 0
        build_m = per_task = 0.0
        for name, (history, plan) in cases.items():
            names = UnitNames(u for p in history for t in p.tasks for u in (*t.lead, *t.co))
            tasks = [t for t in plan.tasks if t.lead]
            ranked, build, took = rank(history, tasks, names)
            hit1 = sum(bool(r) and r[0] in {names.key(u) for u in t.lead} for r, t in zip(ranked, tasks, strict=True))
            hit3 = sum(any(u in {names.key(g) for g in t.lead} for u in r) for r, t in zip(ranked, tasks, strict=True))
            if name.startswith("measure"):
                m1, m3, build_m, per_task = hit1, hit3, build, took / len(tasks)
            else:
                c1, c3 = c1 + hit1, c3 + hit3
        print(
            f"{label:20s} {m1:>11d}/76 {m3:>3d}/76 {c1:>15d}/{checks} {c3:>6d} {build_m * 1e3:>7.1f}ms {per_task * 1e3:>7.2f}ms"
        )


if __name__ == "__main__":
    main()
