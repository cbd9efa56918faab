"""Text helpers shared by the baselines: noise lines, paragraphs, sentences, tokens, all with offsets."""

from __future__ import annotations

import re
from typing import NamedTuple

NOISE_LINE = re.compile(
    r"^\s*(?:https?://\S+|www\.\S+|(?:Related article|Related|READ MORE|Read more|More from|See also)\s*:.*"
    r"|Sign up\b.*|Subscribe\b.*|Photo:.*|.*/ Byline Images\s*|By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,.*)?)\s*$")
TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|[^\w\s]")
SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’]?\s+(?=[“\"‘]?[A-Z0-9])")
ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Inc|Ltd|Co|Corp|vs|a\.m|p\.m)\.)$")


class Token(NamedTuple):
    text: str
    start: int
    end: int


class Sentence(NamedTuple):
    start: int
    end: int
    tokens: tuple[Token, ...]


def noise_mask(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line that is scraping debris (URLs, promos, captions credits, bylines)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip() and NOISE_LINE.match(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def in_mask(mask: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in mask)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Blocks separated by blank lines (hard-wrapped lines stay in one paragraph)."""
    out = []
    for m in re.finditer(r"\S(?:.*?)(?=\n\s*\n|\Z)", text, re.S):
        out.append((m.start(), m.end()))
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), start + m.start(), start + m.end()) for m in TOKEN.finditer(text[start:end])]


def sentences(text: str, skip_noise: bool = True) -> list[Sentence]:
    """Sentences inside paragraphs, skipping noise lines (keeping them when skip_noise is False)."""
    mask = noise_mask(text) if skip_noise else []
    out = []
    for p_start, p_end in paragraphs(text):
        cursor = p_start
        for m in SENTENCE_END.finditer(text, p_start, p_end):
            if ABBREVIATION.search(text, max(p_start, m.start() - 12), m.start() + 1 if text[m.start()] == "." else m.start()):
                continue
            _add(out, text, cursor, m.start(), mask)
            cursor = m.end()
        _add(out, text, cursor, p_end, mask)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, mask) -> None:
    tokens = tokenize(text, start, end)
    if in_mask(mask, start, end):  # only a sentence that touches a noise line needs the check per token
        tokens = [t for t in tokens if not in_mask(mask, t.start, t.end)]
    tokens = tuple(tokens)
    if tokens:
        out.append(Sentence(tokens[0].start, tokens[-1].end, tokens))


def span(text: str, start: int, end: int) -> dict:
    return {"start": start, "end": end, "text": text[start:end]}
