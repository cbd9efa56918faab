"""Where the bundled schema and corpus live, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def schema_dir() -> Path:
    return Path(str(files("byline._schema")))


def bundled_corpus_dir() -> Path:
    return Path(str(files("byline._corpus")))
