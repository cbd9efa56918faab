"""Small readers and writers, one per format; '-' means stdin/stdout.

Every error names the file and, for JSONL, the line, as a Problem.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from byline.problems import BylineInputError, Problem


def read_text(path: str | Path) -> str:
    """Read a file as UTF-8 exactly as stored: no newline translation, no stripping."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise BylineInputError([Problem(str(path), "", f"not valid UTF-8 at byte {e.start}")]) from None
    except OSError as e:
        raise BylineInputError([Problem(str(path), "", f"cannot read: {e.strerror}")]) from None


def read_json(path: str | Path) -> Any:
    text = sys.stdin.read() if str(path) == "-" else read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BylineInputError(
            [Problem(str(path), "", f"invalid JSON: {e.msg} (column {e.colno})", line=e.lineno)]
        ) from None


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Any, str | None]]:
    """Yield (line number, object, error) per non-blank line; error is None or why it failed.

    A bad line does not stop the reading, so a validator can report every bad line at once.
    """
    if str(path) == "-":
        handle = sys.stdin
    else:
        try:
            handle = open(path, "rb")
        except OSError as e:
            raise BylineInputError([Problem(str(path), "", f"cannot read: {e.strerror}")]) from None
    try:
        for line_no, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            except UnicodeDecodeError as e:
                yield line_no, None, f"not valid UTF-8 at byte {e.start} of the line"
                continue
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line), None
            except json.JSONDecodeError as e:
                yield line_no, None, f"invalid JSON: {e.msg} (column {e.colno})"
    finally:
        if handle is not sys.stdin:
            handle.close()


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def write_jsonl(path: str | Path, rows) -> int:
    """Write rows, one JSON object per line; return how many were written."""
    n = 0
    out = sys.stdout if str(path) == "-" else open(path, "w", encoding="utf-8", newline="\n")
    try:
        for row in rows:
            out.write(dumps(row) + "\n")
            n += 1
    finally:
        if out is not sys.stdout:
            out.close()
    return n


def write_json(path: str | Path, obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
