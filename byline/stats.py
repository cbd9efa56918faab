"""`byline stats`: what the corpus contains, per split and overall.

Most counts read the annotation directly. The phenomenon counts are the patterns that break
extractors; each is detected from the annotation by the rule written next to it, so the counts
are reproducible (and are lower bounds where the rule is conservative).
"""

from __future__ import annotations

import re
from collections import Counter

from byline.corpus import SPLITS, Corpus

NESTED_MARK = re.compile(r"[“\"‘]")  # an opening mark (’ is also the apostrophe)
QUOTED_SEGMENT = re.compile(r"[“\"]([^“”\"\n]{1,60})[”\"]|‘([^‘’\n]{1,60})’")
REASON = re.compile(r"condition of anonymity|not authori[sz]ed|asked not to be (?:named|identified)|"
                    r"because (?:she|he|they) (?:was|were|is|are) not|not (?:allowed|permitted) to|"
                    r"for fear|to speak (?:freely|publicly)|discuss (?:the|private|internal|confidential)", re.I)
NOISE_LINE = re.compile(r"^\s*(?:https?://\S+|www\.\S+|(?:Related article|READ MORE|Read more)\s*:.*|Sign up\b.*"
                        r"|Photo:.*|By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?:,.*)?|.*contributed reporting\.?)\s*$", re.M)
DECLINED = re.compile(r"declin|did not (?:respond|return|reply)|refused to comment|could not be reached|no comment", re.I)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def has_scraping_noise(text: str) -> bool:
    """URL lines, promos, captions, bylines, credits, non-breaking spaces or a leading space."""
    return bool(NOISE_LINE.search(text)) or "\u00a0" in text or text[:1].isspace()


def phenomena(article: dict) -> Counter:
    text = article["text"]
    out = Counter()
    if has_scraping_noise(text):
        out["article_with_scraping_noise"] += 1
    entities = {e["id"]: e for e in article["entities"]}
    mention_kind = {(m["span"]["start"], m["span"]["end"]): m["kind"] for e in article["entities"] for m in e["mentions"]}
    content_spans = [(c["start"], c["end"]) for q in article["quotes"] for c in q["content"]]
    for q in article["quotes"]:
        pieces = q["content"]
        # A quote over a paragraph break: two pieces with a blank line between them.
        if any("\n\n" in text[a["end"]:b["start"]] or re.search(r"\n\s*\n", text[a["end"]:b["start"]])
               for a, b in zip(pieces, pieces[1:])):
            out["quote_over_paragraph_break"] += 1
        if q["form"] == "mixed":
            out["partial_quote_in_indirect_speech"] += 1
        if q["form"] == "direct" and any(NESTED_MARK.search(c["text"]) for c in pieces):
            out["nested_quote"] += 1
        sm = q["speaker_mention"]
        if sm is not None:
            if q["form"] == "direct" and sm["start"] > pieces[0]["end"]:
                out["speaker_after_quote"] += 1
            cue = q["cue"]
            if cue is not None and cue["end"] <= sm["start"] and not text[cue["end"]:sm["start"]].strip(" \n\u00a0,the"):
                out["said_x_inversion"] += 1
            kind = mention_kind.get((sm["start"], sm["end"]))
            if kind == "pronoun":
                out["pronoun_speaker"] += 1
            elif kind == "nominal":
                out["title_or_nominal_speaker"] += 1
        elif q["speaker_id"] is not None:
            out["speaker_only_in_earlier_sentence"] += 1
        if q["speaker_id"] in entities and entities[q["speaker_id"]]["type"] in ("ORG", "GPE"):
            out["organisation_speaking"] += 1
    for s in article["sources"]:
        kind = s["kind"]
        if kind in ("anonymous_person", "anonymous_group"):
            anchors = [s["mention"]] if s["mention"] else []
            if s["entity_id"] in entities:
                anchors += [m["span"] for m in entities[s["entity_id"]]["mentions"]]
            windows = " ".join(text[a["start"]:a["end"] + 250] for a in anchors)
            out["anonymous_source_with_reason" if REASON.search(windows) else "anonymous_source_without_reason"] += 1
        if any(DECLINED.search(st["text"]) for st in s["statements"]):
            out["declined_to_comment"] += 1
        if kind in ("document", "data_record", "court_record", "social_media_post"):
            out[f"source_{kind}"] += 1
    # Scare quotes and nicknames: a short quoted segment that no quote's content covers.
    for m in QUOTED_SEGMENT.finditer(text):
        start, end = m.span()
        if not _covered(content_spans, start + 1, end - 1):
            out["scare_quote_or_nickname"] += 1
    for ev in article["events"]:
        if ev["realis"] in ("planned", "hypothetical", "negated"):
            out[f"event_{ev['realis']}"] += 1
    for e in article["entities"]:
        kinds = Counter(m["kind"] for m in e["mentions"])
        if kinds["nominal"] and kinds["name"]:
            out["coreference_title_or_nominal"] += 1
        if kinds["pronoun"]:
            out["coreference_pronoun"] += 1
        if e["name"] and " " in e["name"] and any(
                m["kind"] == "name" and m["span"]["text"] != e["name"] and e["name"].endswith(m["span"]["text"])
                for m in e["mentions"]):
            out["coreference_surname"] += 1
    return out


