"""byline view (the HTML error-analysis page) and byline run --text."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess

import pytest

import byline
from byline.baselines import run
from byline.cli import main
from byline.corpus import Corpus, load_corpus
from byline.viewer import render, tally, view
from support import REPO

CORPUS = load_corpus(REPO / "corpus")
LAYERS = ("entities", "quotes", "events", "sources")


def submission_of(articles):
    return [{k: copy.deepcopy(a[k]) for k in ("id",) + LAYERS} for a in articles]


def strip_offsets(obj):
    """A text-mode copy: every span keeps its text only."""
    if isinstance(obj, dict):
        if "text" in obj and "start" in obj and "end" in obj and len(obj) == 3:
            return {"text": obj["text"]}
        return {k: strip_offsets(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [strip_offsets(x) for x in obj]
    return obj


def page_tally(page: str) -> dict[str, tuple[float, float, float]]:
    """What the page says the Report counted: the data-report cells of the tally table."""
    out = {}
    for key, x, v in re.findall(r'id="tally-([a-z_.]+)-(tp|fp|fn)" data-report="([0-9.]+)"', page):
        out.setdefault(key, {})[x] = float(v)
    return {k: (v["tp"], v["fp"], v["fn"]) for k, v in out.items()}


def page_items(page: str) -> dict:
    data = re.search(r'<script type="application/json" id="byline-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(data)["items"]


@pytest.fixture(scope="module")
def rules_view():
    preds = list(run("rules", CORPUS.split("test")))
    page, report = view(preds, gold=CORPUS, split="test", bootstrap=50)
    return preds, page, report


def test_the_marked_items_add_up_to_the_reports_counts(rules_view):
    _, page, report = rules_view
    items = page_items(page)
    assert set(items) == set(report.doc_ids)
    marked = tally(items)
    for key, counts in marked.items():
        assert (counts["tp"], counts["fp"], counts["fn"]) == report.counts[key], key
    assert page_tally(page) == {k: report.counts[k] for k in marked}
    # ... and every article is on the page, with a link from the summary.
    for doc_id in report.doc_ids:
        assert f'id="doc-{doc_id}"' in page and f'href="#doc-{doc_id}"' in page


def test_the_page_agrees_with_byline_score_json(rules_view, tmp_path, capsys):
    preds, page, _ = rules_view
    sub = tmp_path / "rules.jsonl"
    sub.write_text("".join(json.dumps(p) + "\n" for p in preds))
    assert main(["score", str(sub), "--format", "json", "--bootstrap", "0"]) == 0
    counts = json.loads(capsys.readouterr().out)["counts"]
    for key, (tp, fp, fn) in page_tally(page).items():
        assert counts[key] == {"tp": tp, "fp": fp, "fn": fn}


def test_the_errors_file_is_unchanged_by_the_match_records(rules_view):
    _, _, report = rules_view
    assert report.errors and report.matches
    assert all(e["error"] != "tp" for e in report.errors)
    assert all(e["error"] == "tp" for e in report.matches)


def test_gold_against_gold_is_all_correct():
    arts = CORPUS.split("test")
    page, report = view(submission_of(arts), gold=CORPUS, split="test", bootstrap=0)
    assert report.errors == []
    items = page_items(page)
    assert all(it["status"] == "correct" for doc in items.values() for it in doc)
    assert sum(len(doc) for doc in items.values()) == len(report.matches)
    for key, (tp, fp, fn) in page_tally(page).items():
        assert fp == fn == 0 and tp == report.counts[key][0]


def test_text_mode_submissions_are_marked_and_counted(rules_view):
    preds, _, _ = rules_view
    text_preds = [strip_offsets(p) for p in preds]
    page, report = view(text_preds, gold=CORPUS, split="test", bootstrap=0)
    assert report.signature.mode == "text"
    marked = tally(page_items(page))
    for key, counts in marked.items():
        assert (counts["tp"], counts["fp"], counts["fn"]) == report.counts[key], key
    assert "text.entities.strict" in page
    assert page.count('class="m ') > 50  # spans located in the raw text by their normalised text


def _article(text, entities=(), quotes=()):
    return {"id": "inject", "split": "test", "text": text, "entities": list(entities), "quotes": list(quotes),
            "events": [], "sources": []}


def test_an_article_with_a_script_tag_renders_inert():
    text = 'Mayor <script>alert("x")</script> Ana Silva spoke. </script><img src=x onerror=alert(1)> & more'
    start = text.index("Ana Silva")
    ent = {"id": "E1", "type": "PER", "name": "Ana Silva", "kb_id": None,
           "mentions": [{"span": {"start": start, "end": start + 9, "text": "Ana Silva"}, "kind": "name"}]}
    tag = {"id": "E2", "type": "ORG", "name": None, "kb_id": None,
           "mentions": [{"span": {"start": 6, "end": 14, "text": "<script>"}, "kind": "name"}]}
    gold = _article(text, [ent])
    corpus = Corpus(root=None, name="inject", version="0", articles=[gold])
    pred = {k: gold[k] for k in ("id",) + LAYERS}
    pred = dict(pred, entities=[ent, tag])
    page, report = view([pred], gold=corpus, split="test", bootstrap=0)
    assert report.counts["entities.strict"] == (1.0, 1.0, 0.0)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;</span>alert(&quot;x&quot;)&lt;/script&gt;" in page  # "<script>" is a marked span
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; more" in page
    # Only the page's own two script elements: the JSON data block and the code.
    assert page.count("<script") == 2 and page.count("</script>") == 2
    items = page_items(page)  # the data block still parses, the spurious "<script>" in it
    assert any(it["status"] == "spurious" for it in items["inject"])


def test_byline_view_command(tmp_path, rules_view):
    preds, _, report = rules_view
    sub = tmp_path / "rules.jsonl"
    sub.write_text("".join(json.dumps(p) + "\n" for p in preds))
    out = tmp_path / "report.html"
    assert main(["view", str(sub), "--bootstrap", "0", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page_tally(page) == {k: report.counts[k] for k in page_tally(page)}
    # Self-contained: no external resource (article text may mention URLs, as text).
    assert not re.search(r'(src|href)="(?!#)', page) and "<link" not in page
    with pytest.raises(SystemExit):
        main(["view", str(sub), "-o", str(sub)])  # never over its input


def test_render_takes_a_report_from_the_library_api():
    arts = CORPUS.split("test")[:2]
    report = byline.score(submission_of(arts), gold=CORPUS, bootstrap=0, collect_errors=True)
    page = render(report, {a["id"]: a["text"] for a in CORPUS.split("test")})
    assert page.startswith("<!DOCTYPE html>")


# --- byline run --text --------------------------------------------------------------------------

def test_byline_run_on_text_files_outside_the_corpus(tmp_path, capsys):
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "Council Vote.txt").write_text("“We will build it,” said Mayor Ana Silva in Lisbon on Monday.\r\n"
                                             "The council approved the plan.", encoding="utf-8", newline="")
    (folder / "second.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article")
    single = tmp_path / "one-more.txt"
    single.write_text("Police arrested a man in Dhaka, officials said.")
    out = tmp_path / "pred.jsonl"
    assert main(["run", "rules", "--text", str(folder), str(single), "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["council-vote", "second", "one-more"]
    text = (folder / "Council Vote.txt").read_bytes().decode("utf-8")
    for m in (m for e in lines[0]["entities"] for m in e["mentions"]):
        assert text[m["span"]["start"]:m["span"]["end"]] == m["span"]["text"]
    assert lines[0]["quotes"]
    out2 = tmp_path / "pred2.jsonl"
    assert main(["run", "rules", "--text", str(folder), str(single), "--jobs", "2", "-o", str(out2)]) == 0
    assert out2.read_text() == out.read_text()


def test_byline_run_text_refuses_two_files_with_one_id(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Story.txt").write_text("One.")
    (tmp_path / "b" / "story.txt").write_text("Two.")
    assert main(["run", "rules", "--text", str(tmp_path / "a"), str(tmp_path / "b")]) == 1
    assert "gives the article id 'story'" in capsys.readouterr().err
    assert main(["run", "rules", "--text", str(tmp_path / "missing")]) == 1


# --- a real browser -----------------------------------------------------------------------------

def test_the_page_in_headless_chromium(rules_view, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not on PATH (Debian: apt-get install chromium); the page was not opened in a browser")
    _, page, report = rules_view
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    base = [chromium, "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "report.png"
    subprocess.run(base + [f"--screenshot={shot}", "--window-size=1400,1000", path.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    done = subprocess.run(base + ["--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri()],
                          capture_output=True, text=True, timeout=120, check=True)
    dom = done.stdout
    assert "Uncaught" not in done.stderr, done.stderr[-2000:]
    assert 'data-ready="yes"' in dom, "the page's script did not run to the end"
    assert 'data-tally-mismatches="0"' in dom
    shown = dict(((k, x), float(v)) for k, x, v in
                 re.findall(r'id="tally-([a-z_.]+)-(tp|fp|fn)" data-report="[0-9.]+"[^>]*>([0-9]+)<', dom))
    assert shown, "no tally cells filled in by the script"
    for (key, x), v in shown.items():
        assert v == report.counts[key][("tp", "fp", "fn").index(x)], (key, x)
