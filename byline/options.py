"""Command-line option values, checked in one place: a gate that cannot fail (a NaN bar, a
negative resample count, a repeated key that silently wins) is a usage error (exit 2)."""

from __future__ import annotations

import argparse
import math
from pathlib import Path


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def positive_int(text: str) -> int:
    value = non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError("expected 1 or more, got 0")
    return value


def unit_float(text: str) -> float:
    """A finite number in [0, 1]: F1 bars, tolerances, thresholds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}") from None
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number between 0 and 1, got {text!r}")
    return value


def key_values(items: list[str] | None, flag: str, parser: argparse.ArgumentParser,
               bare_allowed: bool = False) -> tuple[float | None, dict[str, float]]:
    """KEY=VALUE items (and one bare VALUE when bare_allowed): (bare value, {key: value})."""
    bare, out = None, {}
    for item in items or []:
        key, sep, value = item.rpartition("=")
        if not sep and not bare_allowed:
            parser.error(f"{flag} expects KEY=VALUE, such as entities.strict.f1=0.8; got {item!r}")
        try:
            number = unit_float(value)
        except argparse.ArgumentTypeError as e:
            parser.error(f"{flag} {item!r}: {e}")
        if not sep:
            if bare is not None:
                parser.error(f"{flag}: the default tolerance is given twice")
            bare = number
        elif not key:
            parser.error(f"{flag} expects KEY=VALUE; got {item!r}")
        elif key in out:
            parser.error(f"{flag}: {key} is given twice ({out[key]:g} and {number:g})")
        else:
            out[key] = number
    return bare, out


def outputs_differ_from_inputs(parser: argparse.ArgumentParser, inputs: list[str | None],
                               outputs: list[tuple[str, str | None]]) -> None:
    """No output file may be an input file (a report written over the submission it scores)."""
    def resolved(p):
        return None if p in (None, "-") else Path(p).resolve()
    ins = {resolved(p) for p in inputs} - {None}
    for flag, path in outputs:
        if resolved(path) in ins:
            parser.error(f"{flag} {path} is also an input: it would be overwritten")
