"""Regression checks: a new score report against a stored one with the same signature."""

from __future__ import annotations

from dataclasses import dataclass

from byline.problems import BylineInputError, Problem
from byline.scoring.bootstrap import paired_bootstrap
from byline.scoring.report import Report

DEFAULT_MAX_DROP = 0.01


class MetricVersionChanged(BylineInputError):
    """The stored report was scored with other metric definitions: its numbers cannot be compared."""

    def __init__(self, old: int, new: int):
        self.old, self.new = old, new
        super().__init__([Problem("--baseline", "", f"metric definition changed from v{old} to v{new}: re-baseline "
                                  "(score the stored system again and store that report)")])


@dataclass
class Change:
    key: str
    before: float
    after: float
    allowed_drop: float
    p_value: float | None  # paired bootstrap, when both reports kept per-document counts

    @property
    def delta(self) -> float:
        return self.after - self.before

    @property
    def regressed(self) -> bool:
        return -self.delta > self.allowed_drop + 1e-12

    @property
    def significant(self) -> bool | None:
        return None if self.p_value is None else self.p_value < 0.05


@dataclass
class RegressionCheck:
    changes: list[Change]
    require_significance: bool = False

    @property
    def failures(self) -> list[Change]:
        return [c for c in self.changes if c.regressed and (not self.require_significance or c.significant is not False)]

    def format(self) -> str:
        lines = [f"{'metric':34} {'baseline':>9} {'now':>9} {'change':>8} {'p':>7}  verdict"]
        for c in self.changes:
            p = "-" if c.p_value is None else f"{c.p_value:.4f}"
            if c.regressed:
                verdict = "REGRESSION" if c in self.failures else "drop (not significant)"
                if c.significant is False and c in self.failures:
                    verdict += " (not significant)"
            else:
                verdict = "ok"
            lines.append(f"{c.key:34} {c.before:9.4f} {c.after:9.4f} {c.delta:+8.4f} {p:>7}  {verdict}")
        return "\n".join(lines)

    def markdown(self, baseline: str) -> str:
        """The same comparison as a GitHub step summary: a markdown table, then the verdict."""
        out = [f"### Byline: compared with `{baseline}`", "",
               "| metric | baseline | now | change | paired p | verdict |", "|---|---:|---:|---:|---:|---|"]
        for c in self.changes:
            p = "-" if c.p_value is None else f"{c.p_value:.4f}"
            verdict = "**regression**" if c in self.failures else ("drop, not significant" if c.regressed else "ok")
            out.append(f"| `{c.key}` | {c.before:.4f} | {c.after:.4f} | {c.delta:+.4f} | {p} | {verdict} |")
        fails = self.messages()
        out += ["", (f"**FAIL**: {len(fails)} metric(s) regressed." if fails else "No regression.")]
        out += [f"- {m}" for m in fails]
        return "\n".join(out) + "\n"

    def messages(self) -> list[str]:
        out = []
        for c in self.failures:
            sig = "" if c.p_value is None else f", paired bootstrap p = {c.p_value:.4f}"
            out.append(f"{c.key} fell from {c.before:.4f} to {c.after:.4f} ({c.delta:+.4f}, more than the allowed "
                       f"{c.allowed_drop:g}{sig})")
        return out


def check_regression(new: Report, old: Report, max_drop: dict[str, float] | None = None,
                     default_drop: float = DEFAULT_MAX_DROP, require_significance: bool = False) -> RegressionCheck:
    """Compare every headline F1 (and any key given a tolerance) of `new` with `old`."""
    if new.signature.metric != old.signature.metric:
        raise MetricVersionChanged(old.signature.metric, new.signature.metric)
    if new.signature != old.signature:
        raise BylineInputError([Problem("--baseline", "", "the stored report is not comparable: its signature differs in "
                                        + "; ".join(old.signature.differences(new.signature)))])
    max_drop = max_drop or {}
    keys = [f"{new.prefix}{k}.f1" for k in new.catalogued()]
    keys += [k for k in max_drop if k not in keys]
    m_new, m_old = new.metrics, old.metrics
    missing = [k for k in keys if k not in m_new or k not in m_old]
    if missing:
        raise BylineInputError([Problem("--max-drop", "", f"unknown metric key(s): {', '.join(missing)}")])
    p_values: dict[str, float] = {}
    if old.doc_counts is not None and new.doc_counts is not None and old.doc_ids == new.doc_ids:
        base = [k[len(new.prefix):-3] for k in keys if k.endswith(".f1") and k[len(new.prefix):-3] in new.counts]
        ps = paired_bootstrap(old.document_array(base), new.document_array(base),
                              new.signature.bootstrap or 1000, new.signature.seed)
        p_values = {f"{new.prefix}{k}.f1": float(p) for k, p in zip(base, ps)}
    changes = [Change(k, m_old[k], m_new[k], max_drop.get(k, default_drop), p_values.get(k)) for k in keys]
    return RegressionCheck(changes, require_significance)
