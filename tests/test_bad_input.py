"""Bad input never crashes and never passes silently (issue 15): one regression test per class
of input seen to give a traceback or a silent pass. Every message starts with the path (and
line, for JSONL), then the JSON pointer; the exit status is 1."""

import builtins
import copy
import errno
import io
import json
import os
import re
import subprocess
import sys

import pytest

import byline
import byline.gold
import byline.validate
from byline.cli import main
from byline.gold import load_gold
from byline.io import iter_jsonl, read_json
from byline.limits import MAX_DEPTH, MAX_INT_DIGITS, MAX_LINE_BYTES
from byline.problems import BylineInputError
from support import REPO, SEED_ID, write_json

LAYERS = ("entities", "quotes", "events", "sources")


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    """Gold verdicts go to a cache folder of this test's own."""
    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path / "cache"))


def run(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def seed_line(seed_annotation) -> dict:
    return {k: copy.deepcopy(seed_annotation[k]) for k in ("id", *LAYERS)}


def write_lines(path, lines) -> str:
    with open(path, "wb") as f:
        for line in lines:
            f.write(line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode("utf-8") + b"\n")
    return str(path)


def text_only(line: dict) -> dict:
    """The same line with every span's offsets dropped (a text-only line)."""
    line = copy.deepcopy(line)
    for parts, span in byline.validate.iter_spans(line):
        span.pop("start", None)
        span.pop("end", None)
    return line


# --- gold folders ----------------------------------------------------------------------------

def _edit_seed(corpus_dir, mutate):
    path = corpus_dir / "articles" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    mutate(data)
    write_json(path, data)
    return path


@pytest.mark.parametrize("mutate, where, words", [
    (lambda d: d["entities"][0]["mentions"][0]["span"].update(start=6), "/entities/0/mentions/0/span", "differs from text["),
    (lambda d: d["entities"][0].update(type="ALIEN"), "/entities/0/type", "is not one of"),
    (lambda d: d.update(quotes=None), "/quotes", "None is not of type 'array'"),
    (lambda d: d["entities"][0]["mentions"][0]["span"].update(start=5.0), "/entities/0/mentions/0/span", "5.0 is not an integer"),
], ids=["wrong offsets", "unknown type", "null layer", "integral float offset"])
def test_a_bad_gold_folder_is_refused_before_any_number(corpus_copy, tmp_path, seed_annotation, capsys, mutate, where, words):
    sub = write_lines(tmp_path / "sub.jsonl", [seed_line(seed_annotation)])
    path = _edit_seed(corpus_copy, mutate)
    rc, out, err = run(capsys, "score", sub, "--gold", corpus_copy, "--bootstrap", "0")
    assert rc == 1 and out == ""
    assert f"{path}: {where}: " in err and words in err
    # validate with the same gold says the same, and so does the library
    rc, _, err = run(capsys, "validate", sub, "--gold", corpus_copy)
    assert rc == 1 and f"{path}: {where}: " in err
    with pytest.raises(BylineInputError, match=re.escape(words)):
        byline.score(sub, gold=corpus_copy)


def test_a_corpus_json_that_is_a_list(corpus_copy, tmp_path, seed_annotation, capsys):
    (corpus_copy / "corpus.json").write_text("[1, 2]", encoding="utf-8")
    sub = write_lines(tmp_path / "sub.jsonl", [seed_line(seed_annotation)])
    for argv in (["score", sub, "--gold", corpus_copy], ["validate", corpus_copy], ["stats", "--gold", corpus_copy]):
        rc, out, err = run(capsys, *argv)
        assert rc == 1 and f"{corpus_copy / 'corpus.json'}: /: expected a JSON object" in err, argv


def test_a_built_folder_is_checked_like_a_corpus_folder(corpus_copy, tmp_path, seed_annotation, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from byline.corpus import content_hash, load_corpus
    from byline.hf.build import build

    out = tmp_path / "built"
    build(load_corpus(corpus_copy), out)
    table = pq.read_table(out / "data" / "test.parquet")
    rows = table.to_pylist()
    rows[0]["entities"][1]["mentions"][0]["span"]["start"] += 1
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), out / "data" / "test.parquet")
    meta = json.loads((out / "byline.json").read_text(encoding="utf-8"))
    meta["content_hash"] = content_hash(rows)  # a consistent folder, wrong in content
    write_json(out / "byline.json", meta)
    sub = write_lines(tmp_path / "sub.jsonl", [seed_line(seed_annotation)])
    rc, stdout, err = run(capsys, "score", sub, "--gold", out, "--bootstrap", "0")
    assert rc == 1 and stdout == ""
    parquet = out / "data" / "test.parquet"
    assert err.startswith(f"{parquet}: /0/entities/1/mentions/0/span: text ")


