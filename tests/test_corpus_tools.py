"""Maintainer tools for corpus 2.0: retext (edit a text, carry the spans) and the diversity report."""

import copy

from byline.corpus import Corpus
from byline.diversity import diversity, shared_ngrams
from byline.retext import apply_edits
from byline.validate import check_article

TEXT = "Ana Ruiz, who asked not to be named, said the port would close. She did not respond."


def _article():
    def span(s, _hint=None):
        start = TEXT.index(s)
        return {"start": start, "end": start + len(s), "text": s}
    return {
        "id": "x", "title": None, "text": TEXT, "outlet": None, "url": None, "published": "2026-01-01",
        "language": "en", "license": "CC-BY-4.0", "provenance": "composed", "split": "test", "beat": "labour",
        "notes": None,
        "entities": [{"id": "E1", "type": "PER", "name": "Ana Ruiz", "kb_id": None,
                      "mentions": [{"span": span("Ana Ruiz", 0), "kind": "name"}, {"span": span("She", 63), "kind": "pronoun"}]}],
        "quotes": [{"id": "Q1", "form": "indirect", "content": [span("the port would close", 41)],
                    "cue": span("said", 36), "speaker_mention": span("Ana Ruiz", 0), "speaker_id": "E1"}],
        "events": [],
        "sources": [{"id": "S1", "kind": "named_person", "entity_id": "E1", "mention": None, "quote_ids": ["Q1"],
                     "statements": [span("did not respond", 67)]}],
    }


def test_retext_moves_spans_after_an_edit_and_renames_an_exact_span():
    art = _article()
    assert not check_article(art)
    ann = {k: v for k, v in art.items() if k not in ("text", "split")}
    edits = [{"find": "[[who asked not to be named]], said", "replace": "speaking anonymously"},
             {"find": "[[Ana Ruiz]], who", "replace": "Ana María Ruiz"},
             {"find": "did not respond", "replace": "could not be reached"}]
    new, text, problems = apply_edits(ann, TEXT, edits)
    assert not problems
    assert text == "Ana María Ruiz, speaking anonymously, said the port would close. She could not be reached."
    assert new["entities"][0]["name"] == "Ana María Ruiz" and new["entities"][0]["kb_id"] is None
    # "said" was at 37; before it "Ana Ruiz" grew by 6 and "who asked not to be named" (25) became
    # "speaking anonymously" (20): 37 + 6 - 5 = 38.
    assert TEXT.index("said") == 37
    assert new["quotes"][0]["cue"] == {"start": 38, "end": 42, "text": "said"}
    assert new["sources"][0]["statements"][0]["text"] == "could not be reached"
    assert not check_article(dict(new, text=text, split="test"))


def test_retext_refuses_an_edit_that_cuts_a_span():
    ann = {k: v for k, v in _article().items() if k not in ("text", "split")}
    _, text, problems = apply_edits(ann, TEXT, [{"find": "Ruiz, who", "replace": "Ruiz who"}])
    assert text == TEXT and problems and "overlaps an edit only partly" in problems[0].message


def test_diversity_counts_phrases_per_article_not_per_occurrence():
    a = _article()
    arts = [dict(copy.deepcopy(a), id=f"a{i}") for i in range(4)]
    arts[3].update(text="Nothing in common here at all, really nothing.", entities=[], quotes=[], sources=[])
    df = shared_ngrams(arts)
    assert df["who asked not to be named"] == 3
    d = diversity(Corpus(root=None, name="t", version="0", articles=arts))
    assert d["articles"] == 4
    assert d["articles_with"]["declined_comment"]["count"] == 3   # "did not respond" statements
    assert "anonymous_source" not in d["articles_with"]  # a named source only
    assert d["cue_words"]["said_share"] == 1.0
    assert d["attribution_position"] == {"before": 3}
