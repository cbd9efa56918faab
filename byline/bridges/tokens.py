"""Tokens for BIO formats: the baselines' sentences and tokens (baselines/text.py), noise lines
kept (a photo caption that reports content is annotated), each token
split again wherever a mention or trigger starts or ends inside it ("Peskov’s" -> "Peskov", "’s"),
so that every span that lies within one sentence is a run of whole tokens.

BIO cannot hold nested or overlapping spans: `choose` keeps the outermost (earliest start, then
longest) and returns the rest, so the caller can count them.
"""

from __future__ import annotations

from byline.baselines.text import Sentence, Token, sentences


def entity_spans(article: dict) -> list[tuple[int, int, str]]:
    """(start, end, type) of every entity mention."""
    return [(m["span"]["start"], m["span"]["end"], e["type"]) for e in article["entities"] for m in e["mentions"]]


def trigger_spans(article: dict) -> list[tuple[int, int, str]]:
    """(start, end, event type) of every event trigger."""
    return [(t["start"], t["end"], ev["type"]) for ev in article["events"] for t in ev["triggers"]]


def split_sentences(article: dict) -> list[Sentence]:
    cuts = sorted({b for s, e, _ in entity_spans(article) + trigger_spans(article) for b in (s, e)})
    text = article["text"]
    out = []
    for sent in sentences(text, skip_noise=False):
        toks: list[Token] = []
        for tok in sent.tokens:
            start = tok.start
            for b in cuts:
                if tok.start < b < tok.end:
                    toks.append(Token(text[start:b], start, b))
                    start = b
            toks.append(Token(text[start:tok.end], start, tok.end))
        out.append(Sentence(sent.start, sent.end, tuple(toks)))
    return out


def choose(spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """(kept, dropped): a set of spans no two of which overlap, outermost first."""
    kept, dropped = [], []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1], s[2])):
        if kept and span[0] < kept[-1][1]:
            dropped.append(span)
        else:
            kept.append(span)
    return kept, dropped


def encode(sents: list[Sentence], spans: list[tuple[int, int, str]]) -> tuple[list[list[str]], list, list]:
    """BIO tags per sentence for non-overlapping `spans`; also the spans encoded and the spans
    that are not a run of whole tokens of one sentence (across a sentence break, or on a line the
    tokeniser skips as noise)."""
    tags = [["O"] * len(s.tokens) for s in sents]
    starts, ends = {}, {}
    for i, s in enumerate(sents):
        for j, t in enumerate(s.tokens):
            starts[t.start] = (i, j)
            ends[t.end] = (i, j)
    encoded, unplaced = [], []
    for start, end, label in spans:
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None or first[0] != last[0]:
            unplaced.append((start, end, label))
            continue
        i = first[0]
        tags[i][first[1]] = f"B-{label}"
        for j in range(first[1] + 1, last[1] + 1):
            tags[i][j] = f"I-{label}"
        encoded.append((start, end, label))
    return tags, encoded, unplaced


def decode(tokens: list[Token], tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans from BIO tags over tokens with offsets (an I- without its B- starts a span)."""
    out: list[tuple[int, int, str]] = []
    current = None
    for tok, tag in zip(tokens, tags):
        kind, _, label = tag.partition("-")
        if kind == "I" and current and current[2] == label:
            current = (current[0], tok.end, label)
            continue
        if current:
            out.append(current)
        current = (tok.start, tok.end, label) if kind in ("B", "I") else None
    if current:
        out.append(current)
    return out


def align(text: str, words: list[str], cursor: int = 0) -> tuple[list[Token], int]:
    """Offsets of `words` found in order in `text` from `cursor`; raises ValueError if one is missing."""
    out = []
    for w in words:
        at = text.find(w, cursor)
        if at < 0:
            raise ValueError(f"token {w!r} not found in the text after offset {cursor}")
        out.append(Token(w, at, at + len(w)))
        cursor = at + len(w)
    return out, cursor


def bio_layer(article: dict, spans: list[tuple[int, int, str]], sents: list[Sentence], export, what: str):
    """Tags of one layer (entity mentions or triggers), counting on `export` what BIO cannot hold."""
    kept, dropped = choose(spans)
    tags, encoded, unplaced = encode(sents, kept)
    export.encoded += len(encoded)
    export.skip(f"nested or overlapping {what}", len(dropped))
    export.skip(f"{what} not on whole tokens of one sentence", len(unplaced))
    export.skip(f"duplicate {what} (same span and label)", len(spans) - len(set(spans)))
    return tags
