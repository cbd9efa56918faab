"""Training examples from gold articles: BIO tags per sentence, speaker and argument pairs."""

from __future__ import annotations

from byline.baselines.text import Sentence, sentences

NOMINAL_OK = {"name", "nominal"}


def bio(sent: Sentence, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(sent.tokens)
    for start, end, label in spans:
        inside = [k for k, t in enumerate(sent.tokens) if t.start >= start and t.end <= end]
        if inside and tags[inside[0]] == "O":
            tags[inside[0]] = f"B-{label}"
            for k in inside[1:]:
                tags[k] = f"I-{label}"
    return tags


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, label) runs."""
    out, k = [], 0
    while k < len(tags):
        if tags[k] == "O":
            k += 1
            continue
        label = tags[k][2:]
        j = k + 1
        while j < len(tags) and tags[j] == f"I-{label}":
            j += 1
        out.append((k, j, label))
        k = j
    return out


def mention_spans(article: dict) -> list[tuple[int, int, str]]:
    """Name and nominal mentions (pronouns are left to the resolver), shortest first so that a
    name nested in a nominal keeps its own tag."""
    spans = [(m["span"]["start"], m["span"]["end"], e["type"]) for e in article["entities"]
             for m in e["mentions"] if m["kind"] in NOMINAL_OK]
    return sorted(spans, key=lambda s: (s[1] - s[0], s[0]))


def trigger_spans(article: dict) -> list[tuple[int, int, str]]:
    return [(t["start"], t["end"], ev["type"]) for ev in article["events"] for t in ev["triggers"]]


def tagged_sentences(article: dict):
    """(sentence, entity tags, trigger tags) for each sentence of an article."""
    ments, trigs = mention_spans(article), trigger_spans(article)
    for sent in sentences(article["text"]):
        inside = lambda spans: [s for s in spans if sent.start <= s[0] and s[1] <= sent.end]  # noqa: E731
        yield sent, bio(sent, inside(ments)), bio(sent, inside(trigs))
