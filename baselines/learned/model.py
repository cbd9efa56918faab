"""The learned baseline: two CRFs (entity mentions, event triggers) and three logistic-regression
classifiers (realis, speaker ranking, argument roles), trained on the train split only, with
hyperparameters chosen on the validation split. Quote spans and sources come from the rules."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import sklearn_crfsuite
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from byline.baselines.learned.data import spans_from_bio, tagged_sentences
from byline.baselines.learned.features import DEFAULT_FEATURES, FeatureSet
from byline.baselines.rules.entities import EntityFinder
from byline.baselines.rules.quotes import find_quotes
from byline.baselines.rules import submission_line
from byline.baselines.rules.events import nearest_time
from byline.baselines.text import sentences

SEED = 13
CRF_GRID = ({"c1": 0.05, "c2": 0.01}, {"c1": 0.2, "c2": 0.05}, {"c1": 0.5, "c2": 0.1})
LR_GRID = (0.3, 1.0, 3.0)


def _crf(params: dict) -> sklearn_crfsuite.CRF:
    return sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=80, all_possible_transitions=True, **params)


def _span_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    g = {(n, s) for n, tags in enumerate(gold) for s in spans_from_bio(tags)}
    p = {(n, s) for n, tags in enumerate(pred) for s in spans_from_bio(tags)}
    tp = len(g & p)
    return 2 * tp / (len(g) + len(p)) if g or p else 1.0


class CRFModel:
    """A trained CRFsuite model held in memory as the bytes of its model file: the same object
    whether just trained or loaded from the store, reading no file after it is made (a
    sklearn_crfsuite CRF reads a temporary file, or the cache folder, when it first predicts)."""

    def __init__(self, data: bytes):
        import pycrfsuite

        self.data = bytes(data)  # kept: the tagger reads this buffer in place, it does not copy it
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self.data)

    @classmethod
    def from_crf(cls, crf: sklearn_crfsuite.CRF) -> "CRFModel":
        with open(crf.modelfile.name, "rb") as f:
            return cls(f.read())

    def predict_single(self, xseq: list[dict]) -> list[str]:
        return self._tagger.tag(xseq)

    def predict(self, xs: list[list[dict]]) -> list[list[str]]:
        return [self.predict_single(x) for x in xs]

    def predict_marginals_single(self, xseq: list[dict]) -> list[dict[str, float]]:
        labels = self._tagger.labels()
        self._tagger.set(xseq)
        return [{label: self._tagger.marginal(label, i) for label in labels} for i in range(len(xseq))]


def _fit_crf(x_tr, y_tr, x_va, y_va) -> tuple[CRFModel, dict, float]:
    best = None
    for params in CRF_GRID:
        crf = _crf(params)
        crf.fit(x_tr, y_tr)
        score = _span_f1(y_va, crf.predict(x_va))
        if best is None or score > best[2]:
            best = (CRFModel.from_crf(crf), params, score)
    return best


def _fit_lr(x_tr, y_tr, x_va, y_va):
    best = None
    for c in LR_GRID:
        model = make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=2000, random_state=SEED))
        model.fit(x_tr, y_tr)
        score = float(np.mean(model.predict(x_va) == np.array(y_va))) if x_va else 0.0
        if best is None or score > best[2]:
            best = (model, c, score)
    return best


class _Entities(EntityFinder):
    """The rules' clustering and pronoun resolution, over mentions found by the CRF."""

    def __init__(self, text: str, crf, feats: FeatureSet):
        super().__init__(text)
        self.crf, self.feats = crf, feats

    def candidates(self, sent):
        tags = self.crf.predict_single(self.feats.sentence(sent))
        for i, j, label in spans_from_bio(tags):
            yield i, j, label


