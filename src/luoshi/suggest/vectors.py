"""Task texts as weighted character uni- and bigrams (TF-IDF), and their cosine similarity.

Chinese plans are not split into words here: single characters and character pairs, counted within
runs of text (never across punctuation), carry what a task is about (硅巷, 征收, 低保…) without a
dictionary. Figures are folded to one sign (10万平方米 and 12万平方米 say the same thing), and the
words every plan uses of every task (确保, 推进, 目标任务, 完成…) are left out, so that two tasks are
alike for what they do, not for how plans phrase things. Weights are TF-IDF over the history (a
character pair few past tasks use says more), with sublinear counts; vectors are L2-normalised so a
dot product is a cosine.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

Vector = dict[str, float]

# What plans say of every task: it tells no task from another.
_BOILERPLATE = re.compile(
    r"目标任务|工作任务|目标要求|市下达的?|下达的?|达到?市(?:定)?目标|市定目标|目标|任务|要求|确保|力争|全区|我区|全年|"
    r"完成|实现|推进|推动|进一步|不断|持续|积极|加快|加强|深入|大力|全力|全面|切实|扎实|着力|努力|提升|提高|完善|健全"
)
_FIGURE = re.compile(r"\d[\d.．,，%％]*")
# Runs of text n-grams are taken within: CJK characters, Latin letters and the figure sign.
_RUN = re.compile(r"[\u3400-\u9fffA-Za-z#]+")


def grams(text: str, weight: float = 1.0, into: dict[str, float] | None = None) -> dict[str, float]:
    """The character uni- and bigrams of ``text`` (figures folded, boilerplate out), each counted ``weight``.

    Counted into ``into`` when given (a task's text and its headings make one count).
    """
    text = unicodedata.normalize("NFKC", text)
    text = _FIGURE.sub("#", _BOILERPLATE.sub("，", text))
    out: dict[str, float] = {} if into is None else into
    for run in _RUN.findall(text):
        for i, ch in enumerate(run):
            out[ch] = out.get(ch, 0.0) + weight
            if i + 1 < len(run):
                pair = run[i : i + 2]
                out[pair] = out.get(pair, 0.0) + weight
    return out


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(g, 0.0) for g, x in a.items())


def normalised(v: Mapping[str, float]) -> Vector:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {g: x / norm for g, x in v.items()} if norm else {}


class Space:
    """The IDF of a collection of texts' n-grams, and the vectors of texts in it."""

    def __init__(self, documents: Iterable[Mapping[str, float]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for doc in documents:
            df.update(doc.keys())
            n += 1
        self.size = n
        self._idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
        self._unseen = math.log(n + 1) + 1.0

    def idf(self, gram: str) -> float:
        return self._idf.get(gram, self._unseen)

    def vector(self, counts: Mapping[str, float], *, known_only: bool = False) -> Vector:
        """TF-IDF of ``counts`` (1 + ln tf for a count of one or more), L2-normalised."""
        return normalised(
            {
                g: (1.0 + math.log(c) if c >= 1 else c) * self.idf(g)
                for g, c in counts.items()
                if c > 0 and (not known_only or g in self._idf)
            }
        )
