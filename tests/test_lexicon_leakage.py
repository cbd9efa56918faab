"""The baselines' word lists may come from the train split and general knowledge, never from the
test split: an entry whose only gold occurrences are in test is a leak (it would raise test
scores without telling anything about new text)."""

import re
from collections import defaultdict

from byline.baselines.lexicons import cue_words, triggers
from byline.baselines.rules.sources import OUTLET
from byline.corpus import load_corpus

CORPUS = load_corpus()


def _splits_where(values_of) -> dict[str, set[str]]:
    where = defaultdict(set)
    for art in CORPUS.articles:
        for value in values_of(art):
            where[value.lower()].add(art["split"])
    return where


def _leaks(entries, where) -> list[str]:
    return sorted(e for e in entries if where.get(e.lower()) == {"test"})


def test_no_trigger_word_is_known_only_from_the_test_split():
    where = _splits_where(lambda a: (t["text"] for ev in a["events"] for t in ev["triggers"]))
    assert not _leaks(triggers(), where)  # word -> event type


def test_no_cue_word_is_known_only_from_the_test_split():
    where = _splits_where(lambda a: (q["cue"]["text"] for q in a["quotes"] if q["cue"]))
    assert not _leaks(cue_words(), where)


def test_no_outlet_name_is_known_only_from_the_test_split():
    names = re.search(r"\(\?:(.*?)\)", OUTLET.pattern).group(1).split("|")
    where = _splits_where(lambda a: (w for e in a["entities"] if e["name"] for w in e["name"].split()))
    assert not _leaks(names, where)
