"""Where gold comes from: the bundled corpus, a corpus folder, or a built dataset folder."""

from __future__ import annotations

import json
from pathlib import Path

from byline.corpus import Corpus, is_corpus_dir, load_corpus
from byline.problems import BylineInputError, Problem


def is_built_dir(path: Path) -> bool:
    return path.is_dir() and (path / "byline.json").is_file() and (path / "data").is_dir()


def load_built(path: Path) -> Corpus:
    """A folder written by `byline build`: its 'articles' Parquet files, read with pyarrow."""
    import pyarrow.parquet as pq

    meta = json.loads((path / "byline.json").read_text(encoding="utf-8"))
    articles = []
    for file in sorted((path / "data").glob("*.parquet")):
        articles += pq.read_table(file).to_pylist()
    articles.sort(key=lambda a: a["id"])
    corpus = Corpus(root=path, name=meta["name"], version=meta["version"], articles=articles)
    if corpus.content_hash != meta["content_hash"]:
        raise BylineInputError([Problem(str(path / "byline.json"), "/content_hash",
                                        "the data files do not match the recorded content hash: rebuild the folder")])
    return corpus


def load_gold(path: str | Path | None = None) -> Corpus:
    if path is None:
        return load_corpus()
    path = Path(path)
    if is_corpus_dir(path):
        return load_corpus(path)
    if is_built_dir(path):
        return load_built(path)
    raise BylineInputError([Problem(str(path), "", "not a corpus folder (corpus.json) or a built dataset folder (byline.json)")])
