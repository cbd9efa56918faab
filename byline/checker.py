"""The one rule for a submission, line by line: used by `byline validate`, `byline score`, the
pytest plugin and `byline.score()` alike, so that a file one of them accepts none rejects.

A line must pass the submission schema and the span rules (byline.validate), name an article of
the gold (of the split being scored, when there is one) that no earlier line named, and use the
same kind of span (with offsets, or text only) as every other line.
"""

from __future__ import annotations

from byline.corpus import Corpus
from byline.problems import Problem
from byline.scoring.document import spans_have_offsets
from byline.validate import check_submission_line, id_problems


class SubmissionChecker:
    def __init__(self, path: str, gold: Corpus | None, split: str | None = None):
        self.path = str(path)
        self.split = split
        self.all_ids = gold.by_id() if gold is not None else None
        if gold is not None and split not in (None, "all"):
            self.known = {a["id"]: a for a in gold.split(split)}
        else:
            self.known = self.all_ids
        self.seen: dict[str, int] = {}
        self.text_mode: bool | None = None  # decided by the first line that has spans
        self._mode_line: int | None = None
        self.lines = 0

    def _where(self, doc_id: str) -> str:
        if self.all_ids is not None and doc_id in self.all_ids and self.split not in (None, "all"):
            return f"it is in split {self.all_ids[doc_id]['split']!r}, not {self.split!r}"
        return "it is not in the gold corpus"

    def check(self, line_no: int, obj: object, error: str | list[Problem] | None = None) -> list[Problem]:
        """Every problem of one line (an empty list when it can be scored). `error`: why the line
        could not be read (the located Problems of byline.io.iter_jsonl, or a message)."""
        self.lines += 1
        if error:
            return [Problem(self.path, "", error, line=line_no)] if isinstance(error, str) else list(error)
        doc_id = obj.get("id") if isinstance(obj, dict) else None
        gold = self.known.get(doc_id) if self.known is not None and isinstance(doc_id, str) else None
        found = [Problem(self.path, w, m, line=line_no) for w, m in check_submission_line(obj, gold["text"] if gold else None)]
        if isinstance(doc_id, str):
            found += [Problem(self.path, w, m, line=line_no)
                      for w, m in id_problems(doc_id, line_no, self.seen, self.known, self._where(doc_id))]
        if found:
            return found
        kinds = spans_have_offsets(obj)  # one kind here: check_submission_line rejects a mixed line
        if kinds:
            text_mode = not kinds.pop()
            if self.text_mode is None:
                self.text_mode, self._mode_line = text_mode, line_no
            elif self.text_mode != text_mode:
                return [Problem(self.path, "", f"this line is {'text-only' if text_mode else 'span-level'} but line "
                                f"{self._mode_line} is not: a submission uses one kind of span throughout", line=line_no)]
        return []

    def finish(self) -> list[Problem]:
        """Problems of the submission as a whole, once every line was checked."""
        if not self.lines:
            return [Problem(self.path, "", "the submission is empty: expected one JSON object per line")]
        return []