def _speaker_examples(article: dict, feats: FeatureSet):
    text = article["text"]
    ments = [((m["span"]["start"], m["span"]["end"]), m["kind"], e["type"]) for e in article["entities"] for m in e["mentions"]]
    for q in article["quotes"]:
        if q["speaker_mention"] is None:
            continue
        quote = (q["content"][0]["start"], q["content"][-1]["end"])
        target = (q["speaker_mention"]["start"], q["speaker_mention"]["end"])
        cands = [m for m in ments if quote[0] - 400 <= m[0][0] <= quote[1] + 200]
        for rank, (span, kind, etype) in _by_distance(quote, cands):
            yield feats.speaker(text, quote, span, kind, etype, rank), int(span == target)


def _by_distance(quote: tuple[int, int], cands: list) -> list[tuple[int, tuple]]:
    """(rank, candidate) with rank 0 for the mention nearest the quote."""
    dist = [min(abs(c[0][0] - quote[1]), abs(quote[0] - c[0][1])) for c in cands]
    order = sorted(range(len(cands)), key=lambda n: dist[n])
    rank = {n: r for r, n in enumerate(order)}
    return [(rank[n], c) for n, c in enumerate(cands)]


def _argument_examples(article: dict, feats: FeatureSet):
    text = article["text"]
    owner = {(m["span"]["start"], m["span"]["end"]): (e["id"], e["type"], m["kind"]) for e in article["entities"] for m in e["mentions"]}
    sents = sentences(text)
    for ev in article["events"]:
        roles = {a["entity_id"]: a["role"] for a in ev["arguments"] if a["entity_id"]}
        trig = (ev["triggers"][0]["start"], ev["triggers"][0]["end"])
        sent = next((s for s in sents if s.start <= trig[0] < s.end), None)
        if sent is None:
            continue
        for span, (eid, etype, kind) in owner.items():
            if sent.start <= span[0] and span[1] <= sent.end:
                yield feats.argument(text, trig, ev["type"], span, etype, kind), roles.get(eid, "none")


def _realis_examples(article: dict, feats: FeatureSet):
    sents = sentences(article["text"])
    for ev in article["events"]:
        t = ev["triggers"][0]
        for sent in sents:
            if sent.start <= t["start"] < sent.end:
                k = next((n for n, tok in enumerate(sent.tokens) if tok.start >= t["start"]), None)
                if k is not None:
                    yield feats.realis(sent, k, ev["type"]), ev["realis"]
                break


