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


@pytest.mark.parametrize("name", ["rules", "learned"])
def test_baseline_throughput(benchmark, name):
    if BASELINES[name].unavailable():
        pytest.skip(BASELINES[name].unavailable())
    articles = CORPUS.articles
    predict = BASELINES[name].load()  # training (learned) is not part of the measured time
    out = benchmark.pedantic(lambda: [predict(a) for a in articles], rounds=3, iterations=1)
    assert len(out) == len(articles)
    if benchmark.enabled:
        per_second = len(articles) / benchmark.stats.stats.min
        benchmark.extra_info["articles_per_second"] = round(per_second, 1)
        print(f"\n{name}: {per_second:.0f} articles/s")
        if name == "rules":
            assert per_second >= 100, f"target: rules handles at least 100 articles per second, measured {per_second:.0f}"
