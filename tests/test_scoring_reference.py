"""Outside references for two parts of the scorer: CEAF-e against an independent implementation
with scipy's assignment, and the bootstrap interval against scipy.stats.bootstrap."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment
from scipy.stats import bootstrap

from byline.scoring.bootstrap import confidence_intervals
from byline.scoring.entities import score_entities


def _doc(clusters, prefix):
    ents = []
    for n, members in enumerate(clusters):
        if members:
            ents.append({"id": f"{prefix}{n}", "type": "PER", "name": None, "kb_id": None,
                         "mentions": [{"span": {"start": 2 * i, "end": 2 * i + 1, "text": "x"}, "kind": "name"}
                                      for i in sorted(members)]})
    return {"entities": ents}


def ceaf_e_reference(gold, pred):
    """Luo (2005) CEAF with phi4, the optimal one-to-one alignment by the Hungarian algorithm."""
    gold, pred = [set(c) for c in gold if c], [set(c) for c in pred if c]
    if not gold or not pred:
        return 0.0, 0.0
    phi = np.array([[2 * len(g & p) / (len(g) + len(p)) for p in pred] for g in gold])
    rows, cols = linear_sum_assignment(phi, maximize=True)
    total = phi[rows, cols].sum()
    return total / len(pred), total / len(gold)


clusterings = st.lists(st.integers(0, 5), min_size=1, max_size=25)  # mention i -> cluster label


@settings(max_examples=200, deadline=None)
@given(clusterings, clusterings)
def test_ceaf_e_equals_an_independent_implementation(gold_labels, pred_labels):
    gold = [{i for i, c in enumerate(gold_labels) if c == k} for k in range(6)]
    pred = [{i for i, c in enumerate(pred_labels) if c == k} for k in range(6)]
    res = score_entities(_doc(gold, "G"), _doc(pred, "P"), text_mode=False, types=["PER"])
    tp, fp, fn = res.counts["entities.entity"].as_tuple()
    n_pred, n_gold = tp + fp, tp + fn
    p_ref, r_ref = ceaf_e_reference(gold, pred)
    assert tp / n_pred == pytest.approx(p_ref, abs=1e-9)
    assert tp / n_gold == pytest.approx(r_ref, abs=1e-9)


def test_bootstrap_interval_agrees_with_scipy_percentile_bootstrap():
    rng = np.random.default_rng(3)
    n_docs = 120
    tp = rng.integers(0, 20, n_docs).astype(float)
    fp = rng.integers(0, 8, n_docs).astype(float)
    fn = rng.integers(0, 8, n_docs).astype(float)
    counts = np.stack([tp, fp, fn], axis=1)[:, None, :]  # (documents, 1 metric, 3)
    ours = confidence_intervals(counts, n_resamples=4000, seed=11)[0]

    def micro_f1(idx):
        t, p, n = counts[idx.astype(int), 0, :].sum(axis=0)
        return 2 * t / (2 * t + p + n)
    ref = bootstrap((np.arange(n_docs),), micro_f1, n_resamples=4000, method="percentile", vectorized=False,
                    random_state=np.random.default_rng(5), confidence_level=0.95).confidence_interval
    # Different random draws: the two percentile intervals agree to Monte Carlo error.
    assert ours[0] == pytest.approx(ref.low, abs=0.006)
    assert ours[1] == pytest.approx(ref.high, abs=0.006)
    point = micro_f1(np.arange(n_docs))
    assert ours[0] < point < ours[1]