@dataclass
class LearnedModel:
    entity_crf: object
    trigger_crf: object
    realis: object
    speaker: object
    roles: object
    choices: dict = field(default_factory=dict)  # hyperparameters chosen on validation, with scores

    NAME = "learned"
    # A class variable, not a dataclass field: as a field, __init__ set every instance's FEATURES to
    # learned's defaults, so a subclass trained with its own features (cls.FEATURES) predicted
    # with learned's (self.FEATURES).
    FEATURES: ClassVar[FeatureSet] = DEFAULT_FEATURES
    # A model whose trained parts this one reuses (load_or_train passes it to train as `base`).
    BASE: ClassVar[type | None] = None
    SPEAKER_THRESHOLD = 0.5

    @classmethod
    def train(cls, train: list[dict], validation: list[dict], progress: bool = False) -> "LearnedModel":
        from tqdm import tqdm

        random.seed(SEED)
        np.random.seed(SEED)
        # Six stages of very unequal length; a bar per stage says which one is running.
        bar = tqdm(total=6, desc="training learned baseline", unit="stage", disable=not progress, leave=False)

        def stage(name: str) -> None:
            bar.set_postfix_str(name)
            bar.update(1)

        def seqs(arts):
            x, ye, yt = [], [], []
            for a in arts:
                for sent, tags_e, tags_t in tagged_sentences(a):
                    x.append(cls.FEATURES.sentence(sent))
                    ye.append(tags_e)
                    yt.append(tags_t)
            return x, ye, yt

        x_tr, ye_tr, yt_tr = seqs(train)
        x_va, ye_va, yt_va = seqs(validation)
        stage("features")
        ent, ent_p, ent_s = _fit_crf(x_tr, ye_tr, x_va, ye_va)
        stage("entity CRF")
        trig, trig_p, trig_s = _fit_crf(x_tr, yt_tr, x_va, yt_va)
        stage("trigger CRF")
        models, choices = {}, {"entity_crf": (ent_p, round(ent_s, 4)), "trigger_crf": (trig_p, round(trig_s, 4))}
        for name, examples in (("realis", _realis_examples), ("speaker", _speaker_examples), ("roles", _argument_examples)):
            models[name], choices[name] = cls._fit_examples(examples, train, validation)
            stage(name)
        bar.close()
        return cls(ent, trig, models["realis"], models["speaker"], models["roles"], choices)

    @classmethod
    def _fit_examples(cls, examples, train: list[dict], validation: list[dict]) -> tuple[object, tuple]:
        """A logistic regression on the (features, label) pairs `examples` draws from each article,
        with its C chosen by validation accuracy."""
        tr = [e for a in train for e in examples(a, cls.FEATURES)]
        va = [e for a in validation for e in examples(a, cls.FEATURES)]
        model, c, score = _fit_lr([f for f, _ in tr], [y for _, y in tr], [f for f, _ in va], [y for _, y in va])
        return model, ({"C": c}, round(score, 4))

    def predict(self, article: dict) -> dict:
        text = article["text"]
        sents = sentences(text)
        ents = _Entities(text, self.entity_crf, self.FEATURES)
        for sent in sents:
            ents.read(sent)
        raw_quotes = find_quotes(text, ents, sents)
        self._rank_speakers(text, raw_quotes, ents)
        return submission_line(article, ents, raw_quotes, self._events(text, sents, ents))

    def _rank_speakers(self, text: str, quotes: list[dict], ents: _Entities) -> None:
        ments = [((s, e), k, c.type, c.id) for c in ents.clusters for s, e, k in c.mentions]
        for q in quotes:
            quote = (q["content"][0][0], q["content"][-1][1])
            cands = [m for m in ments if quote[0] - 400 <= m[0][0] <= quote[1] + 200]
            if not cands:
                continue
            ranked = _by_distance(quote, cands)
            probs = self.speaker.predict_proba([self.FEATURES.speaker(text, quote, m[0], m[1], m[2], r)
                                                for r, m in ranked])[:, 1]
            best = int(np.argmax(probs))
            if probs[best] >= self.SPEAKER_THRESHOLD:
                q["speaker"], q["mention"] = cands[best][3], cands[best][0]

    def _trigger_tags(self, sents) -> list[list[str]]:
        """The trigger CRF's tags for each sentence of an article."""
        return [self.trigger_crf.predict_single(self.FEATURES.sentence(sent)) for sent in sents]

    def _events(self, text: str, sents, ents: _Entities) -> list[dict]:
        events = []
        for sent, tags in zip(sents, self._trigger_tags(sents)):
            for i, j, etype in spans_from_bio(tags):
                trig = (sent.tokens[i].start, sent.tokens[j - 1].end)
                realis = str(self.realis.predict([self.FEATURES.realis(sent, i, etype)])[0])
                args = []
                cands = [((s, e), c.id, c.type, k) for c in ents.clusters for s, e, k in c.mentions
                         if sent.start <= s and e <= sent.end]
                if cands:
                    roles = self.roles.predict([self.FEATURES.argument(text, trig, etype, m[0], m[2], m[3]) for m in cands])
                    seen = set()
                    for (span, eid, _, _), role in zip(cands, roles):
                        if role != "none" and (role, eid) not in seen:
                            seen.add((role, eid))
                            args.append({"role": str(role), "entity_id": eid, "span": None})
                time = nearest_time(text, sent, trig)  # times are spans, not entities: from the rules
                if time:
                    args.append({"role": "time", "entity_id": None, "span": _span(text, time)})
                events.append({"id": f"V{len(events) + 1}", "type": etype, "realis": realis,
                               "triggers": [_span(text, trig)], "arguments": args})
        return events


def _span(text: str, se) -> dict | None:
    return None if se is None else {"start": se[0], "end": se[1], "text": text[se[0]:se[1]]}
