"""`byline history`: a local JSONL log of score reports, so a team sees drift over releases."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from byline.io import iter_jsonl
from byline.problems import BylineInputError, Problem
from byline.scoring.report import Report

DEFAULT_HISTORY = "byline-history.jsonl"


def add(history: str | Path, report_path: str | Path, label: str | None = None) -> dict:
    report = Report.read(report_path)
    entry = {"label": label or Path(report_path).stem,
             "added": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "signature": str(report.signature), "metrics": report.metrics}
    with open(history, "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return entry


def load(history: str | Path) -> list[dict]:
    entries, problems = [], []
    for line_no, obj, error in iter_jsonl(history):
        if error:
            problems += error
        elif not isinstance(obj, dict) or not {"label", "signature", "metrics"} <= set(obj):
            problems.append(Problem(str(history), "", "expected an entry written by `byline history add`", line=line_no))
        else:
            entries.append(obj)
    if problems:
        raise BylineInputError(problems)
    return entries


def default_keys(entries: list[dict]) -> list[str]:
    from byline.scoring.report import HEADLINE

    keys = [f"{k}.f1" for k in HEADLINE]
    text = [f"text.{k}" for k in keys]
    present = set().union(*(e["metrics"] for e in entries)) if entries else set()
    return [k for k in keys + text if k in present]


def format_trend(entries: list[dict], keys: list[str]) -> str:
    signatures = list(dict.fromkeys(e["signature"] for e in entries))
    labels = [f"{e['label']}[{signatures.index(e['signature']) + 1}]" for e in entries]
    width = max([len(k) for k in keys] + [6])
    lines = ["metric".ljust(width) + "".join(l[:14].rjust(15) for l in labels)]
    for k in keys:
        cells = "".join((f"{e['metrics'][k]:.4f}" if k in e["metrics"] else "-").rjust(15) for e in entries)
        lines.append(k.ljust(width) + cells)
    lines.append("")
    lines += [f"[{i}] {s}" for i, s in enumerate(signatures, 1)]
    if len(signatures) > 1:
        lines.append("numbers under different signatures are not comparable")
    return "\n".join(lines)


def plot(entries: list[dict], keys: list[str], out: str | Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    xs = list(range(len(entries)))
    for k in keys:
        ax.plot(xs, [e["metrics"].get(k) for e in entries], marker="o", label=k)
    ax.set_xticks(xs, [e["label"] for e in entries], rotation=30, ha="right")
    ax.set_ylabel("F1")
    ax.set_ylim(0, 1)
    ax.legend(fontsize=7, loc="lower left")
    ax.set_title("Byline scores over time")
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)
