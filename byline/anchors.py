"""Authoring aid: turn a draft annotation whose spans are written as anchors into offsets.

Counting characters by hand is where annotation errors come from, so annotators write a span as
a string that occurs exactly once in the text, with the span itself marked by [[ ]] when more
context is needed to make it unique:

    "Kremlin spokesman [[Dmitry Peskov]]"    ->  {"start": 96, "end": 109, "text": "Dmitry Peskov"}
    "Kommersant"                             ->  the one occurrence of "Kommersant"

Any run of whitespace in an anchor matches any run of whitespace in the text (line breaks,
non-breaking spaces), and the span's text is always taken from the article itself. An anchor
that matches nowhere, or more than once, is an error naming its JSON pointer.
"""

from __future__ import annotations

import re

from byline.problems import Problem, pointer

_MARK = re.compile(r"\[\[(.+?)\]\]", re.S)


def _pattern(fragment: str) -> str:
    return r"\s+".join(re.escape(part) for part in re.split(r"\s+", fragment.strip()))


def resolve_anchor(anchor: str, text: str) -> dict:
    """Return the span an anchor names; raise ValueError saying why when it is not unique."""
    marked = _MARK.search(anchor)
    if marked:
        before, target, after = anchor[: marked.start()], marked.group(1), anchor[marked.end():]
        regex = (_pattern(before) + (r"\s+" if before[-1:].isspace() else "")) if before.strip() else ""
        regex += f"({_pattern(target)})"
        if after.strip():
            regex += (r"\s+" if after[:1].isspace() else "") + _pattern(after)
    else:
        regex = f"({_pattern(anchor)})"
    # Word boundaries at the edges, so that "he" never matches inside "the".
    plain = _MARK.sub(r"\1", anchor).strip()
    if re.match(r"\w", plain):
        regex = r"(?<!\w)" + regex
    if re.search(r"\w$", plain):
        regex += r"(?!\w)"
    hits = list(re.finditer(regex, text))
    if not hits:
        raise ValueError(f"anchor {anchor!r} does not occur in the text")
    if len(hits) > 1:
        raise ValueError(f"anchor {anchor!r} occurs {len(hits)} times: add context and mark the span with [[ ]]")
    start, end = hits[0].span(1)
    return {"start": start, "end": end, "text": text[start:end]}


def resolve_draft(draft: dict, text: str, path: str = "<draft>") -> tuple[dict, list[Problem]]:
    """Replace every string span of a draft annotation with an offset span."""
    problems: list[Problem] = []

    def span(value, *parts):
        if not isinstance(value, str):
            return value
        try:
            return resolve_anchor(value, text)
        except ValueError as e:
            problems.append(Problem(path, pointer(*parts), str(e)))
            return {"start": 0, "end": 0, "text": value}

    out = dict(draft)
    out["entities"] = [
        dict(e, mentions=[
            {"span": span(m["span"] if isinstance(m, dict) else m, "entities", i, "mentions", j),
             "kind": m.get("kind", "name") if isinstance(m, dict) else "name"}
            for j, m in enumerate(e.get("mentions", []))
        ])
        for i, e in enumerate(draft.get("entities", []))
    ]
    out["quotes"] = [
        dict(q,
             content=[span(c, "quotes", i, "content", j) for j, c in enumerate(q.get("content", []))],
             cue=span(q.get("cue"), "quotes", i, "cue"),
             speaker_mention=span(q.get("speaker_mention"), "quotes", i, "speaker_mention"))
        for i, q in enumerate(draft.get("quotes", []))
    ]
    out["events"] = [
        dict(ev,
             triggers=[span(t, "events", i, "triggers", j) for j, t in enumerate(ev.get("triggers", []))],
             arguments=[dict(a, span=span(a.get("span"), "events", i, "arguments", j))
                        for j, a in enumerate(ev.get("arguments", []))])
        for i, ev in enumerate(draft.get("events", []))
    ]
    out["sources"] = [
        dict(s,
             mention=span(s.get("mention"), "sources", i, "mention"),
             statements=[span(st, "sources", i, "statements", j) for j, st in enumerate(s.get("statements", []))])
        for i, s in enumerate(draft.get("sources", []))
    ]
    return out, problems
