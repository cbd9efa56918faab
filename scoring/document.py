"""Score one document: all four layers, as per-metric Counts plus error records."""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.schema import enum
from byline.scoring.counts import Counts
from byline.scoring.entities import score_entities
from byline.scoring.events import score_events
from byline.scoring.quotes import QUOTE_THRESHOLD, score_quotes
from byline.scoring.sources import score_sources

EMPTY_LAYERS = {"entities": [], "quotes": [], "events": [], "sources": []}


@dataclass
class DocumentScore:
    doc_id: str
    counts: dict[str, Counts]
    outcomes: dict = field(default_factory=dict)  # SemEval five-way counts per scheme
    errors: list[dict] = field(default_factory=list)


def score_document(gold: dict, pred: dict | None, text_mode: bool = False,
                   quote_threshold: float = QUOTE_THRESHOLD, collect_errors: bool = True) -> DocumentScore:
    pred = pred if pred is not None else dict(EMPTY_LAYERS, id=gold["id"])
    ents = score_entities(gold, pred, text_mode, enum("entity_type"), collect_errors)
    counts = dict(ents.counts)
    q_counts, quote_map, q_err = score_quotes(gold, pred, ents.id_map, quote_threshold)
    counts.update(q_counts)
    e_counts, e_err = score_events(gold, pred, ents.id_map, text_mode, enum("event_type"), collect_errors)
    counts.update(e_counts)
    s_counts, s_err = score_sources(gold, pred, ents.id_map, quote_map, text_mode, enum("source_kind"))
    counts.update(s_counts)
    errors = [dict(e, doc=gold["id"]) for e in ents.errors + q_err + e_err + s_err] if collect_errors else []
    return DocumentScore(gold["id"], counts, ents.outcomes, errors)


def spans_have_offsets(doc: dict) -> set[bool]:
    """{True} (span-level), {False} (text-only) or empty (no spans), read from the first span:
    validation has already rejected a line that mixes the two kinds."""
    from byline.validate import has_offsets, iter_spans
    first = next(iter_spans(doc), None)
    return set() if first is None else {has_offsets(first[1])}
