"""`byline score` and `byline compare` from the command line: formats, exit codes, messages."""

import copy
import re
import json

import pytest

from byline.cli import main
from byline.corpus import load_corpus
from support import REPO, SEED_ID

GOLD = load_corpus(REPO / "corpus")


def write_submission(path, docs):
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def gold_docs():
    return [{k: copy.deepcopy(d[k]) for k in ("id", "entities", "quotes", "events", "sources")} for d in GOLD.split("test")]


def test_gold_scores_one_with_signature(tmp_path, capsys):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^entities\.strict +1\.000 +1\.000 +1\.000", out, re.M)
    assert "signature: metric:v1|schema:1|corpus:" in out and "|split:test|mode:span|" in out


def test_json_format_is_versioned_and_flat(tmp_path, capsys):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub, "--format", "json", "--bootstrap", "10"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format_version"] == 1
    assert report["metrics"]["events.arg_c.f1"] == 1.0
    assert report["signature_fields"]["bootstrap"] == 10
    assert SEED_ID in report["per_document"]


def test_markdown_row(tmp_path, capsys):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub, "--format", "markdown", "--system", "gold"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("| system | entities strict |") and out[2].startswith("| gold | 1.000 [1.000, 1.000] |")
    # Every table line has as many cells as the header: no unescaped "|" from the signature
    # breaks a row, and the row is the leaderboard's own format.
    cells = lambda line: len(re.split(r"(?<!\\)\|", line))  # noqa: E731
    assert cells(out[0]) == cells(out[1]) == cells(out[2])
    signature_line = next(line for line in out if line.startswith("`metric:v1"))
    assert "|" in signature_line


def test_markdown_row_escapes_a_pipe_in_the_system_name(tmp_path, capsys):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub, "--format", "markdown", "--system", "a|b"]) == 0
    row = capsys.readouterr().out.splitlines()[2]
    assert row.startswith("| a\\|b | ")


def test_default_table_is_narrow_and_all_metrics_lists_every_scheme(tmp_path, capsys):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub]) == 0
    narrow = capsys.readouterr().out
    assert max(len(line) for line in narrow.splitlines() if not line.startswith("signature")) <= 100
    assert "entities.partial" not in narrow
    assert main(["score", sub, "--all-metrics"]) == 0
    wide = capsys.readouterr().out
    assert "entities.partial" in wide and "sources.quote_links" in wide


def test_fail_under(tmp_path, capsys):
    docs = gold_docs()
    for doc in docs:
        doc["quotes"] = []
        for s in doc["sources"]:
            s["quote_ids"] = []
    sub = write_submission(tmp_path / "weak.jsonl", docs)
    assert main(["score", sub, "--fail-under", "entities.strict.f1=0.9"]) == 0
    assert main(["score", sub, "--fail-under", "entities.strict.f1=0.9", "--fail-under", "quotes.detection.f1=0.5"]) == 1
    err = capsys.readouterr().err
    assert "FAIL: quotes.detection.f1 = 0.0000 is below 0.5" in err and "entities.strict" not in err.split("FAIL")[-1]
    with pytest.raises(SystemExit) as e:
        main(["score", sub, "--fail-under", "nonsense"])
    assert e.value.code == 2


