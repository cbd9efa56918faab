"""Maintainer aid: change an annotated article's text and carry every span along.

A correction to a composed article (a real office renamed, a stock phrase rewritten) must not
cost a re-annotation. An edit names the text to replace by an anchor (see byline.anchors) and
gives its replacement; each span of the annotation is then moved:

- a span wholly before or after every edited region keeps its words and shifts;
- a span that is exactly an edited region takes the replacement as its text;
- a span that contains an edited region grows or shrinks with it;
- a span that overlaps an edited region only partly cannot be carried, and is reported.

Entity `name` fields equal to a replaced string are renamed too, and lose their `kb_id` (a renamed
entity is no longer the real one).
"""

from __future__ import annotations

import copy

from byline.anchors import resolve_anchor
from byline.problems import Problem, pointer


def _locate(edits: list[dict], text: str, path: str) -> tuple[list[tuple[int, int, str, str]], list[Problem]]:
    regions, problems = [], []
    for i, e in enumerate(edits):
        try:
            span = resolve_anchor(e["find"], text)
        except ValueError as err:
            problems.append(Problem(path, pointer("edits", i, "find"), str(err)))
            continue
        regions.append((span["start"], span["end"], span["text"], e["replace"]))
    regions.sort()
    for (s1, e1, *_), (s2, _e2, *_) in zip(regions, regions[1:]):
        if s2 < e1:
            problems.append(Problem(path, "/edits", f"two edits overlap at offset {s2}"))
    return regions, problems


def apply_edits(annotation: dict, text: str, edits: list[dict], path: str = "<edits>") -> tuple[dict, str, list[Problem]]:
    """Return (new annotation, new text, problems); nothing is usable when problems is not empty."""
    regions, problems = _locate(edits, text, path)
    if problems:
        return annotation, text, problems
    new_text, pos = [], 0
    for start, end, _old, repl in regions:
        new_text.append(text[pos:start])
        new_text.append(repl)
        pos = end
    new_text.append(text[pos:])
    new = "".join(new_text)

    def move(offset: int, side: str) -> int:
        delta = 0
        for start, end, _old, repl in regions:
            # An insertion (start == end) goes after a span that ends there, before one that starts there.
            if offset > end or (offset == end and (start < end or side == "start")):
                delta += len(repl) - (end - start)
            elif offset <= start:
                break
        return offset + delta

    out = copy.deepcopy(annotation)

    def carry(span: dict | None, where: tuple) -> None:
        if not isinstance(span, dict) or "start" not in span:
            return
        s, e = span["start"], span["end"]
        for start, end, _old, _repl in regions:
            inside_start, inside_end = start < s < end, start < e < end
            if (inside_start or inside_end) and not (s == start and e == end):
                if not (s <= start and end <= e):
                    problems.append(Problem(path, pointer(*where), f"span {text[s:e]!r} overlaps an edit only partly"))
                    return
        span["start"], span["end"] = move(s, "start"), move(e, "end")
        span["text"] = new[span["start"]:span["end"]]

    renames = {old: repl for _s, _e, old, repl in regions}
    for i, ent in enumerate(out.get("entities", [])):
        if ent.get("name") in renames and renames[ent["name"]] != ent["name"]:
            ent["name"], ent["kb_id"] = renames[ent["name"]], None
        for j, m in enumerate(ent.get("mentions", [])):
            carry(m.get("span"), ("entities", i, "mentions", j, "span"))
    for i, q in enumerate(out.get("quotes", [])):
        for j, c in enumerate(q.get("content", [])):
            carry(c, ("quotes", i, "content", j))
        carry(q.get("cue"), ("quotes", i, "cue"))
        carry(q.get("speaker_mention"), ("quotes", i, "speaker_mention"))
    for i, ev in enumerate(out.get("events", [])):
        for j, t in enumerate(ev.get("triggers", [])):
            carry(t, ("events", i, "triggers", j))
        for j, a in enumerate(ev.get("arguments", [])):
            carry(a.get("span"), ("events", i, "arguments", j, "span"))
    for i, s in enumerate(out.get("sources", [])):
        carry(s.get("mention"), ("sources", i, "mention"))
        for j, st in enumerate(s.get("statements", [])):
            carry(st, ("sources", i, "statements", j))
    if problems:
        return annotation, text, problems
    return out, new, problems
