"""`byline run NAME --text FILE_OR_DIR...`: a baseline on raw .txt files that are not in the corpus.

Each file is one article, read byte for byte (no newline translation); its id comes from its file
name (see `article_id`). Predictions are checked by the submission rules that need no gold
(`byline.validate.check_submission_line` with the article's own text: schema, offsets inside the
text, `text[start:end] == span["text"]`, ids within the line) and by the id rules (valid, unique).

`predict_batch` is the one batch function: the process pool here calls it on chunks of articles,
and the same function can be handed to `datasets.Dataset.map(batched=True, num_proc=N)` or to Ray
Data's `map_batches`, so scaling out needs no scheduler of Byline's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from byline.io import read_text
from byline.problems import BylineInputError, Problem

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def article_id(path: str | Path) -> str:
    """The file's name without .txt, lower-cased, other characters as '-', at most 64 long."""
    stem = Path(path).name
    stem = stem[:-4] if stem.lower().endswith(".txt") else stem
    ident = _UNSAFE.sub("-", stem.lower()).lstrip("_-")[:64]
    return ident or "article"


def text_files(paths: Iterable[str]) -> list[Path]:
    """Files as given, and the .txt files directly inside each folder (sorted by name)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() == ".txt")
        elif p.is_file():
            out.append(p)
        else:
            raise BylineInputError([Problem(str(p), "", "no such file or folder")])
    return out


def read_articles(paths: Iterable[str]) -> list[dict]:
    """{"id", "text"} per file; two files with the same id are an error naming both."""
    articles, seen, problems = [], {}, []
    for f in text_files(paths):
        ident = article_id(f)
        if ident in seen:
            problems.append(Problem(str(f), "", f"gives the article id {ident!r}, as {seen[ident]} does: rename one"))
            continue
        seen[ident] = str(f)
        try:
            articles.append({"id": ident, "text": read_text(f), "path": str(f)})
        except BylineInputError as e:
            problems += e.problems
    if problems:
        raise BylineInputError(problems)
    if not articles:
        raise BylineInputError([Problem(", ".join(map(str, paths)), "", "no .txt files found")])
    return articles


_PREDICT: dict[str, object] = {}


def _predictor(name: str):
    if name not in _PREDICT:
        from byline.baselines import BASELINES

        baseline = BASELINES[name]
        reason = baseline.unavailable()
        if reason:
            raise RuntimeError(f"baseline {name!r} is unavailable: {reason}")
        _PREDICT[name] = baseline.load()
    return _PREDICT[name]


def predict_batch(batch: dict[str, list], name: str = "rules") -> dict[str, list]:
    """Columns in, columns out: {"id": [...], "text": [...]} -> {"prediction": [submission line, ...]}.

    The shape `datasets.Dataset.map(batched=True)` and Ray Data's `map_batches` use; each worker
    process loads the baseline once.
    """
    predict = _predictor(name)
    return {"prediction": [predict({"id": i, "text": t}) for i, t in zip(batch["id"], batch["text"])]}


def _chunk(name: str, chunk: list[dict]) -> list[dict]:
    return predict_batch({"id": [a["id"] for a in chunk], "text": [a["text"] for a in chunk]}, name)["prediction"]


def run_texts(name: str, articles: list[dict], jobs: int = 1, progress: bool = False,
              chunk_size: int = 8) -> Iterator[dict]:
    """Predictions in the articles' order; jobs > 1 uses a process pool over chunks of articles."""
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=len(articles), desc=name, unit="article", leave=False)
    chunks = [articles[i:i + chunk_size] for i in range(0, len(articles), chunk_size)]
    try:
        if jobs <= 1:
            results: Iterable[list[dict]] = (_chunk(name, c) for c in chunks)
            for preds in results:
                if bar is not None:
                    bar.update(len(preds))
                yield from preds
        else:
            from concurrent.futures import ProcessPoolExecutor
            from functools import partial

            _predictor(name)  # fail here, once, when the baseline is unavailable
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for preds in pool.map(partial(_chunk, name), chunks):
                    if bar is not None:
                        bar.update(len(preds))
                    yield from preds
    finally:
        if bar is not None:
            bar.close()


def check_predictions(predictions: list[dict], articles: list[dict], path: str) -> list[Problem]:
    """The submission rules that need no gold: each line against its own article's text, ids
    valid and unique."""
    from byline.validate import check_submission_line, id_problems

    problems, seen = [], {}
    for n, (pred, art) in enumerate(zip(predictions, articles), start=1):
        found = check_submission_line(pred, art["text"])
        found += id_problems(pred.get("id"), n, seen, None) if isinstance(pred.get("id"), str) else []
        if pred.get("id") != art["id"]:
            found.append(("/id", f"prediction for {art['path']} has id {pred.get('id')!r}, not {art['id']!r}"))
        problems += [Problem(path, w, m, line=n) for w, m in found]
    return problems
