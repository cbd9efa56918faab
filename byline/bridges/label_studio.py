"""Import a Label Studio JSON export (a list of tasks) into Byline articles.

A task's text is `data.text`; its article id `data.byline_id` (else `data.id`, else task-ID) and
its metadata `data.byline_meta` (else the defaults given). Of its annotations, the first that was
not cancelled is read:

  "labels" result                  a region: value.start, value.end, value.text, value.labels[0]
                                   (labels as in byline/bridges/importing.py: PER, ..., travel, ...,
                                   Quote, Cue, Argument)
  "choices" result with a region's id, from_name kind | form | realis
                                   that region's Kind, Form or Realis
  "textarea" result with a region's id, from_name note   a note ({"id", "name", "kb_id"} JSON)
  "relation" result                a link from_id -> to_id (direction "left" swaps them), its
                                   label Coref, SameQuote, SameEvent, Cue, Speaker, SpeakerEntity,
                                   Arg-ROLE or a bare role name (agent, place, ...)

Label Studio counts offsets in UTF-16 code units; when value.text does not match the text at the
offsets as code points, the offsets are read as UTF-16. Every problem is located by JSON pointer.
"""

from __future__ import annotations

from pathlib import Path

from byline.bridges.importing import SAFE_ID, Imported, Region, to_article
from byline.io import read_json
from byline.problems import BylineInputError, Problem, pointer
from byline.schema import schemas

LINKS = ("Coref", "SameQuote", "SameEvent", "Cue", "Speaker", "SpeakerEntity")
ATTRIBUTES = {"kind": "Kind", "form": "Form", "realis": "Realis"}


def _utf16_to_index(text: str, units: int) -> int | None:
    count = 0
    for i, ch in enumerate(text):
        if count == units:
            return i
        count += 2 if ord(ch) > 0xFFFF else 1
    return len(text) if count == units else None


def _link_kind(label: str) -> str | None:
    canon = {k.lower(): k for k in LINKS}
    key = label.replace("_", "").replace(" ", "").lower()
    if key in canon:
        return canon[key]
    role = label[4:] if label.lower().startswith("arg-") else label
    roles = schemas()["submission"]["$defs"]["argument"]["properties"]["role"]["enum"]
    return f"Arg-{role}" if role in roles else None


def parse_task(path: str, i: int, task: object, defaults: dict) -> tuple[Imported | None, dict, list[Problem]]:
    here = pointer(i)
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        return None, {}, [Problem(path, here, "a task must be an object with a 'data' object")]
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text:
        return None, {}, [Problem(path, here + "/data/text", "a task needs its text in data.text")]
    doc_id = str(data.get("byline_id") or data.get("id") or f"task-{task.get('id', i)}")
    if not SAFE_ID.match(doc_id):
        return None, {}, [Problem(path, here + "/data", f"{doc_id!r} is not a safe article id (letters, digits, '_', '-')")]
    meta = dict(defaults)
    if isinstance(data.get("byline_meta"), dict):
        meta.update(data["byline_meta"])
    annotations = [(k, a) for k, a in enumerate(task.get("annotations") or [])
                   if isinstance(a, dict) and not a.get("was_cancelled")]
    if not annotations:
        return None, meta, [Problem(path, here + "/annotations", "no annotation that was not cancelled")]
    k, ann = annotations[0]
    imp = Imported(doc_id=doc_id, text=text, path=path)
    results = ann.get("result")
    if not isinstance(results, list):
        return None, meta, [Problem(path, pointer(i, "annotations", k, "result"), "expected a list of results")]
    for j, r in enumerate(results):
        where = Problem(path, pointer(i, "annotations", k, "result", j), "")
        if not isinstance(r, dict):
            imp.error(where, "a result must be an object")
            continue
        kind, value = r.get("type"), r.get("value") if isinstance(r.get("value"), dict) else {}
        if kind == "labels":
            _region(imp, r, value, where)
        elif kind == "choices":
            name = ATTRIBUTES.get(str(r.get("from_name", "")).lower())
            choices = value.get("choices")
            if name is None or not isinstance(choices, list) or len(choices) != 1:
                imp.error(where, "a choices result needs from_name kind, form or realis and exactly one choice")
            else:
                imp.attrs.setdefault(str(r.get("id")), {})[name] = str(choices[0])
                imp.targets.append((str(r.get("id")), where))
        elif kind == "textarea" and str(r.get("from_name", "")).lower() == "note":
            texts = value.get("text")
            if isinstance(texts, list) and texts:
                imp.notes[str(r.get("id"))] = str(texts[0])
                imp.targets.append((str(r.get("id")), where))
        elif kind == "relation":
            labels = r.get("labels") or []
            link = _link_kind(str(labels[0])) if len(labels) == 1 else None
            if link is None:
                imp.error(where, f"a relation needs one label: {', '.join(LINKS)}, Arg-ROLE or a role name (got {labels!r})")
                continue
            a, b = str(r.get("from_id")), str(r.get("to_id"))
            imp.links.append((link, *((b, a) if r.get("direction") == "left" else (a, b)), where))
        else:
            imp.error(where, f"result type {kind!r} is not read: expected labels, choices, textarea (note) or relation")
    return imp, meta, imp.problems


def _region(imp: Imported, r: dict, value: dict, where: Problem) -> None:
    labels, start, end = value.get("labels"), value.get("start"), value.get("end")
    if not (isinstance(labels, list) and len(labels) == 1 and isinstance(start, int) and isinstance(end, int)):
        imp.error(where, "a labels result needs value.start, value.end (integers) and exactly one label")
        return
    text = imp.text
    if "text" in value and text[start:end] != value["text"]:
        s16, e16 = _utf16_to_index(text, start), _utf16_to_index(text, end)
        if s16 is None or e16 is None or text[s16:e16] != value["text"]:
            imp.error(where, f"value.text {value['text']!r} differs from the text at {start}-{end} ({text[start:end]!r})")
            return
        start, end = s16, e16
    rid = str(r.get("id"))
    if rid in imp.regions:
        imp.error(where, f"region id {rid!r} is used twice")
        return
    imp.regions[rid] = Region(str(labels[0]), start, end, where)


def read_label_studio(path: str | Path, defaults: dict | None = None) -> list[dict]:
    """Articles from a Label Studio JSON export; raises BylineInputError with every problem."""
    tasks = read_json(path)
    if not isinstance(tasks, list):
        raise BylineInputError([Problem(str(path), "", "expected a JSON list of tasks (Label Studio's JSON export)")])
    articles, problems, seen = [], [], {}
    for i, task in enumerate(tasks):
        imp, meta, found = parse_task(str(path), i, task, defaults or {})
        if imp is None or found:
            problems += found
            continue
        if imp.doc_id in seen:
            problems.append(Problem(str(path), pointer(i), f"article id {imp.doc_id!r} is already task {seen[imp.doc_id]}"))
            continue
        seen[imp.doc_id] = i
        article, found = to_article(imp, meta, meta.get("split"))
        problems += found
        if article:
            articles.append(article)
    if not tasks:
        problems.append(Problem(str(path), "", "the export has no tasks"))
    if problems:
        raise BylineInputError(problems)
    return articles
