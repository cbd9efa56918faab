"""`byline validate`: the JSON Schema plus every rule a schema cannot express.

Every problem is reported (not just the first), each as PATH[:LINE]: /json/pointer: message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from byline.corpus import Corpus, assemble, is_corpus_dir, read_corpus, read_splits
from byline.io import iter_jsonl, read_json, read_text
from byline.limits import MAX_VALUE_CHARS
from byline.problems import BylineInputError, Problem, clip, pointer
from byline.schema import is_valid, validator

NAMED_SOURCE_KINDS = {"named_person", "named_organisation", "media_outlet"}


def iter_spans(doc: dict) -> Iterator[tuple[tuple, dict]]:
    """Every span of a document with the path parts that lead to it."""
    for i, ent in enumerate(doc.get("entities") or []):
        for j, m in enumerate(ent.get("mentions") or []):
            if isinstance(m, dict) and isinstance(m.get("span"), dict):
                yield ("entities", i, "mentions", j, "span"), m["span"]
    for i, q in enumerate(doc.get("quotes") or []):
        for j, piece in enumerate(q.get("content") or []):
            yield ("quotes", i, "content", j), piece
        for key in ("cue", "speaker_mention"):
            if isinstance(q.get(key), dict):
                yield ("quotes", i, key), q[key]
    for i, ev in enumerate(doc.get("events") or []):
        for j, t in enumerate(ev.get("triggers") or []):
            yield ("events", i, "triggers", j), t
        for j, arg in enumerate(ev.get("arguments") or []):
            if isinstance(arg.get("span"), dict):
                yield ("events", i, "arguments", j, "span"), arg["span"]
    for i, src in enumerate(doc.get("sources") or []):
        if isinstance(src.get("mention"), dict):
            yield ("sources", i, "mention"), src["mention"]
        for j, st in enumerate(src.get("statements") or []):
            yield ("sources", i, "statements", j), st


def has_offsets(span: dict) -> bool:
    return span.get("start") is not None and span.get("end") is not None


def schema_problems(doc: object, kind: str) -> list[tuple[str, str]]:
    if is_valid(kind, doc):
        return []
    out = []
    for err in sorted(validator(kind).iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        out.append((pointer(*err.absolute_path), _schema_message(err)))
    return out


def _schema_message(err) -> str:
    """jsonschema's message, with the offending value clipped (a 5 MB id is not echoed)."""
    if err.validator == "pattern" and err.path and err.path[-1] == "id" and isinstance(err.instance, str):
        return f"{clip(err.instance)} is not a safe id: use letters, digits, '_', '-' (pattern {err.validator_value})"
    if err.validator == "enum":
        return f"{clip(err.instance)} is not one of {err.validator_value}"
    if err.validator == "anyOf":
        return f"{clip(err.instance)} is not valid here: expected null or a span object"
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        return (f"Additional properties are not allowed ({', '.join(clip(k) for k in extra[:5])}"
                f"{f' and {len(extra) - 5} more' if len(extra) > 5 else ''} {'was' if len(extra) == 1 else 'were'} unexpected)")
    message = err.message
    shown = repr(err.instance)
    if len(shown) > MAX_VALUE_CHARS and shown in message:
        message = message.replace(shown, clip(err.instance))
    return message


