"""Rule-based events: a trigger lexicon per type, realis from nearby cue words, arguments from the
entities and time expressions of the same sentence."""

from __future__ import annotations

import re

from byline.baselines.lexicons import realis_cues, triggers
from byline.baselines.rules.entities import EntityFinder
from byline.baselines.text import Sentence

SYMMETRIC = {"meet", "talks", "phone_call", "agreement", "ceasefire", "competition"}
PATIENT_TYPES = {"arrest", "charge", "trial", "sentence", "appoint", "dismiss", "death", "injury", "sanction"}
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)"
# A time expression as annotated: without a leading preposition ("on Monday" -> "Monday").
TIME = re.compile(rf"\b(?:(?:next|last|this)\s+(?:week|month|year|weekend|{WEEKDAY})|(?:late|early)\s+(?:on\s+)?(?:{WEEKDAY}|{MONTH})"
                  rf"|{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?|{MONTH}\.?(?:\s+\d{{1,2}})?(?![a-z])|(?:19|20)\d\d|yesterday|tomorrow)\b")


def nearest_time(text: str, sent: Sentence, trig: tuple[int, int]) -> tuple[int, int] | None:
    """The time expression of the sentence nearest the trigger, if any."""
    times = [m.span() for m in TIME.finditer(text, sent.start, sent.end)]
    return min(times, key=lambda se: abs(se[0] - trig[0])) if times else None


def _realis(sent: Sentence, k: int) -> str:
    window = " " + " ".join(t.text.lower() for t in sent.tokens[max(0, k - 5):k]) + " "
    cues = realis_cues()
    for realis in ("negated", "hypothetical", "planned"):
        if any(f" {c} " in window for c in cues[realis]):
            return realis
    return "actual"


def find_events(text: str, sents: list[Sentence], ents: EntityFinder) -> list[dict]:
    lexicon = triggers()
    phrases: dict[str, list[tuple[str, int]]] = {}  # first word -> (phrase, length), longest first
    for ph in sorted((w for w in lexicon if " " in w), key=len, reverse=True):
        phrases.setdefault(ph.split()[0], []).append((ph, len(ph.split())))
    events = []
    for sent in sents:
        toks = sent.tokens
        k = 0
        while k < len(toks):
            match = None
            for ph, n in phrases.get(toks[k].text.lower(), ()):
                if " ".join(t.text.lower() for t in toks[k:k + n]) == ph:
                    match = (ph, n)
                    break
            if match is None and toks[k].text.lower() in lexicon:
                match = (toks[k].text.lower(), 1)
            if match is None:
                k += 1
                continue
            word, n = match
            etype = lexicon[word]
            trig = (toks[k].start, toks[k + n - 1].end)
            events.append({"type": etype, "realis": _realis(sent, k), "trigger": trig,
                           "arguments": _arguments(text, sent, trig, etype, ents)})
            k += n
    return events


def _arguments(text: str, sent: Sentence, trig: tuple[int, int], etype: str, ents: EntityFinder) -> list[dict]:
    args = []
    mentions = []
    for c in ents.clusters:
        for s, e, _ in c.mentions:
            if sent.start <= s and e <= sent.end:
                mentions.append((s, e, c.id, c.type))
    mentions.sort()
    before = [m for m in mentions if m[1] <= trig[0] and m[3] in ("PER", "ORG", "GPE")]
    after = [m for m in mentions if m[0] >= trig[1]]
    seen = set()

    def add(role, entity_id=None, span=None):
        key = (role, entity_id, span)
        if key not in seen:
            seen.add(key)
            args.append({"role": role, "entity_id": entity_id,
                         "span": None if span is None else {"start": span[0], "end": span[1], "text": text[span[0]:span[1]]}})

    if etype in SYMMETRIC:
        for m in (before[-2:] + [m for m in after if m[3] in ("PER", "ORG", "GPE")][:1]):
            add("participant", m[2])
    elif before:
        add("agent", before[-1][2])
    if etype in PATIENT_TYPES and after and after[0][3] in ("PER", "ORG", "GPE"):
        add("patient", after[0][2])
    for s, e, cid, ctype in after:
        if ctype in ("GPE", "LOC", "FAC") and re.search(r"\b(?:in|at|near|to)\s*$", text[max(sent.start, s - 8):s]):
            add("destination" if etype == "travel" else "place", cid)
            break
    nearest = nearest_time(text, sent, trig)
    if nearest:
        add("time", span=nearest)
    return args
