"""The one shape every complaint about input takes: file, line, JSON pointer, message."""

from __future__ import annotations

from dataclasses import dataclass

from byline.limits import MAX_MESSAGE_CHARS, MAX_PER_FILE, MAX_POINTER_CHARS, MAX_VALUE_CHARS


def clip(value: object, limit: int = MAX_VALUE_CHARS) -> str:
    """repr(value) for a message: a long value is cut to `limit` characters, with '...' and its
    full length, so a 5 MB id is not echoed in full."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}... ({len(value):,} characters)"
    text = repr(value)
    if len(text) > limit:
        return f"{text[:limit]}... ({len(text):,} characters)"
    return text


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


# Control characters, line separators and lone surrogates, shown as escapes: one problem is one
# line of output whatever the keys and values in it (a key may hold a newline).
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(32), 127]}
_ESCAPES.update({c: f"\\u{c:04x}" for c in [0x2028, 0x2029, *range(0xD800, 0xE000)]})


def printable(text: str) -> str:
    return text.translate(_ESCAPES)


@dataclass(frozen=True)
class Problem:
    """pointer: a JSON pointer ("" is the whole value, shown as '/'), or None when the problem
    is not about a place in a JSON value (a file that cannot be read)."""

    path: str
    pointer: str | None
    message: str
    line: int | None = None

    def __post_init__(self):
        if len(self.message) > MAX_MESSAGE_CHARS:
            object.__setattr__(self, "message", _cut(self.message, MAX_MESSAGE_CHARS))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.pointer is None:
            return printable(f"{where}: {self.message}")
        return printable(f"{where}: {_cut(self.pointer, MAX_POINTER_CHARS) or '/'}: {self.message}")


def capped(problems: list[Problem], limit: int = MAX_PER_FILE) -> list[str]:
    """The messages to show: the first `limit` of each file, then how many more that file has."""
    shown: dict[str, int] = {}
    out, extra = [], {}
    for p in problems:
        n = shown.get(p.path, 0)
        if n < limit:
            out.append(str(p))
            shown[p.path] = n + 1
        else:
            extra[p.path] = extra.get(p.path, 0) + 1
    out += [f"{path}: ... and {n} more problem(s) in this file" for path, n in extra.items()]
    return out


def cannot_read(path: str, error: OSError) -> Problem:
    """PATH: cannot read: REASON, for any OSError met while opening or reading a file."""
    return Problem(str(path), None, f"cannot read: {error.strerror or error}")


class BylineInputError(Exception):
    """Raised when input cannot be used at all; carries every problem found (`.problems`)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(capped(self.problems)))


def pointer(*parts: object) -> str:
    """JSON pointer (RFC 6901) from path parts."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)
