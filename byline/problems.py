"""The one shape every complaint about input takes: file, line, JSON pointer, message."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    pointer: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.pointer or '/'}: {self.message}"


MAX_PER_FILE = 50  # one broken line can cause many follow-on messages; show the first ones


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


class BylineInputError(Exception):
    """Raised when input cannot be used at all; carries every problem found (`.problems`)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(capped(self.problems)))


def pointer(*parts: object) -> str:
    """JSON pointer (RFC 6901) from path parts."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)
