"""The typed columns of the built dataset, one definition for Parquet and for the card.

Every nested object has fixed keys and explicit nulls (lists of structs, no maps), which is what
the schema guarantees and what keeps Arrow's types exact even in a split where a list is always
empty.
"""

from __future__ import annotations

from datasets import Features, List, Value

from byline.corpus import ARTICLE_KEYS


def _span() -> dict:
    return {"start": Value("int64"), "end": Value("int64"), "text": Value("string")}


def article_features() -> Features:
    string = Value("string")
    columns = {key: string for key in ARTICLE_KEYS if key not in ("entities", "quotes", "events", "sources")}
    columns["entities"] = List({
        "id": string, "type": string, "name": string, "kb_id": string,
        "mentions": List({"span": _span(), "kind": string}),
    })
    columns["quotes"] = List({
        "id": string, "form": string, "content": List(_span()), "cue": _span(),
        "speaker_mention": _span(), "speaker_id": string,
    })
    columns["events"] = List({
        "id": string, "type": string, "realis": string, "triggers": List(_span()),
        "arguments": List({"role": string, "entity_id": string, "span": _span()}),
    })
    columns["sources"] = List({
        "id": string, "kind": string, "entity_id": string, "mention": _span(),
        "quote_ids": List(string), "statements": List(_span()),
    })
    return Features({k: columns[k] for k in ARTICLE_KEYS})


def mention_features() -> Features:
    """The flat 'mentions' view: one row per entity mention."""
    string, int64 = Value("string"), Value("int64")
    return Features({"article_id": string, "entity_id": string, "entity_type": string, "entity_name": string,
                     "kind": string, "start": int64, "end": int64, "text": string})


def mention_rows(article: dict) -> list[dict]:
    return [{"article_id": article["id"], "entity_id": e["id"], "entity_type": e["type"], "entity_name": e["name"],
             "kind": m["kind"], "start": m["span"]["start"], "end": m["span"]["end"], "text": m["span"]["text"]}
            for e in article["entities"] for m in e["mentions"]]


def unexpected_keys(value, feature, path: str = "") -> list[str]:
    """Keys present in the data but not in the features (pyarrow would drop them silently)."""
    out = []
    if isinstance(feature, List):
        for i, item in enumerate(value or []):
            out += unexpected_keys(item, feature.feature, f"{path}/{i}")
    elif isinstance(feature, dict) and isinstance(value, dict):
        out += [f"{path}/{k}" for k in value if k not in feature]
        out += [p for k, f in feature.items() for p in unexpected_keys(value.get(k), f, f"{path}/{k}")]
    return out
