"""Maintainer tool: the trigger words the train split's gold supports, for the rules baseline.

    python -m byline.baselines.derive_triggers      # rewrites baselines/lexicon/triggers_train.json

A word joins the lexicon when it is a gold trigger of one event type (MIN_COUNT times or more) in
train and at least MIN_PRECISION of its occurrences in train are triggers of that type (so
"charges" in "billing charges" does not become a charge trigger). Only the train split is read:
choices are made on validation, and test is never looked at. tests/test_lexicon_leakage.py checks
that the committed file equals a fresh derivation.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

MIN_COUNT = 1
MIN_PRECISION = 0.7
OUT = Path(__file__).parent / "lexicon" / "triggers_train.json"
_WORD = re.compile(r"\w[\w'-]*")


def derive_triggers(articles: list[dict]) -> dict[str, list[str]]:
    as_type: dict[str, Counter] = defaultdict(Counter)
    for art in articles:
        for ev in art["events"]:
            for trig in ev["triggers"]:
                word = trig["text"].lower()
                if _WORD.fullmatch(word):  # single words; phrases stay hand-made
                    as_type[word][ev["type"]] += 1
    seen = Counter(w.lower() for art in articles for w in _WORD.findall(art["text"]))
    out: dict[str, list[str]] = defaultdict(list)
    for word, types in sorted(as_type.items()):
        etype, n = types.most_common(1)[0]
        if n >= MIN_COUNT and n / max(seen[word], 1) >= MIN_PRECISION:
            out[etype].append(word)
    return {k: sorted(v) for k, v in sorted(out.items())}


def main() -> None:
    from byline.corpus import load_corpus

    lexicon = derive_triggers(load_corpus().split("train"))
    OUT.write_text(json.dumps(lexicon, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {sum(map(len, lexicon.values()))} words of {len(lexicon)} event types to {OUT}")


if __name__ == "__main__":
    main()
