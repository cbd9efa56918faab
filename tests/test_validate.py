"""`byline validate`: the bundled corpus passes; each kind of malformed input is caught with a
message naming the file, the JSON pointer and what was expected; exit codes 0 / 1 / 2."""

import copy
import hashlib
import json

import pytest

from byline.cli import main
from byline.validate import validate_paths
from support import REPO, SEED_ID, write_json


def test_bundled_corpus_is_valid():
    assert validate_paths([str(REPO / "corpus")]) == []


def test_seed_text_is_byte_exact():
    data = (REPO / "corpus" / "articles" / f"{SEED_ID}.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "75ce138d26eb2ad4b54bf06a5c7796ac78fcf36968e4066a90d427bffad228e0"


def test_cli_exit_codes(corpus_copy, capsys):
    assert main(["validate", str(corpus_copy)]) == 0
    ann = corpus_copy / "articles" / f"{SEED_ID}.json"
    data = json.loads(ann.read_text())
    data["entities"][0]["mentions"][0]["span"]["start"] += 1
    write_json(ann, data)
    assert main(["validate", str(corpus_copy)]) == 1
    err = capsys.readouterr().err
    assert f"{SEED_ID}.json: /entities/0/mentions/0/span:" in err
    with pytest.raises(SystemExit) as e:
        main(["validate"])
    assert e.value.code == 2


# Each case: (what it breaks, mutation of the seed annotation, pointer expected, words expected)
def _set(path, value):
    def mutate(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return mutate


def _del(path):
    def mutate(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return mutate


def _append(path, value):
    def mutate(d):
        target = d
        for key in path:
            target = target[key]
        target.append(copy.deepcopy(value) if not callable(value) else value(d))
    return mutate


ARTICLE_CASES = [
    ("missing layer", _del(["quotes"]), "", "'quotes' is a required property"),
    ("missing metadata", _del(["published"]), "", "'published' is a required property"),
    ("bad date", _set(["published"], "13 March 2025"), "/published", "does not match"),
    ("unknown key", _set(["headline"], "x"), "", "Additional properties"),
    ("wrong type", _set(["entities", 0, "mentions"], "Kremlin"), "/entities/0/mentions", "is not of type 'array'"),
    ("bad entity type", _set(["entities", 0, "type"], "ORGANIZATION"), "/entities/0/type", "is not one of"),
    ("bad mention kind", _set(["entities", 0, "mentions", 0, "kind"], "title"), "/entities/0/mentions/0/kind", "is not one of"),
    ("bad realis", _set(["events", 0, "realis"], "maybe"), "/events/0/realis", "is not one of"),
    ("bad quote form", _set(["quotes", 0, "form"], "partial"), "/quotes/0/form", "is not one of"),
    ("gold span without offsets", _del(["quotes", 0, "content", 0, "start"]), "/quotes/0/content/0", "'start' is a required property"),
    ("unsafe item id", _set(["entities", 0, "id"], "../E1"), "/entities/0/id", "not a safe id"),
    ("bad kb id", _set(["entities", 0, "kb_id"], "wikidata:30"), "/entities/0/kb_id", "does not match"),
    ("offset past the end", _set(["entities", 0, "mentions", 0, "span", "end"], 10**6), "/entities/0/mentions/0/span", "past the end"),
    ("start not before end", _set(["entities", 0, "mentions", 0, "span", "start"], 10**6), "/entities/0/mentions/0/span", "less than end"),
    ("span text differs", _set(["entities", 0, "mentions", 0, "span", "text"], "Kreml"), "/entities/0/mentions/0/span", "differs from text["),
    ("duplicate item id", _set(["entities", 1, "id"], "E1"), "/entities/1/id", "already used"),
    ("dangling speaker", _set(["quotes", 0, "speaker_id"], "E999"), "/quotes/0/speaker_id", "not the id of an entity"),
    ("speaker mention without speaker", _set(["quotes", 0, "speaker_id"], None), "/quotes/0/speaker_mention", "needs a speaker_id"),
    ("speaker mention of another entity", _set(["quotes", 0, "speaker_id"], "E2"), "/quotes/0/speaker_mention", "not one of entity 'E2'"),
    ("dangling argument", _set(["events", 0, "arguments", 0, "entity_id"], "E999"), "/events/0/arguments/0/entity_id", "not the id of an entity"),
    ("argument with no filler", _set(["events", 0, "arguments", 0, "entity_id"], None), "/events/0/arguments/0", "exactly one of"),
    ("dangling source entity", _set(["sources", 0, "entity_id"], "E999"), "/sources/0/entity_id", "not the id of an entity"),
    ("dangling source quote", _set(["sources", 0, "quote_ids"], ["Q999"]), "/sources/0/quote_ids/0", "not the id of a quote"),
    ("quote in two sources", _set(["sources", 2, "quote_ids"], ["Q1", "Q3"]), "/sources/2/quote_ids/0", "already belongs to /sources/0"),
    ("named source without entity", _set(["sources", 0, "entity_id"], None), "/sources/0/entity_id", "needs the entity it names"),
    ("duplicate mention", _append(["entities", 1, "mentions"], lambda d: copy.deepcopy(d["entities"][0]["mentions"][0])),
     "/entities/1/mentions/11/span", "duplicate mention"),
    ("content out of order", lambda d: d["quotes"][0]["content"].insert(0, copy.deepcopy(d["quotes"][1]["content"][0])),
     "/quotes/0/content/1", "text order"),
    ("id differs from file name", _set(["id"], "other_id"), "/id", "differs from the file name"),
]


@pytest.mark.parametrize("name,mutate,where,words", ARTICLE_CASES, ids=[c[0] for c in ARTICLE_CASES])
def test_malformed_article_is_reported(corpus_copy, name, mutate, where, words):
    path = corpus_copy / "articles" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    mutate(data)
    write_json(path, data)
    problems = validate_paths([str(corpus_copy)])
    assert problems, name
    assert any(p.path == str(path) and p.pointer == where and words in p.message for p in problems), \
        "\n".join(map(str, problems))
    # The single-file form reports the same problem.
    if name != "id differs from file name":
        assert any(words in p.message for p in validate_paths([str(path)]))


def test_invalid_json_names_the_line(corpus_copy):
    path = corpus_copy / "articles" / f"{SEED_ID}.json"
    path.write_text('{\n  "id": "x",\n  oops\n}', encoding="utf-8")
    [problem] = validate_paths([str(corpus_copy)])
    assert problem.line == 3 and "invalid JSON" in problem.message


def test_not_utf8(corpus_copy):
    (corpus_copy / "articles" / f"{SEED_ID}.txt").write_bytes(b"caf\xe9")
    assert any("not valid UTF-8" in p.message for p in validate_paths([str(corpus_copy)]))


def test_article_in_no_split(corpus_copy):
    write_json(corpus_copy / "splits.json", {"train": [], "validation": [], "test": []})
    assert any("is in no split" in p.message for p in validate_paths([str(corpus_copy)]))


def test_split_lists_missing_article(corpus_copy):
    write_json(corpus_copy / "splits.json", {"train": ["ghost"], "validation": [], "test": [SEED_ID]})
    assert any("'ghost'" in p.message and "has no files" in p.message for p in validate_paths([str(corpus_copy)]))


def test_article_in_two_splits(corpus_copy):
    write_json(corpus_copy / "splits.json", {"train": [SEED_ID], "validation": [], "test": [SEED_ID]})
    assert any("already in split" in p.message for p in validate_paths([str(corpus_copy)]))


def test_text_without_annotation(corpus_copy):
    (corpus_copy / "articles" / "lonely.txt").write_text("Text.", encoding="utf-8")
    assert any("no annotation file lonely.json" in p.message for p in validate_paths([str(corpus_copy)]))


def test_ids_unique_across_corpora(corpus_copy, tmp_path):
    import shutil
    other = tmp_path / "other"
    shutil.copytree(corpus_copy, other)
    problems = validate_paths([str(corpus_copy), str(other)])
    assert any("also used in" in p.message for p in problems)


def test_unsafe_article_id_is_rejected(tmp_path, seed_annotation):
    line = dict(seed_annotation, id="../x")
    sub = tmp_path / "sub.jsonl"
    sub.write_text(json.dumps(line) + "\n", encoding="utf-8")
    problems = validate_paths([str(sub)])
    assert any(p.pointer == "/id" and "not a safe id" in p.message for p in problems)


# --- submissions ---------------------------------------------------------------------------

def _submission(tmp_path, lines):
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(l if isinstance(l, str) else json.dumps(l) + "\n" for l in lines), encoding="utf-8")
    return path


def test_gold_is_a_valid_submission(tmp_path, seed_annotation):
    assert validate_paths([str(_submission(tmp_path, [seed_annotation]))]) == []


def test_text_only_submission_is_valid(tmp_path):
    line = {"id": SEED_ID, "entities": [{"id": "a", "type": "PER", "name": None, "kb_id": None,
                                         "mentions": [{"span": {"text": "Peskov"}, "kind": "name"}]}],
            "quotes": [], "events": [], "sources": []}
    assert validate_paths([str(_submission(tmp_path, [line]))]) == []


def test_submission_problems_name_their_lines(tmp_path, seed_annotation):
    bad_offsets = copy.deepcopy(seed_annotation)
    bad_offsets["entities"][0]["mentions"][0]["span"]["start"] = 0
    half = {"id": "x", "entities": [{"id": "a", "type": "PER", "name": None, "kb_id": None,
                                     "mentions": [{"span": {"text": "Peskov", "start": 3}, "kind": "name"}]}],
            "quotes": [], "events": [], "sources": []}
    path = _submission(tmp_path, [seed_annotation, "not json\n", "\n", bad_offsets, "[1, 2]\n", half])
    problems = {(p.line, p.pointer): p.message for p in validate_paths([str(path)])}
    assert "invalid JSON" in problems[(2, "")]
    assert "already appears on line 1" in problems[(4, "/id")]
    assert "differs from text[0:" in problems[(4, "/entities/0/mentions/0/span")]
    assert "is not of type 'object'" in problems[(5, "")]
    assert "unknown article id 'x'" in problems[(6, "/id")]
    assert "both start and end" in problems[(6, "/entities/0/mentions/0/span")]


def test_empty_submission(tmp_path):
    assert "empty" in validate_paths([str(_submission(tmp_path, []))])[0].message


def test_missing_path_and_unknown_kind(tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    messages = [p.message for p in validate_paths([str(tmp_path / "nope.jsonl"), str(tmp_path / "x.csv"), str(tmp_path)])]
    assert any("cannot read" in m for m in messages)
    assert any("expected a corpus folder" in m for m in messages)
    assert any("not a corpus folder" in m for m in messages)
