"""The package as a user meets it: README's commands, the citation file, an installed wheel."""

import json
import os
import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator, FormatChecker

import byline
from support import REPO


def readme_commands():
    return re.findall(r"```\n(python -m pip install[^\n]+)\n```", (REPO / "README.md").read_text(encoding="utf-8"))


def test_ci_runs_exactly_readmes_test_command():
    main_cmd, test_cmd = readme_commands()
    assert "byline benchmark" in main_cmd
    assert "pytest" in test_cmd
    assert test_cmd in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_citation_cff_is_valid_and_versioned():
    schema = json.loads((REPO / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    errors = list(Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(cff))
    assert not errors, [e.message for e in errors]
    assert str(cff["version"]) == byline.__version__
    bibtex_title = re.search(r"^@misc\{byline\d*,.*?^\s*title\s*=\s*\{(.+?)\},$",
                             (REPO / "README.md").read_text(encoding="utf-8"), re.M | re.S).group(1)
    assert cff["title"] == bibtex_title
    assert cff["type"] == "dataset"
    assert cff["license"][0] == "CC-BY-4.0" and "Apache-2.0" in cff["license"]


def test_changelog_and_licence_exist():
    assert (REPO / "CHANGELOG.md").read_text(encoding="utf-8").startswith("# Changelog")
    assert "CC BY 4.0" in (REPO / "LICENSE").read_text(encoding="utf-8")


def test_python_dash_m_byline():
    out = subprocess.run([sys.executable, "-m", "byline", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"byline {byline.__version__}"


@pytest.mark.slow
def test_installed_wheel_finds_schema_and_corpus_from_anywhere(tmp_path):
    wheel_dir = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
                   check=True, capture_output=True)
    [wheel] = list(wheel_dir.glob("byline-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    # The wheel's dependencies come from the interpreter running this test, whether that is a
    # venv or not (system_site_packages=True would see the base interpreter's packages instead,
    # which inside a venv lack jsonschema-rs and the rest): a .pth file puts its site-packages
    # after the new venv's own.
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # A venv made with --system-site-packages finds its dependencies in the base interpreter's
    # site-packages as well: those come too, after the venv's own.
    here |= {p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()}
    Path(purelib, "_outer_site_packages.pth").write_text("\n".join(sorted(here)) + "\n", encoding="utf-8")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], check=True,
                   capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = ("import byline, byline.resources as r; from byline.corpus import load_corpus;"
            "c = load_corpus(); print(byline.__file__); print(len(c.articles)); print(r.schema_dir())")
    out = subprocess.run([str(py), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env, check=True)
    file_, n_articles, schema = out.stdout.split("\n")[:3]
    assert str(env_dir) in file_ and str(REPO) not in file_
    assert int(n_articles) >= 1 and (Path(schema) / "article.schema.json").is_file()
    done = subprocess.run([str(env_dir / "bin" / "byline"), "validate", str(Path(schema).parent / "_corpus")],
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    # The word lists of the baselines and every sub-package travel with the wheel too.
    done = subprocess.run([str(env_dir / "bin" / "byline"), "benchmark", "--baselines", "rules", "--bootstrap", "0"],
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.splitlines()[2].startswith("rules "), done.stderr
    code = "import byline.hf.build, byline.baselines.learned.model, byline.pytest_plugin, byline.scoring.compare"
    subprocess.run([str(py), "-c", code], cwd=elsewhere, env=env, check=True)


def test_readme_corpus_figures_equal_byline_stats():
    from byline.corpus import load_corpus
    from byline.stats import corpus_stats

    t = corpus_stats(load_corpus(REPO / "corpus"))["overall"]["totals"]
    line = (f"{t['articles']} English news articles ({t['words']:,} words; {t['mentions']:,} entity mentions, "
            f"{t['quotes']} quotes, {t['events']}\nevents, {t['sources']} sources")
    assert line in (REPO / "README.md").read_text(encoding="utf-8")
