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
from byline.hf.card import render_card, render_license
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


OWN_FILES = ("README.md", "LICENSE", "byline.json")


def foreign_entries(out: Path) -> list[str]:
    """What in `out` is not Byline's: a build writes only into an empty folder or a previous build
    (recognised by its byline.json), and never touches anything else. Hidden entries (.git,
    .gitattributes of a Hub clone) are left alone and allowed."""
    if not out.exists():
        return []
    if not out.is_dir():
        return [str(out) + " (not a folder)"]
    entries = [p for p in out.iterdir() if not p.name.startswith(".")]
    if not entries:
        return []
    if not (out / "byline.json").is_file():
        return sorted(p.name for p in entries)
    foreign = []
    for p in entries:
        if p.name in OWN_FILES and p.is_file():
            continue
        if p.name in CONFIGS.values() and p.is_dir():
            foreign += [f"{p.name}/{q.name}" for q in p.iterdir() if not (q.suffix == ".parquet" and q.stem in SPLITS)]
            continue
        foreign.append(p.name)
    return sorted(foreign)


def build(corpus: Corpus, out: str | Path) -> dict:
    """Write the dataset folder; return the release metadata.

    The new build is written to a temporary folder beside `out` and then moved into place, so an
    interrupted build leaves the previous one whole; `out` must be empty, absent or a previous
    build (see foreign_entries), else nothing is written or deleted.
    """
    out = Path(out)
    foreign = foreign_entries(out)
    if foreign:
        shown = ", ".join(foreign[:10]) + (f" and {len(foreign) - 10} more" if len(foreign) > 10 else "")
        raise BylineInputError([Problem(str(out), "", f"not an empty folder or a previous Byline build (it holds {shown}): "
                                        "nothing was written; choose another folder")])
    features = article_features()
    problems = [Problem(f"{a['id']}", key, "key not in the dataset features (it would be dropped)")
                for a in corpus.articles for key in unexpected_keys(a, features)]
    if problems:
        raise BylineInputError(problems)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".byline-build-", dir=out.parent))
    try:
        for split in present_splits(corpus):  # an empty Parquet file fails to load: empty splits are left out
            arts = corpus.split(split)
            _write_table(arts, features, tmp / CONFIGS["articles"] / f"{split}.parquet")
            _write_table([r for a in arts for r in mention_rows(a)], mention_features(),
                         tmp / CONFIGS["mentions"] / f"{split}.parquet")
        meta = release_metadata(corpus)
        (tmp / "byline.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        (tmp / "README.md").write_text(render_card(corpus), encoding="utf-8")
        (tmp / "LICENSE").write_text(render_license(corpus), encoding="utf-8")  # the card's license_link
        for sub in CONFIGS.values():
            if (out / sub).exists():
                shutil.rmtree(out / sub)
            if (tmp / sub).exists():
                (tmp / sub).rename(out / sub)
        for name in OWN_FILES:
            (tmp / name).replace(out / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
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
        for rel in OWN_FILES:
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
