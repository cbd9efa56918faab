"""`byline release` on a copy of the checkout: every version moves together, the CHANGELOG's
Unreleased section becomes the entry, URLs appear only when given, dataset/ is rebuilt and
checked, and a dry run writes nothing."""

import json
import re
import shutil

import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

from byline.cli import main
from byline.problems import BylineInputError
from byline.release import plan_release
from support import REPO

FILES = ["pyproject.toml", "byline/__init__.py", "CITATION.cff", "README.md", "CHANGELOG.md"]


@pytest.fixture
def checkout(tmp_path):
    for rel in FILES:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, tmp_path / rel)
    shutil.copytree(REPO / "corpus", tmp_path / "corpus")
    log = tmp_path / "CHANGELOG.md"
    text = log.read_text(encoding="utf-8")
    # The copy gets one known Unreleased section, whatever the real CHANGELOG has under that heading.
    text = re.sub(r"\n## Unreleased[ \t]*\n.*?(?=\n## )", "", text, flags=re.S)
    first = text.index("\n## ")
    log.write_text(text[:first] + "\n## Unreleased\n\n- Fixed a thing.\n" + text[first:], encoding="utf-8")
    return tmp_path


def _snapshot(root):
    return {rel: (root / rel).read_text(encoding="utf-8") for rel in FILES + ["corpus/corpus.json"]}


def test_dry_run_writes_nothing(checkout, capsys):
    before = _snapshot(checkout)
    assert main(["release", "--package-version", "9.0.0", "--root", str(checkout)]) == 0
    assert "would edit" in capsys.readouterr().out
    assert _snapshot(checkout) == before and not (checkout / "dataset").exists()


def test_release_moves_every_version_and_rebuilds(checkout, capsys):
    assert main(["release", "--package-version", "9.0.0", "--corpus-version", "9.1", "--corpus-changes", "Fixes.",
                 "--repository", "https://git.example.org/byline", "--hub-id", "example/byline",
                 "--root", str(checkout), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "rebuilt" in out and "git tag v9.0.0" in out
    assert '__version__ = "9.0.0"' in (checkout / "byline/__init__.py").read_text()
    pyproject = (checkout / "pyproject.toml").read_text()
    assert 'version = "9.0.0"' in pyproject
    assert '[project.urls]\nRepository = "https://git.example.org/byline"\nDataset = "https://huggingface.co/datasets/example/byline"' in pyproject
    cff = yaml.safe_load((checkout / "CITATION.cff").read_text())
    schema = json.loads((REPO / "tests/data/citation-file-format-1.2.0.schema.json").read_text())
    assert not list(Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(cff))
    assert cff["version"] == "9.0.0" and cff["repository-code"] == "https://git.example.org/byline"
    assert "note   = {Version 9.0.0}" in (checkout / "README.md").read_text()
    log = (checkout / "CHANGELOG.md").read_text()
    assert "\n## Unreleased\n" not in log and "## 9.0.0 and corpus 9.1 (" in log and "- Fixed a thing." in log
    meta = json.loads((checkout / "corpus/corpus.json").read_text())
    assert meta["version"] == "9.1" and meta["history"][-1]["changes"] == "Fixes."
    card = (checkout / "dataset/README.md").read_text()
    assert "https://git.example.org/byline" in card and 'load_dataset("example/byline")' in card
    assert (checkout / "dataset/LICENSE").is_file()
    assert main(["build", str(checkout / "dataset"), "--corpus", str(checkout / "corpus"), "--check"]) == 0


def test_release_refuses_what_would_be_untrue(checkout):
    with pytest.raises(BylineInputError, match="not above the current"):
        plan_release(checkout, "0.0.1")
    with pytest.raises(BylineInputError, match="needs its history line"):
        plan_release(checkout, "9.0.0", corpus_version="9.1")
    log = checkout / "CHANGELOG.md"
    log.write_text(log.read_text().replace("## Unreleased\n\n- Fixed a thing.\n", ""))
    with pytest.raises(BylineInputError, match="no '## Unreleased' section"):
        plan_release(checkout, "9.0.0")
