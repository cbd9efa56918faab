"""Counts, not ratios: true positives, false positives, false negatives.

Counts add across documents (ratios do not), so every score is a sum of per-document Counts and
precision, recall and F1 are derived at the very end. Partial credit (the SemEval 'partial'
scheme, CEAF similarity) makes tp a float; fp and fn are then what is left of the predicted and
gold totals.
"""

from __future__ import annotations

from dataclasses import dataclass


def safe_div(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall, F1. With nothing predicted and nothing gold, all are 1.0 (nothing to miss)."""
    if tp == fp == fn == 0:
        return 1.0, 1.0, 1.0
    p, r = safe_div(tp, tp + fp), safe_div(tp, tp + fn)
    return p, r, safe_div(2 * p * r, p + r)


@dataclass
class Counts:
    tp: float = 0.0
    fp: float = 0.0
    fn: float = 0.0

    @classmethod
    def from_totals(cls, tp: float, predicted: float, gold: float) -> "Counts":
        return cls(tp, predicted - tp, gold - tp)

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.fp, self.fn)[2]

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.tp, self.fp, self.fn)
