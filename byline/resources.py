"""Where the bundled schema and corpus live, in a checkout and in an installed wheel alike."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path


def schema_dir() -> Path:
    return Path(str(files("byline._schema")))


def bundled_corpus_dir() -> Path:
    return Path(str(files("byline._corpus")))


def cache_dir() -> Path:
    """Byline's cache folder: $BYLINE_CACHE_DIR, else $XDG_CACHE_HOME/byline, else ~/.cache/byline
    (the learned baseline's models, the verdicts of checked gold corpora)."""
    base = os.environ.get("BYLINE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "byline")
    return Path(base)
