"""The library entry point: `byline.score(predictions, gold=..., split=...) -> Report`.

`byline score` on the command line is a thin wrapper over the same checks and scorer: the
predictions pass the SubmissionChecker that `byline validate` uses, and a problem anywhere raises
BylineInputError, whose message lists every located problem (file or "<predictions>", line,
JSON pointer), capped like the command line's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike

from byline.corpus import Corpus
from byline.gold import load_gold
from byline.io import iter_jsonl
from byline.scoring.bootstrap import DEFAULT_RESAMPLES, DEFAULT_SEED
from byline.scoring.quotes import QUOTE_THRESHOLD
from byline.scoring.report import Report
from byline.scoring.run import ScoreOptions, in_memory_problems, score_records

def _records(predictions) -> tuple[str, Iterable]:
    if isinstance(predictions, (str, PathLike)):
        path = str(predictions)
        return path, iter_jsonl(path)
    if isinstance(predictions, Mapping):
        predictions = list(predictions.values())
    if isinstance(predictions, dict) or not isinstance(predictions, Iterable):
        raise TypeError("predictions must be a path, a list of submission lines (dicts) or a dict of them by id")
    return "<predictions>", ((n, obj, in_memory_problems(obj, "<predictions>", n)) for n, obj in enumerate(predictions, start=1))


def score(predictions, gold: str | PathLike | Corpus | None = None, split: str = "test", *,
          bootstrap: int = DEFAULT_RESAMPLES, seed: int = DEFAULT_SEED, quote_threshold: float = QUOTE_THRESHOLD,
          collect_errors: bool = False) -> Report:
    """Check and score predictions against a gold split.

    predictions: a JSONL path ("-" for stdin), a list of submission lines, or a dict id -> line.
    gold: a corpus folder, a built dataset folder, a loaded Corpus, or None for the bundled corpus.
    collect_errors: keep every false positive and negative on `Report.errors` and every true
        positive on `Report.matches` (what `byline view` draws).
    Raises byline.BylineInputError listing every located problem; nothing is scored then.
    """
    corpus = gold if isinstance(gold, Corpus) else load_gold(str(gold) if gold is not None else None)
    path, records = _records(predictions)
    options = ScoreOptions(split=split, bootstrap=bootstrap, seed=seed, quote_threshold=quote_threshold,
                           collect_errors=collect_errors)
    return score_records(records, path, corpus, options)


__all__ = ["score", "Report"]
