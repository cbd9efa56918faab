"""`byline stats --diversity`: is the corpus varied the way real news is?

Corpus 1.0 looked templated (every article 435-743 words, anonymous sources in 97% of them,
"said" for 68% of cues, one six-word phrase in 34 articles). These numbers are how corpus 2.0
is checked against that, and they are printed on the dataset card. Each measure is computed
from the text and the gold annotation by the rule written next to it.
"""

from __future__ import annotations

import re
from collections import Counter

from byline.corpus import Corpus
from byline.stats import DECLINED, has_scraping_noise

BAND = 300  # words; no more than half the articles may fall in one band of this width
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*", re.U)
# Noise that scrapers leave inside paragraphs, each detected from the raw text.
INLINE_NOISE = {
    "html_entity": re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.I),
    "mojibake": re.compile("â€[™œ\u009d˜“”]|Ã[©¨¡³±]"),
    "hyphenated_wrap": re.compile(r"[a-z]-\n[a-z]"),
    "hard_wrap_mid_sentence": re.compile(r"[a-z,]\n[a-z]"),
    "timestamp_entries": re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?)(?:\s+[A-Z]{2,4})?\s*$", re.M | re.I),
}


# A source kept anonymous on purpose says so near its description; an unnamed but not hidden
# speaker ("a lawyer for the family", D16) does not.
ANONYMITY = re.compile(r"anonym|not (?:to )?be (?:named|identified)|without (?:being named|(?:his|her|their|a) names?)|"
                       r"name (?:is |was )?withheld|names? (?:be )?(?:left out|not used)|not authori[sz]ed|"
                       r"barred from|not (?:permitted|allowed) to|on condition|unnamed here|stay unnamed|"
                       r"(?:asked|requested) (?:that )?(?:no|not|his|her|their)", re.I)


def _hidden_source(article: dict) -> bool:
    text = article["text"]
    mentions = {e["id"]: [m["span"] for m in e["mentions"]] for e in article["entities"]}
    for s in article["sources"]:
        if s["kind"] not in ("anonymous_person", "anonymous_group"):
            continue
        spans = ([s["mention"]] if s["mention"] else []) + mentions.get(s["entity_id"], [])
        if any(ANONYMITY.search(text[sp["start"]:sp["end"] + 200]) for sp in spans if "start" in sp):
            return True
    return False


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _duplicated_paragraph(text: str) -> bool:
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 8]
    return len(paras) != len(set(paras))


def _cue_head(cue: str) -> str:
    """The reporting word of a cue: "said in a statement" -> "said", "according to" stays whole."""
    low = cue.lower().strip()
    if low.startswith("according to"):
        return "according to"
    return low.split()[0] if low.split() else low


def _position(quote: dict) -> str:
    """Where the attribution sits: before the first content piece, between pieces, or after all."""
    anchor = quote["speaker_mention"] or quote["cue"]
    if anchor is None or "start" not in anchor:
        return "none"
    pieces = quote["content"]
    if anchor["start"] < pieces[0]["start"]:
        return "before"
    if anchor["start"] > pieces[-1]["end"]:
        return "after"
    return "inside"


def shared_ngrams(articles: list[dict], n: int = 6, skip_names: bool = True) -> Counter:
    """How many articles each n-gram occurs in (lower-cased words).

    With skip_names, an n-gram with a capitalised word that does not start a sentence is left
    out: shared names ("Ridgeline Motors") are not templating.
    """
    df: Counter = Counter()
    for art in articles:
        seen = set()
        for para in re.split(r"\n", art["text"]):
            toks = words(para)
            for i in range(len(toks) - n + 1):
                gram = toks[i:i + n]
                if skip_names and any(w[:1].isupper() for w in gram[1:]):
                    continue
                seen.add(" ".join(w.lower() for w in gram))
        df.update(seen)
    return df