def semantic_problems(doc: dict, text: str | None) -> list[tuple[str, str]]:
    """Rules beyond the schema. `text` is None when the article text is unknown."""
    out: list[tuple[str, str]] = []
    kinds: set[bool] = set()  # which kinds of span the line uses: with offsets, without
    seen_offsets: dict[tuple[int, int], tuple] = {}
    for parts, span in iter_spans(doc):
        start, end = span.get("start"), span.get("end")
        if start is None and end is None:
            kinds.add(False)
            continue
        if start is None or end is None:
            out.append((pointer(*parts), "give both start and end, or neither"))
            continue
        kinds.add(True)
        not_int = [n for n in (start, end) if type(n) is not int]  # the schema's "integer" admits 5.0
        if not_int:
            out.append((pointer(*parts), f"offset {clip(not_int[0])} is not an integer: write offsets as whole "
                                         f"numbers without a fraction or exponent (5, not 5.0)"))
            continue
        if start >= end:
            out.append((pointer(*parts), f"start {start} must be less than end {end} (offsets are half-open [start, end))"))
            continue
        if text is not None:
            if end > len(text):
                out.append((pointer(*parts), f"end {end} is past the end of the text ({len(text)} characters)"))
                continue
            if text[start:end] != span.get("text"):
                out.append((pointer(*parts), f"text {clip(span.get('text'))} differs from text[{start}:{end}] = {clip(text[start:end])}"))
        if parts[0] == "entities":
            if (start, end) in seen_offsets:
                out.append((pointer(*parts), f"duplicate mention: the same span is already at {pointer(*seen_offsets[(start, end)])}"))
            else:
                seen_offsets[(start, end)] = parts
    if len(kinds) == 2:
        return [("", "some spans have offsets and some do not: a line is either span-level "
                     "(every span has start and end) or text-only (no span has)")]

    ids: dict[str, tuple] = {}
    for layer in ("entities", "quotes", "events", "sources"):
        for i, item in enumerate(doc.get(layer) or []):
            item_id = item.get("id")
            if item_id in ids:
                out.append((pointer(layer, i, "id"), f"id {clip(item_id)} is already used at {pointer(*ids[item_id])}"))
            else:
                ids[item_id] = (layer, i)

    entities = {e.get("id"): e for e in doc.get("entities") or []}
    quotes = {q.get("id") for q in doc.get("quotes") or []}

    def entity_ref(where: str, entity_id: object, what: str) -> None:
        if entity_id is not None and entity_id not in entities:
            out.append((where, f"{what} {clip(entity_id)} is not the id of an entity in this article"))

    for i, q in enumerate(doc.get("quotes") or []):
        entity_ref(pointer("quotes", i, "speaker_id"), q.get("speaker_id"), "speaker")
        mention = q.get("speaker_mention")
        if mention is not None and q.get("speaker_id") is None:
            out.append((pointer("quotes", i, "speaker_mention"),
                        "a speaker mention needs a speaker_id (null means no identifiable speaker)"))
        elif mention is not None and has_offsets(mention) and q.get("speaker_id") in entities:
            spans = {(m["span"].get("start"), m["span"].get("end")) for m in entities[q["speaker_id"]]["mentions"]}
            if (mention["start"], mention["end"]) not in spans:
                out.append((pointer("quotes", i, "speaker_mention"),
                            f"the speaker mention is not one of entity {clip(q['speaker_id'])}'s mentions"))
        pieces = [p for p in q.get("content") or [] if has_offsets(p)]
        for j in range(1, len(pieces)):
            if pieces[j]["start"] < pieces[j - 1]["end"]:
                out.append((pointer("quotes", i, "content", j),
                            "content pieces must be in text order and must not overlap"))

    for i, ev in enumerate(doc.get("events") or []):
        for j, arg in enumerate(ev.get("arguments") or []):
            where = pointer("events", i, "arguments", j)
            if (arg.get("entity_id") is None) == (arg.get("span") is None):
                out.append((where, "set exactly one of entity_id (an entity filler) and span (a time, amount, ...)"))
            entity_ref(where + "/entity_id", arg.get("entity_id"), "argument")

    quote_owner: dict[str, str] = {}
    for i, src in enumerate(doc.get("sources") or []):
        where = pointer("sources", i)
        entity_ref(where + "/entity_id", src.get("entity_id"), "source entity")
        if src.get("kind") in NAMED_SOURCE_KINDS and src.get("entity_id") is None:
            out.append((where + "/entity_id", f"a {src.get('kind')} source needs the entity it names"))
        if src.get("entity_id") is None and src.get("mention") is None:
            out.append((where, "a source needs an entity_id or a mention that describes it"))
        for j, qid in enumerate(src.get("quote_ids") or []):
            if qid not in quotes:
                out.append((pointer("sources", i, "quote_ids", j), f"{clip(qid)} is not the id of a quote in this article"))
            elif qid in quote_owner:
                out.append((pointer("sources", i, "quote_ids", j), f"quote {clip(qid)} already belongs to {quote_owner[qid]}"))
            else:
                quote_owner[qid] = where
    return out


def check_article(article: dict) -> list[tuple[str, str]]:
    """All problems of one assembled gold article: schema first, then the rest."""
    found = schema_problems(article, "article")
    if found:  # semantic rules assume the shape; report shape problems alone
        return found
    return semantic_problems(article, article["text"])


def check_submission_line(line: object, gold_text: str | None) -> list[tuple[str, str]]:
    found = schema_problems(line, "submission")
    if found:
        return found
    return semantic_problems(line, gold_text)


def id_problems(doc_id: str, line_no: int, seen: dict[str, int], known: dict | None,
                where: str = "it is not in the gold corpus") -> list[tuple[str, str]]:
    """A submission line's article id: known to the gold (when `known` is given), and not seen on
    an earlier line. Records the line in `seen`."""
    if known is not None and doc_id not in known:
        return [("/id", f"unknown article id {clip(doc_id)}: {where}")]
    if doc_id in seen:
        return [("/id", f"article {clip(doc_id)} already appears on line {seen[doc_id]}")]
    seen[doc_id] = line_no
    return []


