"""Baselines: valid submissions, a sanity floor on the test split, robustness, the CLI, the
optional adapters (the chat adapter against a local HTTP server), and the README leaderboard."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from byline.baselines import BASELINES, run
from byline.baselines.adapters import chat_predictor, parse_response
from byline.benchmark import format_markdown, leaderboard_block, run_benchmark, scores_record
from byline.cli import main
from byline.corpus import load_corpus
from byline.scoring.run import ScoreOptions, score_predictions
from byline.validate import check_submission_line, validate_paths
from support import REPO

CORPUS = load_corpus(REPO / "corpus")
HEADLINE_F1 = ("entities.strict.f1", "entities.entity.f1", "quotes.detection.f1", "quotes.speaker.f1",
               "events.tri_c.f1", "events.arg_c.f1", "sources.detection.f1")


@pytest.fixture(scope="module")
def rules_scores():
    preds = {p["id"]: p for p in run("rules", CORPUS.split("test"))}
    return preds, score_predictions(preds, CORPUS, ScoreOptions(bootstrap=0)).metrics


@pytest.fixture(scope="module")
def learned_scores():
    preds = {p["id"]: p for p in run("learned", CORPUS.split("test"))}
    return preds, score_predictions(preds, CORPUS, ScoreOptions(bootstrap=0)).metrics


def test_rules_output_is_valid_everywhere():
    for art in CORPUS.articles:
        assert check_submission_line(next(run("rules", [art])), art["text"]) == [], art["id"]


def test_rules_beat_an_empty_submission_on_every_layer(rules_scores):
    _, m = rules_scores
    empty = score_predictions({}, CORPUS, ScoreOptions(bootstrap=0)).metrics
    for key in HEADLINE_F1:
        assert m[key] > empty[key], key


def test_learned_is_valid_and_beats_rules_on_entities(rules_scores, learned_scores):
    preds, m = learned_scores
    for doc_id, pred in preds.items():
        assert check_submission_line(pred, CORPUS.by_id()[doc_id]["text"]) == []
    assert m["entities.strict.f1"] > rules_scores[1]["entities.strict.f1"]
    assert m["entities.entity.f1"] > rules_scores[1]["entities.entity.f1"]


def test_learned_is_reproducible(learned_scores):
    from byline.baselines.learned import load_or_train

    model = load_or_train()
    art = CORPUS.split("test")[0]
    assert model.predict(art) == learned_scores[0][art["id"]]


@pytest.fixture(scope="module")
def ranker_predictions():
    return {p["id"]: p for p in run("ranker", CORPUS.split("test"))}


def test_ranker_output_is_valid(ranker_predictions):
    assert set(ranker_predictions) == {a["id"] for a in CORPUS.split("test")}
    for doc_id, pred in ranker_predictions.items():
        assert check_submission_line(pred, CORPUS.by_id()[doc_id]["text"]) == [], doc_id
    assert sum(len(p["quotes"]) for p in ranker_predictions.values()) > 0
    assert sum(len(p["events"]) for p in ranker_predictions.values()) > 0


def test_ranker_is_reproducible_through_the_store(ranker_predictions, tmp_path):
    """The model run() used, written to the data-only store and read back, predicts the same."""
    from byline.baselines.learned import load_or_train, store
    from byline.baselines.learned.ranker import RankerModel

    model = load_or_train(cls=RankerModel, verbose=False)
    store.save(model, tmp_path / "ranker")
    again = store.load(tmp_path / "ranker", RankerModel)
    assert isinstance(again, RankerModel)
    for art in CORPUS.split("test")[:10]:
        assert again.predict(art) == ranker_predictions[art["id"]]


def test_ranker_keeps_learneds_parts_and_finds_more_speakers_on_validation():
    """The ranker shares learned's CRFs, realis and role classifiers (so its entities are learned's);
    on validation, where its settings were chosen, its speaker ranker must beat learned's pair
    classifier, propagating triggers within an article must not lose Tri-C (no propagation is
    one of the choices), and grouping triggers into one event per type must not lose Arg-C."""
    from byline.baselines.learned import load_or_train
    from byline.baselines.learned.ranker import RankerModel

    learned, ranker = load_or_train(verbose=False), load_or_train(cls=RankerModel, verbose=False)
    assert ranker.entity_crf.data == learned.entity_crf.data and ranker.trigger_crf.data == learned.trigger_crf.data
    val = CORPUS.split("validation")
    m = {name: score_predictions({a["id"]: model.predict(a) for a in val}, CORPUS,
                                 ScoreOptions(split="validation", bootstrap=0)).metrics
         for name, model in (("learned", learned), ("ranker", ranker))}
    assert m["ranker"]["entities.strict.f1"] == m["learned"]["entities.strict.f1"]
    assert m["ranker"]["events.tri_c.f1"] >= m["learned"]["events.tri_c.f1"]
    assert m["ranker"]["quotes.speaker.f1"] > m["learned"]["quotes.speaker.f1"]
    assert m["ranker"]["events.arg_c.f1"] >= m["learned"]["events.arg_c.f1"] - 0.01


@pytest.mark.parametrize("text", [
    "“An unclosed quote runs on, said Ana Silva.\n\nAnd a paragraph later nothing closes.",
    "He said \"straight marks \" \" \" odd and ‘single’ ones” here,” she said.",
    "“",
    "No quotes at all, and no names either.",
    "“A quote over two paragraphs,\n\n“and its continuation,” the minister said.",
])
def test_rules_survive_odd_quotation_marks(text):
    art = {"id": "odd", "text": text}
    pred = next(run("rules", [art]))
    assert check_submission_line(pred, text) == []


def test_byline_run_writes_a_valid_submission(tmp_path, capsys):
    out = tmp_path / "rules.jsonl"
    assert main(["run", "rules", "--split", "validation", "-o", str(out)]) == 0
    assert validate_paths([str(out)]) == []
    assert len(out.read_text().splitlines()) == len(CORPUS.split("validation"))
    assert main(["score", str(out), "--split", "validation", "--bootstrap", "0"]) == 0


def test_unavailable_baselines_are_skipped_with_a_reason(monkeypatch, capsys):
    monkeypatch.delenv("BYLINE_CHAT_BASE_URL", raising=False)
    assert BASELINES["chat"].unavailable().startswith("needs an OpenAI-compatible endpoint")
    assert main(["benchmark", "--baselines", "rules", "chat", "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].startswith("rules ")
    assert "skipped chat: needs an OpenAI-compatible endpoint" in out


class _FakeChat(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeChat.requests.append((self.path, dict(self.headers), body))
        answer = {"entities": [{"id": "E1", "type": "PER", "name": "Dmitry Peskov", "kb_id": None,
                                "mentions": [{"span": {"text": "Peskov", "start": 1, "end": 7}, "kind": "name"}]}],
                  "quotes": [{"id": "Q1", "form": "direct", "content": [{"text": "Negotiators are flying in"}],
                              "cue": {"text": "told reporters"}, "speaker_mention": None, "speaker_id": "E1"}],
                  "events": [], "sources": []}
        self.reply(answer)

    def reply(self, answer: dict) -> None:
        """Send `answer` as an OpenAI-style chat completion whose content is its JSON."""
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": json.dumps(answer)}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_chat_adapter_against_a_local_server():
    server = HTTPServer(("127.0.0.1", 0), _FakeChat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        predict = chat_predictor(f"http://127.0.0.1:{server.server_port}/v1", "test-model", api_key="k")
        seed = CORPUS.by_id()["000_63c2e2d9fb272885"]
        pred = predict(seed)
    finally:
        server.shutdown()
    path, headers, body = _FakeChat.requests[-1]
    assert path == "/v1/chat/completions" and headers["Authorization"] == "Bearer k"
    assert body["model"] == "test-model" and body["messages"][1]["content"] == seed["text"]
    assert body["response_format"]["type"] == "json_schema"
    assert "entities" in body["response_format"]["json_schema"]["schema"]["properties"]
    # Offsets the model made up are dropped: the prediction is text-only and scored in text mode.
    assert pred["entities"][0]["mentions"][0]["span"] == {"text": "Peskov"}
    assert check_submission_line(pred, None) == []
    report = score_predictions({pred["id"]: pred}, CORPUS, ScoreOptions(bootstrap=0))
    assert report.signature.mode == "text" and report.metrics["text.quotes.detection.recall"] > 0


def test_unusable_chat_answer_is_an_empty_prediction():
    assert parse_response("x", {"choices": [{"message": {"content": "not json"}}]})["entities"] == []
    assert parse_response("x", {"error": "overloaded"})["quotes"] == []


@pytest.fixture(scope="module")
def fresh_benchmark():
    return run_benchmark(CORPUS, ScoreOptions(), names=LEADERBOARD)


LEADERBOARD = ("rules", "learned", "ranker")
UPDATE = "byline benchmark --baselines rules learned ranker --update-readme README.md --update-scores baselines/scores.json"


def test_readme_leaderboard_equals_a_fresh_run(fresh_benchmark):
    block = leaderboard_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert block == format_markdown(fresh_benchmark), f"README leaderboard is stale: run {UPDATE}"


def test_stored_scores_equal_a_fresh_run(fresh_benchmark):
    """Every score change of a baseline or the scorer must come with an updated baselines/scores.json."""
    stored = json.loads((REPO / "baselines" / "scores.json").read_text(encoding="utf-8"))
    fresh = json.loads(scores_record(fresh_benchmark))
    assert set(stored) == set(fresh) == set(LEADERBOARD)
    for name in fresh:
        assert stored[name]["signature"] == fresh[name]["signature"], f"signature changed: run {UPDATE}"
        moved = {k: (stored[name]["metrics"].get(k), v) for k, v in fresh[name]["metrics"].items()
                 if stored[name]["metrics"].get(k) is None or abs(stored[name]["metrics"][k] - v) > 1e-9}
        assert not moved, f"{name} scores moved ({len(moved)} metrics, e.g. {list(moved.items())[:3]}): run {UPDATE}"


class _RulesChat(_FakeChat):
    """A stand-in LLM endpoint: answers with the rules baseline's prediction, offsets removed."""

    def do_POST(self):  # noqa: N802
        from byline.baselines.adapters import _strip_offsets
        from byline.baselines.rules import predict

        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        answer = predict({"id": "x", "text": body["messages"][1]["content"]})
        answer.pop("id")
        _strip_offsets(answer)
        self.reply(answer)


