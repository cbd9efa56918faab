"""Property-based fuzzing of every input path (issue 15): valid submissions and gold articles,
mutated in their JSON tree and in their bytes, never give a traceback. `byline validate` and
`byline score` exit 0 or 1, and every message they print starts with the path of the file it is
about. Deterministic (derandomize, no example database) and bounded: well under a minute."""

import contextlib
import copy
import io
import json
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import byline
from byline.cli import main
from byline.corpus import load_corpus
from byline.problems import BylineInputError
from support import REPO, SEED_ID

LAYERS = ("entities", "quotes", "events", "sources")
SEED = json.loads((REPO / "corpus" / "articles" / f"{SEED_ID}.json").read_text(encoding="utf-8"))
LINE = {k: SEED[k] for k in ("id", *LAYERS)}
SUMMARY = re.compile(r"^\d+ problem\(s\) found\.$")

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.large_base_example])

# Placeholders swapped for raw bytes after serialising (json.dumps cannot write them itself).
RAW = {'"\\u0000DEEP5000"': b"[" * 5000 + b"]" * 5000, '"\\u0000DEEP65"': b"[" * 65 + b"]" * 65,
       '"\\u0000DIGITS"': b"9" * 4000, '"\\u0000HUGEEXP"': b"1e400"}

scalars = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=12)
           | st.sampled_from([5.0, -1, 0, 10**6, "", "x" * 300, "\ud800", "\udc00\ud83d", "Kremlin", "PER",
                              "E1", "Q1", SEED_ID, "other_id", *(k[1:-1].encode().decode("unicode_escape") for k in RAW)]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                      max_leaves=6)


def node_paths(value, parts=()):
    yield parts
    if isinstance(value, dict):
        for k, v in value.items():
            yield from node_paths(v, parts + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from node_paths(v, parts + (i,))


def get(value, parts):
    for p in parts:
        value = value[p]
    return value


@st.composite
def tree_mutation(draw, value):
    """One edit of the JSON tree: replace, delete, insert, duplicate, float an int, drop offsets."""
    paths = list(node_paths(value))
    parts = draw(st.sampled_from(paths))
    op = draw(st.sampled_from(["replace", "delete", "insert", "duplicate", "float", "drop_offsets", "replace"]))
    node = get(value, parts)
    parent = get(value, parts[:-1]) if parts else None
    if op == "replace" or not parts and op in ("delete", "duplicate"):
        if not parts:
            return draw(values)
        parent[parts[-1]] = draw(values)
    elif op == "delete":
        del parent[parts[-1]]
    elif op == "insert" and isinstance(node, list):
        node.insert(draw(st.integers(0, len(node))), draw(values) if draw(st.booleans()) or not node else copy.deepcopy(node[0]))
    elif op == "insert" and isinstance(node, dict):
        node[draw(st.text(max_size=6) | st.sampled_from(["start", "end", "text", "id", "type", "split"]))] = draw(values)
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(parts[-1], copy.deepcopy(node))
    elif op == "float" and isinstance(node, int) and not isinstance(node, bool) and parts:
        parent[parts[-1]] = float(node)
    elif op == "drop_offsets" and isinstance(node, dict):
        node.pop("start", None)
        if draw(st.booleans()):
            node.pop("end", None)
    return value


@st.composite
def byte_mutation(draw, data: bytes):
    """One edit of the bytes: truncate, insert junk, break UTF-8, duplicate a key, a lone surrogate escape."""
    op = draw(st.sampled_from(["none", "none", "truncate", "insert", "bad_utf8", "dup_key", "surrogate"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if op == "truncate":
        return data[:at]
    if op == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=4) | st.sampled_from([b"{", b"]", b",", b'"', b"\\", b"\n"])) + data[at:]
    if op == "bad_utf8":
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x80"])) + data[at:]
    if op == "dup_key":
        keys = [m.start() for m in re.finditer(rb'\{"', data)]
        if keys:
            i = keys[draw(st.integers(0, len(keys) - 1))] + 1
            end = data.index(b'"', i + 1)
            return data[:i] + data[i:end + 1] + b': null, ' + data[i:]
    if op == "surrogate":
        quotes = [m.start() for m in re.finditer(rb'": "', data)]
        if quotes:
            i = quotes[draw(st.integers(0, len(quotes) - 1))] + 4
            return data[:i] + draw(st.sampled_from([b"\\ud800", b"\\udfff", b"\\ude00\\ud83d"])) + data[i:]
    return data


def serialise(value, ensure_ascii: bool, indent=None) -> bytes:
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)
    for placeholder, raw in RAW.items():
        text = text.replace(placeholder, raw.decode())
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate unescaped: bytes no decoder accepts


@st.composite
def mutated_bytes(draw, base, indent=None):
    value = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        value = draw(tree_mutation(value))
    return value, draw(byte_mutation(serialise(value, draw(st.booleans()), indent)))


def run(argv, *prefixes: str) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in argv])  # an exception here is the traceback this test forbids
    assert rc in (0, 1), (argv, rc)
    for line in err.getvalue().splitlines():
        if not (line.startswith(prefixes) or line.startswith("warning: ") or SUMMARY.match(line)):
            raise AssertionError(f"a message that does not start with its path: {line[:300]!r}")
    return rc


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory):
    """A corpus of the seed article only (a fuzzed file is scored against it in milliseconds)."""
    dest = tmp_path_factory.mktemp("fuzz") / "gold"
    (dest / "articles").mkdir(parents=True)
    shutil.copyfile(REPO / "corpus" / "corpus.json", dest / "corpus.json")
    for ext in ("txt", "json"):
        shutil.copyfile(REPO / "corpus" / "articles" / f"{SEED_ID}.{ext}", dest / "articles" / f"{SEED_ID}.{ext}")
    (dest / "splits.json").write_text(json.dumps({"train": [], "validation": [], "test": [SEED_ID]}), encoding="utf-8")
    return dest


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path / "cache"))


