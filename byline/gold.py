"""Where gold comes from: the bundled corpus, a corpus folder, or a built dataset folder."""

from __future__ import annotations

from pathlib import Path

from byline.corpus import Corpus, is_corpus_dir, load_corpus
from byline.problems import BylineInputError, Problem


def load_gold(path: str | Path | None = None) -> Corpus:
    if path is None:
        return load_corpus()
    path = Path(path)
    if is_corpus_dir(path):
        return load_corpus(path)
    raise BylineInputError([Problem(str(path), "", "not a corpus folder (corpus.json) or a built dataset folder")])
