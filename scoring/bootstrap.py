"""Resampling over documents, from per-document counts.

counts has shape (documents, metrics, 3) holding tp, fp, fn. A resample draws documents with
replacement; its score is the F1 of the summed counts. Every resample uses one shared index
matrix, so two systems compared on the same resamples are compared on the same documents.
"""

from __future__ import annotations

import numpy as np

DEFAULT_RESAMPLES = 1000
DEFAULT_TRIALS = 10000
DEFAULT_SEED = 12345


def f1_from_sums(sums: np.ndarray) -> np.ndarray:
    """F1 over the last axis (tp, fp, fn); 1.0 where all three are zero."""
    tp, fp, fn = sums[..., 0], sums[..., 1], sums[..., 2]
    den = 2 * tp + fp + fn
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(den > 0, 2 * tp / np.where(den > 0, den, 1), 1.0)
    return f1


def resample_weights(n_docs: int, n_resamples: int, seed: int) -> np.ndarray:
    """(resamples, documents) matrix: how often each document is drawn in each resample."""
    rng = np.random.default_rng(seed)  # seed 0 is a real seed here
    idx = rng.integers(0, n_docs, size=(n_resamples, n_docs))
    idx += (np.arange(n_resamples) * n_docs)[:, None]  # one bincount for all rows at once
    return np.bincount(idx.ravel(), minlength=n_resamples * n_docs).reshape(n_resamples, n_docs).astype(float)


def resampled_f1(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(resamples, metrics) F1 of each resample."""
    n_docs, n_metrics, _ = counts.shape
    sums = (weights @ counts.reshape(n_docs, -1)).reshape(len(weights), n_metrics, 3)
    return f1_from_sums(sums)


def confidence_intervals(counts: np.ndarray, n_resamples: int = DEFAULT_RESAMPLES,
                         seed: int = DEFAULT_SEED, level: float = 0.95) -> np.ndarray:
    """(metrics, 2) percentile interval of F1."""
    if n_resamples <= 0 or len(counts) == 0:
        return np.full((counts.shape[1], 2), np.nan)
    f1 = resampled_f1(counts, resample_weights(len(counts), n_resamples, seed))
    alpha = (1 - level) / 2
    return np.quantile(f1, [alpha, 1 - alpha], axis=0).T


def paired_bootstrap(a: np.ndarray, b: np.ndarray, n_resamples: int = DEFAULT_RESAMPLES,
                     seed: int = DEFAULT_SEED) -> np.ndarray:
    """p-value per metric that B's difference from A has the observed sign by chance.

    c counts resamples where the difference does not have the sign of the observed one (or is 0);
    p = (c + 1) / (n + 1).
    """
    weights = resample_weights(len(a), n_resamples, seed)
    delta = resampled_f1(b, weights) - resampled_f1(a, weights)
    observed = f1_from_sums(b.sum(0)) - f1_from_sums(a.sum(0))
    sign = np.sign(observed)
    c = np.where(sign[None, :] == 0, True, np.sign(delta) != sign[None, :]).sum(0)
    return (c + 1) / (n_resamples + 1)


def approximate_randomization(a: np.ndarray, b: np.ndarray, n_trials: int = DEFAULT_TRIALS,
                              seed: int = DEFAULT_SEED) -> np.ndarray:
    """p-value per metric: how often swapping the systems' outputs per document at random gives
    a difference at least as large as the observed one. p = (c + 1) / (n + 1)."""
    rng = np.random.default_rng(seed)
    n_docs = len(a)
    observed = np.abs(f1_from_sums(b.sum(0)) - f1_from_sums(a.sum(0)))
    flat_a, flat_b = a.reshape(n_docs, -1), b.reshape(n_docs, -1)
    c = np.zeros(a.shape[1])
    for start in range(0, n_trials, 1000):  # chunks keep memory small on large splits
        swap = rng.random((min(1000, n_trials - start), n_docs)) < 0.5
        diff = flat_b - flat_a
        sum_a = flat_a.sum(0) + swap @ diff
        sum_b = flat_b.sum(0) - swap @ diff
        d = np.abs(f1_from_sums(sum_b.reshape(len(swap), -1, 3)) - f1_from_sums(sum_a.reshape(len(swap), -1, 3)))
        c += (d >= observed[None, :] - 1e-12).sum(0)
    return (c + 1) / (n_trials + 1)