@st.composite
def submissions(draw) -> bytes:
    """A mutated line, before or after a blank or a valid line."""
    _, raw = draw(mutated_bytes(LINE))
    extra = draw(st.sampled_from([b"", b"\n", json.dumps(LINE).encode() + b"\n", b"\n\n   \n"]))
    return raw + b"\n" + extra if draw(st.booleans()) else extra + raw


@st.composite
def gold_edits(draw) -> tuple[str, bytes]:
    """(file inside the gold folder, its new bytes): mostly the article's annotation."""
    target = draw(st.sampled_from(["article"] * 6 + ["text", "corpus.json", "splits.json"]))
    if target == "article":
        return f"articles/{SEED_ID}.json", draw(mutated_bytes(SEED, indent=1))[1]
    if target == "text":
        path = f"articles/{SEED_ID}.txt"
        return path, draw(byte_mutation((REPO / "corpus" / path).read_bytes()))
    original = {"corpus.json": json.loads((REPO / "corpus" / "corpus.json").read_text(encoding="utf-8")),
                "splits.json": {"train": [], "validation": [], "test": [SEED_ID]}}[target]
    return target, draw(mutated_bytes(original))[1]


@st.composite
def objects(draw):
    value = copy.deepcopy(LINE)
    for _ in range(draw(st.integers(1, 3))):
        value = draw(tree_mutation(value))
    return value


@FUZZ
@given(raw=submissions())
def test_fuzzed_submissions(small_gold, tmp_path, private_cache, raw):
    sub = tmp_path / "sub.jsonl"
    sub.write_bytes(raw)
    rc_validate = run(["validate", sub, "--gold", small_gold], f"{sub}:")
    rc_score = run(["score", sub, "--gold", small_gold, "--bootstrap", "0"], f"{sub}:")
    assert rc_validate == 1 or rc_score == 0, "a file validate accepts is scored"


@FUZZ
@given(edit=gold_edits())
def test_fuzzed_gold_articles(small_gold, tmp_path, private_cache, edit):
    gold = tmp_path / "gold"
    if gold.exists():
        shutil.rmtree(gold)
    shutil.copytree(small_gold, gold)
    (gold / edit[0]).write_bytes(edit[1])
    sub = tmp_path / "gold.jsonl"
    sub.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    run(["validate", gold], f"{gold}/")
    run(["score", sub, "--gold", gold, "--bootstrap", "0"], f"{gold}/", f"{sub}:")


@FUZZ
@given(value=objects())
def test_fuzzed_objects_given_to_the_library(small_gold, value):
    try:
        report = byline.score([value], gold=load_corpus(small_gold), bootstrap=0)
    except BylineInputError as e:
        assert e.problems and all(str(p).startswith("<predictions>:1: ") for p in e.problems)
    else:
        assert report.n_documents == 1
