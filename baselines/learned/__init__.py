"""The learned baseline, trained on demand on the train split and cached outside the repository
(in $BYLINE_CACHE_DIR, else $XDG_CACHE_HOME/byline, else ~/.cache/byline), keyed by the corpus
content hash, the Byline and library versions and the code, so a change of any retrains. The
cache holds data only (baselines/learned/store.py), never a pickle."""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

from byline import __version__
from byline.corpus import Corpus, load_corpus
from byline.resources import cache_dir


def code_fingerprint() -> str:
    """Hash of the baseline code and word lists, so that editing them retrains the model."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".json", ".txt", ".tsv") and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def _library_versions() -> str:
    """The versions of the libraries that make or read the cached model: a model pickled by one
    scikit-learn does not load in another (1.6 -> 1.7 dropped `multi_class`), and SciPy's L-BFGS
    fits the logistic regressions, so two SciPy versions may train slightly different models,
    which must not share a cache entry."""
    from importlib.metadata import version

    return "-".join(f"{name}{version(dist)}" for name, dist in
                    (("sk", "scikit-learn"), ("crf", "python-crfsuite"), ("np", "numpy"), ("sp", "scipy")))


def load_or_train(corpus: Corpus | None = None, verbose: bool = True, cls=None):
    """The trained model of class `cls` (default LearnedModel), from the cache or trained now."""
    from byline.baselines.learned import store
    from byline.baselines.learned.model import LearnedModel

    cls = cls or LearnedModel
    corpus = corpus or load_corpus()
    path = cache_dir() / f"{cls.NAME}-{__version__}-{_library_versions()}-{corpus.content_hash[:12]}-{code_fingerprint()}"
    if path.exists():
        try:
            return store.load(path, cls)
        except (ValueError, OSError) as e:  # corrupt or tampered with: never trust it, retrain
            print(f"warning: the cached {cls.NAME} model in {path} is unusable ({e}); retraining", file=sys.stderr)
    # A model built on another's trained parts (the ranker on learned's entity CRF) gets that
    # model from its own cache entry, trained first if need be.
    reuse = {"base": load_or_train(corpus, verbose, cls.BASE)} if cls.BASE else {}
    if verbose:
        print(f"training the {cls.NAME} baseline on {len(corpus.split('train'))} train articles "
              f"(once; cached in {path.parent}) ...", file=sys.stderr)
    start = time.perf_counter()
    trained = cls.train(corpus.split("train"), corpus.split("validation"), progress=verbose and sys.stderr.isatty(), **reuse)
    if verbose:
        chosen = ", ".join(f"{k} {v[1]:.3f}" for k, v in trained.choices.items())
        print(f"trained in {time.perf_counter() - start:.1f} s; validation scores of the chosen settings: {chosen}",
              file=sys.stderr)
    store.save(trained, path)
    return trained
