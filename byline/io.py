"""Small readers and writers, one per format; '-' means stdin/stdout.

This is the one place JSON is read, and it reads it within the limits of byline/limits.py:
- bytes are decoded as UTF-8 explicitly, stdin included (sys.stdin.buffer, whatever the locale);
  a bad byte is a located problem;
- nesting deeper than MAX_DEPTH is found by a scan of the brackets outside strings before the
  parser runs, so a 100,000-level value can never raise RecursionError;
- integer literals longer than MAX_INT_DIGITS digits, number literals longer than
  MAX_NUMBER_CHARS, numbers out of a double's range and NaN/Infinity are refused;
- a key repeated in one object is refused (a plain reader would silently keep the last);
- a lone surrogate escape (\\ud800 with no partner) is refused: it is not a character, and it
  could not be written back as UTF-8;
- a JSONL line longer than MAX_LINE_BYTES is refused without being held in memory.
Every problem names the file and, for JSONL, the line, then the JSON pointer (RFC 6901).
An OSError while reading is `PATH: cannot read: REASON`.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from byline.limits import MAX_DEPTH, MAX_INT_DIGITS, MAX_LINE_BYTES, MAX_NUMBER_CHARS
from byline.problems import BylineInputError, Problem, cannot_read, clip, pointer

JSON_WHITESPACE = b" \t\r\n"
NEWLINE = b"\n"


# --- reading bytes -----------------------------------------------------------------------

def _stdin_bytes():
    stdin = sys.stdin
    if stdin is None:
        raise BylineInputError([Problem("-", None, "cannot read: there is no standard input")])
    return getattr(stdin, "buffer", None) or stdin  # a text stream (a test's StringIO) is read as text


def read_bytes(path: str | Path) -> bytes:
    """A whole file ('-': stdin) as bytes; an OSError is `PATH: cannot read: ...`."""
    try:
        if str(path) == "-":
            data = _stdin_bytes().read()
            return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise BylineInputError([cannot_read(str(path), e)]) from None


def _bad_utf8(e: UnicodeDecodeError, data: bytes, path: str, line: int | None = None) -> Problem:
    """A located bad byte: for a JSONL line (`line` given) the byte of the line, else of the file
    with the line it is on."""
    where = "of the line" if line is not None else f"(line {data.count(NEWLINE, 0, e.start) + 1})"
    return Problem(path, "", f"not valid UTF-8 at byte {e.start} {where}: "
                   f"{data[e.start:e.end].hex(' ')} ({e.reason})", line=line)


def decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BylineInputError([_bad_utf8(e, data, path)]) from None


def read_text(path: str | Path) -> str:
    """Read a file as UTF-8 exactly as stored: no newline translation, no stripping."""
    return decode(read_bytes(path), str(path))


# --- parsing one JSON value within the limits ---------------------------------------------

# The bytes kept to find the brackets outside strings: every other byte is deleted in C
# (bytes.translate), escaped backslashes and quotes are dropped first, and what lies between
# two quotes is a string's inside. UTF-8 never uses an ASCII byte inside a multibyte character.
_KEEP = b'[]{}"'
_DELETE = bytes(b for b in range(256) if b not in _KEEP)
_DIGITS = bytes(48 if chr(b).isdigit() and b < 128 else 32 for b in range(256))  # digits -> '0', others -> ' '
_INNERMOST = re.compile(rb"[\[{][\]}]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Tokens for locating a position: strings, punctuation and numbers (numbers only to find one).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]|-?\d[\d.eE+-]*|-?Infinity|NaN', re.S)


def _maybe_too_deep(data: bytes) -> bool:
    """False when no array or object lies deeper than MAX_DEPTH (the common case, decided in C
    speed); True when the exact scan (_locate) must decide (too deep, or unbalanced brackets)."""
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = b"".join(data.translate(None, _DELETE).split(b'"')[::2])
    if brackets.count(b"[") + brackets.count(b"{") <= MAX_DEPTH:
        return False
    for _ in range(MAX_DEPTH):  # each pass removes the innermost level
        if not brackets:
            return False
        fewer = _INNERMOST.sub(b"", brackets)
        if fewer == brackets:
            return True
        brackets = fewer
    return bool(brackets)


def _locate(text: str, pos: int | None = None) -> tuple[str, int, int, int | None]:
    """Walk the tokens of `text` up to position `pos` (or, with pos None, up to the first array or
    object that opens deeper than MAX_DEPTH) and say where that is:
    (JSON pointer, line, column, position), position None when nothing was too deep."""
    frames: list[list] = []  # [is_object, key or index, expecting a key]
    found = None
    for m in _TOKEN.finditer(text):
        if pos is not None and m.start() >= pos:
            found = m.start()
            break
        tok = m.group()
        c = tok[0]
        if c in "{[":
            if pos is None and len(frames) >= MAX_DEPTH:
                found = m.start()
                break
            frames.append([True, None, True] if c == "{" else [False, 0, False])
        elif c in "}]":
            if frames:
                frames.pop()
        elif c == ",":
            if frames and frames[-1][0]:
                frames[-1][1], frames[-1][2] = None, True
            elif frames:
                frames[-1][1] += 1
        elif c == '"' and frames and frames[-1][0] and frames[-1][2]:
            try:
                key = json.loads(tok)
            except ValueError:
                key = tok[1:-1]
            frames[-1][1], frames[-1][2] = key, False
    if found is None:
        return "", 0, 0, None
    parts = [f[1] for f in frames if f[1] is not None]
    line = text.count("\n", 0, found) + 1
    column = found - text.rfind("\n", 0, found)
    return pointer(*parts), line, column, found


class _NumberProblem(Exception):
    def __init__(self, token: str, message: str):
        super().__init__(message)
        self.token, self.message = token, message


def _parse_int(token: str) -> int:
    digits = len(token) - (token[0] == "-")
    if digits > MAX_INT_DIGITS:
        raise _NumberProblem(token, f"integer of {digits:,} digits: at most {MAX_INT_DIGITS} are allowed")
    return int(token)


def _parse_float(token: str) -> float:
    if len(token) > MAX_NUMBER_CHARS:
        raise _NumberProblem(token, f"number of {len(token):,} characters: at most {MAX_NUMBER_CHARS} are allowed")
    value = float(token)
    if math.isinf(value):
        raise _NumberProblem(token, f"number {token} is out of range (beyond a double's ±1.8e308)")
    return value


def _parse_constant(token: str):
    raise _NumberProblem(token, f"{token} is not a JSON number (JSON has no NaN or Infinity)")


class _Duplicates(dict):
    """An object in which some key appeared more than once (`.repeated`); refused after parsing."""

    def __init__(self, pairs: list[tuple[str, Any]]):
        super().__init__(pairs)
        seen: set[str] = set()
        self.repeated: list[str] = []
        for k, _ in pairs:
            if k in seen and k not in self.repeated:
                self.repeated.append(k)
            seen.add(k)


def _nodes(value: Any) -> Iterator[tuple[tuple, Any]]:
    """Every value inside `value` with the path parts that lead to it (no recursion; depth was
    bounded by the reader, and a container met twice, as in a cycle, is not entered again)."""
    stack, entered = [((), value)], set()
    while stack:
        parts, node = stack.pop()
        yield parts, node
        if isinstance(node, (dict, list)):
            if id(node) in entered or len(parts) >= MAX_DEPTH:
                continue
            entered.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            stack.extend((parts + (k,), v) for k, v in reversed(list(items)))


def _surrogate_message(s: str, what: str) -> str:
    i = _SURROGATE.search(s).start()
    return (f"lone surrogate \\u{ord(s[i]):04x} at character {i} of {what}: not a Unicode character "
            "(a pair is a high then a low surrogate, as in \\ud83d\\ude00)")


def _after_parse_problems(value: Any, repeated: bool, surrogates: bool) -> list[tuple[str, str]]:
    out = []
    for parts, node in _nodes(value):
        if repeated and isinstance(node, _Duplicates):
            out += [(pointer(*parts, k), f"duplicate key {clip(k)}: a key may appear only once in an object")
                    for k in node.repeated]
        if surrogates:
            if isinstance(node, str) and _SURROGATE.search(node):
                out.append((pointer(*parts), _surrogate_message(node, "the string")))
            elif isinstance(node, dict):
                out += [(pointer(*parts), _surrogate_message(k, f"the key {clip(k)}"))
                        for k in node if _SURROGATE.search(k)]
    return out


def parse_json(data: bytes | str, path: str, line: int | None = None) -> Any:
    """One JSON value, within the limits; raise BylineInputError with located problems.

    `line` is the JSONL line the value came from (None for a whole .json file, whose problems
    carry the line inside the file where one is known)."""
    path = str(path)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise BylineInputError([_bad_utf8(e, data, path, line)]) from None
    else:
        text, data = data, data.encode("utf-8", "surrogatepass")

    def at(where: str, message: str, file_line: int) -> BylineInputError:
        return BylineInputError([Problem(path, where, message, line=line if line is not None else file_line)])

    if _maybe_too_deep(data):
        where, file_line, column, found = _locate(text)
        if found is not None:
            raise at(where, f"arrays and objects nested more than {MAX_DEPTH} levels deep "
                            f"(the limit); the one too deep opens at column {column}", file_line)
    repeated: list[_Duplicates] = []

    def hook(pairs, _dict=dict, _len=len):  # called for every object: kept to the bare minimum
        obj = _dict(pairs)
        if _len(obj) != _len(pairs):
            obj = _Duplicates(pairs)
            repeated.append(obj)
        return obj

    # An integer of more than MAX_INT_DIGITS digits needs the (slower) checking parse_int; a run
    # of that many digits anywhere, strings included, is found in C by bytes.translate + find.
    long_digits = b"0" * (MAX_INT_DIGITS + 1) in data.translate(_DIGITS)
    try:
        value = json.loads(text, object_pairs_hook=hook, parse_int=_parse_int if long_digits else None,
                           parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as e:
        raise at("", f"invalid JSON: {e.msg} (column {e.colno})", e.lineno) from None
    except _NumberProblem as e:
        where, file_line, column = _locate_number(text, e.token)
        raise at(where, f"{e.message} ({clip(e.token, 24)} at column {column})", file_line) from None
    except RecursionError:  # cannot happen after the depth scan; kept so that it never escapes
        raise at("", f"arrays and objects nested more than {MAX_DEPTH} levels deep (the limit)", 1) from None
    surrogates = bool(_SURROGATE_ESCAPE.search(data))
    if repeated or surrogates:
        found = _after_parse_problems(value, bool(repeated), surrogates)
        if found:
            raise BylineInputError([Problem(path, w, m, line=line) for w, m in found])
    return value


def _locate_number(text: str, token: str) -> tuple[str, int, int]:
    """Where the first number literal `token` (outside strings) is: (pointer, line, column)."""
    for m in _TOKEN.finditer(text):
        if m.group() == token:
            where, line, column, _ = _locate(text, m.start())
            return where, line, column
    return "", 1, 1


def value_problems(value: Any) -> list[tuple[str, str]]:
    """What keeps a Python value (e.g. a prediction built in memory) from being the JSON that the
    reader accepts: (pointer, message) for nesting beyond MAX_DEPTH (or a cycle), keys that are not
    strings, lone surrogates, integers beyond MAX_INT_DIGITS digits, NaN and infinities, and
    objects of other types."""
    out: list[tuple[str, str]] = []
    big = 10 ** MAX_INT_DIGITS
    stack, on_path = [((), value, 0)], set()
    while stack:
        parts, node, state = stack.pop()
        if state == 1:  # leaving a container
            on_path.discard(id(node))
            continue
        if isinstance(node, bool) or node is None:
            continue
        if isinstance(node, str):
            if _SURROGATE.search(node):
                out.append((pointer(*parts), _surrogate_message(node, "the string")))
        elif isinstance(node, int):
            if abs(node) >= big:
                out.append((pointer(*parts), f"integer of more than {MAX_INT_DIGITS} digits: at most {MAX_INT_DIGITS} are allowed"))
        elif isinstance(node, float):
            if not math.isfinite(node):
                out.append((pointer(*parts), f"{node} is not a JSON number (JSON has no NaN or Infinity)"))
        elif isinstance(node, (dict, list)):
            if id(node) in on_path:
                out.append((pointer(*parts), "the value contains itself (a cycle): it is not JSON"))
                continue
            if len(parts) >= MAX_DEPTH:
                out.append((pointer(*parts), f"arrays and objects nested more than {MAX_DEPTH} levels deep (the limit)"))
                continue
            on_path.add(id(node))
            stack.append((parts, node, 1))
            if isinstance(node, dict):
                for k in node:
                    if not isinstance(k, str):
                        out.append((pointer(*parts), f"key {clip(k)} is of type {type(k).__name__}: JSON keys are strings"))
                    elif _SURROGATE.search(k):
                        out.append((pointer(*parts), _surrogate_message(k, f"the key {clip(k)}")))
                items = [(k, v) for k, v in node.items() if isinstance(k, str)]
            else:
                items = list(enumerate(node))
            stack.extend((parts + (k,), v, 0) for k, v in reversed(items))
        else:
            out.append((pointer(*parts), f"a value of type {type(node).__name__} is not JSON"))
    return out


# --- files -----------------------------------------------------------------------------------

def read_json(path: str | Path) -> Any:
    """One JSON value from a file ('-': stdin), within the limits (see the module docstring)."""
    return parse_json(read_bytes(path), str(path))


def _skip_rest_of_line(handle) -> int:
    """Read on to the end of an over-long line, in bounded pieces; return how many bytes."""
    n = 0
    while True:
        piece = handle.readline(2**20)
        n += len(piece)
        if not piece or piece.endswith(b"\n"):
            return n


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, Any, list[Problem] | None]]:
    """Yield (line number, object, problems) per non-blank line; problems is None, or why the
    line could not be read as one JSON value (located Problems).

    A bad line does not stop the reading, so a validator can report every bad line at once. An
    OSError does: BylineInputError, `PATH: cannot read: REASON`.
    """
    name = str(path)
    if name == "-":
        handle = _stdin_bytes()
    else:
        try:
            handle = open(path, "rb")
        except OSError as e:
            raise BylineInputError([cannot_read(name, e)]) from None
    try:
        line_no = 0
        while True:
            try:
                raw = handle.readline(MAX_LINE_BYTES + 1)
                if isinstance(raw, str):  # a text stream standing in for stdin
                    raw = raw.encode("utf-8", "surrogatepass")
                if not raw:
                    break
                line_no += 1
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    size = len(raw) + _skip_rest_of_line(handle)
                    yield line_no, None, [Problem(name, "", f"line of {size:,} bytes: at most {MAX_LINE_BYTES:,} "
                                                  "are allowed (the line was not read)", line=line_no)]
                    continue
            except OSError as e:
                raise BylineInputError([cannot_read(name, e)]) from None
            if not raw.strip(JSON_WHITESPACE):
                continue
            try:
                yield line_no, parse_json(raw, name, line_no), None
            except BylineInputError as e:
                yield line_no, None, e.problems
    finally:
        if name != "-":
            handle.close()


# --- writing ---------------------------------------------------------------------------------

def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def _write_stdout(text: str) -> None:
    """UTF-8 on stdout whatever the locale (a JSON file is UTF-8 by definition)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def write_jsonl(path: str | Path, rows) -> int:
    """Write rows, one JSON object per line; return how many were written."""
    n = 0
    if str(path) == "-":
        for row in rows:
            _write_stdout(dumps(row) + "\n")
            n += 1
        return n
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(dumps(row) + "\n")
            n += 1
    return n


def write_json(path: str | Path, obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
    if str(path) == "-":
        _write_stdout(text)
    else:
        Path(path).write_text(text, encoding="utf-8")
