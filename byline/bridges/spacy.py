"""spaCy export: a DocBin (.spacy) with one Doc per article, the whole text kept (doc.text equals
the article text), tokens split at every mention boundary, and doc.ents the entity mentions that
do not overlap (outermost first; the rest are counted, not dropped silently). Each Doc's
user_data["byline_id"] holds the article id. Needs the optional extra: pip install 'byline[spacy]'.
"""

from __future__ import annotations

import re

from byline.bridges import Export
from byline.bridges.tokens import choose, entity_spans


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("spacy") is not None


def words_and_spaces(text: str, cuts: set[int]) -> tuple[list[str], list[bool]]:
    """spaCy tokens whose concatenation (with one space where spaces[i]) is exactly `text`."""
    words: list[str] = []
    spaces: list[bool] = []
    for m in re.finditer(r"\S+|\s+", text):
        piece, start = m.group(), m.start()
        if piece.isspace():
            if words and not spaces[-1] and piece.startswith(" "):
                spaces[-1] = True
                piece = piece[1:]
            if piece:
                words.append(piece)
                spaces.append(False)
            continue
        inner = sorted(b - start for b in cuts if start < b < m.end())
        for a, b in zip([0] + inner, inner + [len(piece)]):
            words.append(piece[a:b])
            spaces.append(False)
    return words, spaces


def to_doc(article: dict, vocab, export: Export):
    from spacy.tokens import Doc

    spans = entity_spans(article)
    cuts = {b for s, e, _ in spans for b in (s, e)}
    words, spaces = words_and_spaces(article["text"], cuts)
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.user_data["byline_id"] = article["id"]
    kept, dropped = choose(spans)
    export.skip("nested or overlapping entity mentions", len(dropped))
    ents = []
    for start, end, label in kept:
        span = doc.char_span(start, end, label=label)
        if span is None:  # cannot happen: tokens are cut at every boundary
            export.skip("entity mentions not on token boundaries")
        else:
            ents.append(span)
    doc.ents = ents
    export.encoded += len(ents)
    return doc


def write_docbin(articles: list[dict], path: str) -> Export:
    import spacy
    from spacy.tokens import DocBin

    vocab = spacy.blank("xx").vocab
    export = Export(paths=[str(path)], articles=len(articles))
    docbin = DocBin(store_user_data=True)
    for art in articles:
        docbin.add(to_doc(art, vocab, export))
    docbin.to_disk(path)
    return export


def read_docbin(path: str) -> dict[str, list[tuple[int, int, str]]]:
    """{article id: (start, end, label) of doc.ents}, for round-trip checks."""
    import spacy
    from spacy.tokens import DocBin

    docs = DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab)
    return {d.user_data["byline_id"]: [(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs}
