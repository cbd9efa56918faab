"""Golden tests: expected numbers worked out by hand (the working is written next to them)."""

import pytest

from byline.anchors import resolve_anchor
from byline.corpus import Corpus
from byline.problems import BylineInputError
from byline.scoring.run import ScoreOptions, score_predictions

TEXT = "Ana Silva met Rui Costa in Lisbon on Monday. “We will win the match,” she said. The meeting was short."


def span(anchor, text=TEXT):
    return resolve_anchor(anchor, text)


def ent(eid, etype, *mentions, text=TEXT):
    return {"id": eid, "type": etype, "name": None, "kb_id": None,
            "mentions": [{"span": span(m, text), "kind": "name"} for m in mentions]}


def doc(doc_id="d1", entities=(), quotes=(), events=(), sources=()):
    return {"id": doc_id, "entities": list(entities), "quotes": list(quotes), "events": list(events), "sources": list(sources)}


def corpus_of(*gold_docs, texts=None):
    arts = []
    for i, d in enumerate(gold_docs):
        arts.append(dict(d, text=(texts or [TEXT] * len(gold_docs))[i], split="test"))
    return Corpus(root=None, name="golden", version="0", articles=arts)


def metrics(gold_docs, preds, texts=None, check=True):
    report = score_predictions({p["id"]: p for p in preds}, corpus_of(*gold_docs, texts=texts), ScoreOptions(bootstrap=0),
                               check=check)
    return report.metrics, report


# --- entities, the six scenarios of nervaluate's README (SemEval-2013 9.1) -------------------
# Text with one token per scenario; gold and predictions as in the README's table:
#   I    same span, same type        -> strict COR, exact COR, partial COR, type COR
#   II   spurious prediction          -> SPU everywhere
#   III  missed gold                  -> MIS everywhere
#   IV   same span, other type        -> strict INC, exact COR, partial COR, type INC
#   V    overlap, same type           -> strict INC, exact INC, partial PAR, type COR
#   VI   overlap, other type          -> strict INC, exact INC, partial PAR, type INC
NER_TEXT = "phenytoin healthy tikosyn propranolol of warfarin oral contraceptives"


def test_nervaluate_readme_scenarios():
    t = NER_TEXT
    gold = doc(entities=[
        ent("g1", "PER", "phenytoin", text=t),            # I
        ent("g3", "ORG", "tikosyn", text=t),              # III
        ent("g4", "PER", "propranolol", text=t),          # IV
        ent("g5", "PER", "warfarin", text=t),             # V
        ent("g6", "NORP", "contraceptives", text=t),      # VI
    ])
    pred = doc(entities=[
        ent("p1", "PER", "phenytoin", text=t),            # I
        ent("p2", "ORG", "healthy", text=t),              # II
        ent("p4", "ORG", "propranolol", text=t),          # IV
        ent("p5", "PER", "of warfarin", text=t),          # V
        ent("p6", "PER", "oral contraceptives", text=t),  # VI
    ])
    m, report = metrics([gold], [pred], texts=[t])
    # possible = actual = 5 in every scheme.
    # strict:  COR 1 (I)          -> P = R = 1/5
    # exact:   COR 2 (I, IV)      -> P = R = 2/5
    # partial: COR 2, PAR 2 (V, VI) -> P = R = (2 + 0.5 * 2) / 5 = 3/5
    # type:    COR 2 (I, V)       -> P = R = 2/5
    for scheme, expected in (("strict", 1 / 5), ("exact", 2 / 5), ("partial", 3 / 5), ("type", 2 / 5)):
        assert m[f"entities.{scheme}.precision"] == pytest.approx(expected)
        assert m[f"entities.{scheme}.recall"] == pytest.approx(expected)
    assert report.outcomes["strict"] == {"correct": 1, "incorrect": 3, "partial": 0, "missing": 1, "spurious": 1}
    assert report.outcomes["partial"] == {"correct": 2, "incorrect": 0, "partial": 2, "missing": 1, "spurious": 1}


@pytest.mark.parametrize("order", [("short", "full"), ("full", "short")])
def test_order_never_changes_a_score(order):
    # Gold A[0,5); predictions A[0,3) and A[0,5). nervaluate gives strict F1 0 in one order and
    # 0.667 in the other. Optimal pairing: A[0,5) pairs with the gold (COR), A[0,3) is SPU:
    # P = 1/2, R = 1/1, F1 = 2 * 0.5 * 1 / 1.5 = 2/3, in both orders.
    t = "abcde fgh"
    g = {"id": "g", "type": "PER", "name": None, "kb_id": None,
         "mentions": [{"span": {"start": 0, "end": 5, "text": "abcde"}, "kind": "name"}]}
    preds = {"short": {"id": "s", "type": "PER", "name": None, "kb_id": None,
                       "mentions": [{"span": {"start": 0, "end": 3, "text": "abc"}, "kind": "name"}]},
             "full": {"id": "f", "type": "PER", "name": None, "kb_id": None,
                      "mentions": [{"span": {"start": 0, "end": 5, "text": "abcde"}, "kind": "name"}]}}
    m, _ = metrics([doc(entities=[g])], [doc(entities=[preds[k] for k in order])], texts=[t])
    assert m["entities.strict.f1"] == pytest.approx(2 / 3)
    assert m["entities.strict.precision"] == pytest.approx(1 / 2)


