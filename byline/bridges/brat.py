"""brat standoff: export to, and import from, a folder of ID.txt / ID.ann pairs.

The text is written byte for byte; a span that runs over a line break becomes a discontinuous
T line, one fragment per line (brat's text field joins them with a space). Per article:

  T  PER 5 12  Kremlin       a mention (label: its entity type), with A Kind (name|nominal|pronoun)
  *  Coref T1 T4 T9          the mentions of one entity (entities of one mention have no * line)
  #  AnnotatorNotes T1 {...} on an entity's first mention: {"id", "name", "kb_id"} as JSON
  T  Quote ... / T Cue ...   quote content pieces and cues; A QuoteId (pieces of one quote share
                             it), A Form on the first piece
  R  Cue / Speaker / SpeakerEntity Arg1:piece Arg2:cue-or-mention   the quote's attribution
  T  travel ...              an event trigger, with A EventId and A Realis
  R  Arg-ROLE Arg1:trigger Arg2:mention-or-Argument                 event arguments
  ID.meta.json               the article's metadata and split (brat ignores the file)

Sources are not written: brat has no place for them (the Export counts them). Import reads the
same lines (see byline/bridges/importing.py for what each becomes) and reports every problem as
FILE:LINE: message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from byline.bridges import Export
from byline.bridges.importing import METADATA_KEYS, Imported, Region, to_article
from byline.io import read_json, read_text
from byline.problems import BylineInputError, Problem


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of [start, end) between line breaks."""
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"[^\n]+", text[start:end])]


class _Ann:
    def __init__(self, text: str):
        self.text, self.lines, self.n = text, [], {"T": 0, "A": 0, "R": 0, "#": 0}

    def next(self, kind: str) -> str:
        self.n[kind] += 1
        return f"{kind}{self.n[kind]}"

    def t(self, label: str, span: dict) -> str:
        tid = self.next("T")
        frags = fragments(self.text, span["start"], span["end"])
        where = ";".join(f"{s} {e}" for s, e in frags)
        self.lines.append(f"{tid}\t{label} {where}\t{' '.join(self.text[s:e] for s, e in frags)}")
        return tid

    def a(self, name: str, target: str, value: str) -> None:
        self.lines.append(f"{self.next('A')}\t{name} {target} {value}")

    def r(self, kind: str, a: str, b: str) -> None:
        self.lines.append(f"{self.next('R')}\t{kind} Arg1:{a} Arg2:{b}")


def article_ann(art: dict, export: Export) -> str:
    ann = _Ann(art["text"])
    tid_of: dict[tuple[int, int], str] = {}
    first_of: dict[str, str] = {}
    for ent in art["entities"]:
        tids = []
        for m in ent["mentions"]:
            tid = ann.t(ent["type"], m["span"])
            ann.a("Kind", tid, m["kind"])
            tid_of[(m["span"]["start"], m["span"]["end"])] = tid
            tids.append(tid)
        first_of[ent["id"]] = tids[0]
        if len(tids) > 1:
            ann.lines.append("*\tCoref " + " ".join(tids))
        note = json.dumps({"id": ent["id"], "name": ent["name"], "kb_id": ent["kb_id"]}, ensure_ascii=False)
        ann.lines.append(f"{ann.next('#')}\tAnnotatorNotes {tids[0]}\t{note}")
        export.encoded += len(tids)
    for q in art["quotes"]:
        tids = [ann.t("Quote", piece) for piece in q["content"]]
        for tid in tids:
            ann.a("QuoteId", tid, q["id"])
        ann.a("Form", tids[0], q["form"])
        if q["cue"]:
            ann.r("Cue", tids[0], ann.t("Cue", q["cue"]))
        if q["speaker_mention"]:
            ann.r("Speaker", tids[0], tid_of[(q["speaker_mention"]["start"], q["speaker_mention"]["end"])])
        elif q["speaker_id"]:
            ann.r("SpeakerEntity", tids[0], first_of[q["speaker_id"]])
        export.encoded += len(tids) + bool(q["cue"])
    for ev in art["events"]:
        tids = [ann.t(ev["type"], t) for t in ev["triggers"]]
        for tid in tids:
            ann.a("EventId", tid, ev["id"])
        ann.a("Realis", tids[0], ev["realis"])
        for arg in ev["arguments"]:
            target = first_of[arg["entity_id"]] if arg["entity_id"] else ann.t("Argument", arg["span"])
            ann.r(f"Arg-{arg['role']}", tids[0], target)
        export.encoded += len(tids)
    export.skip("sources (brat has no source layer)", len(art["sources"]))
    return "".join(line + "\n" for line in ann.lines)


