"""A score report that carries its own provenance, and its three printed forms."""

from __future__ import annotations

import json

import numpy as np
from dataclasses import dataclass, field

from byline.scoring.counts import prf

REPORT_FORMAT_VERSION = 1

from byline.scoring.catalogue import ALL, HEADLINE, MACRO_FAMILIES


@dataclass(frozen=True)
class Signature:
    """Two scores are comparable only when their signatures are equal.

    `metric` is the metric-definition version (scoring.catalogue.METRIC_VERSION), not the package
    version: upgrading Byline without changing a metric keeps stored reports comparable.
    """

    metric: int
    schema: int
    corpus: str
    split: str
    mode: str
    quote_f1: float
    bootstrap: int
    seed: int

    def __str__(self) -> str:
        return (f"metric:v{self.metric}|schema:{self.schema}|corpus:{self.corpus}|split:{self.split}"
                f"|mode:{self.mode}|quote_f1:{self.quote_f1:g}|bs:{self.bootstrap}|seed:{self.seed}")

    def as_dict(self) -> dict:
        return {"metric": self.metric, "schema": self.schema, "corpus": self.corpus, "split": self.split,
                "mode": self.mode, "quote_f1": self.quote_f1, "bootstrap": self.bootstrap, "seed": self.seed}

    @classmethod
    def parse(cls, text: str) -> "Signature":
        parts = dict(p.split(":", 1) for p in text.split("|"))
        # Reports written before metric versions (byline 0.1.0, "byline:0.1.0|...") used the
        # definitions that are version 1.
        metric = int(parts["metric"].lstrip("v")) if "metric" in parts else (1 if "byline" in parts else int(parts["metric"]))
        return cls(metric, int(parts["schema"]), parts["corpus"], parts["split"], parts["mode"],
                   float(parts["quote_f1"]), int(parts["bs"]), int(parts["seed"]))

    def differences(self, other: "Signature") -> list[str]:
        a, b = self.as_dict(), other.as_dict()
        return [f"{k}: {a[k]} vs {b[k]}" for k in a if a[k] != b[k]]


@dataclass
class Report:
    signature: Signature
    counts: dict[str, tuple[float, float, float]]
    ci: dict[str, tuple[float, float]] = field(default_factory=dict)  # F1 intervals
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    doc_ids: list[str] = field(default_factory=list)
    doc_counts: np.ndarray | None = None  # (documents, count keys in order, 3): tp, fp, fn
    warnings: list[str] = field(default_factory=list)
    n_documents: int = 0
    errors: list[dict] = field(default_factory=list)  # false positives and negatives, when collected
    matches: list[dict] = field(default_factory=list)  # true-positive records, when errors are collected
    package: str = field(default_factory=lambda: _package_version())  # the byline that scored it

    @property
    def per_document(self) -> dict[str, dict[str, list[float]]]:
        if self.doc_counts is None:
            return {}
        keys = list(self.counts)
        return {d: {k: self.doc_counts[n, i].tolist() for i, k in enumerate(keys)} for n, d in enumerate(self.doc_ids)}

    def document_array(self, keys: list[str]) -> np.ndarray:
        """(documents, keys, 3) counts for the given keys, documents in id order."""
        index = [list(self.counts).index(k) for k in keys]
        return self.doc_counts[:, index, :]

    @property
    def prefix(self) -> str:
        return "text." if self.signature.mode == "text" else ""

    @property
    def metrics(self) -> dict[str, float]:
        """The flat metric map: KEY.precision, KEY.recall, KEY.f1 per count key, plus macro F1s."""
        out = {}
        for key, (tp, fp, fn) in self.counts.items():
            if tp == fp == fn == 0 and key.count(".") >= 2:
                continue  # a type that neither gold nor the submission has: no score to report
            p, r, f = prf(tp, fp, fn)
            out[f"{self.prefix}{key}.precision"] = p
            out[f"{self.prefix}{key}.recall"] = r
            out[f"{self.prefix}{key}.f1"] = f
        for family in MACRO_FAMILIES:
            f1s = [prf(*c)[2] for k, c in self.counts.items()
                   if k.startswith(family + ".") and k.count(".") == family.count(".") + 1 and c[0] + c[2] > 0]
            if f1s:
                out[f"{self.prefix}{family}.macro_f1"] = sum(f1s) / len(f1s)
        return out

    def headline(self) -> list[str]:
        """The catalogue's headline metrics (the default table)."""
        return [k for k in HEADLINE if k in self.counts]

    def catalogued(self) -> list[str]:
        """Every catalogue metric this report has (the regression gate, --all-metrics)."""
        return [k for k in ALL if k in self.counts]

    def to_json(self) -> dict:
        return {
            "format_version": REPORT_FORMAT_VERSION,
            "package": self.package,
            "signature": str(self.signature),
            "signature_fields": self.signature.as_dict(),
            "documents": self.n_documents,
            "metrics": self.metrics,
            # Strict JSON: an undefined bound (no resampling) is null, never NaN.
            "ci95": {f"{self.prefix}{k}.f1": [None if x != x else x for x in v] for k, v in self.ci.items()},
            "counts": {k: {"tp": c[0], "fp": c[1], "fn": c[2]} for k, c in self.counts.items()},
            "outcomes": self.outcomes,
            "warnings": self.warnings,
            "per_document": self.per_document,
        }

    @classmethod
    def read(cls, path) -> "Report":
        """A report written by `byline score --format json` or `-o`; a clear error otherwise."""
        from byline.io import read_json
        from byline.problems import BylineInputError, Problem

        data = read_json(path)
        try:
            return cls.from_json(data)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise BylineInputError([Problem(str(path), "", f"not a Byline JSON report ({type(e).__name__}: {e}); "
                                            "write one with byline score --format json or -o")]) from None

    @classmethod
    def from_json(cls, data: dict) -> "Report":
        counts = {k: (c["tp"], c["fp"], c["fn"]) for k, c in data["counts"].items()}
        sig = Signature.parse(data["signature"])
        prefix = "text." if sig.mode == "text" else ""
        ci = {k[len(prefix):-len(".f1")]: tuple(float("nan") if x is None else x for x in v)
              for k, v in data.get("ci95", {}).items()}
        per_doc = data.get("per_document") or {}
        doc_ids = sorted(per_doc)
        array = np.array([[per_doc[d][k] for k in counts] for d in doc_ids], dtype=float) if doc_ids else None
        return cls(sig, counts, ci, data.get("outcomes", {}), doc_ids, array,
                   data.get("warnings", []), data.get("documents", 0), package=data.get("package", "unknown"))


def _package_version() -> str:
    from byline import __version__

    return __version__


def format_json(report: Report) -> str:
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False, allow_nan=False)
