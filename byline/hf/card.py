"""The dataset card (README.md of the built folder), generated from the corpus so its counts are true."""

from __future__ import annotations

import json
from collections import Counter

import pyarrow as pa
import yaml

from byline import __version__
from byline.corpus import SPLITS, Corpus
from byline.hf.features import article_features, mention_features, mention_rows
from byline.stats import corpus_stats

BIBTEX = """@misc{byline2026,
  title  = {Byline: a benchmark for information extraction from news},
  author = {{Byline contributors}},
  year   = {2026},
  note   = {Version %s},
}"""


def _size_category(n: int) -> str:
    return "n<1K" if n < 1000 else "1K<n<10K" if n < 10000 else "10K<n<100K"


def card_yaml(corpus: Corpus) -> dict:
    splits = [s for s in SPLITS if corpus.split(s)]
    configs, infos = [], []
    for name, folder, features, rows_of in (("articles", "data", article_features(), lambda arts: arts),
                                            ("mentions", "mentions", mention_features(),
                                             lambda arts: [r for a in arts for r in mention_rows(a)])):
        config = {"config_name": name, "data_files": [{"split": s, "path": f"{folder}/{s}.parquet"} for s in splits]}
        if name == "articles":
            config["default"] = True
        configs.append(config)
        split_info = []
        for s in splits:
            table = pa.Table.from_pylist(rows_of(corpus.split(s)), schema=features.arrow_schema)
            split_info.append({"name": s, "num_bytes": table.nbytes, "num_examples": table.num_rows})
        infos.append({"config_name": name, "features": features._to_yaml_list(), "splits": split_info,
                      "dataset_size": sum(x["num_bytes"] for x in split_info)})
    return {
        "pretty_name": "Byline",
        # Not "cc-by-4.0": the seed article is third-party text whose licence is unknown.
        "license": "other",
        "license_name": "cc-by-4.0-except-seed",
        "license_link": "LICENSE",
        "language": ["en"],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": ["named-entity-recognition", "coreference-resolution"],
        "tags": ["quote-attribution", "event-extraction", "source-attribution", "news", "information-extraction"],
        "size_categories": [_size_category(len(corpus.articles))],
        "configs": configs,
        "dataset_info": infos,
    }


def _table(rows: list[tuple], header: tuple) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def _example_row(corpus: Corpus) -> str:
    art = next((a for a in corpus.articles if a["provenance"] == "composed"), corpus.articles[0])
    short = dict(art)
    short["text"] = art["text"][:300] + " ..."
    for layer in ("entities", "quotes", "events", "sources"):
        short[layer] = art[layer][:1] + (["..."] if len(art[layer]) > 1 else [])
    return json.dumps(short, ensure_ascii=False, indent=1)


def _agreement_section(corpus: Corpus) -> str:
    path = corpus.root / "agreement.json" if corpus.root else None
    if not path or not path.is_file():
        return "No double annotation has been measured for this version yet."
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [(k, f"{v:.3f}") for k, v in data["f1"].items()]
    return (f"{data['articles']} articles ({data['test_articles']} of them from the test split) were annotated a "
            f"second time, independently (the second annotator saw the guidelines and the raw text only). "
            f"Agreement is the F1 of one annotation scored against the other with Byline's own scorer "
            f"(`{data['signature']}`), before adjudication:\n\n" + _table(rows, ("metric", "F1")) +
            "\n\nThe gold is the adjudicated annotation; the rules the disagreements exposed are in the "
            "guidelines' decisions log.")


def _diversity_section(corpus: Corpus) -> str:
    from byline.diversity import diversity

    d = diversity(corpus)
    L, c, g = d["length_words"], d["cue_words"], d["six_grams"]
    rates = [(k, v["count"], f"{v['share']:.0%}") for k, v in d["articles_with"].items()]
    return (f"Measured by `byline stats --diversity` (rules in `byline/diversity.py`). Length: "
            f"{L['min']} to {L['max']} words, median {L['median']}; the largest 300-word band "
            f"({L['largest_band']}) holds {L['largest_band_share']:.0%} of the articles "
            f"(bands: {', '.join(f'{b}: {n}' for b, n in L['bands'].items())}).\n\n"
            + _table(rates, ("articles with", "count", "share")) +
            f"\n\nQuote cues: {c['total']}, {c['distinct']} distinct reporting words; \"said\" is "
            f"{c['said_share']:.0%} of them (then {', '.join(f'{k} {v}' for k, v in list(c['top'].items())[1:9])}). "
            f"Attribution position: {', '.join(f'{k} {v}' for k, v in d['attribution_position'].items())}. "
            f"Six-word phrases (names left out) shared by 3 or more articles: {g['shared_by_3_or_more']}; "
            f"by more than 5: {g['in_more_than_5']}.")


