"""The GitHub Actions workflow in examples/github-actions/, run step by step in a throwaway git
repository with a stand-in extractor, as GitHub would run it: a first push creates and commits the
baseline, an unchanged push passes, a degraded pull request fails with a step summary.

`uses:` steps (checkout, setup-python, upload-artifact) are GitHub's own and are skipped; every
`run:` step is executed by sh with the workflow's env, `${{ ... }}` expressions replaced by the
values GitHub would give them.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support import REPO

WORKFLOW = REPO / "examples" / "github-actions" / "byline-regression.yml"
EXTRACTOR = 'python sample_extractor.py "$BYLINE_INPUTS" "$BYLINE_PREDICTIONS"'


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _expression(expr: str, event: str, rebaseline: bool, failed: bool):
    """The few expressions the workflow uses, evaluated as GitHub Actions would."""
    values = {"vars.BYLINE_EXTRACTOR": EXTRACTOR, "inputs.rebaseline": rebaseline, "always()": True,
              "github.event_name != 'pull_request'": event != "pull_request"}
    if expr not in values:
        raise AssertionError(f"the test does not know the expression {expr!r}: teach it")
    return values[expr]


def run_workflow(repo: Path, event: str, degrade: bool = False, rebaseline: bool = False) -> tuple[bool, str, str]:
    """Run every run: step in order; a failed step skips the rest except `if: always()` ones."""
    spec = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    summary = repo.parent / f"summary-{event}-{degrade}.md"
    summary.write_text("")
    env = dict(os.environ, **spec["env"], GITHUB_STEP_SUMMARY=str(summary),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    failed, log = False, []
    for step in spec["jobs"]["score"]["steps"]:
        cond = step.get("if")
        if cond is not None:
            m = re.fullmatch(r"\$\{\{\s*(.+?)\s*\}\}", cond)
            if not _expression(m.group(1), event, rebaseline, failed):
                continue
        elif failed:
            continue
        if "uses" in step:
            continue
        step_env = dict(env)
        for k, v in step.get("env", {}).items():
            step_env[k] = re.sub(r"\$\{\{\s*(.+?)\s*\}\}",
                                 lambda m: str(_expression(m.group(1), event, rebaseline, failed)), v)
        if degrade and step["name"] == "Run the extractor":
            step_env["BYLINE_EXTRACTOR"] += " --degrade quotes"
        done = subprocess.run(["sh", "-e", "-c", step["run"]], cwd=repo, env=step_env, capture_output=True, text=True)
        log.append(f"$ {step['name']}\n{done.stdout}{done.stderr}")
        failed = failed or done.returncode != 0
    return not failed, summary.read_text(encoding="utf-8"), "\n".join(log)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    base = tmp_path_factory.mktemp("team")
    remote, work = base / "remote.git", base / "work"
    _git(base, "init", "-q", "--bare", str(remote))
    _git(base, "init", "-q", "-b", "main", str(work))
    _git(work, "config", "user.email", "team@example.org")
    _git(work, "config", "user.name", "team")
    (work / "sample_extractor.py").write_bytes((REPO / "examples" / "sample_extractor.py").read_bytes())
    # Byline is installed in this test's environment already, so the pin is satisfied offline.
    (work / "byline-requirements.txt").write_text("byline\n")
    _git(work, "add", ".")
    _git(work, "commit", "-q", "-m", "team extractor")
    _git(work, "remote", "add", "origin", str(remote))
    _git(work, "push", "-q", "-u", "origin", "main")
    return work


def test_the_workflow_creates_then_keeps_then_enforces_the_baseline(repo):
    ok, summary, log = run_workflow(repo, "push")
    assert ok, log
    assert "created it from this run" in summary
    pushed = subprocess.run(["git", "log", "--format=%s", "origin/main"], cwd=repo, capture_output=True, text=True).stdout
    assert "Store the Byline baseline report" in pushed.splitlines()[0]

    ok, summary, log = run_workflow(repo, "push")
    assert ok, log
    assert "| metric | baseline | now | change | paired p | verdict |" in summary and "No regression." in summary
    pushed_again = subprocess.run(["git", "log", "--format=%s", "origin/main"], cwd=repo, capture_output=True, text=True).stdout
    assert pushed_again == pushed  # nothing new to commit

    ok, summary, log = run_workflow(repo, "pull_request", degrade=True)
    assert not ok
    assert "**FAIL**" in summary and "| `quotes.detection.f1` |" in summary and "**regression**" in summary
    assert "| `entities.strict.f1` |" in summary and "quotes.detection.f1 fell from" in summary
    assert (repo / "byline-report.json").is_file() and (repo / "byline-errors.jsonl").is_file()

    # Re-baselining on purpose (workflow_dispatch with rebaseline): the degraded run becomes the
    # stored baseline, is committed, and passes.
    ok, summary, log = run_workflow(repo, "workflow_dispatch", degrade=True, rebaseline=True)
    assert ok, log
    assert "created it from this run" in summary
    top = subprocess.run(["git", "log", "--format=%s", "origin/main"], cwd=repo, capture_output=True, text=True).stdout
    assert len(top.splitlines()) == len(pushed.splitlines()) + 1
