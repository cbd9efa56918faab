"""The library API (byline.score), the one submission checker, and signatures that survive a
package upgrade but not a change of metric definitions."""

import copy
import json

import pytest

import byline
from byline.cli import main
from byline.corpus import load_corpus
from byline.problems import Problem, capped
from byline.scoring import catalogue

GOLD = load_corpus()


def gold_lines(split="test"):
    return [{k: copy.deepcopy(d[k]) for k in ("id", "entities", "quotes", "events", "sources")} for d in GOLD.split(split)]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_score_accepts_a_list_a_dict_and_a_path_and_they_agree(tmp_path):
    lines = gold_lines()
    from_list = byline.score(lines, bootstrap=0)
    from_dict = byline.score({d["id"]: d for d in lines}, bootstrap=0)
    from_path = byline.score(write_jsonl(tmp_path / "gold.jsonl", lines), bootstrap=0)
    assert from_list.metrics == from_dict.metrics == from_path.metrics
    assert from_list.metrics["quotes.speaker.f1"] == 1.0 and from_list.signature.split == "test"
    assert isinstance(from_list, byline.Report)


def test_score_rejects_bad_objects_with_located_messages():
    lines = gold_lines()
    lines[1]["id"] = "no-such-article"
    del lines[2]["quotes"]
    with pytest.raises(byline.BylineInputError) as err:
        byline.score(lines, bootstrap=0)
    text = str(err.value)
    assert "<predictions>:2: /id: unknown article id 'no-such-article'" in text
    assert "<predictions>:3: /: 'quotes' is a required property" in text
    assert all(isinstance(p, Problem) for p in err.value.problems)


def test_mixed_span_kinds_are_refused_alike_by_validate_score_and_the_api(tmp_path, capsys):
    lines = gold_lines()[:2]
    for ent in lines[1]["entities"]:
        for m in ent["mentions"]:
            m["span"] = {"text": m["span"]["text"]}
    for q in lines[1]["quotes"]:
        q["content"] = [{"text": c["text"]} for c in q["content"]]
        q["cue"] = q["cue"] and {"text": q["cue"]["text"]}
        q["speaker_mention"] = q["speaker_mention"] and {"text": q["speaker_mention"]["text"]}
    for ev in lines[1]["events"]:
        ev["triggers"] = [{"text": t["text"]} for t in ev["triggers"]]
        for a in ev["arguments"]:
            a["span"] = a["span"] and {"text": a["span"]["text"]}
    for s in lines[1]["sources"]:
        s["mention"] = s["mention"] and {"text": s["mention"]["text"]}
        s["statements"] = [{"text": t["text"]} for t in s["statements"]]
    path = write_jsonl(tmp_path / "mixed.jsonl", lines)
    assert main(["validate", path]) == 1
    assert main(["score", path]) == 1
    err = capsys.readouterr().err
    assert err.count("a submission uses one kind of span throughout") == 2
    with pytest.raises(byline.BylineInputError, match="one kind of span throughout"):
        byline.score(lines, bootstrap=0)


