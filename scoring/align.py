"""One-to-one alignment of gold and predicted items, and the text normalisation text mode uses.

Pairing is an optimal assignment (scipy's linear_sum_assignment), never greedy in input order.
Items are sorted canonically before the assignment, so the order of a submission can never change
which pairs are chosen, even among ties.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "})


def normalise(text: str) -> str:
    """Case-, space- and quote-mark-insensitive form of a span's text (text mode)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def token_f1(a: Counter, b: Counter) -> float:
    """Token-overlap F1 between two bags of tokens (SQuAD-style)."""
    common = sum((a & b).values())
    if not common:
        return 0.0
    p, r = common / sum(b.values()), common / sum(a.values())
    return 2 * p * r / (p + r)


def assign(gold: Sequence, pred: Sequence, weight: Callable[[object, object], float]) -> list[tuple[int, int, float]]:
    """Optimal one-to-one pairs (gold index, pred index, weight) with weight > 0.

    Callers pass items already in canonical order; indices refer to those sequences.
    """
    if not gold or not pred:
        return []
    matrix = np.array([[weight(g, p) for p in pred] for g in gold], dtype=float)
    if not matrix.any():
        return []
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    return [(int(r), int(c), float(matrix[r, c])) for r, c in zip(rows, cols) if matrix[r, c] > 0]


def interval_candidates(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """All (gold index, pred index) pairs whose [start, end) intervals overlap."""
    if len(gold) * len(pred) <= 400:  # the usual case: a few left-over mentions per document
        return [(i, j) for i, (gs, ge) in enumerate(gold) for j, (ps, pe) in enumerate(pred) if gs < pe and ps < ge]
    # Larger inputs: a sweep over interval starts.
    events = sorted([(s, e, 0, i) for i, (s, e) in enumerate(gold)] + [(s, e, 1, j) for j, (s, e) in enumerate(pred)])
    active: list[list[tuple[int, int]]] = [[], []]  # open (end, index) per side
    pairs = []
    for start, end, side, idx in events:
        for k in (0, 1):
            active[k] = [(e, i) for e, i in active[k] if e > start]
        for e, other in active[1 - side]:
            pairs.append((idx, other) if side == 0 else (other, idx))
        active[side].append((end, idx))
    return pairs