def test_gold_verdicts_are_cached_by_content_hash(corpus_copy, monkeypatch, tmp_path):
    monkeypatch.setattr(byline.gold, "_VERIFIED", set())
    calls = []
    real = byline.validate.check_article
    monkeypatch.setattr(byline.validate, "check_article", lambda art: calls.append(art["id"]) or real(art))
    load_gold(corpus_copy)
    assert calls == [SEED_ID]
    load_gold(corpus_copy)  # in memory
    monkeypatch.setattr(byline.gold, "_VERIFIED", set())
    load_gold(corpus_copy)  # from the marker in the cache folder, as a new process would
    assert calls == [SEED_ID]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"verified-gold-{byline.gold.verdict_key(load_gold(corpus_copy))[:32]}"]
    _edit_seed(corpus_copy, lambda d: d.update(notes="changed"))  # other content: checked again
    load_gold(corpus_copy)
    assert calls == [SEED_ID, SEED_ID]
    _edit_seed(corpus_copy, lambda d: d.update(quotes=None))  # a failure is never cached
    for _ in range(2):
        with pytest.raises(BylineInputError):
            load_gold(corpus_copy)
    assert calls == [SEED_ID] * 4


def test_an_unwritable_cache_only_costs_a_recheck(corpus_copy, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert load_gold(corpus_copy).articles


# --- pathological JSON -----------------------------------------------------------------------

def _line_with(field: bytes, doc_id: str = SEED_ID) -> bytes:
    return b'{"id": "' + doc_id.encode() + b'", "entities": [], "quotes": [], "events": [], "sources": [], "x": ' + field + b"}\n"


@pytest.mark.parametrize("levels", [5000, 100_000])
def test_deep_nesting(corpus_copy, tmp_path, capsys, levels):
    sub = write_lines(tmp_path / "deep.jsonl", [_line_with(b"[" * levels + b"]" * levels)])
    for argv in (["validate", sub, "--gold", corpus_copy], ["score", sub, "--bootstrap", "0", "--gold", corpus_copy]):
        rc, _, err = run(capsys, *argv)
        assert rc == 1
        assert err.startswith(f"{sub}:1: /x" + "/0" * (MAX_DEPTH - 1) + ": arrays and objects nested more than 64 levels deep")
    # a gold article too
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"a":\n' + b"[" * levels + b"]" * levels + b"}")
    with pytest.raises(BylineInputError, match=r"deep.json:2: /a/0/0/.*nested more than 64 levels"):
        read_json(path)


def test_nesting_within_the_limit_and_brackets_inside_strings_are_fine(tmp_path):
    path = tmp_path / "ok.json"
    n = MAX_DEPTH - 1  # the object itself is the first level
    path.write_bytes(b'{"s": "' + b"[" * 1000 + b'\\"\\\\", "v": ' + b"[" * n + b"]" * n + b"}")
    assert read_json(path)["s"] == "[" * 1000 + '"\\'
    path.write_bytes(b"[" * (n + 2) + b"]" * (n + 2))
    with pytest.raises(BylineInputError, match="nested more than 64"):
        read_json(path)


def test_huge_numbers(corpus_copy, tmp_path, capsys):
    sub = write_lines(tmp_path / "num.jsonl", [_line_with(b"9" * 10_000), _line_with(b"1e999"), _line_with(b"NaN"),
                                               _line_with(b"0." + b"1" * 100)])
    rc, _, err = run(capsys, "validate", sub, "--gold", corpus_copy)
    assert rc == 1
    assert f"{sub}:1: /x: integer of 10,000 digits: at most {MAX_INT_DIGITS} are allowed" in err
    assert f"{sub}:2: /x: number 1e999 is out of range" in err
    assert f"{sub}:3: /x: NaN is not a JSON number" in err
    assert f"{sub}:4: /x: number of 102 characters: at most 40 are allowed" in err
    assert max(map(len, err.splitlines())) < 300  # the 10,000 digits are not echoed


def test_duplicate_keys_are_refused_not_kept_last(corpus_copy, tmp_path, capsys, seed_annotation):
    line = json.dumps(seed_line(seed_annotation)).encode()
    dup = line.replace(b'"type": "ORG"', b'"type": "PER", "type": "ORG"', 1) + b"\n"
    sub = write_lines(tmp_path / "dup.jsonl", [dup])
    for argv in (["validate", sub, "--gold", corpus_copy], ["score", sub, "--bootstrap", "0", "--gold", corpus_copy]):
        rc, _, err = run(capsys, *argv)
        assert rc == 1 and f"{sub}:1: /entities/0/type: duplicate key 'type'" in err


def test_integral_floats_as_offsets(corpus_copy, tmp_path, capsys, seed_annotation):
    line = seed_line(seed_annotation)
    line["entities"][0]["mentions"][0]["span"]["end"] = 12.0
    sub = write_lines(tmp_path / "float.jsonl", [line])
    for argv in (["validate", sub, "--gold", corpus_copy], ["score", sub, "--bootstrap", "0", "--gold", corpus_copy]):
        rc, _, err = run(capsys, *argv)
        assert rc == 1 and f"{sub}:1: /entities/0/mentions/0/span: offset 12.0 is not an integer" in err
    with pytest.raises(BylineInputError, match="12.0 is not an integer"):
        byline.score([line], gold=corpus_copy, bootstrap=0)


def test_a_5mb_id_or_label_is_not_echoed(corpus_copy, tmp_path, capsys, seed_annotation):
    huge = "x" * 5_000_000
    line = seed_line(seed_annotation)
    line["entities"][0]["type"] = huge  # an unknown label: scored as false positives, with a warning
    other = dict(seed_line(seed_annotation), id=huge)
    bad_key = dict(seed_line(seed_annotation), **{huge: 1})
    sub = write_lines(tmp_path / "huge.jsonl", [line, other, bad_key])
    rc, _, err = run(capsys, "validate", sub, "--gold", corpus_copy)
    assert rc == 1 and len(err) < 2000
    assert f"{sub}:2: /id: " in err and "'xxxx" in err and "... (5,000,000 characters)" in err
    assert f"{sub}:3: /: Additional properties are not allowed ('xxxx" in err
    sub = write_lines(tmp_path / "label.jsonl", [line])
    rc, _, err = run(capsys, "score", sub, "--bootstrap", "0", "--gold", corpus_copy)
    assert rc == 0 and "warning: labels outside the inventory" in err and len(err) < 2000


def test_a_line_longer_than_the_limit_is_not_read(corpus_copy, tmp_path, capsys, seed_annotation):
    long_line = _line_with(b'"' + b"y" * (MAX_LINE_BYTES + 10) + b'"')
    sub = write_lines(tmp_path / "long.jsonl", [long_line, seed_line(seed_annotation)])
    rc, _, err = run(capsys, "validate", sub, "--gold", corpus_copy)
    assert rc == 1
    assert err.splitlines()[0].startswith(f"{sub}:1: /: line of {len(long_line):,} bytes: at most {MAX_LINE_BYTES:,}")
    assert f"{sub}:2:" not in err  # the next line is read as usual


# --- encodings -------------------------------------------------------------------------------

def _stdin(monkeypatch, data: bytes, encoding="utf-8"):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding=encoding))


