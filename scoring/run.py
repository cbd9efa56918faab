"""Scoring a whole submission against a gold split, streaming one document at a time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from byline import __version__
from byline.corpus import Corpus
from byline.io import iter_jsonl, write_jsonl
from byline.problems import BylineInputError, Problem
from byline.schema import SCHEMA_VERSION, enum
from byline.scoring.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, confidence_intervals
from byline.scoring.document import score_document, spans_have_offsets
from byline.scoring.quotes import QUOTE_THRESHOLD
from byline.scoring.report import HEADLINE, Report, Signature
from byline.validate import check_submission_line, id_problems


@dataclass
class ScoreOptions:
    split: str = "test"
    bootstrap: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    quote_threshold: float = QUOTE_THRESHOLD
    errors_path: str | None = None


def _unknown_labels(doc: dict) -> set[str]:
    checks = (("entities", "type", "entity_type", "entity type"), ("events", "type", "event_type", "event type"),
              ("sources", "kind", "source_kind", "source kind"))
    out = set()
    for layer, key, inventory, label in checks:
        allowed = set(enum(inventory))
        out |= {f"{label} {item[key]!r}" for item in doc[layer] if item[key] not in allowed}
    return out


def _check_line(obj, line_no: int, path: str, gold_by_id: dict, all_ids: dict, split: str,
                seen: dict, mode: list) -> list[Problem]:
    """Every check of `byline validate` for one line, plus the scorer's own (split, one span kind)."""
    doc_id = obj.get("id") if isinstance(obj, dict) else None
    gold = gold_by_id.get(doc_id) if isinstance(doc_id, str) else None
    found = [Problem(path, w, m, line=line_no) for w, m in check_submission_line(obj, gold["text"] if gold else None)]
    if found or not isinstance(doc_id, str):
        return found
    where = (f"it is in split {all_ids[doc_id]['split']!r}, not {split!r}" if doc_id in all_ids
             else "it is not in the gold corpus")
    found = [Problem(path, w, m, line=line_no) for w, m in id_problems(doc_id, line_no, seen, gold_by_id, where)]
    if found:
        return found
    kinds = spans_have_offsets(obj)  # one kind here: check_submission_line rejects a mixed line
    if kinds:
        text_mode = not kinds.pop()
        if mode[0] is None:
            mode[:] = [text_mode, line_no]
        elif mode[0] != text_mode:
            return [Problem(path, "", f"this line is {'text-only' if text_mode else 'span-level'} but line {mode[1]} "
                            "is not: a submission uses one kind of span throughout", line=line_no)]
    return []


class _Accumulator:
    """Per-document counts, one row per document; predictions are not kept."""

    def __init__(self, opt: ScoreOptions):
        self.opt = opt
        self.keys: list[str] | None = None
        self.rows: dict[str, list] = {}
        self.outcomes: dict[str, dict[str, int]] = {}
        self.unknown: set[str] = set()
        self.errors: list[dict] = []

    def add(self, gold: dict, pred: dict | None, text_mode: bool) -> None:
        if pred is not None:
            self.unknown |= _unknown_labels(pred)
        doc = score_document(gold, pred, text_mode, self.opt.quote_threshold, bool(self.opt.errors_path))
        self.keys = self.keys or list(doc.counts)
        self.rows[gold["id"]] = [doc.counts[k].as_tuple() for k in self.keys]
        for scheme, out in doc.outcomes.items():
            acc = self.outcomes.setdefault(scheme, {})
            for o, n in out.items():
                acc[o] = acc.get(o, 0) + n
        if self.opt.errors_path:
            self.errors += doc.errors


def score_submission(path: str, corpus: Corpus, options: ScoreOptions | None = None) -> Report:
    """Validate and score a JSONL submission against one split of a corpus, one line at a time.

    Raises BylineInputError listing every problem when the submission is not valid; nothing is
    scored then.
    """
    opt = options or ScoreOptions()
    gold_docs = corpus.split(opt.split)
    if not gold_docs:
        raise BylineInputError([Problem(str(corpus.root), "", f"the gold corpus has no articles in split {opt.split!r}")])
    gold_by_id, all_ids = {d["id"]: d for d in gold_docs}, corpus.by_id()
    acc = _Accumulator(opt)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    mode: list = [None, None]  # [text mode?, line that decided it]
    for line_no, obj, error in iter_jsonl(path):
        found = [Problem(path, "", error, line=line_no)] if error else \
            _check_line(obj, line_no, path, gold_by_id, all_ids, opt.split, seen, mode)
        problems += found
        if not problems:  # after the first problem, keep checking but stop scoring
            acc.add(gold_by_id[obj["id"]], obj, bool(mode[0]))
    if problems:
        raise BylineInputError(problems)
    return _finish(acc, corpus, opt, gold_docs, bool(mode[0]))


def score_predictions(predictions: dict[str, dict], corpus: Corpus, opt: ScoreOptions | None = None) -> Report:
    """Score predictions held in memory (doc id -> prediction); they must already be valid.

    Text mode when the spans carry no offsets (as in score_submission, one kind throughout).
    """
    opt = opt or ScoreOptions()
    kinds = set().union(*(spans_have_offsets(p) for p in predictions.values())) if predictions else set()
    text_mode = kinds == {False}
    gold_docs = corpus.split(opt.split)
    acc = _Accumulator(opt)
    by_id = {d["id"]: d for d in gold_docs}
    for doc_id, pred in predictions.items():
        acc.add(by_id[doc_id], pred, text_mode)
    return _finish(acc, corpus, opt, gold_docs, text_mode)


def _finish(acc: _Accumulator, corpus: Corpus, opt: ScoreOptions, gold_docs: list[dict], text_mode: bool) -> Report:
    missing = [d for d in gold_docs if d["id"] not in acc.rows]
    for gold in missing:
        acc.add(gold, None, text_mode)
    warnings = []
    if missing:
        ids = [d["id"] for d in missing]
        warnings.append(f"{len(ids)} of {len(gold_docs)} gold articles have no prediction and score as empty: "
                        + ", ".join(ids[:20]) + (" ..." if len(ids) > 20 else ""))
    if acc.unknown:
        warnings.append("labels outside the inventory count as false positives: " + ", ".join(sorted(acc.unknown)))
    doc_ids = sorted(acc.rows)  # a fixed order, so resampling never depends on the submission's order
    keys = acc.keys
    counts = np.array([acc.rows[d] for d in doc_ids], dtype=float)
    totals = counts.sum(axis=0)
    # Intervals for the headline metrics (resampling every per-type count would cost more than
    # the scoring itself on a large split).
    ci_keys = [k for k in HEADLINE if k in keys]
    ci = confidence_intervals(counts[:, [keys.index(k) for k in ci_keys], :], opt.bootstrap, opt.seed)
    if opt.errors_path:
        write_jsonl(opt.errors_path, sorted(acc.errors, key=lambda e: (e["doc"], e["layer"], e["error"])))
    signature = Signature(__version__, SCHEMA_VERSION, corpus.version_tag, opt.split,
                          "text" if text_mode else "span", opt.quote_threshold, opt.bootstrap, opt.seed)
    return Report(
        signature=signature,
        counts={k: tuple(float(x) for x in totals[i]) for i, k in enumerate(keys)},
        ci={k: (float(ci[i, 0]), float(ci[i, 1])) for i, k in enumerate(ci_keys)},
        outcomes=acc.outcomes,
        doc_ids=doc_ids,
        doc_counts=counts,
        warnings=warnings,
        n_documents=len(gold_docs),
    )
