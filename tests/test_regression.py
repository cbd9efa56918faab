"""Regression tracking: --baseline, the pytest plugin and the score history (the GitHub Actions
workflow is run in tests/test_workflow.py)."""

import subprocess
import sys

import pytest

from byline.cli import main
from support import REPO


def _rules_submission(path, drop_quotes=False):
    inputs = path.with_name(path.stem + "-inputs.jsonl")
    assert main(["inputs", "--split", "test", "-o", str(inputs)]) == 0
    subprocess.run([sys.executable, str(REPO / "examples" / "sample_extractor.py"), str(inputs), str(path)]
                   + (["--degrade", "quotes"] if drop_quotes else []), check=True)
    return str(path)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    d = tmp_path_factory.mktemp("stored")
    sub = _rules_submission(d / "base.jsonl")
    assert main(["score", sub, "-o", str(d / "baseline.json"), "--bootstrap", "200"]) == 0
    return d


def test_unchanged_submission_passes_against_its_baseline(stored, capsys):
    assert main(["score", str(stored / "base.jsonl"), "--baseline", str(stored / "baseline.json"), "--bootstrap", "200"]) == 0
    assert "REGRESSION" not in capsys.readouterr().err


def test_degraded_submission_fails_naming_the_metrics(stored, tmp_path, capsys):
    worse = _rules_submission(tmp_path / "worse.jsonl", drop_quotes=True)
    assert main(["score", worse, "--baseline", str(stored / "baseline.json"), "--bootstrap", "200"]) == 1
    err = capsys.readouterr().err
    assert "FAIL: quotes.detection.f1 fell from" in err and "paired bootstrap p =" in err
    assert "FAIL: entities.strict.f1" not in err
    # A per-key tolerance can let a known drop through.
    assert main(["score", worse, "--baseline", str(stored / "baseline.json"), "--bootstrap", "200",
                 "--max-drop", "quotes.detection.f1=1", "--max-drop", "quotes.form.f1=1",
                 "--max-drop", "quotes.speaker.f1=1", "--max-drop", "sources.quote_links.f1=1"]) == 0


def test_different_signature_is_an_error(stored, capsys):
    assert main(["score", str(stored / "base.jsonl"), "--baseline", str(stored / "baseline.json"), "--bootstrap", "100"]) == 1
    assert "signature differs in bootstrap: 200 vs 100" in capsys.readouterr().err


PLUGIN_EXAMPLE = '''
import json
from byline.baselines.rules import predict

def test_extractor_keeps_its_scores(byline_split, byline_assert_scores):
    predictions = [predict(article) for article in byline_split("test")]
    byline_assert_scores(predictions, {"entities.strict.f1": BAR})
'''


@pytest.mark.parametrize("bar, outcome", [(0.2, "passed"), (0.99, "failed")])
def test_pytest_plugin_example(pytester, bar, outcome):
    pytester.makepyfile(PLUGIN_EXAMPLE.replace("BAR", str(bar)))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(**{outcome: 1})
    if outcome == "failed":
        result.stdout.fnmatch_lines(["*Byline scores below their thresholds:*", "*entities.strict.f1: 0.* < 0.99*",
                                     "*signature: metric:v1|*"])


def test_plugin_example_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "def test_extractor_keeps_its_scores(byline_split, byline_assert_scores):" in readme


def test_history_add_show_and_plot(stored, tmp_path, capsys):
    hist = tmp_path / "history.jsonl"
    worse = _rules_submission(tmp_path / "worse.jsonl", drop_quotes=True)
    assert main(["score", worse, "-o", str(tmp_path / "v2.json"), "--bootstrap", "200"]) == 0
    assert main(["history", "add", str(stored / "baseline.json"), "--history", str(hist), "--label", "v1"]) == 0
    assert main(["history", "add", str(tmp_path / "v2.json"), "--history", str(hist), "--label", "v2"]) == 0
    capsys.readouterr()
    png = tmp_path / "trend.png"
    assert main(["history", "show", "--history", str(hist), "--plot", str(png)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("quotes.detection.f1"))
    before, after = map(float, row.split()[1:3])
    assert before > after
    assert "[1] metric:v1|" in out and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    hist.write_text(hist.read_text() + "not json\n")
    assert main(["history", "show", "--history", str(hist)]) == 1


def test_summary_without_a_baseline_is_the_score_row(stored, tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    assert main(["score", str(stored / "base.jsonl"), "--bootstrap", "0", "--summary", str(summary)]) == 0
    text = summary.read_text()
    assert text.startswith("earlier step\n### Byline scores")  # appended, as GitHub expects
    assert "| system | " in text and "metric:v1|" in text


def test_create_missing_baseline_needs_a_baseline_path(stored):
    with pytest.raises(SystemExit) as e:
        main(["score", str(stored / "base.jsonl"), "--create-missing-baseline"])
    assert e.value.code == 2
