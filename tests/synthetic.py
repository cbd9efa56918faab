"""Synthetic NER data in the shape of ../shared/bench/bench_peers.py, as Byline documents.

N documents x K gold entities on non-overlapping token spans with gaps of at least 3 tokens;
a fraction of gold entities is perturbed by one of four edits (type, boundary, drop, spurious).
Token i is the character range [i, i+1) of a text of 'x's, so token spans are character spans.
"""

from __future__ import annotations

import random

from byline.corpus import Corpus

TYPES = ["PER", "ORG", "GPE", "LOC", "FAC", "NORP"]


def make_spans(n_docs: int, n_ents: int, p_perturb: float, seed: int):
    """Lists of (start, end_inclusive, type) per document, gold and predicted, plus token counts."""
    rng = random.Random(seed)
    gold_docs, pred_docs, lengths = [], [], []
    for _ in range(n_docs):
        pos = rng.randint(2, 5)
        gold = []
        for _ in range(n_ents):
            length = rng.randint(1, 4)
            gold.append((pos, pos + length - 1, rng.choice(TYPES)))
            pos += length + rng.randint(3, 6)
        pred = []
        for s, e, t in gold:
            if rng.random() >= p_perturb:
                pred.append((s, e, t))
                continue
            kind = rng.choice(["type", "boundary", "drop", "spurious"])
            if kind == "type":
                pred.append((s, e, rng.choice([x for x in TYPES if x != t])))
            elif kind == "boundary":
                options = ["s-1", "e+1"] + (["s+1", "e-1"] if e > s else [])
                s2, e2 = {"s-1": (s - 1, e), "e+1": (s, e + 1), "s+1": (s + 1, e), "e-1": (s, e - 1)}[rng.choice(options)]
                pred.append((s2, e2, t))
            elif kind == "spurious":
                pred.append((s, e, t))
                pred.append((e + 2, e + 2, rng.choice(TYPES)))
        gold_docs.append(gold)
        pred_docs.append(sorted(pred))
        lengths.append(pos + 2)
    return gold_docs, pred_docs, lengths


def as_document(doc_id: str, spans, text: str) -> dict:
    entities = [{"id": f"E{i}", "type": t, "name": None, "kb_id": None,
                 "mentions": [{"span": {"start": s, "end": e + 1, "text": text[s:e + 1]}, "kind": "name"}]}
                for i, (s, e, t) in enumerate(spans)]
    return {"id": doc_id, "entities": entities, "quotes": [], "events": [], "sources": []}


def make_corpus(n_docs: int, n_ents: int, p_perturb: float = 0.2, seed: int = 13):
    """(gold Corpus, list of predicted documents, gold spans, predicted spans)."""
    gold_spans, pred_spans, lengths = make_spans(n_docs, n_ents, p_perturb, seed)
    articles, preds = [], []
    for i, (g, p, n) in enumerate(zip(gold_spans, pred_spans, lengths)):
        text = "x" * n
        doc_id = f"doc{i:05d}"
        art = as_document(doc_id, g, text)
        art.update(text=text, split="test")
        articles.append(art)
        preds.append(as_document(doc_id, p, text))
    return Corpus(root=None, name="synthetic", version="0", articles=articles), preds, gold_spans, pred_spans


def to_iob2(spans, n_tokens: int) -> list[str]:
    tags = ["O"] * n_tokens
    for s, e, t in spans:
        tags[s] = "B-" + t
        for i in range(s + 1, e + 1):
            tags[i] = "I-" + t
    return tags
