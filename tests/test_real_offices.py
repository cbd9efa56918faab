"""D17: no fictional person in a named real office, no real body doing an invented act.

Checked over the text of every composed article against the patterns in
tests/data/real_offices.txt (the seed article is collected news about real people and is exempt).
"""

import re

from byline.baselines.lexicons import gazetteer
from byline.corpus import load_corpus
from support import REPO


def _patterns() -> list[re.Pattern]:
    g = gazetteer()
    places = sorted(set(g.countries) | g.cities, key=len, reverse=True)
    place = "(?:" + "|".join(re.escape(p) for p in places) + ")"
    lines = (REPO / "tests" / "data" / "real_offices.txt").read_text(encoding="utf-8").splitlines()
    return [re.compile(line.replace("{PLACE}", place)) for line in lines if line.strip() and not line.startswith("#")]


def real_office_hits(text: str, patterns: list[re.Pattern]) -> list[str]:
    return [m.group(0) for p in patterns for m in p.finditer(text)]


def test_the_patterns_catch_the_cases_that_prompted_the_rule():
    patterns = _patterns()
    for bad in ("Australian Foreign Minister Claire Doyle said", "Mayor Theresa Kowal", "Mongolia's prime minister",
                "an Israeli drone strike on a car", "State Sen. Dana Kowalczyk", "the mayor of Chicago"):
        assert real_office_hits(bad, patterns), bad
    for fine in ("a deputy minister", "the ministry's spokeswoman", "the union president, Renee Halloway",
                 "the Lake Basin Commission's chair", "club president Ana Ruiz"):
        assert not real_office_hits(fine, patterns), fine


def test_no_composed_article_gives_a_real_office_to_a_fictional_person():
    patterns = _patterns()
    offending = {}
    for art in load_corpus().articles:
        if art["provenance"] != "composed":
            continue
        hits = real_office_hits(art["text"], patterns)
        if hits:
            offending[art["id"]] = hits[:3]
    assert not offending, f"D17 (see GUIDELINES.md): {offending}"
