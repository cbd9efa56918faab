"""The schemas themselves: valid Draft 2020-12, versioned, and the fast validator agrees with
the jsonschema library on every case the validation tests use."""


import pytest
from jsonschema import Draft202012Validator

from byline.schema import SCHEMA_NAMES, enum, is_valid, schemas, validator
from support import REPO, SEED_ID
from test_validate import ARTICLE_CASES


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_valid_draft_2020_12(name):
    schema = schemas()[name]
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f"/1/{name}.schema.json")
    assert schema["x-byline-schema-version"] == 1


def _seed_article():
    from byline.corpus import load_corpus
    return load_corpus(REPO / "corpus").by_id()[SEED_ID]


@pytest.mark.parametrize("case", ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_fast_and_reference_validators_agree(case):
    _, mutate, _, _ = case
    doc = _seed_article()
    mutate(doc)
    for name in SCHEMA_NAMES:
        assert is_valid(name, doc) == validator(name).is_valid(doc)


def test_gold_span_rules_differ_from_submission_rules():
    doc = _seed_article()
    del doc["entities"][0]["mentions"][0]["span"]["start"]
    del doc["entities"][0]["mentions"][0]["span"]["end"]
    assert is_valid("submission", doc) and validator("submission").is_valid(doc)
    assert not is_valid("article", doc) and not validator("article").is_valid(doc)


def test_enums_are_read_from_the_schema():
    assert "PER" in enum("entity_type") and len(enum("entity_type")) == 8
    assert 20 <= len(enum("event_type")) <= 35
