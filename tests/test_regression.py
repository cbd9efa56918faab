"""Regression tracking: --baseline, the pytest plugin, the GitHub Actions workflow's commands,
and the score history."""

import json
import os
import shlex
import subprocess
import sys

import pytest
import yaml

from byline.cli import main
from support import REPO

WORKFLOW = REPO / "docs" / "byline-regression.yml"


def _rules_submission(path, drop_quotes=False):
    subprocess.run([sys.executable, str(REPO / "examples" / "sample_extractor.py"), "--split", "test", "-o", str(path)]
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


def test_workflow_copies_are_identical_and_its_commands_work(stored, tmp_path):
    assert WORKFLOW.read_text() == (REPO / "examples" / "github-actions" / "byline-regression.yml").read_text()
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["score"]["steps"]
    commands = {s["name"]: s["run"] for s in steps if "run" in s}
    assert commands["Install Byline"].startswith("python -m pip install")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "sample_extractor.py").write_bytes((REPO / "examples" / "sample_extractor.py").read_bytes())
    (tmp_path / "byline-baseline.json").write_bytes((stored / "baseline.json").read_bytes())
    env = dict(os.environ)
    bylinebin = os.path.join(os.path.dirname(sys.executable), "byline")

    def step(name, extra=()):
        argv = shlex.split(commands[name]) + list(extra)
        argv = [sys.executable if a == "python" else bylinebin if a == "byline" else a for a in argv]
        return subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True)

    assert step("Run the extractor on the test split").returncode == 0
    done = step("Score against the stored report", ["--bootstrap", "200"])
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "byline-report.json").read_text())["metrics"]["entities.strict.f1"] > 0
    assert (tmp_path / "byline-errors.jsonl").read_text().strip()
    subprocess.run([sys.executable, "examples/sample_extractor.py", "--split", "test", "-o", "predictions.jsonl",
                    "--degrade", "quotes"], cwd=tmp_path, check=True)
    done = step("Score against the stored report", ["--bootstrap", "200"])
    assert done.returncode == 1 and "FAIL: quotes.detection.f1 fell from" in done.stderr


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
