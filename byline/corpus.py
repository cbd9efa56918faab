"""Reading a corpus folder: corpus.json, splits.json and articles/ID.{txt,json}.

The raw text stays in ID.txt byte for byte; the annotation (metadata and the four layers) in
ID.json; the split in splits.json. `load_corpus` joins the three into one article dict per id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from byline.io import read_json, read_text
from byline.problems import BylineInputError, Problem, clip, pointer
from byline.resources import bundled_corpus_dir

SPLITS = ("train", "validation", "test")
# The order of keys in an assembled article (also the column order of the built dataset).
ARTICLE_KEYS = (
    "id", "title", "text", "outlet", "url", "published", "language", "license", "provenance",
    "split", "beat", "notes", "entities", "quotes", "events", "sources",
)


@dataclass
class Corpus:
    root: Path
    name: str
    version: str
    articles: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # the rest of corpus.json: release date, history, ...

    def by_id(self) -> dict[str, dict]:
        return {a["id"]: a for a in self.articles}

    def split(self, name: str | None) -> list[dict]:
        """Articles of one split ('all' or None for every article), sorted by id."""
        if name in (None, "all"):
            return list(self.articles)
        return [a for a in self.articles if a["split"] == name]

    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.articles)

    @property
    def version_tag(self) -> str:
        """Version and content hash, as the score signature shows them: 1.0+sha:3fa9c2."""
        return f"{self.version}+sha:{self.content_hash[:6]}"


def content_hash(articles: list[dict]) -> str:
    """SHA-256 over every article (text and annotation), independent of file order."""
    h = hashlib.sha256()
    for art in sorted(articles, key=lambda a: a["id"]):
        h.update(json.dumps(art, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def is_corpus_dir(path: Path) -> bool:
    return path.is_dir() and (path / "corpus.json").is_file()


def assemble(annotation: dict, text: str, split: str | None) -> dict:
    """One article dict in ARTICLE_KEYS order; unknown keys are kept (the schema rejects them)."""
    merged = dict(annotation, text=text, split=split)
    ordered = {k: merged[k] for k in ARTICLE_KEYS if k in merged}
    ordered.update({k: v for k, v in merged.items() if k not in ordered})
    return ordered


def read_splits(root: Path) -> tuple[dict[str, str], list[Problem]]:
    """splits.json maps each split name to a list of article ids; return id -> split."""
    path = root / "splits.json"
    problems: list[Problem] = []
    if not path.is_file():
        return {}, [Problem(str(path), "", "missing: every corpus needs a splits.json")]
    data = read_json(path)
    if not isinstance(data, dict) or set(data) - set(SPLITS):
        return {}, [Problem(str(path), "", f"expected an object with keys {list(SPLITS)}")]
    of: dict[str, str] = {}
    for name, ids in data.items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            problems.append(Problem(str(path), pointer(name), "expected a list of article ids"))
            continue
        for i, doc_id in enumerate(ids):
            if doc_id in of:
                problems.append(Problem(str(path), pointer(name, i),
                                        f"article {clip(doc_id)} is already in split {of[doc_id]!r}"))
            else:
                of[doc_id] = name
    return of, problems


def read_corpus(root: str | Path) -> tuple[Corpus, list[Problem]]:
    """Read every article; return the corpus and the problems of reading (not of validating)."""
    root = Path(root)
    problems: list[Problem] = []
    meta_path = root / "corpus.json"
    meta: object = {}
    if not meta_path.is_file():
        problems.append(Problem(str(meta_path), "", "missing: a corpus needs corpus.json"))
    else:
        try:
            meta = read_json(meta_path)
        except BylineInputError as e:
            problems += e.problems
        if not isinstance(meta, dict):
            problems.append(Problem(str(meta_path), "", f"expected a JSON object with name and version, "
                                                        f"not {type(meta).__name__ if meta is not None else 'null'}"))
            meta = {}
    name, version = meta.get("name", "unknown"), meta.get("version", "unknown")
    for key in ("name", "version"):
        if not isinstance(meta.get(key), str):
            problems.append(Problem(str(meta_path), pointer(key), "expected a string"))

    try:
        splits, split_problems = read_splits(root)
    except BylineInputError as e:
        splits, split_problems = {}, e.problems
    problems += split_problems
    art_dir = root / "articles"
    stems_json = {p.stem for p in art_dir.glob("*.json")}
    stems_txt = {p.stem for p in art_dir.glob("*.txt")}
    for stem in sorted(stems_txt - stems_json):
        problems.append(Problem(str(art_dir / f"{stem}.txt"), "", f"no annotation file {stem}.json beside it"))
    for stem in sorted(stems_json - stems_txt):
        problems.append(Problem(str(art_dir / f"{stem}.json"), "", f"no text file {stem}.txt beside it"))

    articles = []
    for stem in sorted(stems_json & stems_txt):
        json_path = art_dir / f"{stem}.json"
        try:
            annotation = read_json(json_path)
            text = read_text(art_dir / f"{stem}.txt")
        except BylineInputError as e:
            problems += e.problems
            continue
        if not isinstance(annotation, dict):
            problems.append(Problem(str(json_path), "", "expected a JSON object"))
            continue
        if annotation.get("id") != stem:  # its other problems could not be placed: reported alone
            problems.append(Problem(str(json_path), "/id",
                                    f"id {clip(annotation.get('id'))} differs from the file name {stem!r}"))
            continue
        if stem not in splits:
            problems.append(Problem(str(root / "splits.json"), "", f"article {stem!r} is in no split"))
        articles.append(assemble(annotation, text, splits.get(stem)))
    for doc_id in sorted(set(splits) - stems_json):
        problems.append(Problem(str(root / "splits.json"), "",
                                f"article {clip(doc_id)} is listed in split {splits[doc_id]!r} but has no files"))
    return Corpus(root=root, name=name, version=version, articles=articles, meta=meta), problems


def load_corpus(root: str | Path | None = None, check: bool = True) -> Corpus:
    """Read a corpus (the bundled one by default); raise BylineInputError if it cannot be read or,
    with `check`, if an article fails the checks of `byline validate` (byline.gold.verify, whose
    verdict is cached by content hash)."""
    corpus, problems = read_corpus(root or bundled_corpus_dir())
    if problems:
        raise BylineInputError(problems)
    if check:
        from byline.gold import verify

        verify(corpus)
    return corpus
