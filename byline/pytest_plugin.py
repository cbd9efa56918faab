"""A pytest plugin (registered through the `pytest11` entry point) for keeping an extractor's
scores in a team's own test suite.

    def test_my_extractor_keeps_its_scores(byline_split, byline_assert_scores):
        predictions = [my_extractor(article) for article in byline_split("test")]
        byline_assert_scores(predictions, {"entities.strict.f1": 0.55, "quotes.speaker.f1": 0.40})

Fixtures:
- byline_gold: the gold corpus (the bundled one, or --byline-gold DIR).
- byline_split(name): that split's articles (each with "id" and "text").
- byline_score(predictions, split="test"): a Report (predictions: submission lines or a .jsonl path).
- byline_assert_scores(predictions, thresholds, split="test"): fails listing every metric that
  fell short, with the score's signature.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_addoption(parser):
    group = parser.getgroup("byline")
    group.addoption("--byline-gold", metavar="DIR", default=None,
                    help="Byline gold corpus or built dataset folder (default: the bundled corpus)")


@pytest.fixture(scope="session")
def byline_gold(request):
    from byline.gold import load_gold

    return load_gold(request.config.getoption("byline_gold"))


@pytest.fixture(scope="session")
def byline_split(byline_gold):
    def split(name: str = "test") -> list[dict]:
        return byline_gold.split(name)
    return split


def _score(gold, predictions, split: str):
    from byline.problems import BylineInputError
    from byline.scoring.run import ScoreOptions, score_submission

    if isinstance(predictions, (str, Path)):
        return score_submission(str(predictions), gold, ScoreOptions(split=split))
    import json
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for line in predictions:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    try:
        return score_submission(f.name, gold, ScoreOptions(split=split))
    except BylineInputError as e:
        raise AssertionError("the predictions are not a valid Byline submission:\n" + str(e)) from None
    finally:
        Path(f.name).unlink()


@pytest.fixture
def byline_score(byline_gold):
    def score(predictions, split: str = "test"):
        return _score(byline_gold, predictions, split)
    return score


@pytest.fixture
def byline_assert_scores(byline_gold):
    def assert_scores(predictions, thresholds: dict[str, float], split: str = "test"):
        report = _score(byline_gold, predictions, split)
        metrics = report.metrics
        unknown = [k for k in thresholds if k not in metrics]
        if unknown:
            raise AssertionError(f"unknown Byline metric key(s): {', '.join(unknown)}")
        short = [f"  {k}: {metrics[k]:.4f} < {bar:g}" for k, bar in thresholds.items() if metrics[k] < bar]
        if short:
            raise AssertionError("Byline scores below their thresholds:\n" + "\n".join(short)
                                 + f"\nsignature: {report.signature}")
        return report
    return assert_scores