def test_invalid_utf8_on_stdin_is_located(monkeypatch, capsys, seed_annotation):
    good = json.dumps(seed_line(seed_annotation)).encode() + b"\n"
    _stdin(monkeypatch, good + b'{"id": "caf\xe9"}\n')
    rc, _, err = run(capsys, "validate", "-")
    assert rc == 1 and "-:2: /: not valid UTF-8 at byte 11 of the line: e9" in err


def test_lone_surrogates_in_text_mode_spans(corpus_copy, tmp_path, capsys, seed_annotation):
    line = text_only(seed_line(seed_annotation))
    line["entities"][0]["mentions"][0]["span"]["text"] = "Kreml\ud800"
    raw = json.dumps(line).encode()  # ensure_ascii: the surrogate is written as \ud800
    sub = write_lines(tmp_path / "lone.jsonl", [raw + b"\n"])
    errors = tmp_path / "errors.jsonl"
    for argv in (["validate", sub, "--gold", corpus_copy], ["score", sub, "--bootstrap", "0", "--errors", errors, "--gold", corpus_copy]):
        rc, _, err = run(capsys, *argv)
        assert rc == 1 and f"{sub}:1: /entities/0/mentions/0/span/text: lone surrogate \\ud800 at character 5" in err
    with pytest.raises(BylineInputError, match="lone surrogate"):
        byline.score([line], gold=corpus_copy, bootstrap=0)
    # a proper pair is one character; the errors file holds it
    line["entities"][0]["mentions"][0]["span"]["text"] = "Kreml\U0001F600"
    sub = write_lines(tmp_path / "pair.jsonl", [json.dumps(line).encode() + b"\n"])
    assert b"\\ud83d\\ude00" in open(sub, "rb").read()
    rc, _, err = run(capsys, "score", sub, "--bootstrap", "0", "--errors", errors, "--gold", corpus_copy)
    assert rc == 0
    assert any(r.get("text") == "Kreml\U0001F600" or "Kreml\U0001F600" in json.dumps(r, ensure_ascii=False)
               for r in map(json.loads, errors.read_text(encoding="utf-8").splitlines()))


