"""Format bridges: export then import reproduces the gold for every layer a format can hold, and
what a format cannot hold is counted; bad imports give located problems, exit 1, no traceback."""

import json

import pytest

from byline.bridges import export
from byline.bridges.brat import read_brat
from byline.bridges.conll import read_conll
from byline.bridges.hf_tokens import labels, labels_path, read_hf_tokens
from byline.bridges.label_studio import read_label_studio
from byline.bridges.tokens import choose, entity_spans, trigger_spans
from byline.cli import main
from byline.corpus import load_corpus
from byline.problems import BylineInputError
from byline.validate import validate_paths

LAYERS = ("entities", "quotes", "events")


@pytest.fixture(scope="module")
def articles():
    return load_corpus().split("test")


def without_ids(items: list[dict]) -> list[dict]:
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


def overlaps_kept(span, kept) -> bool:
    return any(s < span[1] and span[0] < e for s, e, _ in kept)


# --- brat ----------------------------------------------------------------------------------

def test_brat_round_trip_reproduces_entities_quotes_and_events(articles, tmp_path):
    result = export("brat", articles, str(tmp_path / "brat"))
    back = {a["id"]: a for a in read_brat(tmp_path / "brat")}
    assert set(back) == {a["id"] for a in articles}
    for art in articles:
        for layer in LAYERS:
            assert back[art["id"]][layer] == art[layer], (art["id"], layer)
        for key in ("published", "beat", "license", "split", "title", "notes"):
            assert back[art["id"]][key] == art[key]
        assert back[art["id"]]["sources"] == []
    assert result.not_encoded == {"sources (brat has no source layer)": sum(len(a["sources"]) for a in articles)}


def test_brat_spans_over_line_breaks_are_fragments(articles, tmp_path):
    export("brat", articles, str(tmp_path / "brat"))
    ann = (tmp_path / "brat" / "000_63c2e2d9fb272885.ann").read_text(encoding="utf-8")
    line = next(x for x in ann.splitlines() if x.startswith("T") and "\tQuote 37 " in x)
    assert line.split("\t")[1] == "Quote 37 85;86 99"  # "... to Moscow for\nplanned talks"
    assert "\n" not in line.split("\t")[2]


def test_cli_export_import_validate(tmp_path, capsys):
    assert main(["export", "--format", "brat", "--split", "test", "-o", str(tmp_path / "brat")]) == 0
    assert main(["import", "--format", "brat", str(tmp_path / "brat"), "-o", str(tmp_path / "corpus")]) == 0
    assert validate_paths([str(tmp_path / "corpus")]) == []
    one = next((tmp_path / "brat").glob("*.ann"))
    assert main(["import", "--format", "brat", str(one), "-o", str(tmp_path / "one.json")]) == 0
    assert (tmp_path / "one.txt").read_text(encoding="utf-8") == one.with_suffix(".txt").read_text(encoding="utf-8")
    # a second export into the same folder refuses, with a message and no traceback
    assert main(["export", "--format", "brat", "-o", str(tmp_path / "brat")]) == 1
    assert "not an empty folder" in capsys.readouterr().err


# --- BIO formats ---------------------------------------------------------------------------

def check_bio(gold: list, decoded: list, reported: int) -> None:
    """Every decoded span is gold; every gold span not decoded is counted and overlaps one kept."""
    assert set(decoded) <= set(gold)
    assert len(decoded) == len(set(decoded))
    missing = set(gold) - set(decoded)
    assert len(missing) == reported
    assert all(overlaps_kept(span, decoded) for span in missing)


