"""Saving the learned model as data only, so that a cache file can never run code.

The cache folder can be shared ($BYLINE_CACHE_DIR), so what is read from it must not be able to
execute anything when loaded: no pickle. A model is a folder of plain files:

- `entity.crfsuite`, `trigger.crfsuite`: CRFsuite's own model files (read by its C library, from
  the bytes whose hash was checked);
- `NAME.npz`: a logistic regression's coefficients and intercepts (numpy, allow_pickle=False);
- `manifest.json`: labels, vocabularies, the choices made on validation, and the SHA-256 of every
  file, checked before anything is loaded.

A folder that fails any check is reported as corrupt (ValueError); the caller retrains.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import numpy as np

FORMAT = 1
LR_PARTS = ("realis", "speaker", "roles")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lr_state(pipeline) -> tuple[dict, dict]:
    vectorizer, lr = pipeline.steps[0][1], pipeline.steps[-1][1]
    meta = {"vocabulary": {k: int(v) for k, v in vectorizer.vocabulary_.items()},
            "classes": [c.item() if hasattr(c, "item") else c for c in lr.classes_]}
    return meta, {"coef": lr.coef_, "intercept": lr.intercept_}


def _lr_from_state(meta: dict, arrays) -> object:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    vectorizer = DictVectorizer()
    vectorizer.vocabulary_ = meta["vocabulary"]
    vectorizer.feature_names_ = sorted(meta["vocabulary"], key=meta["vocabulary"].get)
    lr = LogisticRegression()
    lr.classes_ = np.array(meta["classes"])
    lr.coef_, lr.intercept_ = arrays["coef"], arrays["intercept"]
    lr.n_features_in_ = lr.coef_.shape[1]
    return make_pipeline(vectorizer, lr)


def save(model, folder: Path) -> None:
    """Write the model to `folder` atomically (a temporary sibling, then a rename)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".", dir=folder.parent))
    manifest = {"format": FORMAT, "model": model.NAME, "choices": model.choices, "lr": {}, "files": {}}
    for name, crf in (("entity", model.entity_crf), ("trigger", model.trigger_crf)):
        (tmp / f"{name}.crfsuite").write_bytes(crf.data)  # a model.CRFModel
    for name in LR_PARTS:
        meta, arrays = _lr_state(getattr(model, name))
        np.savez(tmp / f"{name}.npz", **arrays)
        manifest["lr"][name] = meta
    manifest["files"] = {p.name: _sha256(p) for p in sorted(tmp.iterdir())}
    (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    # Publish: the old folder (if any) is moved aside first, so that a rename never meets a
    # non-empty folder; another process that published the same key meanwhile wins (same key,
    # same model), and ours is dropped rather than crashing on the rename.
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(prefix=folder.name + ".old.", dir=folder.parent))
        try:
            folder.rename(old / "m")
        except OSError:
            pass
    try:
        tmp.rename(folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def load(folder: Path, cls=None):
    """Read a model written by `save` as a `cls` (default LearnedModel); ValueError naming the
    problem if anything is off."""
    import io

    from byline.baselines.learned.model import CRFModel, LearnedModel

    cls = cls or LearnedModel
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"unreadable manifest: {e}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ValueError("unknown cache format")
    if manifest.get("model", "learned") != cls.NAME:
        raise ValueError(f"a {manifest.get('model')!r} model, not {cls.NAME!r}")
    expected = {"entity.crfsuite", "trigger.crfsuite", *(f"{n}.npz" for n in LR_PARTS)}
    files = manifest.get("files") or {}
    if set(files) != expected:
        raise ValueError("the manifest does not list the model's files")
    # Each file is read once, and what is checked is what is used: nothing is read from the folder
    # after this (a file replaced between the check and its use cannot slip in).
    data = {}
    for name, digest in files.items():
        path = folder / name
        data[name] = path.read_bytes() if path.is_file() else None
        if data[name] is None or hashlib.sha256(data[name]).hexdigest() != digest:
            raise ValueError(f"{name} does not match the hash recorded when it was written")
    parts = {}
    for name in LR_PARTS:
        with np.load(io.BytesIO(data[f"{name}.npz"]), allow_pickle=False) as arrays:
            parts[name] = _lr_from_state(manifest["lr"][name], {k: arrays[k] for k in arrays.files})
    try:
        crfs = {n: CRFModel(data[f"{n}.crfsuite"]) for n in ("entity", "trigger")}
    except Exception as e:  # CRFsuite rejects a malformed model file
        raise ValueError(f"unreadable CRF model: {e}") from None
    choices = {k: tuple(v) for k, v in manifest["choices"].items()}
    return cls(crfs["entity"], crfs["trigger"], parts["realis"], parts["speaker"], parts["roles"], choices)