def test_report_carries_its_errors_and_the_errors_file_is_written_from_it(tmp_path):
    lines = gold_lines()
    lines[0]["events"] = []  # every gold event of the first article becomes a false negative
    report = byline.score(lines, bootstrap=0, collect_errors=True)
    assert report.errors and {e["doc"] for e in report.errors} == {lines[0]["id"]}
    sub = write_jsonl(tmp_path / "sub.jsonl", lines)
    assert main(["score", sub, "--bootstrap", "0", "--errors", str(tmp_path / "errors.jsonl")]) == 0
    written = [json.loads(line) for line in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert written == report.errors


def test_messages_are_capped_per_file():
    problems = [Problem("a.jsonl", "/id", f"problem {i}", line=i) for i in range(1, 131)]
    problems.append(Problem("b.jsonl", "", "one"))
    shown = capped(problems)
    assert len(shown) == 50 + 1 + 1
    assert "a.jsonl: ... and 80 more problem(s) in this file" in shown
    assert "b.jsonl: /: one" in shown


def test_a_stored_baseline_survives_a_package_upgrade(tmp_path, monkeypatch):
    lines = gold_lines()
    sub = write_jsonl(tmp_path / "gold.jsonl", lines)
    assert main(["score", sub, "--bootstrap", "100", "-o", str(tmp_path / "old.json")]) == 0
    assert json.loads((tmp_path / "old.json").read_text())["package"] == byline.__version__
    monkeypatch.setattr(byline, "__version__", "99.0.0")  # a later release, same metric definitions
    assert main(["score", sub, "--bootstrap", "100", "-o", str(tmp_path / "new.json")]) == 0
    assert json.loads((tmp_path / "new.json").read_text())["package"] == "99.0.0"
    assert main(["score", sub, "--bootstrap", "100", "--baseline", str(tmp_path / "old.json")]) == 0


def test_a_report_from_before_metric_versions_is_read_as_version_1(tmp_path):
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    assert main(["score", sub, "--bootstrap", "100", "-o", str(tmp_path / "old.json")]) == 0
    data = json.loads((tmp_path / "old.json").read_text())
    data["signature"] = data["signature"].replace("metric:v1|", "byline:0.1.0|")  # as 0.1.0 wrote it
    del data["package"]
    (tmp_path / "old.json").write_text(json.dumps(data))
    assert main(["score", sub, "--bootstrap", "100", "--baseline", str(tmp_path / "old.json")]) == 0


def test_a_changed_metric_definition_asks_for_a_rebaseline(tmp_path, monkeypatch, capsys):
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    assert main(["score", sub, "--bootstrap", "100", "-o", str(tmp_path / "old.json")]) == 0
    import byline.scoring.run as run
    monkeypatch.setattr(run, "METRIC_VERSION", catalogue.METRIC_VERSION + 1)
    assert main(["score", sub, "--bootstrap", "100", "--baseline", str(tmp_path / "old.json")]) == 1
    err = capsys.readouterr().err
    assert f"metric definition changed from v{catalogue.METRIC_VERSION} to v{catalogue.METRIC_VERSION + 1}: re-baseline" in err
    assert "REGRESSION" not in err


def test_max_drop_without_baseline_is_a_usage_error(tmp_path):
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    with pytest.raises(SystemExit) as e:
        main(["score", sub, "--max-drop", "0.02"])
    assert e.value.code == 2


def test_a_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    proc = subprocess.run(f"{sys.executable} -m byline score {sub} --all-metrics --format json --bootstrap 0 | head -1",
                          shell=True, capture_output=True, text=True)
    assert proc.stdout.startswith("{") and "Broken pipe" not in proc.stderr and "Traceback" not in proc.stderr


def test_a_missing_optional_dependency_gives_an_install_hint(monkeypatch, capsys):
    import byline.cli as cli

    def needs_datasets(args):
        raise ModuleNotFoundError("No module named 'datasets'", name="datasets")
    monkeypatch.setattr(cli, "cmd_build", needs_datasets)
    assert main(["build", "somewhere"]) == 1
    err = capsys.readouterr().err
    assert "pip install 'byline[hf]'" in err and "Traceback" not in err


@pytest.mark.parametrize("found, expected", [(None, "need the 'datasets' package"), ("3.6.0", "need datasets>=4 (found 3.6.0)")])
def test_build_without_datasets_4_says_so_in_one_line(monkeypatch, capsys, tmp_path, found, expected):
    import importlib.metadata as md

    real = md.version

    def fake(name):
        if name == "datasets":
            if found is None:
                raise md.PackageNotFoundError(name)
            return found
        return real(name)
    monkeypatch.setattr(md, "version", fake)
    assert main(["build", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert expected in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("argv", [
    ["--fail-under", "entities.strict.f1=nan"],
    ["--fail-under", "entities.strict.f1=1.5"],
    ["--fail-under", "entities.strict.f1=0.5", "--fail-under", "entities.strict.f1=0.6"],
    ["--bootstrap", "-5"],
    ["--quote-threshold", "inf"],
    ["--baseline", "{sub}", "--max-drop", "0.1", "--max-drop", "0.2"],
    ["--baseline", "{sub}", "--max-drop", "-0.1"],
    ["-o", "{sub}"],
    ["--errors", "{sub}"],
])
def test_options_that_would_make_a_gate_meaningless_are_usage_errors(tmp_path, argv):
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    before = (tmp_path / "gold.jsonl").read_bytes()
    with pytest.raises(SystemExit) as e:
        main(["score", sub, *[a.replace("{sub}", sub) for a in argv]])
    assert e.value.code == 2
    assert (tmp_path / "gold.jsonl").read_bytes() == before  # nothing overwritten


def test_json_output_is_strict_even_without_intervals(tmp_path, capsys):
    sub = write_jsonl(tmp_path / "gold.jsonl", gold_lines())
    assert main(["score", sub, "--bootstrap", "0", "--format", "json"]) == 0
    text = capsys.readouterr().out
    assert "NaN" not in text
    data = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))
    assert all(v == [None, None] for v in data["ci95"].values())