def test_conll_round_trip_mentions_and_triggers(articles, tmp_path):
    path = tmp_path / "test.conll"
    result = export("conll", articles, str(path))
    back = read_conll(str(path), articles)
    n_ent = n_trig = 0
    for art in articles:
        ents, trigs = entity_spans(art), trigger_spans(art)
        n_ent += len(ents) - len(set(back[art["id"]]["entities"]))
        n_trig += len(trigs) - len(set(back[art["id"]]["triggers"]))
        check_bio(ents, back[art["id"]]["entities"], len(choose(ents)[1]))
        check_bio(list(set(trigs)), back[art["id"]]["triggers"], len(choose(trigs)[1]))
    assert n_ent > 0  # the test split has nested mentions ("Kremlin" in "Kremlin aide"): counted
    assert result.not_encoded.get("nested or overlapping entity mentions") == n_ent
    assert sum(v for k, v in result.not_encoded.items() if "trigger" in k) == n_trig
    text = path.read_text(encoding="utf-8")
    assert text.count("-DOCSTART-") == len(articles)
    assert all(len(line.split(" ")) == 3 for line in text.splitlines() if line)


def test_hf_tokens_round_trip_mentions(articles, tmp_path):
    path = tmp_path / "test.jsonl"
    result = export("hf-tokens", articles, str(path))
    names = json.loads(labels_path(path).read_text(encoding="utf-8"))
    assert names == labels() and names[0] == "O"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert all(set(r) == {"id", "tokens", "ner_tags"} and len(r["tokens"]) == len(r["ner_tags"]) for r in rows)
    back = read_hf_tokens(str(path), articles)
    dropped = 0
    for art in articles:
        ents = entity_spans(art)
        check_bio(ents, back[art["id"]], len(choose(ents)[1]))
        dropped += len(choose(ents)[1])
    assert result.not_encoded == {"nested or overlapping entity mentions": dropped}


def test_spacy_docbin_round_trip_mentions(articles, tmp_path):
    pytest.importorskip("spacy")
    import spacy
    from spacy.tokens import DocBin

    from byline.bridges.spacy import read_docbin

    path = tmp_path / "test.spacy"
    result = export("spacy", articles, str(path))
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("xx").vocab))
    assert [d.text for d in docs] == [a["text"] for a in articles]
    back = read_docbin(str(path))
    for art in articles:
        ents = entity_spans(art)
        check_bio(ents, back[art["id"]], len(choose(ents)[1]))
    assert result.encoded == sum(len(v) for v in back.values())


def test_spacy_export_without_spacy_says_so(monkeypatch, tmp_path, capsys):
    import byline.bridges.spacy as bridge

    monkeypatch.setattr(bridge, "available", lambda: False)
    assert main(["export", "--format", "spacy", "-o", str(tmp_path / "x.spacy")]) == 1
    assert "pip install 'byline[spacy]'" in capsys.readouterr().err
    assert not (tmp_path / "x.spacy").exists()


# --- Label Studio ------------------------------------------------------------------------

def utf16(text: str, i: int) -> int:
    return len(text[:i].encode("utf-16-le")) // 2


def to_label_studio(art: dict) -> dict:
    """A gold article as a Label Studio task, as an annotator would have made it."""
    text, results, n = art["text"], [], iter(range(10 ** 6))

    def region(label: str, span: dict, **choices) -> str:
        rid = f"r{next(n)}"
        results.append({"id": rid, "type": "labels", "from_name": "label", "to_name": "text",
                        "value": {"start": utf16(text, span["start"]), "end": utf16(text, span["end"]),
                                  "text": span["text"], "labels": [label]}})
        for name, choice in choices.items():
            results.append({"id": rid, "type": "choices", "from_name": name, "to_name": "text", "value": {"choices": [choice]}})
        return rid

    def relation(a: str, b: str, label: str, direction: str = "right") -> None:
        if direction == "left":
            a, b = b, a
        results.append({"type": "relation", "from_id": a, "to_id": b, "direction": direction, "labels": [label]})

    rid_of, first = {}, {}
    for ent in art["entities"]:
        rids = [region(ent["type"], m["span"], kind=m["kind"]) for m in ent["mentions"]]
        rid_of.update({(m["span"]["start"], m["span"]["end"]): r for m, r in zip(ent["mentions"], rids)})
        first[ent["id"]] = rids[0]
        results.append({"id": rids[0], "type": "textarea", "from_name": "note", "to_name": "text",
                        "value": {"text": [json.dumps({"id": ent["id"], "name": ent["name"], "kb_id": ent["kb_id"]})]}})
        for a, b in zip(rids, rids[1:]):
            relation(a, b, "coref", direction="left")
    for q in art["quotes"]:
        rids = [region("Quote", p, form=q["form"]) for p in q["content"]]
        for a, b in zip(rids, rids[1:]):
            relation(a, b, "same_quote")
        if q["cue"]:
            relation(rids[0], region("Cue", q["cue"]), "Cue")
        if q["speaker_mention"]:
            relation(rids[0], rid_of[(q["speaker_mention"]["start"], q["speaker_mention"]["end"])], "Speaker")
        elif q["speaker_id"]:
            relation(rids[0], first[q["speaker_id"]], "SpeakerEntity")
    for ev in art["events"]:
        rids = [region(ev["type"], t, realis=ev["realis"]) for t in ev["triggers"]]
        for a, b in zip(rids, rids[1:]):
            relation(a, b, "SameEvent")
        for arg in ev["arguments"]:
            relation(rids[0], first[arg["entity_id"]] if arg["entity_id"] else region("Argument", arg["span"]), arg["role"])
    meta = {k: art[k] for k in ("title", "outlet", "url", "published", "language", "license", "provenance",
                                "beat", "notes", "split")}
    return {"id": 7, "data": {"text": text, "byline_id": art["id"], "byline_meta": meta},
            "annotations": [{"id": 1, "was_cancelled": True, "result": []}, {"id": 2, "result": results}]}


