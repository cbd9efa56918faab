"""Shared constants and helpers of the test suite (imported by tests; conftest.py holds fixtures)."""

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "000_63c2e2d9fb272885"


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")
