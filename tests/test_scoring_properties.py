"""Invariants of the scorer, checked with hypothesis on the seed gold and on generated data."""

import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byline.corpus import load_corpus
from byline.scoring.run import ScoreOptions, score_predictions
from support import REPO
from synthetic import make_corpus

GOLD = load_corpus(REPO / "corpus")
SPLIT = "test"
OPT = ScoreOptions(split=SPLIT, bootstrap=0)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def gold_preds():
    return {d["id"]: {k: copy.deepcopy(d[k]) for k in ("id", "entities", "quotes", "events", "sources")}
            for d in GOLD.split(SPLIT)}


def score(preds, corpus=GOLD, opt=OPT):
    return score_predictions(preds, corpus, opt).metrics


def shuffled(doc: dict, rng: random.Random) -> dict:
    doc = copy.deepcopy(doc)
    for layer in ("entities", "quotes", "events", "sources"):
        rng.shuffle(doc[layer])
    for e in doc["entities"]:
        rng.shuffle(e["mentions"])
    for ev in doc["events"]:
        rng.shuffle(ev["triggers"])
        rng.shuffle(ev["arguments"])
    for s in doc["sources"]:
        rng.shuffle(s["quote_ids"])
    return doc


def drop_some(doc: dict, rng: random.Random, p: float) -> dict:
    """A valid sub-annotation: some items removed, references to them removed too."""
    doc = copy.deepcopy(doc)
    doc["quotes"] = [q for q in doc["quotes"] if rng.random() > p]
    doc["events"] = [e for e in doc["events"] if rng.random() > p]
    kept_q = {q["id"] for q in doc["quotes"]}
    doc["sources"] = [dict(s, quote_ids=[q for q in s["quote_ids"] if q in kept_q]) for s in doc["sources"] if rng.random() > p]
    return doc


def test_gold_against_gold_is_one_everywhere():
    m = score(gold_preds())
    assert m and all(v == 1.0 for v in m.values()), {k: v for k, v in m.items() if v != 1.0}


def test_empty_submission_has_zero_recall():
    m = score({})
    recalls = {k: v for k, v in m.items() if k.endswith(".recall")}
    assert recalls and all(v == 0.0 for v in recalls.values())


@SETTINGS
@given(st.integers(0, 2**32 - 1))
def test_shuffling_changes_nothing(seed):
    rng = random.Random(seed)
    base = {k: drop_some(v, random.Random(seed + 1), 0.3) for k, v in gold_preds().items()}
    items = list(base.items())
    rng.shuffle(items)
    again = {k: shuffled(v, rng) for k, v in items}
    opt = ScoreOptions(split=SPLIT, bootstrap=50)
    a, b = score_predictions(base, GOLD, opt), score_predictions(again, GOLD, opt)
    assert a.metrics == b.metrics
    assert a.ci == b.ci and a.ci  # the intervals too: resampling never depends on the input order


@SETTINGS
@given(st.integers(0, 2**32 - 1))
def test_spurious_item_never_raises_precision(seed):
    rng = random.Random(seed)
    preds = {k: drop_some(v, rng, 0.3) for k, v in gold_preds().items()}
    before = score(preds)
    doc = next(iter(preds.values()))
    text = GOLD.by_id()[doc["id"]]["text"]
    taken = {(m["span"]["start"], m["span"]["end"]) for e in doc["entities"] for m in e["mentions"]}
    while True:
        start = rng.randrange(0, len(text) - 10)
        end = start + rng.randint(1, 10)
        if (start, end) not in taken:
            break
    doc["entities"].append({"id": "spurious", "type": rng.choice(["PER", "ORG", "GPE"]), "name": None, "kb_id": None,
                            "mentions": [{"span": {"start": start, "end": end, "text": text[start:end]}, "kind": "name"}]})
    after = score(preds)
    for key, value in after.items():
        if key.endswith(".precision") and key.startswith("entities"):
            assert value <= before[key] + 1e-12, key


@SETTINGS
@given(st.integers(0, 2**32 - 1))
def test_correct_item_never_lowers_recall(seed):
    rng = random.Random(seed)
    full = gold_preds()
    preds = {k: drop_some(v, rng, 0.5) for k, v in full.items()}
    doc_id = next(iter(preds))
    missing = [q for q in full[doc_id]["quotes"] if q["id"] not in {x["id"] for x in preds[doc_id]["quotes"]}]
    missing_ev = [e for e in full[doc_id]["events"] if e["id"] not in {x["id"] for x in preds[doc_id]["events"]}]
    before = score(preds)
    if missing:
        preds[doc_id]["quotes"].append(copy.deepcopy(rng.choice(missing)))
    if missing_ev:
        preds[doc_id]["events"].append(copy.deepcopy(rng.choice(missing_ev)))
    after = score(preds)
    for key, value in after.items():
        if key.endswith(".recall"):
            assert value >= before[key] - 1e-12, key


@SETTINGS
@given(st.integers(0, 2**32 - 1))
def test_swapping_gold_and_predictions_swaps_precision_and_recall(seed):
    corpus, preds, _, _ = make_corpus(n_docs=5, n_ents=8, p_perturb=0.5, seed=seed)
    swapped = type(corpus)(root=None, name="swapped", version="0",
                           articles=[dict(p, text=a["text"], split="test") for p, a in zip(preds, corpus.articles)])
    swapped_preds = {a["id"]: {k: a[k] for k in ("id", "entities", "quotes", "events", "sources")} for a in corpus.articles}
    m = score({p["id"]: p for p in preds}, corpus, ScoreOptions(bootstrap=0))
    w = score(swapped_preds, swapped, ScoreOptions(bootstrap=0))
    for scheme in ("strict", "exact", "partial", "type", "entity"):
        assert abs(m[f"entities.{scheme}.precision"] - w[f"entities.{scheme}.recall"]) < 1e-12
        assert abs(m[f"entities.{scheme}.recall"] - w[f"entities.{scheme}.precision"]) < 1e-12
