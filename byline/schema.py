"""The JSON Schemas (schema/*.schema.json) as ready validators.

The `jsonschema` library gives the error messages. It takes about 0.1 s per annotated article,
far too slow for a 10,000-line submission, so a line is first checked with jsonschema-rs (a
compiled validator of the same schema, ~0.1 ms) and only a failing line is re-checked by
`jsonschema` for its messages. tests/test_schema.py checks that the two always agree.
"""

from __future__ import annotations

import json
from functools import lru_cache

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from byline.resources import schema_dir

SCHEMA_VERSION = 1
SCHEMA_NAMES = ("submission", "article")


@lru_cache(maxsize=None)
def schemas() -> dict[str, dict]:
    out = {}
    for name in SCHEMA_NAMES:
        with open(schema_dir() / f"{name}.schema.json", encoding="utf-8") as f:
            out[name] = json.load(f)
    return out


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    """'article' for gold articles, 'submission' for prediction lines."""
    # Crawled once here: uncrawled, every $dynamicRef lookup re-crawls the registry, which made
    # the messages of one bad article cost 0.15 s (a file of bad lines, minutes).
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas().values()
    ).crawl()
    return Draft202012Validator(schemas()[name], registry=registry)


@lru_cache(maxsize=None)
def _fast_validator(name: str):
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in schemas().values()])
    return jsonschema_rs.Draft202012Validator(schemas()[name], registry=registry)


def is_valid(name: str, instance: object) -> bool:
    return _fast_validator(name).is_valid(instance)


def enum(def_name: str) -> list[str]:
    """The allowed values of an enumerated definition, e.g. enum('entity_type')."""
    defs = {**schemas()["submission"]["$defs"], **schemas()["article"]["$defs"]}
    return list(defs[def_name]["enum"])
