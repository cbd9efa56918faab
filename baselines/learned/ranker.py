"""The third baseline, `ranker`: the learned baseline with a speaker ranker over candidate entities,
triggers propagated within an article, and one event per type and article. Its entity CRF,
trigger CRF, realis and role classifiers are learned's (same features, same data), taken from
learned's cache entry, so it trains only the ranker and one threshold (seconds). Stored
data-only by the same store.

- Speakers. For each quote the rules find, every entity (cluster) with a mention within 400
  characters before or 200 after the quote, plus the rules' speaker and the previous quote's, is a
  candidate, described by its distance and rank, whether a mention is next to the cue ("Okafor
  said", "said Okafor", "told reporters" on the other side), in the quote's paragraph, whether it is
  the rules' choice (and through which kind of mention), the previous quote's speaker, the last
  person mentioned, its type and kinds of mention. A logistic regression scores candidates and the
  best one wins (a listwise choice: no threshold, a quote always gets its best candidate).
  It is trained on what it will see: the quotes and entity clusters the pipeline itself produces
  on the train articles, a candidate being positive when the scorer's entity alignment maps it to
  the gold speaker, so another mention of the speaker's entity counts, as it does in the metric.
  (The learned pair classifier was trained on gold mentions, only the exact gold speaker mention
  positive, and overrode the rules' speaker whenever its score passed 0.5.)
- Triggers. An event is usually mentioned more than once, and a later mention ("the sale", "the
  storm") is less sure alone than the first: a word the trigger CRF leaves untagged becomes a
  trigger of a type the CRF found elsewhere in the same article when its marginal probability of
  starting a trigger of that type reaches a threshold chosen on validation (or never, if
  validation says so).
- Events. Predicted trigger mentions of one type in one article form one event (the arguments of
  all its mentions together): the scorer aligns one predicted event to each gold event, and gold
  events are mostly one per type, mentioned several times, so a separate event per mention left
  all but one mention's arguments as false positives.

Tried for triggers and left out, each within 0.01 of learned's CRF (validation typed-span F1
0.627 before learned's CRF got the broad trigger list, 0.635 after): stemmed trigger features with
the lexicon looked up by stem (0.617, and five times slower to train), a two-stage model (an
untyped B/I/O CRF, then a logistic regression for the type: 0.619), a global marginal-probability
threshold, propagating a trigger to the same word's other occurrences only, and train trigger
rates as features.

Gradient boosting for roles was not used: a boosted model would need its own data-only format
(trees as arrays), and the role errors are mostly candidate and alignment errors, not missing
feature interactions.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

import numpy as np

from byline.baselines.learned.features import FeatureSet, _bucket
from byline.baselines.learned.model import LR_GRID, SEED, LearnedModel, _Entities, _span_f1
from byline.baselines.rules import submission_line
from byline.baselines.rules.quotes import find_quotes
from byline.baselines.text import sentences

WINDOW = (400, 200)  # characters before and after a quote in which a mention makes a candidate


# --- speakers ----------------------------------------------------------------------------------

def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a, b = text.rfind("\n\n", 0, pos), text.find("\n\n", pos)
    return (0 if a < 0 else a + 2, len(text) if b < 0 else b)


def _last_person(clusters, pos: int) -> str | None:
    best = None
    for c in clusters:
        if c.type == "PER":
            for s, e, _ in c.mentions:
                if e <= pos and (best is None or s > best[0]):
                    best = (s, c.id)
    return best[1] if best else None


def candidate_features(text: str, quote: dict, clusters, previous: str | None) -> list[tuple[object, dict]]:
    """(cluster, features) for each candidate speaker of one quote (a raw quote of the rules:
    content pieces, form, cue span, the rules' speaker and mention), nearest first."""
    qs, qe = quote["content"][0][0], quote["content"][-1][1]
    cue, form, rules_id, rules_m = quote["cue"], quote["form"], quote["speaker"], quote["mention"]
    para, last_per = _paragraph(text, qs), _last_person(clusters, qs)
    found = []
    for c in clusters:
        ms = [(s, e, k) for s, e, k in c.mentions if qs - WINDOW[0] <= s <= qe + WINDOW[1]]
        if ms or c.id in (rules_id, previous):
            dist = min((qs - e if e <= qs else s - qe if s >= qe else 0) for s, e, _ in ms) if ms else 10 ** 6
            found.append((dist, c, ms))
    found.sort(key=lambda t: t[0])
    out = []
    for rank, (dist, c, ms) in enumerate(found):
        kinds = {k for _, _, k in ms}
        is_rules = c.id == rules_id
        rules_kind = next((k for s, e, k in c.mentions if rules_m and (s, e) == tuple(rules_m)), "none") if is_rules else "-"
        f = {"type": c.type, "named": bool(c.name), "rank": str(min(rank, 4)), "dist": _bucket(dist), "form": form,
             "n_win": str(min(len(ms), 4)), "n_all": _bucket(len(c.mentions)), "cue": cue is not None,
             "has_name": "name" in kinds, "has_nominal": "nominal" in kinds, "has_pronoun": "pronoun" in kinds,
             "before": any(e <= qs for _, e, _ in ms), "after": any(s >= qe for s, _, _ in ms),
             "inside": any(qs <= s and e <= qe for s, e, _ in ms),
             "same_para": any(para[0] <= s and e <= para[1] for s, e, _ in ms),
             "rules": is_rules, "rules_kind": f"{is_rules}_{rules_kind}", "rules_form": f"{is_rules}_{form}",
             "rules_cue": f"{is_rules}_{cue is not None}", "prev": c.id == previous,
             "prev_rules": f"{c.id == previous}_{is_rules}", "last_per": c.id == last_per,
             "type_form": f"{c.type}_{form}", "rank_type": f"{min(rank, 3)}_{c.type}"}
        if cue:
            gaps = []  # (words between mention and cue, side of the cue, kind, comma between)
            for s, e, k in ms:
                if e <= cue[0]:
                    gaps.append((len(text[e:cue[0]].split()), "L", k, "," in text[e:cue[0]]))
                elif s >= cue[1]:
                    gaps.append((len(text[cue[1]:s].split()), "R", k, "," in text[cue[1]:s]))
            if gaps:
                n, side, kind, comma = min(gaps)
                adjacent = n <= 1 and not comma
                cue_word = (text[cue[0]:cue[1]].lower().split() or ["-"])[0]
                f.update({"cue_gap": str(min(n, 5)), "cue_side": side, "cue_kind": kind, "cue_adj": adjacent,
                          "cue_adj_kind": f"{adjacent}_{kind}_{side}", "cue_word_side": f"{cue_word}_{side}_{n <= 1}",
                          "rules_cue_adj": f"{is_rules}_{adjacent}"})
        out.append((c, f))
    return out


def _quote_candidates(text: str, quotes: list[dict], ents) -> list[list[tuple[object, dict]]]:
    out, previous = [], None
    for q in quotes:
        out.append(candidate_features(text, q, ents.clusters, previous))
        previous = q["speaker"]
    return out


def _read(article: dict, entity_crf, feats: FeatureSet):
    text = article["text"]
    sents = sentences(text)
    ents = _Entities(text, entity_crf, feats)
    for sent in sents:
        ents.read(sent)
    return text, sents, ents, find_quotes(text, ents, sents)


def _quote_tokens(texts: list[str]) -> Counter:
    from byline.scoring.align import tokens

    return Counter(tokens(" ".join(texts)))


def ranker_examples(article: dict, entity_crf, feats: FeatureSet) -> list[list[tuple[dict, int]]]:
    """One group of (features, label) per quote the pipeline finds and the scorer pairs with a gold
    quote that has a speaker among the candidates; label 1 for the candidates the scorer's entity
    alignment maps to the gold speaker."""
    from byline.schema import enum
    from byline.scoring.align import assign, token_f1
    from byline.scoring.entities import score_entities
    from byline.scoring.quotes import QUOTE_THRESHOLD

    text, _, ents, raw = _read(article, entity_crf, feats)
    cands = _quote_candidates(text, raw, ents)
    pred = submission_line(article, ents, [dict(q) for q in raw], [])
    id_map = score_entities(article, pred, False, enum("entity_type"), False).id_map
    gold_tok = [_quote_tokens([p["text"] for p in q["content"]]) for q in article["quotes"]]
    pred_tok = [_quote_tokens([text[s:e] for s, e in q["content"]]) for q in raw]

    def weight(i, j):
        f = token_f1(gold_tok[i], pred_tok[j])
        return f if f >= QUOTE_THRESHOLD else 0.0

    groups = []
    for i, j, _ in assign(range(len(gold_tok)), range(len(pred_tok)), weight):
        speaker = article["quotes"][i]["speaker_id"]
        labels = [int(speaker is not None and id_map.get(c.id) == speaker) for c, _ in cands[j]]
        if any(labels):
            groups.append([(f, y) for (_, f), y in zip(cands[j], labels)])
    return groups


# --- triggers ----------------------------------------------------------------------------------

PROPAGATION = (None, 0.2, 0.3, 0.4, 0.5)  # None: the CRF's Viterbi tags only


def propagate(tags: list[list[str]], marginals: list[list[dict]], words: list[list[str]], min_p: float | None) -> list[list[str]]:
    """An article's trigger tags (one list per sentence) with every untagged word whose marginal
    probability of starting a trigger of a type found elsewhere in the article is at least
    `min_p` tagged as that type: an event is usually mentioned more than once, and a later mention
    ("the sale", "the storm") is less sure alone than the first."""
    if min_p is None:
        return tags
    present = {t[2:] for sent in tags for t in sent if t != "O"}
    out = []
    for sent, marg, ws in zip(tags, marginals, words):
        sent = list(sent)
        for k, m in enumerate(marg):
            if sent[k] == "O" and present and ws[k].isalpha():
                p, etype = max((m.get("B-" + t, 0.0), t) for t in present)
                if p >= min_p:
                    sent[k] = "B-" + etype
        out.append(sent)
    return out


def trigger_inputs(crf, sents, feats: FeatureSet):
    """(Viterbi tags, marginals, lower-cased words) of each sentence, what `propagate` reads."""
    xs = [feats.sentence(sent) for sent in sents]
    return ([crf.predict_single(x) for x in xs], [crf.predict_marginals_single(x) for x in xs],
            [[f["low"] for f in x] for x in xs])


def fit_propagation(trigger_crf, validation: list[dict], feats: FeatureSet) -> tuple:
    """The propagation threshold with the best validation F1 of typed trigger spans."""
    from byline.baselines.learned.data import tagged_sentences

    inputs, gold = [], []
    for a in validation:
        tagged = list(tagged_sentences(a))
        inputs.append(trigger_inputs(trigger_crf, [sent for sent, _, _ in tagged], feats))
        gold += [tags for _, _, tags in tagged]
    best = None
    for min_p in PROPAGATION:
        pred = [t for inp in inputs for t in propagate(*inp, min_p)]
        score = _span_f1(gold, pred)
        if best is None or score > best[1]:
            best = (min_p, score)
    return {"min_p": best[0]}, round(best[1], 4)


def _top1(model, groups) -> float:
    """The share of groups whose best-scored candidate is a positive one."""
    if not groups:
        return 0.0
    right = 0
    for g in groups:
        p = model.predict_proba([f for f, _ in g])[:, 1]
        right += g[int(np.argmax(p))][1]
    return right / len(groups)


class RankerModel(LearnedModel):
    NAME = "ranker"
    BASE: ClassVar[type | None] = LearnedModel

    @classmethod
    def train(cls, train: list[dict], validation: list[dict], progress: bool = False,
              base: LearnedModel | None = None) -> "RankerModel":
        """Train the speaker ranker on top of `base`, a trained learned model whose other parts are
        kept (trained here when not given)."""
        base = base or LearnedModel.train(train, validation, progress)
        np.random.seed(SEED)
        speaker, choice = cls._fit_speaker(train, validation, base.entity_crf)
        propagation = fit_propagation(base.trigger_crf, validation, cls.FEATURES)
        return cls(base.entity_crf, base.trigger_crf, base.realis, speaker, base.roles,
                   {**base.choices, "speaker": choice, "trigger_propagation": propagation})

    def _trigger_tags(self, sents) -> list[list[str]]:
        min_p = self.choices["trigger_propagation"][0]["min_p"]
        if min_p is None:
            return super()._trigger_tags(sents)
        return propagate(*trigger_inputs(self.trigger_crf, sents, self.FEATURES), min_p)

    @classmethod
    def _fit_speaker(cls, train: list[dict], validation: list[dict], entity_crf) -> tuple[object, tuple]:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        tr = [g for a in train for g in ranker_examples(a, entity_crf, cls.FEATURES)]
        va = [g for a in validation for g in ranker_examples(a, entity_crf, cls.FEATURES)]
        x, y = [f for g in tr for f, _ in g], [label for g in tr for _, label in g]
        best = None
        for c in LR_GRID:  # chosen by the validation share of quotes whose best candidate is right
            model = make_pipeline(DictVectorizer(), LogisticRegression(C=c, max_iter=2000, random_state=SEED)).fit(x, y)
            score = _top1(model, va)
            if best is None or score > best[2]:
                best = (model, c, score)
        return best[0], ({"C": best[1]}, round(best[2], 4))

    def _rank_speakers(self, text: str, quotes: list[dict], ents) -> None:
        for q, cands in zip(quotes, _quote_candidates(text, quotes, ents)):
            if not cands:
                continue
            probs = self.speaker.predict_proba([f for _, f in cands])[:, 1]
            cluster = cands[int(np.argmax(probs))][0]
            if cluster.id != q["speaker"]:
                qs, qe = q["content"][0][0], q["content"][-1][1]
                s, e, _ = min(cluster.mentions, key=lambda m: min(abs(m[0] - qe), abs(qs - m[1])))
                q["speaker"], q["mention"] = cluster.id, (s, e)

    def _events(self, text: str, sents, ents) -> list[dict]:
        merged: dict[str, dict] = {}
        for ev in super()._events(text, sents, ents):
            first = merged.setdefault(ev["type"], ev)
            if first is ev:
                continue
            first["triggers"] += ev["triggers"]
            seen = {(a["role"], a["entity_id"]) for a in first["arguments"]}
            for a in ev["arguments"]:
                if a["role"] != "time" and (a["role"], a["entity_id"]) not in seen:
                    seen.add((a["role"], a["entity_id"]))
                    first["arguments"].append(a)
        events = list(merged.values())
        for n, ev in enumerate(events, 1):
            ev["id"] = f"V{n}"
        return events