def test_entity_level_ceaf_split_cluster():
    # Gold cluster {Peskov, he, spokesman}; predicted {Peskov, he} and {spokesman}.
    # phi4(G, P1) = 2*2 / (3+2) = 0.8; P2 stays unaligned (one gold cluster only).
    # P = 0.8 / 2 = 0.4, R = 0.8 / 1 = 0.8, F1 = 2 * 0.4 * 0.8 / 1.2 = 0.5333...
    t = "Peskov said he would call. The spokesman left."
    gold = doc(entities=[ent("E1", "PER", "Peskov", "[[he]] would", "spokesman", text=t)])
    pred = doc(entities=[ent("a", "PER", "Peskov", "[[he]] would", text=t), ent("b", "PER", "spokesman", text=t)])
    m, _ = metrics([gold], [pred], texts=[t])
    assert m["entities.entity.precision"] == pytest.approx(0.4)
    assert m["entities.entity.recall"] == pytest.approx(0.8)
    assert m["entities.entity.f1"] == pytest.approx(0.64 / 1.2)


def _gold_story():
    return doc(
        entities=[ent("E1", "PER", "Ana Silva", "[[she]] said"), ent("E2", "PER", "Rui Costa"), ent("E3", "GPE", "Lisbon")],
        quotes=[{"id": "Q1", "form": "direct", "content": [span("We will win the match,")], "cue": span("she [[said]]"),
                 "speaker_mention": span("[[she]] said"), "speaker_id": "E1"}],
        events=[{"id": "V1", "type": "meet", "realis": "actual", "triggers": [span("met"), span("meeting")],
                 "arguments": [{"role": "participant", "entity_id": "E1", "span": None},
                               {"role": "participant", "entity_id": "E2", "span": None},
                               {"role": "place", "entity_id": "E3", "span": None},
                               {"role": "time", "entity_id": None, "span": span("Monday")}]}],
        sources=[{"id": "S1", "kind": "named_person", "entity_id": "E1", "mention": None, "quote_ids": ["Q1"], "statements": []}],
    )


def _pred_story(speaker="P1"):
    return doc(
        entities=[ent("P1", "PER", "Ana Silva", "[[she]] said"), ent("P2", "PER", "Rui Costa"), ent("P3", "LOC", "Lisbon")],
        quotes=[{"id": "x", "form": "direct", "content": [span("We will win")], "cue": None,
                 "speaker_mention": None, "speaker_id": speaker}],
        events=[{"id": "v", "type": "meet", "realis": "actual", "triggers": [span("met")],
                 "arguments": [{"role": "participant", "entity_id": "P1", "span": None},
                               {"role": "agent", "entity_id": "P2", "span": None},
                               {"role": "place", "entity_id": "P3", "span": None}]}],
        sources=[{"id": "s", "kind": "named_person", "entity_id": "P1", "mention": None, "quote_ids": ["x"], "statements": []}],
    )


def test_all_layers_worked_example():
    m, _ = metrics([_gold_story()], [_pred_story()])
    # Mentions: 4 gold, 4 predicted; Lisbon has the wrong type -> strict 3/4, exact 4/4.
    assert m["entities.strict.f1"] == pytest.approx(0.75)
    assert m["entities.exact.f1"] == pytest.approx(1.0)
    # Clusters align 1:1 with phi4 = 1; Lisbon's types differ -> tp 2 of 3 and 3: F1 2/3.
    assert m["entities.entity.f1"] == pytest.approx(2 / 3)
    # Quote content: gold {we, will, win, the, match}, predicted {we, will, win}: token F1
    # 2 * 1 * 0.6 / 1.6 = 0.75 >= 0.5 -> paired; same form; speaker P1 -> E1: all 1.0.
    for key in ("quotes.detection.f1", "quotes.form.f1", "quotes.speaker.f1"):
        assert m[key] == pytest.approx(1.0)
    # Triggers: gold {met, meeting}, predicted {met}: P 1, R 1/2, F1 2/3.
    assert m["events.tri_i.f1"] == pytest.approx(2 / 3)
    assert m["events.tri_c.f1"] == pytest.approx(2 / 3)
    # Arguments: gold fillers {E1, E2, E3, 'Monday'}, predicted {E1, E2, E3}: Arg-I P 1, R 3/4,
    # F1 6/7. Arg-C: (agent, E2) has the wrong role: P 2/3, R 2/4, F1 4/7.
    assert m["events.arg_i.f1"] == pytest.approx(6 / 7)
    assert m["events.arg_c.f1"] == pytest.approx(4 / 7)
    assert m["sources.detection.f1"] == m["sources.kind.f1"] == m["sources.quote_links.f1"] == pytest.approx(1.0)


