"""`byline compare`: is system B better than system A on the same gold, beyond chance?"""

from __future__ import annotations

from dataclasses import dataclass

from byline.problems import BylineInputError, Problem
from byline.scoring.bootstrap import approximate_randomization, paired_bootstrap
from byline.scoring.counts import prf
from byline.scoring.report import Report


@dataclass
class Comparison:
    signature: str
    keys: list[str]
    f1_a: list[float]
    f1_b: list[float]
    p_bootstrap: list[float]
    p_randomization: list[float]
    trials: int

    def rows(self):
        for i, k in enumerate(self.keys):
            yield k, self.f1_a[i], self.f1_b[i], self.f1_b[i] - self.f1_a[i], self.p_bootstrap[i], self.p_randomization[i]

    def to_json(self) -> dict:
        return {"signature": self.signature, "randomization_trials": self.trials,
                "metrics": {k: {"a": a, "b": b, "delta": d, "p_bootstrap": pb, "p_randomization": pr}
                            for k, a, b, d, pb, pr in self.rows()}}

    def format_table(self, name_a: str = "A", name_b: str = "B") -> str:
        head = f"{'metric':22} {name_a[:10]:>10} {name_b[:10]:>10} {'delta':>8} {'p(boot)':>8} {'p(AR)':>8}"
        lines = [head, "-" * len(head)]
        for k, a, b, d, pb, pr in self.rows():
            mark = " *" if max(pb, pr) < 0.05 else ""
            lines.append(f"{k:22} {a:10.3f} {b:10.3f} {d:+8.3f} {pb:8.4f} {pr:8.4f}{mark}")
        lines.append("* both tests p < 0.05 (paired bootstrap and approximate randomisation over documents)")
        lines.append(f"signature: {self.signature}|ar:{self.trials}")
        return "\n".join(lines)


def compare_reports(a: Report, b: Report, trials: int) -> Comparison:
    if a.signature != b.signature:
        raise BylineInputError([Problem("<compare>", "", "the two scores are not comparable; their signatures differ in "
                                        + "; ".join(a.signature.differences(b.signature)))])
    keys = a.headline()
    if a.doc_ids != b.doc_ids or a.doc_counts is None or b.doc_counts is None:
        raise BylineInputError([Problem("<compare>", "", "both reports need per-document counts for the same documents")])
    arr_a, arr_b = a.document_array(keys), b.document_array(keys)
    sig = a.signature
    return Comparison(
        signature=str(sig), keys=[a.prefix + k for k in keys],
        f1_a=[prf(*a.counts[k])[2] for k in keys], f1_b=[prf(*b.counts[k])[2] for k in keys],
        p_bootstrap=[float(x) for x in paired_bootstrap(arr_a, arr_b, sig.bootstrap, sig.seed)],
        p_randomization=[float(x) for x in approximate_randomization(arr_a, arr_b, trials, sig.seed)],
        trials=trials,
    )