def write_brat(articles: list[dict], out: str) -> Export:
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BylineInputError([Problem(str(folder), "", "exists and is not an empty folder: nothing written")])
    folder.mkdir(parents=True, exist_ok=True)
    export = Export(paths=[str(folder)], articles=len(articles))
    for art in articles:
        with open(folder / f"{art['id']}.txt", "w", encoding="utf-8", newline="") as f:
            f.write(art["text"])
        (folder / f"{art['id']}.ann").write_text(article_ann(art, export), encoding="utf-8")
        meta = {k: art[k] for k in METADATA_KEYS} | {"split": art["split"]}
        (folder / f"{art['id']}.meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return export


# --- import ------------------------------------------------------------------------------

def parse_ann(path: str, text: str, doc_id: str) -> Imported:
    imp = Imported(doc_id=doc_id, text=text, path=path)
    for line_no, raw in enumerate(read_text(path).split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        where = Problem(path, "", "", line=line_no)
        cols = line.split("\t")
        ident = cols[0]
        head = cols[1].split() if len(cols) > 1 else []
        try:
            if ident.startswith("T"):
                _region(imp, ident, cols, where)
            elif ident.startswith(("A", "M")):
                if len(head) not in (2, 3):
                    raise ValueError("an attribute line is 'A1<TAB>NAME T1 VALUE'")
                imp.attrs.setdefault(head[1], {})[head[0]] = head[2] if len(head) == 3 else "true"
                imp.targets.append((head[1], where))
            elif ident.startswith("R"):
                if len(head) != 3 or not head[1].startswith("Arg1:") or not head[2].startswith("Arg2:"):
                    raise ValueError("a relation line is 'R1<TAB>TYPE Arg1:T1 Arg2:T2'")
                imp.links.append((head[0], head[1][5:], head[2][5:], where))
            elif ident == "*":
                if len(head) < 3:
                    raise ValueError("an equivalence line is '*<TAB>Coref T1 T2 ...'")
                imp.links += [(head[0], a, b, where) for a, b in zip(head[1:], head[2:])]
            elif ident.startswith("#"):
                if len(head) != 2 or len(cols) != 3:
                    raise ValueError("a note line is '#1<TAB>AnnotatorNotes T1<TAB>NOTE'")
                imp.notes[head[1]] = cols[2]
                imp.targets.append((head[1], where))
            elif ident.startswith("E"):
                raise ValueError("brat event (E) lines are not read: mark a trigger as a T line with "
                                 "attributes EventId and Realis, and arguments as Arg-ROLE relations")
            else:
                raise ValueError(f"unknown annotation line {ident!r}: expected T, A, R, * or #")
        except ValueError as e:
            imp.error(where, str(e))
    return imp


def _region(imp: Imported, ident: str, cols: list[str], where: Problem) -> None:
    if len(cols) != 3 or " " not in cols[1]:
        raise ValueError("a text-bound line is 'T1<TAB>LABEL START END<TAB>TEXT'")
    label, _, offsets = cols[1].partition(" ")
    frags = []
    for frag in offsets.split(";"):
        parts = frag.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise ValueError(f"offsets {offsets!r} are not START END[;START END...]")
        frags.append((int(parts[0]), int(parts[1])))
    text = imp.text
    for (s, e), (s2, _) in zip(frags, frags[1:]):
        if s2 < e or text[e:s2].strip():
            raise ValueError(f"fragments {offsets!r} have text between them: a Byline span is contiguous "
                             "(a quote interrupted by its attribution is several Quote lines)")
    start, end = frags[0][0], frags[-1][1]
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"offsets {start}-{end} are not a span of the text ({len(text)} characters)")
    shown = " ".join(text[s:e] for s, e in frags)
    if cols[2] != shown:
        raise ValueError(f"text {cols[2]!r} differs from the text at {offsets} ({shown!r})")
    if ident in imp.regions:
        raise ValueError(f"{ident} is already defined")
    imp.regions[ident] = Region(label, start, end, where)


def read_brat(path: str | Path, defaults: dict | None = None) -> list[dict]:
    """Articles from a folder of ID.txt/ID.ann pairs (or one ID.ann); raises BylineInputError
    with every problem. Metadata comes from ID.meta.json when it is there, else from `defaults`."""
    path = Path(path)
    if path.is_dir():
        anns = sorted(path.glob("*.ann"))
        if not anns:
            raise BylineInputError([Problem(str(path), "", "no .ann files in this folder")])
    elif path.suffix == ".ann" and path.is_file():
        anns = [path]
    else:
        raise BylineInputError([Problem(str(path), "", "expected a folder of .txt/.ann pairs or an .ann file")])
    articles, problems = [], []
    for ann in anns:
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            problems.append(Problem(str(ann), "", f"no text file {txt.name} beside it"))
            continue
        meta_path = ann.with_name(ann.stem + ".meta.json")
        meta = dict(defaults or {})
        if meta_path.is_file():
            found = read_json(meta_path)
            if not isinstance(found, dict):
                problems.append(Problem(str(meta_path), "", "expected a JSON object"))
                continue
            meta.update(found)
        imp = parse_ann(str(ann), read_text(txt), ann.stem)
        article, found = to_article(imp, meta, meta.get("split"))
        problems += found
        if article:
            articles.append(article)
    if problems:
        raise BylineInputError(problems)
    return articles
