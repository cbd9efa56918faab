"""Corpus-wide checks that per-article validation cannot make."""

from collections import defaultdict

from byline.corpus import load_corpus

CORPUS = load_corpus()


def test_a_real_place_has_one_wikidata_id_across_the_corpus():
    ids = defaultdict(set)
    for art in CORPUS.articles:
        for e in art["entities"]:
            if e["name"] and e["type"] in ("GPE", "LOC", "FAC"):
                ids[(e["name"], e["type"])].add(e["kb_id"])
    # Two different QIDs may share a name (Georgia the country, Q230, and the US state, Q1428);
    # a place that has a QID in one article and none in another is an inconsistency.
    mixed = {k: v for k, v in ids.items() if None in v and len(v) > 1}
    assert not mixed, mixed


def test_every_type_of_the_taxonomy_occurs_in_test_at_least_five_times():
    from byline.schema import enum

    test = CORPUS.split("test")
    ent = defaultdict(int)
    ev = defaultdict(int)
    for art in test:
        for e in art["entities"]:
            ent[e["type"]] += 1
        for v in art["events"]:
            ev[v["type"]] += 1
    assert {t: ent[t] for t in enum("entity_type") if ent[t] < 5} == {}
    assert {t: ev[t] for t in enum("event_type") if ev[t] < 5} == {}


def test_splits_are_large_enough_to_rank_systems():
    assert len(CORPUS.articles) >= 300
    assert len(CORPUS.split("test")) >= 100
    assert len(CORPUS.split("validation")) >= 50


def test_no_mention_or_trigger_runs_over_a_paragraph_break():
    # An anchor's whitespace matches any whitespace, so "[[Fund]].\n\nInternal" once resolved to a
    # mention across two paragraphs; quotes may run over a break, names and triggers may not.
    crossing = [(art["id"], span["text"][:40]) for art in CORPUS.articles
                for span in [m["span"] for e in art["entities"] for m in e["mentions"]]
                + [t for v in art["events"] for t in v["triggers"]]
                if "\n\n" in span["text"]]
    assert not crossing, crossing