def article_stats(article: dict) -> dict[str, Counter]:
    quotes = article["quotes"]
    return {
        "totals": Counter(
            articles=1,
            words=len(article["text"].split()),
            entities=len(article["entities"]),
            mentions=sum(len(e["mentions"]) for e in article["entities"]),
            quotes=len(quotes),
            events=len(article["events"]),
            sources=len(article["sources"]),
        ),
        "beats": Counter([article["beat"]]),
        "entities_by_type": Counter(e["type"] for e in article["entities"]),
        "mentions_by_kind": Counter(m["kind"] for e in article["entities"] for m in e["mentions"]),
        "quotes_by_form": Counter(q["form"] for q in quotes),
        "speakers": Counter("resolved" if q["speaker_id"] is not None else "no_identifiable_speaker" for q in quotes),
        "events_by_type": Counter(e["type"] for e in article["events"]),
        "events_by_realis": Counter(e["realis"] for e in article["events"]),
        "sources_by_kind": Counter(s["kind"] for s in article["sources"]),
        "phenomena": phenomena(article),
    }


def corpus_stats(corpus: Corpus) -> dict:
    """{"overall": {...}, "train": {...}, ...}: each a dict of sorted count tables."""
    per_split: dict[str, dict[str, Counter]] = {}
    for art in corpus.articles:
        for group in (art["split"], "overall"):
            acc = per_split.setdefault(group, {})
            for table, counts in article_stats(art).items():
                acc.setdefault(table, Counter()).update(counts)
    order = ["overall", *[s for s in SPLITS if s in per_split]]
    return {
        "corpus": {"name": corpus.name, "version": corpus.version, "content_hash": corpus.content_hash},
        **{g: {t: dict(sorted(c.items())) for t, c in per_split[g].items()} for g in order},
    }


def format_stats(stats: dict) -> str:
    groups = [g for g in ("overall", *SPLITS) if g in stats]
    lines = [f"{stats['corpus']['name']} {stats['corpus']['version']} (sha256 {stats['corpus']['content_hash'][:12]})"]
    tables = list(stats["overall"])
    for table in tables:
        lines.append("")
        lines.append(f"{table}".ljust(36) + "".join(g.rjust(12) for g in groups))
        keys = sorted(set().union(*(stats[g].get(table, {}) for g in groups)))
        for k in keys:
            lines.append(f"  {k}".ljust(36) + "".join(str(stats[g].get(table, {}).get(k, 0)).rjust(12) for g in groups))
    return "\n".join(lines)
