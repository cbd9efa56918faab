"""Benchmarks of validation, dataset build and load, and each baseline's throughput.

Run:  pytest benchmarks --benchmark-enable     (timed; the rules target is asserted)
      pytest benchmarks                        (quick mode: each once, untimed; what .ci/run does)
"""

import pytest

from byline.baselines import BASELINES
from byline.corpus import load_corpus
from byline.validate import validate_paths

CORPUS = load_corpus()


def test_validate_bundled_corpus(benchmark):
    problems = benchmark.pedantic(validate_paths, args=([str(CORPUS.root)],), rounds=3, iterations=1)
    assert problems == []


def test_build_and_load_dataset(benchmark, tmp_path):
    datasets = pytest.importorskip("datasets")
    from byline.hf.build import build

    def build_and_load():
        out = tmp_path / "built"
        build(CORPUS, out)
        return datasets.load_dataset(str(out), cache_dir=str(tmp_path / f"cache{len(list(tmp_path.iterdir()))}"))

    ds = benchmark.pedantic(build_and_load, rounds=2, iterations=1)
    assert sum(d.num_rows for d in ds.values()) == len(CORPUS.articles)


@pytest.mark.parametrize("name", ["rules", "learned", "ranker"])
def test_baseline_throughput(benchmark, name):
    if BASELINES[name].unavailable():
        pytest.skip(BASELINES[name].unavailable())
    # Quick mode (benchmarks disabled) runs once on a sample: it checks the run works, not its speed.
    articles = CORPUS.articles if benchmark.enabled else CORPUS.articles[:20]
    predict = BASELINES[name].load()  # training (learned, ranker) is not part of the measured time
    out = benchmark.pedantic(lambda: [predict(a) for a in articles], rounds=3, iterations=1)
    assert len(out) == len(articles)
    if benchmark.enabled:
        per_second = len(articles) / benchmark.stats.stats.min
        benchmark.extra_info["articles_per_second"] = round(per_second, 1)
        print(f"\n{name}: {per_second:.0f} articles/s")
        if name == "rules":
            assert per_second >= 100, f"target: rules handles at least 100 articles per second, measured {per_second:.0f}"


@pytest.mark.parametrize("name", ["learned", "ranker"])
def test_baseline_training_time(benchmark, name):
    """Training on the train split (hyperparameters chosen on validation), timed once: minutes on
    2 cores, so only with --benchmark-enable (quick mode skips it rather than train twice more)."""
    if BASELINES[name].unavailable():
        pytest.skip(BASELINES[name].unavailable())
    if not benchmark.enabled:
        pytest.skip("training is timed only with --benchmark-enable")
    from byline.baselines.learned import load_or_train
    from byline.baselines.learned.model import LearnedModel
    from byline.baselines.learned.ranker import RankerModel

    cls = {"learned": LearnedModel, "ranker": RankerModel}[name]
    # The ranker is trained on top of a trained learned model (its cache entry): only its own part
    # is timed, as it is what a user with learned already trained waits for.
    reuse = {"base": load_or_train(cls=LearnedModel, verbose=False)} if cls.BASE else {}
    model = benchmark.pedantic(cls.train, args=(CORPUS.split("train"), CORPUS.split("validation")), kwargs=reuse,
                               rounds=1, iterations=1)
    assert model.NAME == name
    benchmark.extra_info["training_seconds"] = round(benchmark.stats.stats.min, 1)
    print(f"\n{name}: trained in {benchmark.stats.stats.min:.0f} s")
