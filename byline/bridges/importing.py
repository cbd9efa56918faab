"""From regions and links, as brat and Label Studio hold them, to a validated Byline article.

Both importers read their format into an `Imported`: labelled regions (character spans), their
attributes, links between regions, and notes. `to_article` turns that into the four layers:

  region label                      becomes
  an entity type (PER, ORG, ...)    a mention; attribute Kind = name | nominal | pronoun
  an event type (travel, ...)       a trigger; attributes Realis, EventId (triggers sharing one are one event)
  Quote                             a quote content piece; attributes Form, QuoteId (pieces sharing one are one quote)
  Cue                               a quote's cue (link Cue from a piece of the quote)
  Argument                          a span filler of an event argument (a time, an amount)

  link                              meaning
  Coref (mention, mention)          the same entity
  SameQuote / SameEvent             pieces of one quote / triggers of one event
  Cue (piece, cue)                  the quote's cue
  Speaker (piece, mention)          speaker_mention, and speaker_id its entity
  SpeakerEntity (piece, mention)    speaker_id only (the speaker is not mentioned in the attribution)
  Arg-ROLE (trigger, mention|Argument)  an event argument with that role

A note on an entity's mention may hold {"id", "name", "kb_id"} as JSON. Sources are not held by
either format: an imported article has none. Every problem is located (file, line or pointer).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from byline.corpus import SPLITS, assemble
from byline.problems import BylineInputError, Problem
from byline.schema import enum
from byline.validate import check_article

METADATA_KEYS = ("title", "outlet", "url", "published", "language", "license", "provenance", "beat", "notes")
# Used when an imported article carries no value of its own (and the caller gave none).
DEFAULT_METADATA = {"title": None, "outlet": None, "url": None, "notes": None, "language": "en", "provenance": "contributed"}
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class Region:
    label: str
    start: int
    end: int
    where: Problem  # its location, with an empty message


@dataclass
class Imported:
    doc_id: str
    text: str
    path: str
    regions: dict[str, Region] = field(default_factory=dict)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    links: list[tuple[str, str, str, Problem]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    targets: list[tuple[str, Problem]] = field(default_factory=list)  # region ids attributes and notes name
    problems: list[Problem] = field(default_factory=list)

    def error(self, where: Problem, message: str) -> None:
        self.problems.append(Problem(where.path, where.pointer, message, line=where.line))


class _Groups:
    """Union-find over region ids."""

    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def of(self, ids) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for i in ids:
            out.setdefault(self.find(i), []).append(i)
        return list(out.values())


def _span(text: str, r: Region) -> dict:
    return {"start": r.start, "end": r.end, "text": text[r.start:r.end]}


def to_article(imp: Imported, metadata: dict, split: str | None) -> tuple[dict | None, list[Problem]]:
    """The Byline article, and every problem (the article is None when there are any)."""
    entity_types, event_types = set(enum("entity_type")), set(enum("event_type"))
    text, regions = imp.text, imp.regions
    for rid, r in regions.items():
        if r.label not in entity_types | event_types | {"Quote", "Cue", "Argument"}:
            imp.error(r.where, f"unknown label {r.label!r}: expected an entity type, an event type, Quote, Cue or Argument")
        elif not (0 <= r.start < r.end <= len(text)):
            imp.error(r.where, f"offsets {r.start}-{r.end} are not a span of the text ({len(text)} characters)")
    for rid, where in imp.targets:
        if rid not in regions:
            imp.error(where, f"an attribute or note names {rid!r}, which is not a region of this document")
    for kind, a, b, where in imp.links:
        for x in (a, b):
            if x not in regions:
                imp.error(where, f"link {kind} refers to {x!r}, which is not a region of this document")
    if imp.problems:
        return None, imp.problems

    order = {rid: i for i, rid in enumerate(regions)}  # file order: an export comes back in gold order

    def of_label(test) -> list[str]:
        return [rid for rid in regions if test(regions[rid].label)]

    mentions = of_label(lambda lab: lab in entity_types)
    triggers = of_label(lambda lab: lab in event_types)
    pieces = of_label(lambda lab: lab == "Quote")
    links: dict[str, list[tuple[str, str, Problem]]] = {}
    for kind, a, b, where in imp.links:
        links.setdefault(kind, []).append((a, b, where))

    def expect(kind: str, a: str, b: str, where: Problem, first: set[str], second: set[str], what: str) -> bool:
        if a in first and b in second:
            return True
        imp.error(where, f"link {kind} must go {what} ({a} is {regions[a].label}, {b} is {regions[b].label})")
        return False

    # entities
    groups = _Groups()
    for m in mentions:
        groups.find(m)
    for a, b, where in links.pop("Coref", []):
        if expect("Coref", a, b, where, set(mentions), set(mentions), "from a mention to a mention"):
            groups.union(a, b)
    clusters = sorted(groups.of(mentions), key=lambda c: min(order[m] for m in c))
    entities, entity_of, used_ids = [], {}, set()
    for n, cluster in enumerate(clusters, start=1):
        cluster.sort(key=order.get)
        types = {regions[m].label for m in cluster}
        if len(types) > 1:
            imp.error(regions[cluster[0]].where, f"one entity's mentions have different types {sorted(types)}")
        info = {}
        for m in cluster:
            if m in imp.notes:
                try:
                    note = json.loads(imp.notes[m])
                    if isinstance(note, dict):
                        info.update(note)
                except json.JSONDecodeError:
                    pass
        eid = info.get("id") if isinstance(info.get("id"), str) and info["id"] not in used_ids else None
        eid = eid or next(f"E{k}" for k in range(n, 10 ** 6) if f"E{k}" not in used_ids)
        used_ids.add(eid)
        ms = []
        for m in cluster:
            kind = imp.attrs.get(m, {}).get("Kind")
            if kind is None:
                imp.error(regions[m].where, f"mention {m} has no Kind (name, nominal or pronoun)")
            ms.append({"span": _span(text, regions[m]), "kind": kind})
            entity_of[m] = eid
        entities.append({"id": eid, "type": regions[cluster[0]].label, "name": info.get("name"),
                         "kb_id": info.get("kb_id"), "mentions": ms})

    def grouped(items, id_attr: str, same: str, what: str) -> _Groups:
        """Regions joined into one item by a shared id attribute or a SAME link between them."""
        groups, by_value = _Groups(), {}
        for item in items:
            groups.find(item)
            value = imp.attrs.get(item, {}).get(id_attr)
            if value is not None:
                groups.union(item, by_value.setdefault(value, item))
        for a, b, where in links.pop(same, []):
            if expect(same, a, b, where, set(items), set(items), what):
                groups.union(a, b)
        return groups

    # quotes
    groups = grouped(pieces, "QuoteId", "SameQuote", "from a Quote to a Quote")
    cues = set(of_label(lambda lab: lab == "Cue"))
    quote_links: dict[str, dict[str, tuple[str, Problem]]] = {}
    for kind, targets in (("Cue", cues), ("Speaker", set(mentions)), ("SpeakerEntity", set(mentions))):
        for a, b, where in links.pop(kind, []):
            if expect(kind, a, b, where, set(pieces), targets, f"from a Quote to a {'Cue' if kind == 'Cue' else 'mention'}"):
                quote_links.setdefault(groups.find(a), {})[kind] = (b, where)
    quotes = []
    for n, group in enumerate(sorted(groups.of(pieces), key=lambda g: min(order[p] for p in g)), start=1):
        group.sort(key=lambda p: regions[p].start)
        attrs = {k: v for p in group for k, v in imp.attrs.get(p, {}).items()}
        qid = attrs.get("QuoteId") if SAFE_ID.match(attrs.get("QuoteId") or "") else f"Q{n}"
        got = quote_links.get(groups.find(group[0]), {})
        if attrs.get("Form") is None:
            imp.error(regions[group[0]].where, f"quote {group[0]} has no Form (direct, indirect or mixed)")
        cue = got.get("Cue")
        speaker = got.get("Speaker") or got.get("SpeakerEntity")
        quotes.append({"id": qid, "form": attrs.get("Form"), "content": [_span(text, regions[p]) for p in group],
                       "cue": _span(text, regions[cue[0]]) if cue else None,
                       "speaker_mention": _span(text, regions[got["Speaker"][0]]) if "Speaker" in got else None,
                       "speaker_id": entity_of.get(speaker[0]) if speaker else None})

    # events
    groups = grouped(triggers, "EventId", "SameEvent", "from a trigger to a trigger")
    fillers = set(of_label(lambda lab: lab == "Argument"))
    args: dict[str, list[dict]] = {}
    for kind, a, b, where in imp.links:
        if kind.startswith("Arg-"):
            if expect(kind, a, b, where, set(triggers), set(mentions) | fillers, "from a trigger to a mention or an Argument"):
                arg = {"role": kind[4:], "entity_id": entity_of.get(b),
                       "span": _span(text, regions[b]) if b in fillers else None}
                bucket = args.setdefault(groups.find(a), [])
                if arg not in bucket:
                    bucket.append(arg)
    events = []
    for n, group in enumerate(sorted(groups.of(triggers), key=lambda g: min(order[t] for t in g)), start=1):
        group.sort(key=order.get)
        attrs = {k: v for t in group for k, v in imp.attrs.get(t, {}).items()}
        types = {regions[t].label for t in group}
        if len(types) > 1:
            imp.error(regions[group[0]].where, f"one event's triggers have different types {sorted(types)}")
        if attrs.get("Realis") is None:
            imp.error(regions[group[0]].where, f"event trigger {group[0]} has no Realis")
        eid = attrs.get("EventId") if SAFE_ID.match(attrs.get("EventId") or "") else f"V{n}"
        events.append({"id": eid, "type": regions[group[0]].label, "realis": attrs.get("Realis"),
                       "triggers": [_span(text, regions[t]) for t in group], "arguments": args.get(groups.find(group[0]), [])})

    for kind, items in links.items():
        for _, _, where in items if not kind.startswith("Arg-") else []:
            imp.error(where, f"unknown link type {kind!r}: expected Coref, SameQuote, SameEvent, Cue, Speaker, SpeakerEntity or Arg-ROLE")
    if imp.problems:
        return None, imp.problems
    annotation = {"id": imp.doc_id, **{k: metadata.get(k, DEFAULT_METADATA.get(k)) for k in METADATA_KEYS},
                  "entities": entities, "quotes": quotes, "events": events, "sources": []}
    article = assemble(annotation, text, split)
    problems = [Problem(imp.path, where, message) for where, message in check_article(article)]
    return (None if problems else article), problems


def annotation_of(article: dict) -> dict:
    """What a corpus keeps in ID.json: the article without its text and split."""
    return {k: v for k, v in article.items() if k not in ("text", "split")}


def write_articles(articles: list[dict], out: str | Path, name: str = "imported") -> list[str]:
    """One article to OUT.json (its text to OUT.txt beside it), or a new corpus folder OUT."""
    out = Path(out)
    if out.suffix == ".json":
        if len(articles) != 1:
            raise BylineInputError([Problem(str(out), "", f"{len(articles)} documents cannot go into one article "
                                            "file: give a folder to write a corpus")])
        _write_pair(out, articles[0])
        return [str(out), str(out.with_suffix(".txt"))]
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BylineInputError([Problem(str(out), "", "exists and is not an empty folder: nothing written")])
    (out / "articles").mkdir(parents=True, exist_ok=True)
    (out / "corpus.json").write_text(json.dumps({"name": name, "version": "0.0.0"}, indent=2) + "\n", encoding="utf-8")
    splits = {s: sorted(a["id"] for a in articles if a["split"] == s) for s in SPLITS}
    (out / "splits.json").write_text(json.dumps(splits, indent=2) + "\n", encoding="utf-8")
    for art in articles:
        _write_pair(out / "articles" / f"{art['id']}.json", art)
    return [str(out)]


def _write_pair(path: Path, article: dict) -> None:
    path.write_text(json.dumps(annotation_of(article), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with open(path.with_suffix(".txt"), "w", encoding="utf-8", newline="") as f:
        f.write(article["text"])