def test_invalid_submission_exits_1_and_scores_nothing(tmp_path, capsys):
    docs = gold_docs()
    docs[0]["entities"][0]["mentions"][0]["span"]["text"] = "wrong"
    sub = write_submission(tmp_path / "bad.jsonl", docs + [{"id": "nope", "entities": [], "quotes": [], "events": [], "sources": []}])
    assert main(["score", sub]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"{sub}:1: /entities/0/mentions/0/span: text 'wrong' differs" in captured.err
    assert f"{sub}:{len(docs) + 1}: /id: unknown article id 'nope'" in captured.err


def test_missing_documents_warn_and_score_empty(tmp_path, capsys):
    docs = gold_docs()
    sub = write_submission(tmp_path / "one.jsonl", docs[:1])
    assert main(["score", sub, "--bootstrap", "0"]) == 0
    captured = capsys.readouterr()
    n = len(docs)
    assert f"warning: {n - 1} of {n} gold articles have no prediction" in captured.err


def test_an_empty_submission_is_rejected_by_score_as_by_validate(tmp_path, capsys):
    sub = write_submission(tmp_path / "none.jsonl", [])
    assert main(["score", sub, "--bootstrap", "0"]) == 1
    assert main(["validate", sub]) == 1
    err = capsys.readouterr().err
    assert err.count("the submission is empty") == 2


def test_unknown_type_warns_and_counts_as_false_positive(tmp_path, capsys):
    docs = gold_docs()
    docs[0]["entities"][0]["type"] = "ALIEN"
    sub = write_submission(tmp_path / "alien.jsonl", docs)
    assert main(["score", sub, "--format", "json", "--bootstrap", "0"]) == 0
    captured = capsys.readouterr()
    assert "entity type 'ALIEN'" in captured.err
    report = json.loads(captured.out)
    assert report["counts"]["entities.strict"]["fp"] == len(docs[0]["entities"][0]["mentions"])


def test_errors_file(tmp_path):
    docs = gold_docs()
    del docs[0]["entities"][1]["mentions"][1]  # "Washington": no quote or source refers to it
    sub = write_submission(tmp_path / "d.jsonl", docs)
    errors = tmp_path / "errors.jsonl"
    assert main(["score", sub, "--errors", str(errors), "--bootstrap", "0"]) == 0
    rows = [json.loads(line) for line in errors.read_text().splitlines()]
    assert rows and all(r["doc"] == SEED_ID for r in rows)
    assert any(r["layer"] == "entities" and r["error"] == "fn" for r in rows)


def test_mixed_span_kinds_are_rejected(tmp_path, capsys):
    docs = gold_docs()
    docs[0]["entities"][0]["mentions"][0]["span"] = {"text": "Kremlin"}
    sub = write_submission(tmp_path / "mixed.jsonl", docs)
    assert main(["score", sub]) == 1
    assert "some spans have offsets and some do not" in capsys.readouterr().err


def test_compare(tmp_path, capsys):
    a = write_submission(tmp_path / "a.jsonl", gold_docs())
    weaker = gold_docs()
    weaker[0]["events"] = weaker[0]["events"][:3]
    b = write_submission(tmp_path / "b.jsonl", weaker)
    assert main(["compare", a, b, "--trials", "200", "--bootstrap", "1000", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    tri = result["metrics"]["events.tri_c"]
    assert tri["a"] == 1.0 and tri["b"] < 1.0 and tri["delta"] < 0
    # The systems differ on one document only. Swapping outputs per document never changes the
    # size of the difference, so every randomisation trial counts: p = (200 + 1) / (200 + 1).
    assert tri["p_randomization"] == 1.0
    # A bootstrap resample shows no difference exactly when it leaves that document out, which
    # happens with probability (1 - 1/n)^n; those resamples are the ones counted against B.
    n = len(weaker)
    assert tri["p_bootstrap"] == pytest.approx((1 - 1 / n) ** n, abs=0.05)
    assert result["metrics"]["entities.strict"]["delta"] == 0


@pytest.mark.parametrize("argv, words", [
    (["score", "{sub}", "-o", "{tmp}/no/such/dir/report.json", "--bootstrap", "0"], "No such file or directory"),
    (["score", "{sub}", "--baseline", "{tmp}/not_a_report.json", "--bootstrap", "0"], "not a Byline JSON report"),
    (["history", "add", "{tmp}/not_a_report.json", "--history", "{tmp}/h.jsonl"], "not a Byline JSON report"),
    (["benchmark", "--baselines", "rules", "--bootstrap", "0", "--update-readme", "{tmp}/not_a_report.json"], "no leaderboard markers"),
    (["score", "{tmp}/missing.jsonl"], "cannot read"),
    (["stats", "--gold", "{tmp}"], "not a corpus folder"),
])
def test_bad_input_is_a_message_not_a_traceback(tmp_path, capsys, argv, words):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    (tmp_path / "not_a_report.json").write_text("{}")
    argv = [a.format(sub=sub, tmp=tmp_path) for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_by_article_and_by_type_tables_and_json(tmp_path, capsys):
    docs = gold_docs()
    docs[0]["events"] = []  # the first article loses its events; the others stay perfect
    sub = write_submission(tmp_path / "sub.jsonl", docs)
    assert main(["score", sub, "--by", "article", "--format", "json", "--bootstrap", "0"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["article"] for r in rows] == sorted(d["id"] for d in docs)
    first = next(r for r in rows if r["article"] == docs[0]["id"])
    assert first["events.tri_c.f1"] == 0.0 and first["entities.strict.f1"] == 1.0
    assert all(r["events.tri_c.f1"] in (1.0, None) for r in rows if r is not first)
    assert main(["score", sub, "--by", "type", "--format", "json", "--bootstrap", "0"]) == 0
    types = json.loads(capsys.readouterr().out)
    lost = {ev["type"] for ev in GOLD.by_id()[docs[0]["id"]]["events"]}
    for r in types:
        if r["metric"] == "events.tri_c" and r["type"] in lost:
            assert r["fn"] > 0 and r["fp"] == 0
        if r["metric"] == "entities.strict":
            assert r["f1"] == 1.0
    assert main(["score", sub, "--by", "type", "--bootstrap", "0"]) == 0
    assert capsys.readouterr().out.splitlines()[0].split()[:3] == ["metric", "type", "precision"]


def test_every_unknown_metric_key_is_a_usage_error(tmp_path):
    sub = write_submission(tmp_path / "gold.jsonl", gold_docs())
    assert main(["score", sub, "-o", str(tmp_path / "base.json"), "--bootstrap", "0"]) == 0
    for argv in (["--fail-under", "no.such.key=0.5"], ["--baseline", str(tmp_path / "base.json"), "--max-drop", "no.such.key=0.1"]):
        with pytest.raises(SystemExit) as e:
            main(["score", sub, "--bootstrap", "0", *argv])
        assert e.value.code == 2
