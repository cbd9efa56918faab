"""Cross-checks against outside references on generated data: nervaluate for the four SemEval
schemes, seqeval (strict mode, IOB2) for strict. Equal to 1e-9."""

import warnings

import pytest

from byline.scoring.run import ScoreOptions, score_predictions
from synthetic import TYPES, make_corpus, to_iob2


@pytest.fixture(scope="module")
def data():
    corpus, preds, gold_spans, pred_spans = make_corpus(n_docs=300, n_ents=30, p_perturb=0.2, seed=13)
    report = score_predictions({p["id"]: p for p in preds}, corpus, ScoreOptions(bootstrap=0))
    return report, gold_spans, pred_spans


def test_four_schemes_equal_nervaluate(data):
    from nervaluate import Evaluator

    report, gold_spans, pred_spans = data
    as_dicts = lambda docs: [[{"label": t, "start": s, "end": e} for s, e, t in d] for d in docs]  # noqa: E731
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        overall = Evaluator(as_dicts(gold_spans), as_dicts(pred_spans), tags=TYPES, loader="dict").evaluate()["overall"]
    m = report.metrics
    for ours, theirs in (("strict", "strict"), ("exact", "exact"), ("partial", "partial"), ("type", "ent_type")):
        ref = overall[theirs]
        assert m[f"entities.{ours}.precision"] == pytest.approx(ref.precision, abs=1e-9)
        assert m[f"entities.{ours}.recall"] == pytest.approx(ref.recall, abs=1e-9)
        assert m[f"entities.{ours}.f1"] == pytest.approx(ref.f1, abs=1e-9)
        out = report.outcomes[ours]
        assert (out["correct"], out["incorrect"], out["partial"], out["missing"], out["spurious"]) == \
            (ref.correct, ref.incorrect, ref.partial, ref.missed, ref.spurious)


def test_strict_equals_seqeval(data):
    from seqeval.metrics import f1_score, precision_score, recall_score
    from seqeval.scheme import IOB2

    report, gold_spans, pred_spans = data
    n = [max([e for _, e, _ in g + p] + [0]) + 3 for g, p in zip(gold_spans, pred_spans)]
    tg = [to_iob2(g, k) for g, k in zip(gold_spans, n)]
    tp = [to_iob2(p, k) for p, k in zip(pred_spans, n)]
    m = report.metrics
    assert m["entities.strict.f1"] == pytest.approx(f1_score(tg, tp, mode="strict", scheme=IOB2), abs=1e-9)
    assert m["entities.strict.precision"] == pytest.approx(precision_score(tg, tp, mode="strict", scheme=IOB2), abs=1e-9)
    assert m["entities.strict.recall"] == pytest.approx(recall_score(tg, tp, mode="strict", scheme=IOB2), abs=1e-9)
