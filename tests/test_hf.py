"""The built Hugging Face dataset: loads offline, round-trips without loss, card true to the data,
and the known loading pitfalls covered. Every load uses a fresh cache_dir (the Arrow cache is
keyed by the card's YAML only, so a shared cache would hide an edited data file)."""

import json
import shutil

import datasets
import pytest
from datasets import Features
from huggingface_hub import DatasetCard

from byline.corpus import load_corpus
from byline.gold import load_gold
from byline.hf.build import build, check
from byline.hf.features import article_features
from byline.hf.publish import plan_upload, upload
from byline.problems import BylineInputError
from byline.stats import corpus_stats
from support import REPO, SEED_ID, write_json


def load(path, tmp_path, *args, **kw):
    cache = tmp_path / f"cache{len(list(tmp_path.glob('cache*')))}"
    return datasets.load_dataset(str(path), *args, cache_dir=str(cache), **kw)


def add_article(corpus_dir, new_id, split, mutate=None):
    """A copy of the seed under another id and split (enough to exercise splits and types)."""
    arts = corpus_dir / "articles"
    shutil.copyfile(arts / f"{SEED_ID}.txt", arts / f"{new_id}.txt")
    data = json.loads((arts / f"{SEED_ID}.json").read_text(encoding="utf-8"))
    data["id"] = new_id
    if mutate:
        mutate(data)
    write_json(arts / f"{new_id}.json", data)
    splits = json.loads((corpus_dir / "splits.json").read_text())
    splits[split].append(new_id)
    write_json(corpus_dir / "splits.json", splits)


@pytest.fixture
def three_splits(corpus_copy):
    def no_quotes(d):  # every row of this split has an empty quote list
        d["quotes"] = []
        for s in d["sources"]:
            s["quote_ids"] = []
    add_article(corpus_copy, "train_one", "train", no_quotes)
    add_article(corpus_copy, "val_one", "validation", lambda d: d.update(title=None))
    return corpus_copy


def test_committed_build_is_up_to_date():
    assert check(load_corpus(REPO / "corpus"), REPO / "dataset") == []


