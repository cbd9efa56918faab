"""`byline build`: the corpus as a dataset folder that `datasets.load_dataset(FOLDER)` loads offline.

Layout of the folder:
    README.md                 dataset card (YAML: configs, features, splits; then the sections)
    byline.json               release metadata: name, version, content hash, schema version
    data/SPLIT.parquet        config 'articles' (default): one row per article, all four layers
    mentions/SPLIT.parquet    config 'mentions': one row per entity mention

Parquet is written by pyarrow with the fixed schema of byline/hf/features.py, so every split has
exact types even when a list is empty in all its rows.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from byline.corpus import SPLITS, Corpus
from byline.hf.card import render_card
from byline.hf.features import article_features, mention_features, mention_rows, unexpected_keys
from byline.problems import BylineInputError, Problem
from byline.schema import SCHEMA_VERSION

CONFIGS = {"articles": "data", "mentions": "mentions"}


def present_splits(corpus: Corpus) -> list[str]:
    return [s for s in SPLITS if corpus.split(s)]


def release_metadata(corpus: Corpus) -> dict:
    return {"name": corpus.name, "version": corpus.version, "content_hash": corpus.content_hash,
            "schema_version": SCHEMA_VERSION, "articles": len(corpus.articles)}


def _write_table(rows: list[dict], features, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=features.arrow_schema)
    pq.write_table(table, path)


def build(corpus: Corpus, out: str | Path) -> dict:
    """Write the dataset folder; return the release metadata. Existing build files are replaced."""
    out = Path(out)
    features = article_features()
    problems = [Problem(f"{a['id']}", key, "key not in the dataset features (it would be dropped)")
                for a in corpus.articles for key in unexpected_keys(a, features)]
    if problems:
        raise BylineInputError(problems)
    for sub in CONFIGS.values():
        shutil.rmtree(out / sub, ignore_errors=True)
    for split in present_splits(corpus):  # an empty Parquet file fails to load: empty splits are left out
        arts = corpus.split(split)
        _write_table(arts, features, out / CONFIGS["articles"] / f"{split}.parquet")
        _write_table([r for a in arts for r in mention_rows(a)], mention_features(), out / CONFIGS["mentions"] / f"{split}.parquet")
    meta = release_metadata(corpus)
    (out / "byline.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    (out / "README.md").write_text(render_card(corpus), encoding="utf-8")
    return meta


def read_built(out: str | Path, config: str = "articles") -> dict[str, list[dict]]:
    """Rows per split, read back with pyarrow (no datasets needed)."""
    out = Path(out)
    return {split: pq.read_table(out / CONFIGS[config] / f"{split}.parquet").to_pylist()
            for split in SPLITS if (out / CONFIGS[config] / f"{split}.parquet").is_file()}


def check(corpus: Corpus, out: str | Path) -> list[str]:
    """What differs between the folder and a fresh build of the corpus (empty when up to date)."""
    out = Path(out)
    if not (out / "byline.json").is_file():
        return [f"{out} has no build (byline.json is missing): run `byline build {out}`"]
    with tempfile.TemporaryDirectory() as tmp:
        build(corpus, tmp)
        stale = []
        for rel in ["README.md", "byline.json"]:
            if not (out / rel).is_file() or (out / rel).read_text(encoding="utf-8") != (Path(tmp) / rel).read_text(encoding="utf-8"):
                stale.append(f"{out / rel} differs from a fresh build")
        for config in CONFIGS:
            fresh, have = read_built(tmp, config), read_built(out, config)
            for split in SPLITS:
                path = out / CONFIGS[config] / f"{split}.parquet"
                if have.get(split) != fresh.get(split):
                    stale.append(f"{path} differs from a fresh build")
                elif split in have and pq.read_schema(path).remove_metadata() != pq.read_schema(Path(tmp) / CONFIGS[config] / f"{split}.parquet").remove_metadata():
                    stale.append(f"{path} has other column types than a fresh build")
    return stale
