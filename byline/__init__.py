"""Byline: a benchmark for information extraction from news.

    >>> import byline
    >>> report = byline.score("predictions.jsonl", split="test")   # or a list of dicts
    >>> report.metrics["quotes.speaker.f1"], str(report.signature)
"""

__version__ = "0.2.0"

from byline.problems import BylineInputError, Problem  # noqa: E402
from byline.scoring.report import Report, Signature  # noqa: E402
from byline.api import score  # noqa: E402

__all__ = ["score", "Report", "Signature", "BylineInputError", "Problem", "__version__"]
