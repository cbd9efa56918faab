"""Rule-based quotes: quotation-mark pairs (curly and straight, paragraph continuations, unbalanced
marks tolerated) and reported speech around cue verbs; speakers from the adjacent name, "said X"
inversion, or a pronoun resolved to the last person."""

from __future__ import annotations

import re

from byline.baselines.lexicons import cue_words
from byline.baselines.rules.entities import EntityFinder
from byline.baselines.text import in_mask, noise_mask, paragraphs, sentences

OPEN, CLOSE = "“‘\"", "”’\""
SPEAKER = r"(?P<who>(?:[A-Z][\w.’'-]+(?:\s+(?:[A-Z][\w.’'-]+|de|al|bin|van|von|da|del))*)|he|she|they|it|I|the\s+[a-z]+(?:\s+[a-z]+)?)"


def _cue_pattern() -> str:
    cues = sorted((c for c in cue_words() if c != "according to"), key=len, reverse=True)
    return r"(?P<cue>(?:" + "|".join(re.escape(c) for c in cues) + r")(?:\s+(?:reporters|journalists|the\s+[A-Z]?\w+|[A-Z]\w+))?(?:\s+in\s+a\s+statement|\s+on\s+(?:X|Facebook|Instagram|TikTok))?)"


def direct_spans(text: str) -> list[list[tuple[int, int]]]:
    """Content pieces of quotations: [[(start, end), ...], ...]. An opening mark left open at the
    end of a paragraph continues in the next paragraph that opens with a mark."""
    mask = noise_mask(text)
    quotes: list[list[tuple[int, int]]] = []
    open_quote: list[tuple[int, int]] | None = None
    for p_start, p_end in paragraphs(text):
        if in_mask(mask, p_start, p_end):
            continue
        para = text[p_start:p_end]
        i = 0
        if open_quote is not None and not para.startswith(tuple(OPEN)):
            quotes.append(open_quote)
            open_quote = None
        while i < len(para):
            ch = para[i]
            is_open = ch in "“" or (ch == '"' and (i == 0 or para[i - 1] in " \n(—-\u00a0")) or \
                (ch == "‘" and (i == 0 or para[i - 1] in " \n(—\u00a0"))
            if not is_open:
                i += 1
                continue
            closer = "”\"" if ch in "“\"" else "’"
            j = i + 1
            while j < len(para) and not (para[j] in closer and (j + 1 == len(para) or not para[j + 1].isalnum())):
                j += 1
            piece = (p_start + i + 1, p_start + j)
            if open_quote is not None and i == 0:
                open_quote.append(piece)
            else:
                if open_quote is not None:
                    quotes.append(open_quote)
                open_quote = [piece]
            if j >= len(para):  # left open: may continue in the next paragraph
                break
            quotes.append(open_quote)
            open_quote = None
            i = j + 1
    if open_quote is not None:
        quotes.append(open_quote)
    return [q for q in quotes if all(e > s for s, e in q)]


# Heads of descriptions that name an organisation, not a person ("the company said").
_ORG_HEADS = {"company", "board", "union", "agency", "ministry", "council", "collective", "cooperative", "club",
              "group", "firm", "bank", "authority", "department", "commission", "committee", "federation",
              "association", "league", "team", "government", "office", "operator", "airline", "insurer",
              "lender", "charity", "organisation", "organization", "school", "university", "hospital", "consortium"}


def _nominal_type(who: str) -> str:
    return "ORG" if who.lower().split()[-1] in _ORG_HEADS else "PER"


def _resolve(who: str, start: int, end: int, ents: EntityFinder) -> tuple[str | None, tuple[int, int] | None]:
    """The speaker entity and its mention for the words `who` at [start, end)."""
    found = ents.mention_in(start, end)
    if found is None and who.lower() in ("he", "she", "i") and ents.last_person is not None:
        ents.add_mention(ents.last_person.id, start, end, "pronoun")
    elif found is None and (who.lower().startswith("the ") or who[:1].islower()) and \
            who.lower() not in ("he", "she", "i", "they", "it"):
        offset = 4 if who.lower().startswith("the ") else 0
        etype = _nominal_type(who)
        earlier = ents.last_named("ORG", start) if etype == "ORG" else None
        if earlier:  # "the company said": the organisation named last
            ents.add_mention(earlier, start + offset, end, "nominal")
        else:
            ents.new_entity(etype, start + offset, end, "nominal")
    found = ents.mention_in(start, end)
    return (found[2], (found[0], found[1])) if found else (None, None)


