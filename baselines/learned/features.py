"""Features for the learned baseline: CRF token features, and the pair features of the speaker and
argument classifiers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from byline.baselines.lexicons import broad_triggers, cue_words, gazetteer, titles
from byline.baselines.text import Sentence

PRONOUNS = {"he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its", "i", "we", "our"}


def _shape(word: str) -> str:
    """"Núñez-Ortiz" -> "Aa-Aa": accented letters count as letters (an [A-Za-z] shape left them raw,
    so accented surnames looked like rare symbols to the CRF)."""
    out = []
    for ch in word:
        c = "A" if ch.isupper() else "a" if ch.isalpha() else "0" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def token_features(sent: Sentence, i: int) -> dict:
    words = [t.text for t in sent.tokens]
    w = words[i]
    low = w.lower()
    gaz = gazetteer()
    f = {
        "bias": 1.0, "low": low, "shape": _shape(w), "suf3": low[-3:], "pre3": low[:3],
        "title": w.istitle(), "upper": w.isupper(), "digit": w.isdigit(), "first": i == 0,
        "country": w in gaz.countries, "city": w in gaz.cities, "org": w in gaz.organisations,
        "title_word": low in titles(), "trigger": broad_triggers().get(low, "-"), "pronoun": low in PRONOUNS,
        "cue": low in cue_words(),
    }
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(words):
            f[f"{d}:low"] = words[j].lower()
            f[f"{d}:title"] = words[j].istitle()
            f[f"{d}:title_word"] = words[j].lower() in titles()
        else:
            f[f"{d}:edge"] = True
    return f


def _bucket(n: int) -> str:
    for b in (0, 10, 30, 80, 200):
        if n <= b:
            return f"<={b}"
    return ">200"


def speaker_features(text: str, quote: tuple[int, int], mention: tuple[int, int], kind: str, etype: str,
                     rank: int = 0) -> dict:
    """Pair features of a quote and a candidate speaker mention (`rank`: 0 for the nearest
    candidate; unused here, used by the ranker's richer set)."""
    q_start, q_end = quote
    m_start, m_end = mention
    after = m_start >= q_end
    gap = text[q_end:m_start] if after else text[m_end:q_start]
    inside = q_start <= m_start and m_end <= q_end
    return {
        "after": after, "inside": inside, "dist": _bucket(abs(m_start - q_end) if after else abs(q_start - m_end)),
        "kind": kind, "type": etype, "cue_between": any(c in gap.lower().split() for c in cue_words()),
        "newline_between": "\n\n" in gap, "gap_words": _bucket(len(gap.split())),
        "kind_type": f"{kind}_{etype}",
    }


def argument_features(text: str, trigger: tuple[int, int], event_type: str, mention: tuple[int, int], etype: str, kind: str) -> dict:
    before = mention[1] <= trigger[0]
    gap = text[mention[1]:trigger[0]] if before else text[trigger[1]:mention[0]]
    prep = re.findall(r"\b(in|at|near|to|from|with|by|on|against|for|of)\b", text[max(0, mention[0] - 8):mention[0]])
    return {
        "event": event_type, "etype": etype, "kind": kind, "before": before, "dist": _bucket(len(gap.split())),
        "prep": prep[-1] if prep else "-", "event_etype": f"{event_type}_{etype}", "event_before": f"{event_type}_{before}",
        "etype_prep": f"{etype}_{prep[-1] if prep else '-'}",
    }


def realis_features(sent: Sentence, i: int, event_type: str) -> dict:
    words = [t.text.lower() for t in sent.tokens]
    f = {"type": event_type, "word": words[i]}
    for w in words[max(0, i - 6):i]:
        f[f"prev:{w}"] = 1
    for w in words[i + 1:i + 3]:
        f[f"next:{w}"] = 1
    return f


@dataclass(frozen=True)
class FeatureSet:
    """The four feature functions a learned model is trained with."""
    token: Callable
    speaker: Callable
    argument: Callable
    realis: Callable

    def sentence(self, sent: Sentence) -> list[dict]:
        return [self.token(sent, i) for i in range(len(sent.tokens))]


DEFAULT_FEATURES = FeatureSet(token_features, speaker_features, argument_features, realis_features)
