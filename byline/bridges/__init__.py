"""Format bridges: Byline's gold out to the formats taggers and annotation tools use, and back in.

One module per format, each with one job:
  tokens       shared: sentence tokens split at every span boundary, BIO encoding and decoding
  conll        export: BIO entity tags and trigger tags, one token per line
  hf_tokens    export: JSONL rows {"id", "tokens", "ner_tags"} with a label list
  spacy        export: a spaCy DocBin with doc.ents (needs the optional spaCy extra)
  brat         export and import: standoff .txt/.ann pairs
  label_studio import: a Label Studio JSON export (labels and relations)
  importing    shared: turn imported layers into validated Byline articles and write them

An exporter never drops a span silently: what a format cannot hold is counted in its Export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXPORT_FORMATS = ("conll", "hf-tokens", "spacy", "brat")
IMPORT_FORMATS = ("brat", "label-studio")


@dataclass
class Export:
    """What an exporter wrote and what it could not encode (reason -> count)."""

    paths: list[str] = field(default_factory=list)
    articles: int = 0
    encoded: int = 0
    not_encoded: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, n: int = 1) -> None:
        if n:
            self.not_encoded[reason] = self.not_encoded.get(reason, 0) + n

    def summary(self) -> str:
        lines = [f"wrote {', '.join(self.paths)}: {self.articles} article(s), {self.encoded} span(s) encoded"]
        for reason, n in sorted(self.not_encoded.items()):
            lines.append(f"  not encoded: {n} {reason}")
        return "\n".join(lines)


def export(fmt: str, articles: list[dict], out: str) -> Export:
    if fmt == "conll":
        from byline.bridges.conll import write_conll as write
    elif fmt == "hf-tokens":
        from byline.bridges.hf_tokens import write_hf_tokens as write
    elif fmt == "spacy":
        from byline.bridges.spacy import write_docbin as write
    elif fmt == "brat":
        from byline.bridges.brat import write_brat as write
    else:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    return write(articles, out)
