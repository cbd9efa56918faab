"""Loading the word lists in baselines/lexicon/ (data files, not code)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = (files("byline.baselines.lexicon") / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]     # surface form (name, alias, demonym) -> country name
    demonyms: frozenset[str]
    cities: frozenset[str]
    organisations: dict[str, str]  # surface form -> canonical name


@lru_cache(maxsize=None)
def gazetteer() -> Gazetteer:
    countries, demonyms, cities = {}, set(), set()
    for line in _lines("countries.tsv"):
        parts = line.split("\t") + ["", "", ""]
        name, dems, capital, others = parts[0], parts[1], parts[2], parts[3]
        countries[name] = name
        for alias in filter(None, others.split(";")):
            countries[alias] = name
        for d in filter(None, dems.split(";")):
            countries[d] = name
            demonyms.add(d)
        if capital:
            cities.add(capital)
    cities |= set(_lines("cities.txt"))
    organisations = {}
    for line in _lines("international.txt"):
        name, _, short = line.partition("\t")
        organisations[name] = name
        for s in filter(None, short.split(";")):
            organisations[s] = name
    return Gazetteer(countries, frozenset(demonyms), frozenset(cities), organisations)


@lru_cache(maxsize=None)
def cue_words() -> tuple[str, ...]:
    return tuple(_lines("cues.txt"))


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return frozenset(_lines("titles.txt"))


@lru_cache(maxsize=None)
def triggers() -> dict[str, str]:
    """Trigger word or phrase (lower case) -> event type; the first type listed wins.

    The hand-made list (triggers.json) comes first; triggers_train.json adds the words the train
    split's gold supports (see byline.baselines.derive_triggers)."""
    return _trigger_lists("triggers.json", "triggers_train.json")


@lru_cache(maxsize=None)
def broad_triggers() -> dict[str, str]:
    """`triggers()` plus triggers_broad.json: more inflections and near-synonyms from general
    knowledge. Too loose for the rules, which tag every listed word (their validation Tri-C fell
    from 0.536 to 0.504 with it), but a useful hint for the learned CRF, which weighs it against
    the context."""
    return _trigger_lists("triggers.json", "triggers_train.json", "triggers_broad.json")


def _trigger_lists(*names: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        data = json.loads((files("byline.baselines.lexicon") / name).read_text(encoding="utf-8"))
        for event_type, words in data.items():
            for w in words:
                out.setdefault(w, event_type)
    return out


@lru_cache(maxsize=None)
def realis_cues() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in json.loads((files("byline.baselines.lexicon") / "realis.json").read_text(encoding="utf-8")).items()}