def _links(corpus: Corpus) -> str:
    """Where the files the card names live. URLs come from corpus.json once the project has them
    (written by `byline release --repository ... --hub-id ...`); none is invented before that."""
    lines = []
    if corpus.meta.get("repository"):
        lines.append(f"- Repository (code, guidelines, corpus sources): {corpus.meta['repository']}")
    if corpus.meta.get("hub_id"):
        lines.append(f"- Hugging Face dataset: https://huggingface.co/datasets/{corpus.meta['hub_id']}")
    lines.append("- Files named below (`schema/GUIDELINES.md`, `corpus/splits.json`, `byline/stats.py`, ...) are "
                 "part of the Byline package and its source distribution" + ("" if corpus.meta.get("repository") else
                 "; the project has no public repository URL yet, so none is given") + ". This folder holds the data "
                 "(`data/`, `mentions/`), this card, `LICENSE` and `byline.json` (release metadata).")
    return "\n".join(lines)


def render_license(corpus: Corpus) -> str:
    """The built folder's LICENSE, the file the card's license_link points at."""
    others = [f"- {a['id']}: {a['license']} ({a['provenance']})" for a in corpus.articles if a["license"] != "CC-BY-4.0"]
    return ("Byline corpus " + corpus.version + ": licences\n\n"
            "The articles composed for Byline and all annotations are licensed under the Creative Commons\n"
            "Attribution 4.0 International licence (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/\n\n"
            "Exceptions: the text of these articles is not covered by CC BY 4.0 (their annotation is):\n"
            + ("\n".join(others) or "- none") + "\n\n"
            "The Byline code that builds and scores this dataset is licensed under the Apache License 2.0.\n")


