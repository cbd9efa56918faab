"""The baselines' word lists may come from the train split and general knowledge, never from the
test split: an entry that occurs in the corpus only in test articles is a leak (it can only have
been read off the test split, and it raises test scores without telling anything about new text).
"""

import re

from byline.baselines.lexicons import broad_triggers, cue_words, titles, triggers
from byline.baselines.rules.sources import OUTLET
from byline.corpus import load_corpus

CORPUS = load_corpus()
TEXTS = {split: "\n".join(a["text"] for a in CORPUS.split(split)).lower() for split in ("train", "validation", "test")}


def leaks(entries) -> list[str]:
    """Entries found in some test article and in no train or validation article."""
    out = []
    for entry in entries:
        rx = re.compile(r"(?<!\w)" + re.escape(entry.lower()) + r"(?!\w)")
        if rx.search(TEXTS["test"]) and not (rx.search(TEXTS["train"]) or rx.search(TEXTS["validation"])):
            out.append(entry)
    return sorted(out)


def test_no_trigger_word_is_known_only_from_the_test_split():
    assert not leaks(triggers())  # word -> event type
    assert not leaks(broad_triggers())


def test_no_cue_word_or_title_is_known_only_from_the_test_split():
    assert not leaks(cue_words())
    assert not leaks(titles())


def test_no_outlet_name_is_known_only_from_the_test_split():
    names = re.search(r"\(\?:(.*?)\)", OUTLET.pattern).group(1).split("|")
    assert not leaks(names)


def test_the_check_finds_a_word_planted_in_test_only():
    planted = "zzqxword"
    assert leaks([planted]) == []  # absent everywhere: general knowledge, allowed
    TEXTS["test"] += f"\n{planted}"
    try:
        assert leaks([planted]) == [planted]
    finally:
        TEXTS["test"] = TEXTS["test"][: -len(planted) - 1]


def test_the_train_derived_trigger_list_is_a_fresh_derivation_from_train():
    import json

    from byline.baselines.derive_triggers import OUT, derive_triggers

    committed = json.loads(OUT.read_text(encoding="utf-8"))
    assert committed == derive_triggers(CORPUS.split("train")), \
        "run `python -m byline.baselines.derive_triggers` after changing the train split"
