import json
import shutil
from pathlib import Path

import pytest

from support import REPO, SEED_ID, write_json


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable corpus holding only the seed article (small, and stable as the corpus grows)."""
    dest = tmp_path / "corpus"
    (dest / "articles").mkdir(parents=True)
    shutil.copyfile(REPO / "corpus" / "corpus.json", dest / "corpus.json")
    for ext in ("txt", "json"):
        shutil.copyfile(REPO / "corpus" / "articles" / f"{SEED_ID}.{ext}", dest / "articles" / f"{SEED_ID}.{ext}")
    write_json(dest / "splits.json", {"train": [], "validation": [], "test": [SEED_ID]})
    return dest


@pytest.fixture
def seed_annotation() -> dict:
    return json.loads((REPO / "corpus" / "articles" / f"{SEED_ID}.json").read_text(encoding="utf-8"))
