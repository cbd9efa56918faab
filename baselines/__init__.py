"""Baseline extractors. Each is a module with `predict(article) -> submission line`; the registry
below says how to get one and, for optional ones, why it may be unavailable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Baseline:
    name: str
    description: str
    load: Callable[[], Callable[[dict], dict]]   # returns predict(article) -> submission line
    unavailable: Callable[[], str | None] = lambda: None  # the reason it cannot run here, or None


def _rules():
    from byline.baselines.rules import predict
    return predict


def _learned():
    from byline.baselines.learned import load_or_train
    return load_or_train().predict


def _ranker():
    from byline.baselines.learned import load_or_train
    from byline.baselines.learned.ranker import RankerModel
    return load_or_train(cls=RankerModel).predict


def _missing(module: str, extra: str) -> Callable[[], str | None]:
    def reason() -> str | None:
        import importlib.util
        return None if importlib.util.find_spec(module) else f"needs the '{module}' package (pip install 'byline[{extra}]')"
    return reason


def _spacy_unavailable() -> str | None:
    import importlib.util
    if importlib.util.find_spec("spacy") is None:
        return "needs spaCy and en_core_web_sm (pip install 'byline[spacy]' && python -m spacy download en_core_web_sm)"
    if importlib.util.find_spec("en_core_web_sm") is None:
        return "needs the en_core_web_sm model (python -m spacy download en_core_web_sm)"
    return None


def _spacy():
    from byline.baselines.adapters import spacy_predictor
    return spacy_predictor()


def _chat_unavailable() -> str | None:
    import os
    return None if os.environ.get("BYLINE_CHAT_MODEL") and os.environ.get("BYLINE_CHAT_BASE_URL") else \
        "needs an OpenAI-compatible endpoint: set BYLINE_CHAT_BASE_URL and BYLINE_CHAT_MODEL (and OPENAI_API_KEY if required)"


def _chat():
    from byline.baselines.adapters import chat_predictor_from_env
    return chat_predictor_from_env()


BASELINES = {
    "rules": Baseline("rules", "capitalisation, gazetteer, quotation marks, cue verbs, trigger lexicon", _rules),
    "learned": Baseline("learned", "CRF mentions and triggers, logistic-regression speakers (trained on train)",
                        _learned, _missing("sklearn_crfsuite", "learned")),
    "ranker": Baseline("ranker", "learned's CRFs with a speaker ranker over candidate entities, triggers propagated "
                       "within an article, one event per type (trained on train)", _ranker, _missing("sklearn_crfsuite", "learned")),
    "spacy": Baseline("spacy", "spaCy en_core_web_sm entities with the rules for the other layers", _spacy, _spacy_unavailable),
    "chat": Baseline("chat", "an OpenAI-compatible chat model, text-only spans", _chat, _chat_unavailable),
}
DEFAULT_BENCHMARK = ("rules", "learned", "ranker", "spacy", "chat")


def run(name: str, articles: Iterable[dict], progress: bool = False) -> Iterator[dict]:
    """Predictions for each article, in order. `progress` shows a bar on stderr."""
    baseline = BASELINES[name]
    reason = baseline.unavailable()
    if reason:
        raise RuntimeError(f"baseline {name!r} is unavailable: {reason}")
    predict = baseline.load()
    articles = list(articles)
    if progress:
        from tqdm import tqdm
        articles = tqdm(articles, desc=name, unit="article", leave=False)
    for art in articles:
        yield predict(art)
