"""Quotes: one-to-one pairing on content, then detection, form and speaker.

Gold and predicted quotes are paired by an optimal assignment on the token-overlap F1 of their
content (all pieces together); a pair needs at least QUOTE_THRESHOLD. Then, over the pairs:
- detection: a pair is a true positive;
- form: a pair whose forms agree;
- speaker: a pair whose predicted speaker maps (through the entity alignment) to the gold speaker
  cluster; 'no identifiable speaker' (null) is a label like any other, so null = null is right.
Unpaired gold quotes are false negatives and unpaired predictions false positives for all three.
Content is compared as text, so the same pairing serves span and text-only submissions.
"""

from __future__ import annotations

from collections import Counter

from byline.scoring.align import assign, tokens, token_f1
from byline.scoring.counts import Counts

QUOTE_THRESHOLD = 0.5
NO_SPEAKER = None


def _content(q: dict) -> Counter:
    return Counter(tokens(" ".join(piece["text"] for piece in q["content"])))


def score_quotes(gold: dict, pred: dict, id_map: dict[str, str], threshold: float = QUOTE_THRESHOLD):
    g_q = gold["quotes"]
    p_q = sorted(pred["quotes"], key=lambda q: ([p["text"] for p in q["content"]], q["form"], str(q["speaker_id"]), q["id"]))
    g_tok, p_tok = [_content(q) for q in g_q], [_content(q) for q in p_q]

    def weight(i, j):
        f = token_f1(g_tok[i], p_tok[j])
        return f if f >= threshold else 0.0

    pairs = assign(range(len(g_q)), range(len(p_q)), weight)
    form_ok = speaker_ok = 0
    quote_map = {}
    errors = []
    for i, j, _ in pairs:
        g, p = g_q[i], p_q[j]
        quote_map[p["id"]] = g["id"]
        form_ok += g["form"] == p["form"]
        mapped = NO_SPEAKER if p["speaker_id"] is NO_SPEAKER else id_map.get(p["speaker_id"], "unmatched:" + p["speaker_id"])
        # A true-positive record per pair (detection), saying whether form and speaker are right.
        errors.append({"layer": "quotes", "error": "tp", "gold_quote": g["id"], "pred_quote": p["id"],
                       "form_ok": g["form"] == p["form"], "speaker_ok": mapped == g["speaker_id"],
                       "gold": _parts(g), "pred": _parts(p)})
        if mapped == g["speaker_id"]:
            speaker_ok += 1
        else:
            errors.append({"layer": "quotes", "error": "speaker", "gold_quote": g["id"], "pred_quote": p["id"],
                           "gold_speaker": g["speaker_id"], "pred_speaker": p["speaker_id"]})
    paired_g, paired_p = {i for i, _, _ in pairs}, {j for _, j, _ in pairs}
    errors += [{"layer": "quotes", "error": "fn", "id": q["id"], "content": [c["text"] for c in q["content"]],
                "gold": _parts(q)} for i, q in enumerate(g_q) if i not in paired_g]
    errors += [{"layer": "quotes", "error": "fp", "id": q["id"], "content": [c["text"] for c in q["content"]],
                "pred": _parts(q)} for j, q in enumerate(p_q) if j not in paired_p]
    n_g, n_p = len(g_q), len(p_q)
    counts = {
        "quotes.detection": Counts.from_totals(len(pairs), n_p, n_g),
        "quotes.form": Counts.from_totals(form_ok, n_p, n_g),
        "quotes.speaker": Counts.from_totals(speaker_ok, n_p, n_g),
    }
    return counts, quote_map, errors


def _parts(q: dict) -> dict:
    """A quote's spans (content pieces, cue, speaker mention), form and speaker, for error records."""
    return {"form": q["form"], "content": list(q["content"]), "cue": q["cue"],
            "speaker_mention": q["speaker_mention"], "speaker_id": q["speaker_id"]}