def diversity(corpus: Corpus) -> dict:
    arts = corpus.articles
    n = len(arts) or 1
    lengths = sorted(len(words(a["text"])) for a in arts)
    bands = Counter(length // BAND for length in lengths)
    top_band, top_count = max(bands.items(), key=lambda kv: kv[1]) if bands else (0, 0)
    rates: Counter = Counter()
    cues: Counter = Counter()
    positions: Counter = Counter()
    for a in arts:
        text = a["text"]
        kinds = {s["kind"] for s in a["sources"]}
        flags = {
            "unnamed_source": bool(kinds & {"anonymous_person", "anonymous_group"}),
            "anonymous_source": _hidden_source(a),
            "declined_comment": any(DECLINED.search(st["text"]) for s in a["sources"] for st in s["statements"]),
            "quote_over_paragraph_break": any(
                re.search(r"\n\s*\n", text[p["end"]:q["start"]])
                for qu in a["quotes"] for p, q in zip(qu["content"], qu["content"][1:])),
            "no_quotes": not a["quotes"],
            "scraping_noise_lines": has_scraping_noise(text),
            "duplicated_paragraph": _duplicated_paragraph(text),
            "truncated_last_line": not text.rstrip().endswith((".", "”", "\"", "’", "?", "!", ")", ":")),
        }
        flags.update({k: bool(rx.search(text)) for k, rx in INLINE_NOISE.items()})
        rates.update(k for k, v in flags.items() if v)
        for q in a["quotes"]:
            if q["cue"] is not None:
                cues[_cue_head(q["cue"]["text"])] += 1
            positions[_position(q)] += 1
    df = shared_ngrams(arts)
    n_cues = sum(cues.values()) or 1
    return {
        "articles": len(arts),
        "length_words": {
            "min": lengths[0] if lengths else 0, "median": lengths[len(lengths) // 2] if lengths else 0,
            "max": lengths[-1] if lengths else 0,
            "bands": {f"{b * BAND}-{(b + 1) * BAND - 1}": c for b, c in sorted(bands.items())},
            "largest_band": f"{top_band * BAND}-{(top_band + 1) * BAND - 1}",
            "largest_band_share": top_count / n,
        },
        "articles_with": {k: {"count": c, "share": c / n} for k, c in sorted(rates.items())},
        "cue_words": {"total": sum(cues.values()), "said_share": cues["said"] / n_cues,
                      "top": dict(cues.most_common(20)), "distinct": len(cues)},
        "attribution_position": dict(sorted(positions.items())),
        "six_grams": {
            "shared_by_3_or_more": sum(1 for c in df.values() if c >= 3),
            "in_more_than_5": sum(1 for c in df.values() if c > 5),
            "most_shared": [[g, c] for g, c in df.most_common(10) if c >= 3],
        },
    }


def format_diversity(d: dict) -> str:
    L = d["length_words"]
    lines = [f"articles: {d['articles']}",
             f"length (words): min {L['min']}, median {L['median']}, max {L['max']}; largest {BAND}-word band "
             f"{L['largest_band']} holds {L['largest_band_share']:.0%}",
             "  bands: " + ", ".join(f"{b}: {c}" for b, c in L["bands"].items()),
             "articles with:"]
    lines += [f"  {k:28} {v['count']:5}  {v['share']:6.1%}" for k, v in d["articles_with"].items()]
    c = d["cue_words"]
    lines.append(f"cue words: {c['total']} cues, {c['distinct']} distinct, 'said' {c['said_share']:.0%}")
    lines.append("  " + ", ".join(f"{k} {v}" for k, v in c["top"].items()))
    lines.append("attribution position: " + ", ".join(f"{k} {v}" for k, v in d["attribution_position"].items()))
    s = d["six_grams"]
    lines.append(f"six-word phrases (names left out): {s['shared_by_3_or_more']} in 3+ articles, "
                 f"{s['in_more_than_5']} in more than 5")
    lines += [f"  {c:3}  {g}" for g, c in s["most_shared"]]
    return "\n".join(lines)