def test_wrong_speaker_and_no_speaker_label():
    m, _ = metrics([_gold_story()], [_pred_story(speaker="P2")])
    assert m["quotes.detection.f1"] == pytest.approx(1.0)
    assert m["quotes.speaker.f1"] == pytest.approx(0.0)
    m, _ = metrics([_gold_story()], [_pred_story(speaker=None)])
    assert m["quotes.speaker.f1"] == pytest.approx(0.0)  # null is a label: null != E1
    gold = _gold_story()
    gold["quotes"][0].update(speaker_id=None, speaker_mention=None)
    gold["sources"][0]["quote_ids"] = []
    m, _ = metrics([gold], [_pred_story(speaker=None)])
    assert m["quotes.speaker.f1"] == pytest.approx(1.0)  # null = null is right


def test_quote_below_threshold_is_not_paired():
    pred = _pred_story()
    pred["quotes"][0]["content"] = [span("We")]  # token F1 = 2 * 1 * 0.2 / 1.2 = 0.333 < 0.5
    m, _ = metrics([_gold_story()], [pred])
    assert m["quotes.detection.precision"] == 0.0 and m["quotes.detection.recall"] == 0.0


def test_duplicate_predictions_are_false_positives():
    pred = _pred_story()
    pred["entities"].append(ent("P9", "PER", "Rui Costa"))
    # The submission checker refuses a duplicated mention; the matcher's own rule is pinned here.
    with pytest.raises(BylineInputError, match="duplicate mention"):
        metrics([_gold_story()], [pred])
    m, report = metrics([_gold_story()], [pred], check=False)
    # 5 predictions, 3 strict-correct (the duplicate of Rui Costa is SPU): P 3/5, R 3/4.
    assert m["entities.strict.precision"] == pytest.approx(3 / 5)
    assert m["entities.strict.recall"] == pytest.approx(3 / 4)


def test_text_mode_is_reported_under_its_own_keys():
    pred = _pred_story()
    for e in pred["entities"]:
        for mention in e["mentions"]:
            mention["span"] = {"text": mention["span"]["text"]}
    m, report = metrics([_gold_story()], [strip_offsets(pred)])
    assert report.signature.mode == "text"
    assert not any(k.startswith("entities.") for k in m)
    assert m["text.entities.strict.f1"] == pytest.approx(0.75)
    assert m["text.quotes.speaker.f1"] == pytest.approx(1.0)


def strip_offsets(d):
    if isinstance(d, dict):
        if "text" in d and "start" in d and "end" in d and len(d) == 3:
            return {"text": d["text"]}
        return {k: strip_offsets(v) for k, v in d.items()}
    if isinstance(d, list):
        return [strip_offsets(x) for x in d]
    return d


def test_text_mode_pairs_same_type_first():
    # Gold "x"/ORG and "x"/PER; predictions "x"/PER and "x"/LOC. Pairing the PER prediction with
    # the ORG gold (first come, first served) would leave no strict match; the optimal pairing
    # gives PER-PER (COR) and ORG-LOC (INC): strict P = R = 1/2, exact P = R = 1.
    t = "x and x"
    gold = doc(entities=[ent("a", "ORG", "[[x]] and", text=t), ent("b", "PER", "and [[x]]", text=t)])
    pred = strip_offsets(doc(entities=[ent("p", "PER", "[[x]] and", text=t), ent("q", "LOC", "and [[x]]", text=t)]))
    m, _ = metrics([gold], [pred], texts=[t])
    assert m["text.entities.strict.f1"] == pytest.approx(0.5)
    assert m["text.entities.exact.f1"] == pytest.approx(1.0)


def test_duplicate_span_prefers_the_gold_type():
    # Gold A/PER; predictions A/ORG and A/PER (same span twice): A/PER is COR, A/ORG is SPU.
    t = "Ana left"
    gold = doc(entities=[ent("a", "PER", "Ana", text=t)])
    pred = doc(entities=[ent("p", "ORG", "Ana", text=t), ent("q", "PER", "Ana", text=t)])
    m, report = metrics([gold], [pred], texts=[t], check=False)
    assert report.outcomes["strict"] == {"correct": 1, "incorrect": 0, "partial": 0, "missing": 0, "spurious": 1}


def test_entityless_sources_pair_on_overlapping_mentions():
    # Gold "a senior official in Lisbon, who asked not to be named"; predicted "senior official":
    # the mentions overlap, so the sources pair (detection 1/1); a non-overlapping one does not.
    t = "Ana said, according to a senior official in Lisbon, who asked not to be named. Flight data agreed."
    gold = doc(sources=[{"id": "S1", "kind": "anonymous_person", "entity_id": None, "quote_ids": [], "statements": [],
                         "mention": span("[[senior official in Lisbon, who asked not to be named]]", t)}])
    pred = doc(sources=[{"id": "s", "kind": "anonymous_person", "entity_id": None, "quote_ids": [], "statements": [],
                         "mention": span("[[senior official]] in", t)},
                        {"id": "z", "kind": "data_record", "entity_id": None, "quote_ids": [], "statements": [],
                         "mention": span("Flight data", t)}])
    m, _ = metrics([gold], [pred], texts=[t])
    assert m["sources.detection.recall"] == 1.0 and m["sources.detection.precision"] == pytest.approx(0.5)
    assert m["sources.kind.f1"] == pytest.approx(2 / 3)
