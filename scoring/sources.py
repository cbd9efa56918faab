"""Sources: detection, kind, and the links from sources to their quotes.

A source is identified by its entity (through the entity alignment) or, when it has none, by its
mention: two entity-less sources are the same when their mentions overlap (span mode) or share
at least half their tokens (token F1 >= 0.5, text mode), since where a description like "a senior
official in Dhaka, who spoke on condition of anonymity" ends is a matter of convention. Gold and
predicted sources are paired one-to-one on that identity; then
- detection: a pair is a true positive;
- kind: a pair whose kinds agree;
- quote links: a predicted (source, quote) link is right when its source is paired with the gold
  source and its quote with a gold quote that the gold source owns.
"""

from __future__ import annotations

from collections import Counter

from byline.scoring.align import assign, token_f1, tokens
from byline.scoring.counts import Counts


def _identity(src: dict, text_mode: bool, id_map: dict | None):
    ent = src["entity_id"]
    if ent is not None:
        return ("entity", ent if id_map is None else id_map.get(ent, "unmatched:" + ent))
    m = src["mention"]
    return ("span", Counter(tokens(m["text"])) if text_mode else (m["start"], m["end"]))


def _same(a, b, text_mode: bool) -> int:
    """2 the same identity, 1 overlapping mentions, 0 different sources."""
    if a[0] != b[0]:
        return 0
    if a[1] == b[1]:
        return 2
    if a[0] == "entity":
        return 0
    if text_mode:
        return int(token_f1(a[1], b[1]) >= 0.5)
    return int(a[1][0] < b[1][1] and b[1][0] < a[1][1])


def score_sources(gold: dict, pred: dict, id_map: dict[str, str], quote_map: dict[str, str],
                  text_mode: bool, kinds: list[str]):
    g_s = gold["sources"]
    p_s = sorted(pred["sources"], key=lambda s: (str(s["entity_id"]), s["mention"]["text"] if s["mention"] else "",
                                                 s["kind"], s["id"]))
    g_id = [_identity(s, text_mode, None) for s in g_s]
    p_id = [_identity(s, text_mode, id_map) for s in p_s]
    # Prefer the same identity over overlap, and, between equals, the same kind (an organisation
    # can be both a speaker and the publisher of data).
    pairs = assign(range(len(g_s)), range(len(p_s)), lambda i, j: 0.0 if not (same := _same(g_id[i], p_id[j], text_mode))
                   else 2.0 * same + (g_s[i]["kind"] == p_s[j]["kind"]))
    kind_ok = sum(g_s[i]["kind"] == p_s[j]["kind"] for i, j, _ in pairs)

    gold_links = {(i, q) for i, s in enumerate(g_s) for q in s["quote_ids"]}
    src_map = {j: i for i, j, _ in pairs}
    pred_links = Counter((src_map.get(j), quote_map.get(q)) for j, s in enumerate(p_s) for q in s["quote_ids"])
    link_tp = sum(1 for link in pred_links if link in gold_links)

    counts = {
        "sources.detection": Counts.from_totals(len(pairs), len(p_s), len(g_s)),
        "sources.kind": Counts.from_totals(kind_ok, len(p_s), len(g_s)),
        "sources.quote_links": Counts.from_totals(link_tp, sum(pred_links.values()), len(gold_links)),
    }
    g_kinds, p_kinds = Counter(s["kind"] for s in g_s), Counter(s["kind"] for s in p_s)
    ok_kinds = Counter(g_s[i]["kind"] for i, j, _ in pairs if g_s[i]["kind"] == p_s[j]["kind"])
    for k in kinds:
        counts[f"sources.kind.{k}"] = Counts.from_totals(ok_kinds[k], p_kinds[k], g_kinds[k])
    paired_g, paired_p = set(src_map.values()), set(src_map)
    def parts(s):
        return {"entity_id": s["entity_id"], "mention": s["mention"], "quote_ids": list(s["quote_ids"])}

    errors = [{"layer": "sources", "error": "tp", "gold_source": g_s[i]["id"], "pred_source": p_s[j]["id"],
               "kind": g_s[i]["kind"], "pred_kind": p_s[j]["kind"], "kind_ok": g_s[i]["kind"] == p_s[j]["kind"],
               "gold": parts(g_s[i]), "pred": parts(p_s[j])} for i, j, _ in pairs]
    errors += [{"layer": "sources", "error": "fn", "id": s["id"], "kind": s["kind"], "gold": parts(s)}
               for i, s in enumerate(g_s) if i not in paired_g]
    errors += [{"layer": "sources", "error": "fp", "id": s["id"], "kind": s["kind"], "pred": parts(s)}
               for j, s in enumerate(p_s) if j not in paired_p]
    return counts, errors
