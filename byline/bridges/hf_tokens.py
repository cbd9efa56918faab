"""Hugging Face token classification export: JSONL, one row per sentence,
{"id": "ARTICLE-N", "tokens": [...], "ner_tags": [int, ...]}, and beside it PATH.labels.json, the
label list (tag i is labels[i]: "O", then B-/I- of every Byline entity type in schema order), the
`names` of a datasets ClassLabel. Entity mentions only; triggers are in the CoNLL export.
"""

from __future__ import annotations

import json
from pathlib import Path

from byline.bridges import Export
from byline.bridges.tokens import align, bio_layer, decode, entity_spans, split_sentences


def labels() -> list[str]:
    from byline.schema import enum

    types = enum("entity_type")
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


def labels_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name.removesuffix(".jsonl") + ".labels.json")


def write_hf_tokens(articles: list[dict], path: str) -> Export:
    names = labels()
    index = {name: i for i, name in enumerate(names)}
    export = Export(paths=[str(path), str(labels_path(path))], articles=len(articles))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for art in articles:
            sents = split_sentences(art)
            tags = bio_layer(art, entity_spans(art), sents, export, "entity mentions")
            for n, (sent, row) in enumerate(zip(sents, tags)):
                f.write(json.dumps({"id": f"{art['id']}-{n}", "tokens": [t.text for t in sent.tokens],
                                    "ner_tags": [index[t] for t in row]}, ensure_ascii=False) + "\n")
    labels_path(path).write_text(json.dumps(names, indent=1) + "\n", encoding="utf-8")
    return export


def read_hf_tokens(path: str, articles: list[dict]) -> dict[str, list[tuple[int, int, str]]]:
    """{article id: entity spans with offsets} from a file write_hf_tokens wrote."""
    names = json.loads(labels_path(path).read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in articles}
    out: dict[str, list] = {a["id"]: [] for a in articles}
    cursors: dict[str, int] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            doc_id = row["id"].rpartition("-")[0]
            toks, cursors[doc_id] = align(texts[doc_id], row["tokens"], cursors.get(doc_id, 0))
            out[doc_id] += decode(toks, [names[i] for i in row["ner_tags"]])
    return out
