"""The rule-based baseline: no model, no training; see entities.py, quotes.py, events.py, sources.py."""

from __future__ import annotations

from byline.baselines.rules.entities import EntityFinder
from byline.baselines.rules.events import find_events
from byline.baselines.rules.quotes import find_quotes
from byline.baselines.rules.sources import find_sources
from byline.baselines.text import sentences


def _span(text: str, se) -> dict | None:
    return None if se is None else {"start": se[0], "end": se[1], "text": text[se[0]:se[1]]}


def predict(article: dict) -> dict:
    """A submission line for one article (only its id and text are read)."""
    return assemble(article, EntityFinder(article["text"]))


def assemble(article: dict, ents: EntityFinder) -> dict:
    """Run the rules over an entity finder (the rules' own, or one fed by another model)."""
    text = article["text"]
    sents = sentences(text)
    for sent in sents:
        ents.read(sent)
    raw_quotes = find_quotes(text, ents, sents)
    events = [{"id": f"V{i}", "type": e["type"], "realis": e["realis"], "triggers": [_span(text, e["trigger"])],
               "arguments": e["arguments"]} for i, e in enumerate(find_events(text, sents, ents), 1)]
    return submission_line(article, ents, raw_quotes, events)


def submission_line(article: dict, ents: EntityFinder, raw_quotes: list[dict], events: list[dict]) -> dict:
    """Number the quotes, derive the sources from them, and put the four layers together."""
    text = article["text"]
    quotes = []
    for i, q in enumerate(raw_quotes, 1):
        q["id"] = f"Q{i}"
        quotes.append({"id": q["id"], "form": q["form"], "content": [_span(text, p) for p in q["content"]],
                       "cue": _span(text, q["cue"]), "speaker_mention": _span(text, q["mention"]) if q["speaker"] else None,
                       "speaker_id": q["speaker"]})
    sources = [{"id": f"S{i}", **{k: s[k] for k in ("kind", "entity_id", "mention", "quote_ids", "statements")}}
               for i, s in enumerate(find_sources(text, raw_quotes, ents), 1)]
    return {"id": article["id"], "entities": ents.entities(), "quotes": quotes, "events": events, "sources": sources}
