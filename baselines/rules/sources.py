"""Rule-based sources: one per quoted speaker, plus attribution patterns ("according to",
"people familiar with", "declined to comment", "in a statement", documents, data, credits)."""

from __future__ import annotations

import re

from byline.baselines.rules.entities import EntityFinder

OUTLET = re.compile(r"\b(?:News|Times|Post|Daily|Herald|Press|Agency|Radio|Gazette|Journal|Tribune|Courier|AP|Ledger|Chronicle)\b")
ANONYMOUS = re.compile(r"\b(?:(?:people|sources|officials|diplomats|residents|witnesses|analysts) (?:familiar with|close to|who|said|told)"
                       r"|[Aa]nonymous sources|a (?:senior |government |police |military )?(?:official|source|diplomat|officer))\b")
DECLINED = re.compile(r"(?:declined to comment|did not (?:respond|return|reply)[^.]*|could not be reached[^.]*|refused to comment)")
DOCUMENT = re.compile(r"\b(?:(?:court|legal) (?:filings?|documents?|records?)|(?:a |the )?(?:report|memo|letter|documents?|filing|indictment|ruling|data|figures|statistics|poll|survey|records)"
                      r"(?= (?:show|showed|shows|seen|obtained|released|published|said|says|found|from)))")
CREDIT = re.compile(r"^\s*(?P<who>[A-Z][\w&.’' -]+?) (?:and [A-Z][\w&.’' -]+? )?contributed (?:to this )?reporting\.?\s*$", re.M)


def kind_for(entity_type: str | None, name: str, named: bool) -> str:
    if entity_type == "PER":
        return "named_person" if named else "anonymous_person"
    if OUTLET.search(name or ""):
        return "media_outlet"
    return "named_organisation"


def find_sources(text: str, quotes: list[dict], ents: EntityFinder) -> list[dict]:
    sources: dict[str, dict] = {}

    def for_entity(entity_id: str) -> dict:
        if entity_id not in sources:
            etype = ents.type_of(entity_id)
            name = next((c.name or "" for c in ents.clusters if c.id == entity_id), "")
            sources[entity_id] = {"kind": kind_for(etype, name, ents.has_name(entity_id)), "entity_id": entity_id,
                                  "mention": None, "quote_ids": [], "statements": []}
        return sources[entity_id]

    for q in quotes:
        if q["speaker"] is not None:
            for_entity(q["speaker"])["quote_ids"].append(q["id"])
    extra = []
    for m in ANONYMOUS.finditer(text):
        extra.append({"kind": "anonymous_group" if m.group().split()[0].lower() in ("people", "sources", "officials", "diplomats",
                                                                                     "residents", "witnesses", "analysts", "anonymous")
                      else "anonymous_person", "entity_id": None, "mention": (m.start(), m.end()), "quote_ids": [], "statements": []})
    for m in DOCUMENT.finditer(text):
        word = m.group().lower()
        kind = "court_record" if any(w in word for w in ("court", "filing", "indictment", "ruling", "legal")) else \
            "data_record" if any(w in word for w in ("data", "figures", "statistics", "poll", "survey", "records")) else "document"
        extra.append({"kind": kind, "entity_id": None, "mention": (m.start(), m.end()), "quote_ids": [], "statements": []})
    for m in DECLINED.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        found = ents.mention_in(max(line_start, m.start() - 80), m.start())
        if found:
            for_entity(found[2])["statements"].append((m.start(), m.end()))
    for m in CREDIT.finditer(text):
        found = ents.mention_in(m.start("who"), m.end("who"))
        if found:
            for_entity(found[2])["kind"] = "media_outlet"
    out = list(sources.values()) + extra
    for s in out:
        s["mention"] = None if s["mention"] is None else {"start": s["mention"][0], "end": s["mention"][1],
                                                          "text": text[s["mention"][0]:s["mention"][1]]}
        s["statements"] = [{"start": a, "end": b, "text": text[a:b]} for a, b in s["statements"]]
    return out
