"""Scorer benchmarks on 10,000 documents x 30 entities (the data of ../shared/bench/bench_peers.py).

Run:  pytest benchmarks --benchmark-enable          (timings; the speed targets are asserted)
      pytest benchmarks                             (quick mode: each runs once, untimed)
"""

import json
import time
import warnings

import pytest

from byline.scoring.entities import mentions_of, pair_mentions, scheme_outcomes
from byline.scoring.run import ScoreOptions, score_submission
from synthetic import TYPES, make_corpus

N_DOCS, N_ENTS = 10_000, 30


@pytest.fixture(scope="module")
def data(request):
    quick = not request.config.getoption("benchmark_enable", False)
    n = 500 if quick else N_DOCS  # quick mode proves the code runs, not how fast
    corpus, preds, gold_spans, pred_spans = make_corpus(n, N_ENTS, 0.2, 13)
    return corpus, preds, gold_spans, pred_spans


def entity_schemes(corpus, preds):
    from collections import Counter

    total = Counter()
    for gold, pred in zip(corpus.articles, preds):
        g, p = mentions_of(gold, False), mentions_of(pred, False)
        pairs = pair_mentions(g, p, False)
        for scheme, out in scheme_outcomes(Counter(k for _, _, k in pairs), len(g), len(p)).items():
            for outcome, n in out.items():
                total[scheme, outcome] += n
    return total


def test_entity_schemes_vs_nervaluate(benchmark, data):
    from nervaluate import Evaluator

    corpus, preds, gold_spans, pred_spans = data
    ours = benchmark.pedantic(entity_schemes, args=(corpus, preds), rounds=3, iterations=1)
    as_dicts = lambda docs: [[{"label": t, "start": s, "end": e} for s, e, t in d] for d in docs]  # noqa: E731
    g, p = as_dicts(gold_spans), as_dicts(pred_spans)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        theirs = Evaluator(g, p, tags=TYPES, loader="dict").evaluate()["overall"]
        nervaluate_s = time.perf_counter() - start
    assert ours["strict", "correct"] == theirs["strict"].correct  # same data, same answer
    if benchmark.enabled:
        ratio = nervaluate_s / benchmark.stats.stats.min
        benchmark.extra_info.update(nervaluate_s=round(nervaluate_s, 3), speedup=round(ratio, 1))
        print(f"\nfour entity schemes: byline {benchmark.stats.stats.min:.3f} s, nervaluate {nervaluate_s:.3f} s, {ratio:.1f}x")
        assert ratio >= 10, f"target: at least 10x faster than nervaluate, measured {ratio:.1f}x"


def test_score_whole_submission(benchmark, data, tmp_path):
    corpus, preds, _, _ = data
    path = tmp_path / "sub.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    corpus.content_hash  # computed once per corpus, not part of scoring
    report = benchmark.pedantic(score_submission, args=(str(path), corpus, ScoreOptions(bootstrap=1000)),
                                rounds=1, iterations=1)
    assert report.n_documents == len(preds)
