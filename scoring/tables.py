"""The one place that turns reports into tables: the score table, and the leaderboard in plain
text or markdown. `byline score --format markdown` is a one-row leaderboard, so a row pasted from
it matches README's table. Columns and labels come from scoring.catalogue.
"""

from __future__ import annotations

import math

from byline.scoring.catalogue import BY_KEY, LEADERBOARD
from byline.scoring.report import Report


def _num(x: float | None) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _align(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]


def score_table(report: Report, all_metrics: bool = False, title: str | None = None) -> str:
    """P, R, F1, interval and counts, one metric a row; headline metrics unless all_metrics."""
    m = report.metrics
    keys = report.catalogued() if all_metrics else report.headline()
    rows = [["metric", "P", "R", "F1", "95% CI (F1)", "tp/fp/fn"]]
    for key in keys:
        tp, fp, fn = report.counts[key]
        lo, hi = report.ci.get(key, (None, None))
        k = report.prefix + key
        rows.append([k, _num(m[k + ".precision"]), _num(m[k + ".recall"]), _num(m[k + ".f1"]),
                     f"[{_num(lo)}, {_num(hi)}]", f"{tp:g}/{fp:g}/{fn:g}"])
    lines = ([title] if title else []) + _align(rows[:1] + [["-" * len(c) for c in rows[0]]] + rows[1:])
    if not all_metrics:
        lines.append("(headline metrics; --all-metrics for every scheme, --format json for per-type scores)")
    lines.append(f"documents: {report.n_documents}")
    lines.append(f"signature: {report.signature}")
    return "\n".join(lines)


def _cell(report: Report, key: str) -> str:
    lo, hi = report.ci.get(key, (None, None))
    return f"{_num(report.metrics.get(f'{report.prefix}{key}.f1'))} [{_num(lo)}, {_num(hi)}]"


def _signatures(rows: list[tuple[str, Report]]) -> list[str]:
    sigs = sorted({str(r.signature) for _, r in rows})
    if len(sigs) == 1:
        return [sigs[0]]
    return [f"{name}: {r.signature}" for name, r in rows]


def leaderboard(rows: list[tuple[str, Report]], markdown: bool = False) -> str:
    """Systems by rows, LEADERBOARD metrics by columns, F1 with its 95% interval."""
    header = ["system"] + [BY_KEY[k].label for k in LEADERBOARD]
    body = [[name] + [_cell(r, k) for k in LEADERBOARD] for name, r in rows]
    if markdown:
        esc = lambda s: s.replace("|", "\\|")  # noqa: E731  (a signature contains "|")
        out = ["| " + " | ".join(header) + " |", "|---|" + "---|" * len(LEADERBOARD)]
        out += ["| " + " | ".join(esc(c) for c in r) + " |" for r in body]
        return "\n".join(out + ["", "F1 with 95% bootstrap intervals over documents."]
                         + [f"`{s}`" for s in _signatures(rows)])
    out = _align([header, ["-" * len(h) for h in header]] + body)
    return "\n".join(out + ["F1 with 95% bootstrap intervals over documents."]
                     + [f"signature: {s}" for s in _signatures(rows)])


def by_article_rows(report: Report) -> list[dict]:
    """Headline F1 per article (null where an article has nothing to count), ids in order."""
    from byline.scoring.counts import prf

    rows = []
    for doc_id, counts in report.per_document.items():
        row = {"article": doc_id}
        for key in report.headline():
            tp, fp, fn = counts[key]
            row[report.prefix + key + ".f1"] = None if tp == fp == fn == 0 else prf(tp, fp, fn)[2]
        rows.append(row)
    return rows


def by_type_rows(report: Report) -> list[dict]:
    """P, R, F1 and counts per entity type, event type and source kind."""
    from byline.scoring.catalogue import MACRO_FAMILIES
    from byline.scoring.counts import prf

    rows = []
    for family in MACRO_FAMILIES:
        for key, (tp, fp, fn) in report.counts.items():
            if key.startswith(family + ".") and key.count(".") == family.count(".") + 1 and tp + fp + fn > 0:
                p, r, f = prf(tp, fp, fn)
                rows.append({"metric": report.prefix + family, "type": key.rsplit(".", 1)[1], "precision": p,
                             "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn})
    return rows


def breakdown_table(rows: list[dict]) -> str:
    if not rows:
        return "(nothing to break down)"
    header = list(rows[0])
    def cell(h, v):
        if isinstance(v, str):
            return v
        return f"{v:g}" if h in ("tp", "fp", "fn") else _num(v)
    cells = [[cell(h, r[h]) for h in header] for r in rows]
    short = [h.removeprefix("text.").removesuffix(".f1") for h in header]
    return "\n".join(_align([short, ["-" * len(h) for h in short]] + cells))