def test_round_trip_without_loss(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    build(corpus, tmp_path / "built")
    ds = load(tmp_path / "built", tmp_path)
    assert set(ds) == {"train", "validation", "test"}
    for split in ds:
        rows = list(ds[split])
        originals = corpus.split(split)
        assert rows == originals
        assert all(r["text"].encode("utf-8") == o["text"].encode("utf-8") for r, o in zip(rows, originals))


def test_streaming(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    build(corpus, tmp_path / "built")
    streamed = load(tmp_path / "built", tmp_path, streaming=True)
    assert list(streamed["test"]) == corpus.split("test")


def test_types_survive_an_always_empty_list_and_an_always_null_field(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    build(corpus, tmp_path / "built")
    ds = load(tmp_path / "built", tmp_path)
    assert ds["train"].features == ds["test"].features == article_features()
    assert ds["train"][0]["quotes"] == []
    assert ds["validation"][0]["title"] is None  # title is null in every row of that split


def test_data_files_keep_types_without_the_card(three_splits, tmp_path):
    # With data_files= the card's declared features are skipped; the Parquet schema keeps them.
    build(load_corpus(three_splits), tmp_path / "built")
    ds = datasets.load_dataset("parquet", data_files={"train": str(tmp_path / "built" / "data" / "train.parquet")},
                               cache_dir=str(tmp_path / "cache_df"))
    assert ds["train"].features == article_features()


def test_card_is_true_to_the_data(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    build(corpus, tmp_path / "built")
    card = DatasetCard.load(tmp_path / "built" / "README.md")
    meta = card.data.to_dict()
    for key in ("pretty_name", "license", "language", "task_categories", "task_ids", "size_categories"):
        assert meta[key]
    default = [c for c in meta["configs"] if c.get("default")]
    assert [c["config_name"] for c in default] == ["articles"]
    info = {i["config_name"]: i for i in meta["dataset_info"]}
    ds = load(tmp_path / "built", tmp_path)
    assert Features._from_yaml_list(info["articles"]["features"]) == ds["test"].features
    stats = corpus_stats(corpus)
    for split_info in info["articles"]["splits"]:
        assert split_info["num_examples"] == stats[split_info["name"]]["totals"]["articles"] == ds[split_info["name"]].num_rows
    mentions = load(tmp_path / "built", tmp_path, "mentions")
    assert sum(d.num_rows for d in mentions.values()) == stats["overall"]["totals"]["mentions"]
    text = card.text
    for section in ("Dataset summary", "Supported tasks", "Languages", "Dataset structure", "Splits",
                    "Dataset creation", "Personal and sensitive information", "Limitations and biases",
                    "Licensing", "Citation", "Version history"):
        assert f"## {section}" in text or f"### {section}" in text, section
    assert f"| test | {stats['test']['totals']['articles']} | {stats['test']['totals']['words']} |" in text


def test_stale_build_is_detected_and_a_fresh_cache_sees_the_change(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    out = tmp_path / "built"
    build(corpus, out)
    assert check(corpus, out) == []
    data = json.loads((three_splits / "articles" / "train_one.json").read_text())
    data["notes"] = "corrected"
    write_json(three_splits / "articles" / "train_one.json", data)
    changed = load_corpus(three_splits)
    assert any("data/train.parquet" in s for s in check(changed, out))
    build(changed, out)
    assert load(out, tmp_path)["train"][0]["notes"] == "corrected"


def test_unexpected_keys_are_refused_not_dropped(corpus_copy, tmp_path):
    corpus = load_corpus(corpus_copy)
    corpus.articles[0]["entities"][0]["salience"] = 0.9
    with pytest.raises(BylineInputError, match="salience"):
        build(corpus, tmp_path / "built")


def test_gold_from_a_built_folder_has_the_same_signature(tmp_path):
    corpus = load_corpus(REPO / "corpus")
    build(corpus, tmp_path / "built")
    built = load_gold(tmp_path / "built")
    assert built.version_tag == corpus.version_tag and built.articles == corpus.articles


def test_publish_refuses_a_stale_build_and_sends_the_folder(three_splits, tmp_path):
    corpus = load_corpus(three_splits)
    out = tmp_path / "built"
    build(load_corpus(REPO / "corpus"), out)  # built from another corpus: stale for this one
    with pytest.raises(BylineInputError, match="stale"):
        plan_upload(corpus, out, "org/byline")
    build(corpus, out)
    plan = plan_upload(corpus, out, "org/byline")
    assert {"README.md", "byline.json", "data/test.parquet", "data/train.parquet"} <= set(plan.files)

    class FakeApi:
        calls = []

        def create_repo(self, *a, **kw):
            self.calls.append(("create_repo", a, kw))

        def upload_folder(self, **kw):
            self.calls.append(("upload_folder", (), kw))
            return "https://huggingface.co/datasets/org/byline/commit/abc"

    api = FakeApi()
    assert upload(plan, api).endswith("/commit/abc")
    (_, args, create), (_, _, sent) = api.calls
    assert args == ("org/byline",) and create["repo_type"] == "dataset"
    assert sent["folder_path"] == str(out) and sent["repo_type"] == "dataset" and sent["allow_patterns"] == plan.files


def test_agreement_is_reproducible_and_reported():
    from byline.agreement import agreement, load_pair

    stored = json.loads((REPO / "corpus" / "agreement.json").read_text(encoding="utf-8"))
    first, second = load_pair(REPO / "corpus" / "agreement" / "first", REPO / "corpus" / "agreement" / "second")
    fresh = agreement(first, second, bootstrap=1000)
    assert fresh["f1"] == stored["f1"] and fresh["articles"] == stored["articles"] >= 15
    assert stored["test_articles"] * 4 >= stored["articles"]  # at least a quarter from the test split
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    card = (REPO / "dataset" / "README.md").read_text(encoding="utf-8")
    for key, value in stored["f1"].items():
        assert f"| `{key}` | {value:.3f} |" in readme
        assert f"| {key} | {value:.3f} |" in card