def test_label_studio_import_reproduces_the_gold(articles, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([to_label_studio(a) for a in articles], ensure_ascii=False), encoding="utf-8")
    back = {a["id"]: a for a in read_label_studio(path)}
    for art in articles:
        got = back[art["id"]]
        assert got["entities"] == art["entities"]
        assert without_ids(got["quotes"]) == without_ids(art["quotes"])
        assert sorted(map(json.dumps, without_ids(got["events"]))) == sorted(map(json.dumps, without_ids(art["events"])))
    assert main(["import", "--format", "label-studio", str(path), "-o", str(tmp_path / "corpus")]) == 0
    assert validate_paths([str(tmp_path / "corpus")]) == []


def test_label_studio_utf16_offsets_of_text_after_an_emoji(tmp_path):
    text = "\U0001F600 Ana Silva said hello."
    start = text.index("Ana")
    task = {"id": 1, "data": {"text": text, "byline_meta": {"published": "2026-01-01", "beat": "culture",
                                                            "license": "CC-BY-4.0", "split": "train"}},
            "annotations": [{"result": [
                {"id": "a", "type": "labels", "value": {"start": start + 1, "end": start + 10, "text": "Ana Silva", "labels": ["PER"]}},
                {"id": "a", "type": "choices", "from_name": "kind", "value": {"choices": ["name"]}}]}]}
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    [art] = read_label_studio(path)
    assert art["id"] == "task-1"  # no data.byline_id or data.id: named after the task
    assert art["entities"][0]["mentions"][0]["span"] == {"start": start, "end": start + 9, "text": "Ana Silva"}


# --- bad input ---------------------------------------------------------------------------

def brat_pair(tmp_path, ann: str, text: str = "Ana Silva met Bo in Lima.\n") -> str:
    folder = tmp_path / "bad"
    folder.mkdir(exist_ok=True)
    (folder / "doc.txt").write_text(text, encoding="utf-8")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    (folder / "doc.meta.json").write_text(json.dumps({"published": "2026-01-01", "beat": "culture",
                                                      "license": "CC-BY-4.0", "split": "train"}), encoding="utf-8")
    return str(folder)


GOOD = "T1\tPER 0 9\tAna Silva\nA1\tKind T1 name\n"