# --- whole paths ---------------------------------------------------------------------------

def validate_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """A corpus folder, and the annotations of its agreement study (agreement/*/) if it has one."""
    corpus, problems = _validate_one_corpus(root)
    for study in sorted((root / "agreement").glob("*/")) if (root / "agreement").is_dir() else []:
        if is_corpus_dir(study):
            problems += _validate_one_corpus(study)[1]
    return corpus, problems


def _in_articles_folder(root: Path):
    def locate(article: dict, where: str) -> tuple[str, str]:
        if where == "/text":
            return str(root / "articles" / f"{article['id']}.txt"), ""
        return str(root / "articles" / f"{article['id']}.json"), where
    return locate


def corpus_problems(corpus: Corpus, locate=None) -> list[Problem]:
    """Every problem of a read corpus's articles (check_article), placed by `locate(article,
    pointer) -> (path, pointer)`, by default in the corpus folder's articles/. The one check of
    gold: `byline validate CORPUS` and every load of gold for scoring (byline.gold.verify)."""
    locate = locate or _in_articles_folder(Path(corpus.root))
    problems = []
    for art in corpus.articles:
        for where, msg in check_article(art):
            problems.append(Problem(*locate(art, where), msg))
    return problems


def _validate_one_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    corpus, problems = read_corpus(root)
    return corpus, problems + corpus_problems(corpus)


def validate_article_file(path: Path) -> list[Problem]:
    """One ID.json inside a corpus's articles/ folder (its text beside it, splits.json above)."""
    annotation = read_json(path)
    if not isinstance(annotation, dict):
        return [Problem(str(path), "", "expected a JSON object")]
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        return [Problem(str(path), "", f"no text file {txt.name} beside it")]
    splits, problems = read_splits(path.parent.parent)
    if path.stem not in splits:
        problems.append(Problem(str(path.parent.parent / "splits.json"), "", f"article {path.stem!r} is in no split"))
    article = assemble(annotation, read_text(txt), splits.get(path.stem))
    problems += [Problem(str(path), w, m) for w, m in check_article(article)]
    return problems


def validate_submission(path: str | Path, gold: Corpus | None) -> list[Problem]:
    """A JSONL submission, by the same SubmissionChecker that `byline score` uses (any split)."""
    from byline.checker import SubmissionChecker

    checker = SubmissionChecker(str(path), gold)
    problems: list[Problem] = []
    for line_no, obj, error in iter_jsonl(path):
        problems += checker.check(line_no, obj, error)
    return problems + checker.finish()


def _submission_gold(gold_dir: str | None, problems: list[Problem]) -> Corpus | None:
    """The gold that submissions are checked against, checked itself (byline.gold.load_gold).
    When it has problems they are reported, and submissions are checked without gold (None)."""
    from byline.gold import load_gold

    try:
        return load_gold(gold_dir)
    except BylineInputError as e:
        problems += e.problems
        return None


def validate_paths(paths: list[str], gold_dir: str | None = None) -> list[Problem]:
    """Validate corpus folders, article files (.json) and submissions (.jsonl or '-')."""
    problems: list[Problem] = []
    gold: Corpus | None = None
    gold_loaded = False
    corpus_ids: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        try:
            if raw == "-" or path.suffix == ".jsonl":
                if not gold_loaded:
                    gold, gold_loaded = _submission_gold(gold_dir, problems), True
                problems += validate_submission(raw, gold)
            elif is_corpus_dir(path):
                corpus, found = validate_corpus(path)
                problems += found
                for art in corpus.articles:  # ids must be unique across every corpus given
                    if art["id"] in corpus_ids and corpus_ids[art["id"]] != str(path):
                        problems.append(Problem(str(path / "articles" / f"{art['id']}.json"), "/id",
                                                f"id {art['id']!r} is also used in {corpus_ids[art['id']]}"))
                    corpus_ids.setdefault(art["id"], str(path))
            elif path.is_dir():
                problems.append(Problem(raw, "", "not a corpus folder (no corpus.json in it)"))
            elif path.suffix == ".json":
                problems += validate_article_file(path)
            elif not path.exists():
                problems.append(Problem(raw, "", "no such file or folder"))
            else:
                problems.append(Problem(raw, "", "expected a corpus folder, an article .json or a submission .jsonl"))
        except BylineInputError as e:
            problems += e.problems
    return problems
