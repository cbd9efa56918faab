"""The learned baseline's cache holds data only: a crafted file cannot run code, a corrupt one is
retrained with a warning, and a stored model predicts exactly as the trained one."""

import hashlib
import json
import pickle
import shutil

import numpy as np
import pytest

from byline.baselines.learned import store
from byline.baselines.learned.model import LearnedModel
from byline.corpus import load_corpus

CORPUS = load_corpus()


@pytest.fixture(scope="module")
def small_model():
    arts = CORPUS.split("train")[:3]
    return LearnedModel.train(arts, CORPUS.split("validation")[:2])


class _Boom:
    """Unpickling this writes a marker file: the proof that loading ran code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_stored_model_predicts_like_the_trained_one(small_model, tmp_path):
    store.save(small_model, tmp_path / "m")
    loaded = store.load(tmp_path / "m")
    for art in CORPUS.split("test")[:3]:
        assert loaded.predict(art) == small_model.predict(art)
    assert not any(p.suffix in (".pkl", ".pickle") for p in (tmp_path / "m").iterdir())


def test_a_loaded_model_reads_nothing_from_its_folder_afterwards(small_model, tmp_path):
    """The CRFs are opened from the bytes whose hashes were checked, at load time: a cache folder
    replaced or removed later (another process publishing the same key) cannot change or break a
    model already loaded. Before, the CRFsuite files were opened at the first prediction."""
    store.save(small_model, tmp_path / "m")
    loaded = store.load(tmp_path / "m")
    shutil.rmtree(tmp_path / "m")
    store.save(small_model, tmp_path / "m")  # saving over an existing folder works too
    store.save(small_model, tmp_path / "m")
    shutil.rmtree(tmp_path / "m")
    for art in CORPUS.split("validation")[:3]:
        assert loaded.predict(art) == small_model.predict(art)


def test_a_variant_predicts_with_the_features_it_was_trained_with(small_model, tmp_path):
    """A subclass that overrides FEATURES uses them when predicting too, trained or loaded (FEATURES
    was a dataclass field, so every instance got learned's defaults back from __init__)."""
    from byline.baselines.learned.features import DEFAULT_FEATURES, FeatureSet

    class Variant(LearnedModel):
        FEATURES = FeatureSet(DEFAULT_FEATURES.token, DEFAULT_FEATURES.speaker, DEFAULT_FEATURES.argument,
                              DEFAULT_FEATURES.realis)

    parts = (small_model.entity_crf, small_model.trigger_crf, small_model.realis, small_model.speaker, small_model.roles)
    assert Variant(*parts).FEATURES is Variant.FEATURES
    store.save(small_model, tmp_path / "m")
    assert store.load(tmp_path / "m", Variant).FEATURES is Variant.FEATURES


def test_a_crafted_array_file_cannot_run_code(small_model, tmp_path):
    folder = tmp_path / "m"
    store.save(small_model, folder)
    marker = tmp_path / "pwned"
    evil = np.empty(1, dtype=object)
    evil[0] = _Boom(str(marker))
    np.savez(folder / "realis.npz", coef=evil, intercept=evil)  # numpy pickles object arrays
    # The attacker can rewrite the manifest too, so its hash is made to match.
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"]["realis.npz"] = hashlib.sha256((folder / "realis.npz").read_bytes()).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ValueError):
        store.load(folder)
    assert not marker.exists()


def test_a_pickle_in_the_cache_folder_is_never_read(small_model, tmp_path, monkeypatch, capsys):
    import byline.baselines.learned as learned

    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path))
    marker = tmp_path / "pwned"
    for name in ("learned.pkl", "manifest.json"):
        (tmp_path / name).write_bytes(pickle.dumps(_Boom(str(marker))))
    monkeypatch.setattr(LearnedModel, "train", classmethod(lambda cls, *a, **k: small_model))
    model = learned.load_or_train(CORPUS, verbose=False)
    assert model is small_model and not marker.exists()


def test_a_corrupt_cache_is_retrained_with_a_warning(small_model, tmp_path, monkeypatch, capsys):
    import byline.baselines.learned as learned

    monkeypatch.setenv("BYLINE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(LearnedModel, "train", classmethod(lambda cls, *a, **k: small_model))
    first = learned.load_or_train(CORPUS, verbose=False)
    [folder] = [p for p in tmp_path.iterdir() if p.is_dir()]
    data = (folder / "entity.crfsuite").read_bytes()
    (folder / "entity.crfsuite").write_bytes(data[: len(data) // 2])  # truncated
    again = learned.load_or_train(CORPUS, verbose=False)
    assert again is first  # retrained (the stub returns the same object), not loaded
    err = capsys.readouterr().err
    assert "unusable" in err and "retraining" in err and "Traceback" not in err
    assert store.load(folder)  # and rewritten whole
