"""`byline release`: the release checklist as one command over a Byline checkout.

A release bumps the package version (pyproject.toml, byline/__init__.py, CITATION.cff, the
README's BibTeX), optionally the corpus version (corpus/corpus.json, with a history entry: a
correction of the data is a new corpus version), turns CHANGELOG.md's "## Unreleased" section into
the release's entry, records the repository and Hub URLs once the project has them, rebuilds
dataset/ and checks it. Without `apply` it only says what it would change.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

from byline.problems import BylineInputError, Problem

UNRELEASED = "## Unreleased"


@dataclass
class Edit:
    path: Path
    before: str
    after: str
    what: str


def _version_tuple(v: str) -> tuple[int, ...]:
    if not re.fullmatch(r"\d+(\.\d+)*", v):
        raise BylineInputError([Problem("--version", "", f"{v!r} is not a version like 0.3.0")])
    return tuple(int(x) for x in v.split("."))


def _sub_once(text: str, pattern: str, repl: str, path: Path, what: str) -> str:
    new, n = re.subn(pattern, repl, text, count=1, flags=re.M)
    if n != 1:
        raise BylineInputError([Problem(str(path), "", f"cannot find {what} to update")])
    return new


def _read(root: Path, rel: str) -> tuple[Path, str]:
    path = root / rel
    if not path.is_file():
        raise BylineInputError([Problem(str(path), "", "missing: run `byline release` in a Byline checkout (--root)")])
    return path, path.read_text(encoding="utf-8")


def plan_release(root: str | Path, package_version: str, corpus_version: str | None = None,
                 corpus_changes: str | None = None, repository: str | None = None, hub_id: str | None = None,
                 day: str | None = None) -> list[Edit]:
    """Every file edit of the release, computed but not written."""
    root = Path(root)
    day = day or _date.today().isoformat()
    edits: list[Edit] = []

    path, text = _read(root, "byline/__init__.py")
    current = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not current:
        raise BylineInputError([Problem(str(path), "", "no __version__ line")])
    if _version_tuple(package_version) <= _version_tuple(current.group(1)):
        raise BylineInputError([Problem("--package-version", "", f"{package_version} is not above the current "
                                        f"{current.group(1)}")])
    edits.append(Edit(path, text, _sub_once(text, r'^__version__ = "[^"]+"', f'__version__ = "{package_version}"',
                                            path, "__version__"), f"__version__ {current.group(1)} -> {package_version}"))

    path, text = _read(root, "pyproject.toml")
    new = _sub_once(text, r'^version = "[^"]+"', f'version = "{package_version}"', path, "the [project] version")
    if repository:
        urls = f'[project.urls]\nRepository = "{repository}"\n' + (
            f'Dataset = "https://huggingface.co/datasets/{hub_id}"\n' if hub_id else "")
        if "[project.urls]" in new:
            new = re.sub(r"^\[project\.urls\]\n(?:[^\[\n].*\n)*", urls, new, count=1, flags=re.M)
        else:
            new = new.replace("\n[project.optional-dependencies]", f"\n{urls}\n[project.optional-dependencies]", 1)
    edits.append(Edit(path, text, new, f"version {package_version}" + (", [project.urls]" if repository else "")))

    path, text = _read(root, "CITATION.cff")
    new = _sub_once(text, r"^version: .*$", f"version: {package_version}", path, "version:")
    new = _sub_once(new, r"^date-released: .*$", f'date-released: "{day}"', path, "date-released:")
    if repository:
        for key, value in (("repository-code", repository), ("url", repository)):
            if re.search(rf"^{key}: ", new, re.M):
                new = re.sub(rf"^{key}: .*$", f'{key}: "{value}"', new, count=1, flags=re.M)
            else:
                new = new.replace("\nlicense:", f'\n{key}: "{value}"\nlicense:', 1)
    edits.append(Edit(path, text, new, f"version {package_version}, released {day}"))

    path, text = _read(root, "README.md")
    edits.append(Edit(path, text, _sub_once(text, r"note   = \{Version [^}]+\}", f"note   = {{Version {package_version}}}",
                                            path, "the BibTeX version note"), "BibTeX version note"))

    path, text = _read(root, "CHANGELOG.md")
    found = re.search(rf"^{UNRELEASED}[ \t]*$", text, re.M)  # the heading line, not a mention of it
    if not found:
        raise BylineInputError([Problem(str(path), "", f"no '{UNRELEASED}' section: write what changed there first")])
    body = text[found.end():].split("\n## ", 1)[0]
    if not body.strip():
        raise BylineInputError([Problem(str(path), "", f"the '{UNRELEASED}' section is empty: say what changed")])
    heading = f"## {package_version}" + (f" and corpus {corpus_version}" if corpus_version else "") + f" ({day})"
    edits.append(Edit(path, text, text[:found.start()] + heading + text[found.end():], heading[3:]))

    path, text = _read(root, "corpus/corpus.json")
    meta = json.loads(text)
    if corpus_version:
        if _version_tuple(corpus_version) <= _version_tuple(meta["version"]):
            raise BylineInputError([Problem("--corpus-version", "", f"{corpus_version} is not above the current "
                                            f"{meta['version']}")])
        if not corpus_changes:
            raise BylineInputError([Problem("--corpus-changes", "", "a new corpus version needs its history line")])
        meta["version"], meta["released"] = corpus_version, day
        meta.setdefault("history", []).append({"version": corpus_version, "date": day, "changes": corpus_changes})
    if repository:
        meta["repository"] = repository
    if hub_id:
        meta["hub_id"] = hub_id
    new = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    if new != text:
        edits.append(Edit(path, text, new, f"corpus {meta['version']}"))
    return edits


def apply_release(root: str | Path, edits: list[Edit]) -> list[str]:
    """Validate the corpus, write the edits, rebuild dataset/ and check it; return problems.

    Nothing is written when the corpus does not validate."""
    from byline.corpus import read_corpus
    from byline.hf.build import build, check
    from byline.validate import validate_corpus

    root = Path(root)
    corpus, problems = validate_corpus(root / "corpus")
    if problems:
        return [str(p) for p in problems]
    for e in edits:
        e.path.write_text(e.after, encoding="utf-8")
    corpus, _ = read_corpus(root / "corpus")  # re-read only (validated above): corpus.json may have a new version
    build(corpus, root / "dataset")
    return check(corpus, root / "dataset")


NEXT_STEPS = """next, by hand:
  1. python -m pytest -q tests benchmarks      (the whole suite)
  2. git commit -am "Release {v}" && git tag v{v}
  3. python -m pip wheel --no-deps . -w dist   (the wheel teams pin in byline-requirements.txt)
  4. byline publish dataset --repo-id ORG/NAME (the only networked step; --dry-run first)"""