def find_quotes(text: str, ents: EntityFinder, sents=None) -> list[dict]:
    cue = _cue_pattern()
    after = re.compile(r"^[,.]?\s*" + SPEAKER + r"\s+(?:also\s+)?" + cue)
    inverted = re.compile(r"^[,.]?\s*" + cue + r"\s+" + SPEAKER)  # '..., said Amara Diallo'
    before = re.compile(SPEAKER + r"\s+(?:also\s+)?" + cue + r"\s*[:,]\s*$")
    quotes = []
    last_speaker = None
    for pieces in direct_spans(text):
        start, end = pieces[0][0], pieces[-1][1]
        content = " ".join(text[s:e] for s, e in pieces)
        if len(content.split()) < 4:
            continue  # a scare quote or a nickname, not speech
        tail = text[end + 1:end + 120].split("\n\n")[0]
        head = text[max(0, start - 121):start - 1].split("\n\n")[-1]
        m, base = after.search(tail) or inverted.search(tail), end + 1
        if not m:
            m, base = before.search(head), start - 1 - len(head)
        cue_span = speaker_id = mention = None
        if m:
            cue_span = (base + m.start("cue"), base + m.end("cue"))
            speaker_id, mention = _resolve(m.group("who"), base + m.start("who"), base + m.end("who"), ents)
            last_speaker = speaker_id
        elif text[end + 1:end + 3].strip()[:1] in ("", ".") and last_speaker:
            speaker_id = last_speaker  # a quote that continues the last speaker's turn
        else:
            continue
        quotes.append({"content": pieces, "form": "direct", "cue": cue_span, "mention": mention, "speaker": speaker_id})
    quotes += _reported(text, ents, cue, quotes, sents if sents is not None else sentences(text))
    return quotes


def _reported(text: str, ents: EntityFinder, cue: str, direct: list[dict], sents) -> list[dict]:
    """Indirect and mixed quotes: 'X said (that) ...' and 'According to X, ...' in one sentence."""
    taken = [(q["content"][0][0], q["content"][-1][1]) for q in direct]
    said = re.compile(SPEAKER + r"\s+(?:also\s+|on\s+\w+\s+)?" + cue + r"(?:\s+on\s+\w+)?(?:\s+that)?\s+(?P<content>[^“\"]{12,}.*)$", re.S)
    according = re.compile(r"(?P<cue>[Aa]ccording to)\s+(?:the\s+)?(?P<who>[^,]{2,60}),\s+(?P<content>.{12,})$", re.S)
    # "Adriana Solís, the family's lawyer, said ..." : the subject is the sentence's first mention.
    apposed = re.compile(r",\s+(?:also\s+)?" + cue + r"(?:\s+on\s+\w+)?(?:\s+that)?\s+(?P<content>[^“\"]{12,}.*)$", re.S)
    # Attribution at the end of the sentence: "The plant will close, the union said (in a filing)."
    tail = r"(?:\s+(?:in|on|at|to|during|after|before|late|early|last|this|on)\b[^,;“\"]{0,60})?\s*[.!]?\s*$"
    final = re.compile(r"^(?P<content>[^“\"]{12,}?),\s+(?:" + SPEAKER + r"\s+(?:also\s+)?" + cue + "|"
                       + cue.replace("?P<cue>", "?P<cue2>") + r"\s+" + SPEAKER.replace("?P<who>", "?P<who2>") + ")" + tail, re.S)
    final_according = re.compile(r"^(?P<content>[^“\"]{12,}?),\s+(?P<cue>according to)\s+(?:the\s+)?(?P<who>[^,.]{2,60}?)\s*[.]?\s*$", re.S)
    out = []
    for sent in sents:
        s_text = text[sent.start:sent.end]
        if any(s < sent.end and sent.start < e for s, e in taken):
            continue
        # The sentence-final forms first: "..., the company said in a statement." would otherwise
        # read as "the company said [in a statement]" with the wrong content.
        end_m = final_according.search(s_text.rstrip()) or final.search(s_text.rstrip())
        m = None if end_m else (according.search(s_text) or said.search(s_text))
        if end_m:
            m = end_m
            who, cue_g = ("who", "cue") if m.groupdict().get("who") else ("who2", "cue2")
            speaker_id, mention = _resolve(m.group(who), sent.start + m.start(who), sent.start + m.end(who), ents)
            cue_span = (sent.start + m.start(cue_g), sent.start + m.end(cue_g))
        elif m:
            speaker_id, mention = _resolve(m.group("who"), sent.start + m.start("who"), sent.start + m.end("who"), ents)
        elif (m := apposed.search(s_text)) is not None:
            first = ents.first_mention_in(sent.start, sent.start + m.start("cue"))
            speaker_id, mention = (first[2], (first[0], first[1])) if first else (None, None)
        else:
            continue
        c_start, c_end = sent.start + m.start("content"), sent.start + m.end("content")
        while c_end > c_start and text[c_end - 1] in ".;: ":
            c_end -= 1
        if speaker_id is None:
            continue
        form = "mixed" if re.search(r"[“\"]", text[c_start:c_end]) else "indirect"
        if not end_m:
            cue_span = (sent.start + m.start("cue"), sent.start + m.end("cue"))
        out.append({"content": [(c_start, c_end)], "form": form, "cue": cue_span, "mention": mention, "speaker": speaker_id})
    return out