def render_card(corpus: Corpus) -> str:
    stats = corpus_stats(corpus)
    overall = stats["overall"]
    split_rows = [(s, stats[s]["totals"]["articles"], stats[s]["totals"]["words"], stats[s]["totals"]["mentions"],
                   stats[s]["totals"]["quotes"], stats[s]["totals"]["events"], stats[s]["totals"]["sources"])
                  for s in SPLITS if s in stats]
    licences = Counter(a["license"] for a in corpus.articles)
    third_party = [a["id"] for a in corpus.articles if a["provenance"] != "composed"]
    history = "\n".join(f"- {h['version']} ({h['date']}): {h['changes']}" for h in corpus.meta.get("history", []))
    header = yaml.safe_dump(card_yaml(corpus), sort_keys=False, allow_unicode=True)
    body = f"""# Byline

## Dataset summary

Byline is a benchmark for information extraction from news: {overall['totals']['articles']} English news
articles, stored byte for byte as collected, with gold annotation of four layers: entities
(clusters of name, nominal and pronoun mentions), quotes (direct, indirect and mixed, with cue,
speaker mention and speaker entity), events (32 news event types with triggers, realis and
arguments) and sources (who or what each piece of information is attributed to).
Corpus version {corpus.version}, content hash `{corpus.content_hash[:12]}`; built by byline {__version__}.

## Links

{_links(corpus)}

## Supported tasks and metrics

Entity recognition and coreference, quote extraction and attribution, event extraction, source
attribution. Score a system with `byline score predictions.jsonl`; the metric keys include
`entities.strict.f1`, `entities.entity.f1`, `quotes.detection.f1`, `quotes.speaker.f1`,
`events.tri_c.f1`, `events.arg_c.f1`, `sources.detection.f1` (see the Byline README for every key
and the submission format). Every score carries a signature; compare numbers only when their
signatures are equal.

## Languages

English (`en`), news register.

## Dataset structure

Two configurations: `articles` (default), one row per article with its metadata, raw text and all
four layers; `mentions`, one row per entity mention (a flat view for NER).

```python
import datasets
ds = datasets.load_dataset("{corpus.meta.get('hub_id') or 'PATH/TO/THIS/FOLDER'}")   # config 'articles'
mentions = datasets.load_dataset("{corpus.meta.get('hub_id') or 'PATH/TO/THIS/FOLDER'}", "mentions")
```

An example row (the text and each layer abbreviated here):

```json
{_example_row(corpus)}
```

### Fields

- `id`, `title`, `text`, `outlet`, `url`, `published`, `language`, `license`, `provenance`
  (seed / composed / contributed), `split`, `beat`, `notes`.
- Offsets are half-open `[start, end)` Python string indices into `text`; every span carries its
  `text` too, and `text[start:end] == span.text`.
- `entities`: `id`, `type` (PER, ORG, GPE, LOC, FAC, NORP, EVENT, WORK), `name`, `kb_id`
  (Wikidata QID or null), `mentions` (`span`, `kind`: name / nominal / pronoun).
- `quotes`: `id`, `form` (direct / indirect / mixed), `content` (one or more spans), `cue`,
  `speaker_mention`, `speaker_id` (null = no identifiable speaker).
- `events`: `id`, `type`, `realis` (actual / planned / hypothetical / negated / generic),
  `triggers`, `arguments` (`role`, and either `entity_id` or `span`).
- `sources`: `id`, `kind`, `entity_id`, `mention`, `quote_ids`, `statements`.

### Splits

Fixed by article id in `corpus/splits.json`, stratified by beat; the seed article is in test.
Every entity type and every event type occurs in the test split at least five times. A split
never changes within a version; the splits of earlier versions are kept in `corpus/releases/`.

{_table(split_rows, ("split", "articles", "words", "entity mentions", "quotes", "events", "sources"))}

Beats: {", ".join(f"{k} ({v})" for k, v in overall['beats'].items())}.

## Dataset creation

**How the articles were made.** Apart from one seed article (third-party news text, kept byte for
byte as collected, with its URL lines and promos), every article was *composed for Byline, not
collected*: written by large-language-model sessions working for the project, each from a short
brief (beat, genre, length, a real dateline place, the event types, phenomena and scraping noise
to include), about fictional people and organisations in real places. No sentence is copied from
a published article, no statement is attributed to a real living person, no fictional person holds
a named real office and no real state or body is given an invented act (guidelines D17, checked by
a test over a list of real office titles); outlets, wire credits and URLs are fictional. Genres
include briefs, wire stories, live blogs, Q&A interviews, press-release rewrites, analyses,
explainers, profiles, obituaries and corrections.
{overall['phenomena'].get('article_with_scraping_noise', 0)} articles carry scraping noise between paragraphs (URL lines, promos, bylines, captions,
newsletter prompts, wire credits, mixed quotation marks, non-breaking spaces), and others noise
inside paragraphs (inserts, hard wraps, hyphenation, HTML entities, mojibake, a duplicated
paragraph, a truncated last line).

**How the annotation was made and checked.** The session that composed an article annotated it
following `schema/GUIDELINES.md`, writing spans as anchors that `byline resolve` turns into
offsets (no offset is counted by hand); every article passes `byline validate` (schema, offsets
against the text, cross-references). Part of the test split was annotated a second time by an
independent session that saw only the guidelines and the raw text; the two annotations were then
adjudicated by a third session that saw them as "A" and "B" in a random order per article, blind
to which was which. The maintainer reviewed samples of every batch and the corpus-wide numbers
below. The annotation is therefore model-made and model-checked, with the agreement figures as the
measure of its consistency; it has not been produced by trained human annotators.

### Diversity

{_diversity_section(corpus)}

### Annotation agreement

{_agreement_section(corpus)}

### Phenomena

Counted by `byline stats` with the rules in `byline/stats.py`:

{_table(sorted(overall['phenomena'].items()), ("phenomenon", "count"))}

## Personal and sensitive information

The composed articles are about fictional people and organisations; any resemblance to real
persons is unintended. The seed article reports public statements of real public officials as
published. No private personal data is included.

## Limitations and biases

A composed corpus reflects its authors' idea of news writing: even with the measured variety
above it is more regular and richer in the annotated phenomena than scraped news, and model-written
prose has habits of its own. The annotation is model-made (see above). Scores on
Byline estimate how a system handles these phenomena, not how it performs on any outlet's
archive. The seed article is the only third-party text. English only.

## Licensing

Composed articles and all annotations: CC BY 4.0. The seed article's text is third-party news of
unknown licence and is not covered by CC BY 4.0 (hence `license: other` above); its annotation is.
Per article: {", ".join(f"{k}: {v}" for k, v in sorted(licences.items()))}.
Not composed by the project (different licence, see each row's `license` and `notes`): {", ".join(third_party) or "none"}.

## Citation

```bibtex
{BIBTEX % __version__}
```

## Version history

{history}
"""
    return f"---\n{header}---\n\n{body}"
