"""Scoring a whole submission against a gold split, streaming one document at a time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from byline.corpus import Corpus
from byline.io import iter_jsonl, value_problems
from byline.problems import BylineInputError, Problem, clip
from byline.schema import SCHEMA_VERSION, enum
from byline.scoring.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED, confidence_intervals
from byline.scoring.document import score_document, spans_have_offsets
from byline.scoring.quotes import QUOTE_THRESHOLD
from byline.scoring.catalogue import ALL, METRIC_VERSION
from byline.scoring.report import Report, Signature
from byline.checker import SubmissionChecker


@dataclass
class ScoreOptions:
    split: str = "test"
    bootstrap: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    quote_threshold: float = QUOTE_THRESHOLD
    collect_errors: bool = False  # keep every false positive and negative (and true positive) on the Report


def _unknown_labels(doc: dict) -> set[str]:
    checks = (("entities", "type", "entity_type", "entity type"), ("events", "type", "event_type", "event type"),
              ("sources", "kind", "source_kind", "source kind"))
    out = set()
    for layer, key, inventory, label in checks:
        allowed = set(enum(inventory))
        out |= {f"{label} {clip(item[key])}" for item in doc[layer] if item[key] not in allowed}
    return out


class _Accumulator:
    """Per-document counts, one row per document; predictions are not kept."""

    def __init__(self, opt: ScoreOptions):
        self.opt = opt
        self.keys: list[str] | None = None
        self.rows: dict[str, list] = {}
        self.outcomes: dict[str, dict[str, int]] = {}
        self.unknown: set[str] = set()
        self.errors: list[dict] = []
        self.matches: list[dict] = []

    def add(self, gold: dict, pred: dict | None, text_mode: bool) -> None:
        if pred is not None:
            self.unknown |= _unknown_labels(pred)
        doc = score_document(gold, pred, text_mode, self.opt.quote_threshold, self.opt.collect_errors)
        self.keys = self.keys or list(doc.counts)
        self.rows[gold["id"]] = [doc.counts[k].as_tuple() for k in self.keys]
        for scheme, out in doc.outcomes.items():
            acc = self.outcomes.setdefault(scheme, {})
            for o, n in out.items():
                acc[o] = acc.get(o, 0) + n
        if self.opt.collect_errors:
            for e in doc.errors:  # true positives apart: Report.errors keeps only what was lost
                (self.matches if e["error"] == "tp" else self.errors).append(e)


def score_records(records: Iterable[tuple[int, object, str | None]], path: str, corpus: Corpus,
                  options: ScoreOptions | None = None, allow_empty: bool = False) -> Report:
    """Check and score (line number, object, read error) records against one split of a corpus.

    Every line is checked by the SubmissionChecker that `byline validate` uses; when any line has
    a problem nothing is scored and BylineInputError lists them all.
    """
    opt = options or ScoreOptions()
    gold_docs = corpus.split(opt.split)
    if not gold_docs:
        raise BylineInputError([Problem(str(corpus.root), "", f"the gold corpus has no articles in split {opt.split!r}")])
    gold_by_id = {d["id"]: d for d in gold_docs}
    checker = SubmissionChecker(path, corpus, opt.split)
    acc = _Accumulator(opt)
    problems: list[Problem] = []
    # A line without spans fits either kind of submission, so it waits until a line with spans
    # has decided the kind (span-level or text-only) the whole file is scored in.
    waiting: list[dict] = []
    for line_no, obj, error in records:
        problems += checker.check(line_no, obj, error)
        if problems:  # after the first problem, keep checking but stop scoring
            continue
        waiting.append(obj)
        if checker.text_mode is not None:
            for doc in waiting:
                acc.add(gold_by_id[doc["id"]], doc, checker.text_mode)
            waiting.clear()
    if not allow_empty:
        problems += checker.finish()
    if problems:
        raise BylineInputError(problems)
    for doc in waiting:
        acc.add(gold_by_id[doc["id"]], doc, bool(checker.text_mode))
    return _finish(acc, corpus, opt, gold_docs, bool(checker.text_mode))


def score_submission(path: str, corpus: Corpus, options: ScoreOptions | None = None) -> Report:
    """Validate and score a JSONL submission file ('-' for stdin), one line at a time."""
    return score_records(iter_jsonl(path), path, corpus, options)


def score_predictions(predictions: dict[str, dict], corpus: Corpus, opt: ScoreOptions | None = None,
                      path: str = "<predictions>", check: bool = True) -> Report:
    """Score predictions held in memory (doc id -> prediction), checked as a file's lines would be
    (line N is the N-th prediction). No predictions at all scores every article as empty.

    check=False skips the SubmissionChecker: only for the scorer's own tests, which feed it input
    that the checker would refuse (a duplicated mention) to pin down how matching treats it.
    """
    if not check:
        opt = opt or ScoreOptions()
        gold = {d["id"]: d for d in corpus.split(opt.split)}
        kinds = set().union(*(spans_have_offsets(p) for p in predictions.values())) if predictions else set()
        acc = _Accumulator(opt)
        for doc_id, pred in predictions.items():
            acc.add(gold[doc_id], pred, kinds == {False})
        return _finish(acc, corpus, opt, list(gold.values()), kinds == {False})
    records = [(n, pred, in_memory_problems(pred, path, n)) for n, pred in enumerate(predictions.values(), start=1)]
    return score_records(records, path, corpus, opt, allow_empty=True)


def in_memory_problems(obj: object, path: str, line: int) -> list[Problem] | None:
    """Why a Python object cannot stand for a line of a submission file (byline.io.value_problems:
    too deep or cyclic, NaN, huge integers, lone surrogates, non-JSON types); None when it can."""
    found = value_problems(obj)
    return [Problem(path, w, m, line=line) for w, m in found] or None


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
    # Intervals for the catalogue's metrics (resampling every per-type count would cost more
    # than the scoring itself on a large split).
    ci_keys = [k for k in ALL if k in keys]
    ci = confidence_intervals(counts[:, [keys.index(k) for k in ci_keys], :], opt.bootstrap, opt.seed)
    signature = Signature(METRIC_VERSION, SCHEMA_VERSION, corpus.version_tag, opt.split,
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
        errors=sorted(acc.errors, key=lambda e: (e["doc"], e["layer"], e["error"])),
        matches=sorted(acc.matches, key=lambda e: (e["doc"], e["layer"])),
    )
