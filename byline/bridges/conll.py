"""CoNLL export: one token per line, `TOKEN ENTITY-TAG TRIGGER-TAG` (BIO, space-separated), a
blank line between sentences and a `-DOCSTART- O O` line (then a blank line) before each article.
Articles come in the order given (a split is sorted by id). Entity tags carry the entity type
(B-PER), trigger tags the event type (B-travel). `read_conll` decodes a file back to spans with
offsets, given the same articles, for round-trip checks.
"""

from __future__ import annotations

from byline.bridges import Export
from byline.bridges.tokens import align, bio_layer, decode, entity_spans, split_sentences, trigger_spans

DOCSTART = "-DOCSTART- O O"


def write_conll(articles: list[dict], path: str) -> Export:
    export = Export(paths=[str(path)], articles=len(articles))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for art in articles:
            sents = split_sentences(art)
            ents = bio_layer(art, entity_spans(art), sents, export, "entity mentions")
            trigs = bio_layer(art, trigger_spans(art), sents, export, "event triggers")
            f.write(DOCSTART + "\n\n")
            for sent, etags, ttags in zip(sents, ents, trigs):
                for tok, e, t in zip(sent.tokens, etags, ttags):
                    f.write(f"{tok.text} {e} {t}\n")
                f.write("\n")
    return export


def read_conll(path: str, articles: list[dict]) -> dict[str, dict[str, list[tuple[int, int, str]]]]:
    """{article id: {"entities": spans, "triggers": spans}} from a file write_conll wrote."""
    docs: list[list[list[tuple[str, str, str]]]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                docs.append([[]])
            elif not line:
                if docs and docs[-1][-1]:
                    docs[-1].append([])
            else:
                docs[-1][-1].append(tuple(line.split(" ")))
    if len(docs) != len(articles):
        raise ValueError(f"{path}: {len(docs)} documents for {len(articles)} articles")
    out = {}
    for art, sents in zip(articles, docs):
        cursor, ents, trigs = 0, [], []
        for sent in filter(None, sents):
            toks, cursor = align(art["text"], [w for w, _, _ in sent], cursor)
            ents += decode(toks, [e for _, e, _ in sent])
            trigs += decode(toks, [t for _, _, t in sent])
        out[art["id"]] = {"entities": ents, "triggers": trigs}
    return out