def test_chat_row_in_the_benchmark_from_a_stub_endpoint(monkeypatch, capsys):
    server = HTTPServer(("127.0.0.1", 0), _RulesChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("BYLINE_CHAT_BASE_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("BYLINE_CHAT_MODEL", "stub")
    try:
        assert main(["benchmark", "--baselines", "rules", "chat", "--bootstrap", "0"]) == 0
    finally:
        server.shutdown()
    out = capsys.readouterr().out
    chat_row = next(line for line in out.splitlines() if line.startswith("chat "))
    entities_f1 = float(chat_row.split()[1])
    assert entities_f1 > 0.2, chat_row  # a real row: rules' answers, re-aligned from text alone
    assert "mode:text" in out  # text-only answers are scored in text mode, with their own signature


def test_the_prompts_worked_example_is_a_valid_answer():
    from byline.baselines.adapters import EXAMPLE_ANSWER, EXAMPLE_ARTICLE, SYSTEM_PROMPT
    from byline.validate import iter_spans

    assert check_submission_line(EXAMPLE_ANSWER, EXAMPLE_ARTICLE) == []
    spans = [span["text"] for _, span in iter_spans(EXAMPLE_ANSWER)]
    assert spans and all(s in EXAMPLE_ARTICLE for s in spans)
    assert EXAMPLE_ARTICLE in SYSTEM_PROMPT
