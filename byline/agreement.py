"""`byline agreement`: inter-annotator agreement as F1 between two annotations of the same articles.

One annotation is taken as the reference and the other is scored against it with Byline's own
scorer (F1 is symmetric, so the choice only swaps precision and recall). The result, with the
scorer's signature, is what the dataset card reports.
"""

from __future__ import annotations

import json
from pathlib import Path

from byline.corpus import Corpus, load_corpus
from byline.problems import BylineInputError, Problem
from byline.scoring.run import ScoreOptions, score_predictions

AGREEMENT_KEYS = ("entities.strict", "entities.exact", "entities.entity", "quotes.detection", "quotes.form",
                  "quotes.speaker", "events.tri_i", "events.tri_c", "events.tri_c_realis", "events.arg_c",
                  "sources.detection", "sources.kind", "sources.quote_links")
LAYERS = ("entities", "quotes", "events", "sources")


def agreement(reference: Corpus, other: Corpus, bootstrap: int = 1000) -> dict:
    ref_by_id, other_by_id = reference.by_id(), other.by_id()
    shared = sorted(i for i in other_by_id if i in ref_by_id)
    if not shared:
        raise BylineInputError([Problem(str(other.root), "", "no article id is shared with the reference corpus")])
    problems = [Problem(str(other.root), f"/{i}", "the text differs from the reference's: not the same article")
                for i in shared if other_by_id[i]["text"] != ref_by_id[i]["text"]]
    if problems:
        raise BylineInputError(problems)
    subset = Corpus(root=reference.root, name=reference.name, version=reference.version,
                    articles=[dict(ref_by_id[i], split="test") for i in shared], meta=reference.meta)
    preds = {i: {k: other_by_id[i][k] for k in ("id", *LAYERS)} for i in shared}
    report = score_predictions(preds, subset, ScoreOptions(split="test", bootstrap=bootstrap))
    m = report.metrics
    return {
        "articles": len(shared),
        "test_articles": sum(ref_by_id[i]["split"] == "test" for i in shared),
        "article_ids": shared,
        "signature": str(report.signature).replace("split:test", "split:double-annotated"),
        "f1": {k: round(m[f"{k}.f1"], 4) for k in AGREEMENT_KEYS},
        "ci95": {k: [round(x, 4) for x in report.ci[k]] for k in AGREEMENT_KEYS if k in report.ci},
        "per_article": {d: {k: round(_f1(v), 4) for k, v in report.per_document[d].items() if k in AGREEMENT_KEYS}
                        for d in report.doc_ids},
    }


def _f1(counts) -> float:
    from byline.scoring.counts import prf
    return prf(*counts)[2]


def write_agreement(result: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load_pair(reference_dir: str | Path, other_dir: str | Path) -> tuple[Corpus, Corpus]:
    return load_corpus(reference_dir), load_corpus(other_dir)