@pytest.mark.parametrize("ann, line, message", [
    (GOOD + "T2\tPER 0 3 Ana\n", 3, "a text-bound line is"),
    (GOOD + "T2\tPER 20 99\tLima\n", 3, "not a span of the text"),
    (GOOD + "T2\tGPE 20 24\tRome\nA2\tKind T2 name\n", 3, "differs from the text"),
    (GOOD + "T2\tCITY 20 24\tLima\n", 3, "unknown label 'CITY'"),
    (GOOD + "R1\tSpeaker Arg1:T1 Arg2:T9\n", 3, "refers to 'T9'"),
    (GOOD + "T2\tPER 14 16\tBo\n", 3, "has no Kind"),
    (GOOD + "T2\ttravel 10 13\tmet\nE1\ttravel:T2 Agent:T1\n", 4, "brat event (E) lines are not read"),
    (GOOD + "T2\tPER 0 3;10 13\tAna met\n", 3, "have text between them"),
    (GOOD + "X1\twhat\n", 3, "unknown annotation line"),
    (GOOD + "A2\tKind T7 name\n", 3, "names 'T7', which is not a region"),
    (GOOD + "T2\tPER 14 16\tBo\nA2\tKind T2 name\n*\tCoref T1 T2\nR1\tCue Arg1:T1 Arg2:T2\n", 6, "link Cue must go"),
])
def test_brat_import_problems_are_located(tmp_path, capsys, ann, line, message):
    folder = brat_pair(tmp_path, ann)
    with pytest.raises(BylineInputError) as e:
        read_brat(folder)
    assert any(p.line == line and message in p.message and p.path.endswith("doc.ann") for p in e.value.problems), e.value.problems
    assert main(["import", "--format", "brat", folder, "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"doc.ann:{line}:" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_brat_import_reports_schema_problems_of_the_result(tmp_path, capsys):
    folder = brat_pair(tmp_path, "T1\tPER 0 9\tAna Silva\nA1\tKind T1 famous\n")
    assert main(["import", "--format", "brat", folder, "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "doc.ann: /entities/0/mentions/0/kind: 'famous' is not one of" in err


def test_brat_import_without_metadata_needs_options(tmp_path, capsys):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text("Ana Silva spoke.", encoding="utf-8")
    (folder / "a.ann").write_text(GOOD, encoding="utf-8")
    assert main(["import", "--format", "brat", str(folder), "-o", str(tmp_path / "out")]) == 1
    assert "/published" in capsys.readouterr().err
    assert main(["import", "--format", "brat", str(folder), "-o", str(tmp_path / "out"), "--published", "2026-01-02",
                 "--beat", "culture", "--license", "CC-BY-4.0", "--split", "train"]) == 0
    assert validate_paths([str(tmp_path / "out")]) == []


def test_brat_import_missing_text_and_empty_folder(tmp_path):
    (tmp_path / "lonely.ann").write_text(GOOD, encoding="utf-8")
    with pytest.raises(BylineInputError, match="no text file lonely.txt"):
        read_brat(tmp_path)
    (tmp_path / "empty").mkdir()
    with pytest.raises(BylineInputError, match="no .ann files"):
        read_brat(tmp_path / "empty")


@pytest.mark.parametrize("content, message", [
    ("{}", "expected a JSON list of tasks"),
    ("[{\"data\": {}}]", "/0/data/text: a task needs its text"),
    ("[{\"data\": {\"text\": \"Ana\"}, \"annotations\": []}]", "/0/annotations: no annotation"),
    ("[{\"data\": {\"text\": \"Ana\"}, \"annotations\": [{\"result\": [{\"id\": \"a\", \"type\": \"labels\", "
     "\"value\": {\"start\": 0, \"end\": 3, \"text\": \"Bob\", \"labels\": [\"PER\"]}}]}]}]",
     "/0/annotations/0/result/0: value.text 'Bob' differs"),
    ("[{\"data\": {\"text\": \"Ana\"}, \"annotations\": [{\"result\": [{\"type\": \"relation\", \"from_id\": \"a\", "
     "\"to_id\": \"b\", \"labels\": []}]}]}]", "/0/annotations/0/result/0: a relation needs one label"),
    ("[{\"data\": {\"text\": \"Ana\"", "invalid JSON"),
])
def test_label_studio_import_problems_are_located(tmp_path, capsys, content, message):
    path = tmp_path / "ls.json"
    path.write_text(content, encoding="utf-8")
    assert main(["import", "--format", "label-studio", str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert f"{path}" in err and message in err and "Traceback" not in err
