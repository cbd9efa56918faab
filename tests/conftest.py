import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "000_63c2e2d9fb272885"


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(REPO / "corpus", dest, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    return dest


@pytest.fixture
def seed_annotation() -> dict:
    return json.loads((REPO / "corpus" / "articles" / f"{SEED_ID}.json").read_text(encoding="utf-8"))


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