def test_utf8_stdin_under_a_latin1_locale(tmp_path, seed_annotation):
    """The real thing: a subprocess whose stdin is declared latin-1 reads UTF-8 all the same."""
    line = json.dumps(seed_line(seed_annotation), ensure_ascii=False).encode("utf-8") + b"\n"
    assert any(b > 127 for b in line)  # the seed has non-ASCII text (typographic quotes)
    env = dict(os.environ, PYTHONIOENCODING="latin-1", LC_ALL="C")
    env.pop("PYTHONUTF8", None)
    cmd = [sys.executable, "-m", "byline", "score", "-", "--gold", str(REPO / "corpus"), "--split", "all", "--bootstrap", "0"]
    done = subprocess.run(cmd, input=line, capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    bad = subprocess.run(cmd[:3] + ["validate", "-"], input=b'{"id": "caf\xe9"}\n', capture_output=True, env=env, timeout=300)
    assert bad.returncode == 1 and bad.stderr.startswith(b"-:1: /: not valid UTF-8 at byte 11 of the line")


def test_text_files_that_are_not_utf8(tmp_path):
    from byline.textrun import read_articles

    (tmp_path / "a.txt").write_bytes(b"caf\xe9")
    with pytest.raises(BylineInputError, match=r"a.txt: /: not valid UTF-8 at byte 3 \(line 1\)"):
        read_articles([str(tmp_path)])


# --- I/O errors ------------------------------------------------------------------------------

class _Failing(io.RawIOBase):
    """A file whose every read fails with EIO (a bad disk, a dropped network mount)."""

    def readable(self):
        return True

    def readinto(self, b):
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def _eio_on(monkeypatch, victim: str):
    real = builtins.open

    def fake(file, mode="r", *args, **kw):
        if str(file).endswith(victim):
            handle = io.BufferedReader(_Failing())
            return handle if "b" in mode else io.TextIOWrapper(handle, encoding=kw.get("encoding"))
        return real(file, mode, *args, **kw)
    monkeypatch.setattr(builtins, "open", fake)


def test_eio_reading_a_submission(corpus_copy, tmp_path, capsys, monkeypatch, seed_annotation):
    sub = write_lines(tmp_path / "sub.jsonl", [seed_line(seed_annotation)])
    _eio_on(monkeypatch, "sub.jsonl")
    for argv in (["validate", sub, "--gold", corpus_copy], ["score", sub, "--bootstrap", "0", "--gold", corpus_copy]):
        rc, out, err = run(capsys, *argv)
        assert rc == 1 and f"{sub}: cannot read: Input/output error" in err
    with pytest.raises(BylineInputError, match="cannot read: Input/output error"):
        list(iter_jsonl(sub))


def test_eio_reading_gold(corpus_copy, tmp_path, capsys, monkeypatch, seed_annotation):
    sub = write_lines(tmp_path / "sub.jsonl", [seed_line(seed_annotation)])
    _eio_on(monkeypatch, f"{SEED_ID}.json")
    rc, out, err = run(capsys, "score", sub, "--gold", corpus_copy)
    path = corpus_copy / "articles" / f"{SEED_ID}.json"
    assert rc == 1 and out == "" and f"{path}: cannot read: Input/output error" in err


# --- span kinds ------------------------------------------------------------------------------

def test_a_line_without_spans_waits_for_the_kind_of_the_file(corpus_copy, tmp_path, capsys, seed_annotation):
    """A line with no spans fits either kind; validate and score agree on every file."""
    from byline.corpus import load_corpus

    others = [a for a in load_corpus().split("test") if a["id"] != SEED_ID]
    empty = {"id": others[0]["id"], **{k: [] for k in LAYERS}}
    seed = seed_line(seed_annotation)
    ok = write_lines(tmp_path / "ok.jsonl", [empty, text_only(seed)])
    for argv in (["validate", ok], ["score", ok, "--bootstrap", "0"]):
        rc, out, err = run(capsys, *argv)
        assert rc == 0, err
    assert "mode:text" in out
    assert byline.score([empty, text_only(seed)], bootstrap=0).signature.mode == "text"
    mixed = write_lines(tmp_path / "mixed.jsonl", [empty, text_only(seed), {k: others[1][k] for k in ("id", *LAYERS)}])
    for argv in (["validate", mixed], ["score", mixed, "--bootstrap", "0"]):
        rc, _, err = run(capsys, *argv)
        assert rc == 1 and f"{mixed}:3: /: this line is span-level but line 2 is not" in err


# --- objects given to the library ------------------------------------------------------------

def test_python_objects_that_are_not_json(seed_annotation):
    line = seed_line(seed_annotation)
    line["entities"][0]["name"] = float("nan")
    line["notes"] = line  # a cycle
    with pytest.raises(BylineInputError) as e:
        byline.score([line], bootstrap=0)
    text = str(e.value)
    assert "<predictions>:1: /entities/0/name: nan is not a JSON number" in text
    assert "<predictions>:1: /notes: the value contains itself (a cycle)" in text
