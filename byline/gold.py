"""Where gold comes from: the bundled corpus, a corpus folder, or a built dataset folder.

Gold passes the checks of `byline validate` (byline.validate.corpus_problems: the schema and
every rule beyond it) before a single number is computed from it. The verdict is cached by the
corpus's content hash together with a fingerprint of the checks themselves (the schemas, the
checking code, the package version): in memory, and as a small marker file in the user cache
folder (byline.resources.cache_dir), so the bundled corpus is not re-checked on every call.
Only a pass is cached; a corpus with problems is checked, and its problems listed, every time.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from byline.corpus import SPLITS, Corpus, is_corpus_dir, load_corpus
from byline.io import read_json
from byline.problems import BylineInputError, Problem, clip
from byline.resources import cache_dir, schema_dir

_VERIFIED: set[str] = set()  # verdict keys of corpora that passed, in this process


@lru_cache(maxsize=None)
def _checks_fingerprint() -> str:
    """What a verdict depends on besides the articles: the schemas, the checking code, the version."""
    from byline import __version__, validate

    h = hashlib.sha256(__version__.encode())
    for path in [*sorted(schema_dir().glob("*.json")), Path(validate.__file__), Path(__file__)]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def verdict_key(corpus: Corpus) -> str:
    return hashlib.sha256(f"{_checks_fingerprint()}:{corpus.content_hash}".encode()).hexdigest()


def _marker(key: str) -> Path:
    return cache_dir() / f"verified-gold-{key[:32]}"


def _cached(key: str) -> bool:
    if key in _VERIFIED:
        return True
    try:
        if _marker(key).read_text(encoding="ascii") == key:
            _VERIFIED.add(key)
            return True
    except (OSError, ValueError):
        pass
    return False


def _remember(key: str) -> None:
    _VERIFIED.add(key)
    marker = _marker(key)
    try:  # best effort: a read-only or missing cache folder only costs a re-check next time
        marker.parent.mkdir(parents=True, exist_ok=True)
        tmp = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
        tmp.write_text(key, encoding="ascii")
        os.replace(tmp, marker)
    except OSError:
        pass


def verify(corpus: Corpus, locate: Callable[[dict, str], tuple[str, str]] | None = None) -> None:
    """Raise BylineInputError listing every problem of the corpus's articles, unless a cached
    verdict says it passed. `locate(article, pointer) -> (path, pointer)` says where a problem
    is (default: the corpus folder's articles/ID.json, and ID.txt for the text)."""
    from byline.validate import corpus_problems

    key = verdict_key(corpus)
    if _cached(key):
        return
    problems = corpus_problems(corpus, locate)
    if problems:
        raise BylineInputError(problems)
    _remember(key)


def is_built_dir(path: Path) -> bool:
    return path.is_dir() and (path / "byline.json").is_file() and (path / "data").is_dir()


def _read_parquet(file: Path) -> tuple[list[dict], list[Problem]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_table(file).to_pylist(), []
    except OSError as e:
        if isinstance(e, pa.ArrowException):
            return [], [Problem(str(file), "", f"not a readable Parquet file: {clip(str(e), 200)}")]
        return [], [Problem(str(file), None, f"cannot read: {e.strerror or e}")]
    except (ValueError, TypeError, pa.ArrowException) as e:
        return [], [Problem(str(file), "", f"not a readable Parquet file: {clip(str(e), 200)}")]


def load_built(path: Path) -> Corpus:
    """A folder written by `byline build`: its 'articles' Parquet files, read with pyarrow, then
    checked like a corpus folder (problems located as data/SPLIT.parquet: /ROW/json/pointer)."""
    meta_path = path / "byline.json"
    meta = read_json(meta_path)
    if not isinstance(meta, dict):
        raise BylineInputError([Problem(str(meta_path), "", "expected a JSON object written by `byline build`")])
    problems = [Problem(str(meta_path), f"/{k}", "expected a string") for k in ("name", "version", "content_hash")
                if not isinstance(meta.get(k), str)]
    articles: list[dict] = []
    origin: dict[int, tuple[str, int]] = {}  # id(article) -> (file, row)
    seen: dict[str, str] = {}
    for file in sorted((path / "data").glob("*.parquet")):
        rows, found = _read_parquet(file)
        problems += found
        for row_no, row in enumerate(rows):
            doc_id = row.get("id") if isinstance(row, dict) else None
            where = f"/{row_no}"
            if not isinstance(doc_id, str):
                problems.append(Problem(str(file), where + "/id", "expected an article id (a string)"))
                continue
            if doc_id in seen:
                problems.append(Problem(str(file), where + "/id", f"article {clip(doc_id)} is also in {seen[doc_id]}"))
                continue
            if row.get("split") not in SPLITS:
                problems.append(Problem(str(file), where + "/split", f"{clip(row.get('split'))} is not one of {list(SPLITS)}"))
                continue
            seen[doc_id] = f"{file.name} row {row_no}"
            origin[id(row)] = (str(file), row_no)
            articles.append(row)
    if not articles and not problems:
        problems.append(Problem(str(path / "data"), "", "no articles: expected the .parquet files of `byline build`"))
    if problems:
        raise BylineInputError(problems)
    articles.sort(key=lambda a: a["id"])
    corpus = Corpus(root=path, name=meta["name"], version=meta["version"], articles=articles)
    try:
        digest = corpus.content_hash
    except (TypeError, ValueError) as e:
        raise BylineInputError([Problem(str(path / "data"), "", f"holds values that are not JSON: {clip(str(e), 200)}")]) from None
    if digest != meta["content_hash"]:
        raise BylineInputError([Problem(str(meta_path), "/content_hash",
                                        "the data files do not match the recorded content hash: rebuild the folder")])

    def locate(article: dict, where: str) -> tuple[str, str]:
        file, row_no = origin[id(article)]
        return file, f"/{row_no}{where}"

    verify(corpus, locate)
    return corpus


def load_gold(path: str | Path | None = None) -> Corpus:
    """The gold to score against, checked (see the module docstring): the bundled corpus (None),
    a corpus folder or a built dataset folder."""
    if path is None:
        return load_corpus()
    path = Path(path)
    if is_corpus_dir(path):
        return load_corpus(path)
    if is_built_dir(path):
        return load_built(path)
    if not path.exists():
        raise BylineInputError([Problem(str(path), "", "no such folder")])
    raise BylineInputError([Problem(str(path), "", "not a corpus folder (corpus.json) or a built dataset folder (byline.json)")])
