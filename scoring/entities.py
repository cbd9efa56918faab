"""Entities: mention level (the four SemEval-2013 Task 9.1 schemes) and entity level (clusters).

Mention level. Gold and predicted mentions are paired one-to-one by an optimal assignment that
prefers, in this order: same span and type, same span, overlapping span and same type,
overlapping span. Each pair is then judged per scheme, as nervaluate does:

    pair kind                    strict  exact  partial  type
    same span, same type         COR     COR    COR      COR
    same span, other type        INC     COR    COR      INC
    overlap, same type           INC     INC    PAR      COR
    overlap, other type          INC     INC    PAR      INC

An unpaired gold mention is MIS, an unpaired prediction SPU. Precision = (COR + PAR/2) / actual,
recall = (COR + PAR/2) / possible (PAR counts only in 'partial').

Entity level. Clusters are aligned one-to-one by CEAF-e similarity, phi4 = 2|G & P| / (|G| + |P|)
over their mentions; an aligned pair scores phi4 when the types agree. P = sum / #predicted
clusters, R = sum / #gold clusters. The alignment also maps predicted entity ids to gold ones for
speakers, arguments and sources.

In text mode (a submission without offsets) a mention's key is its normalised text, mentions
'overlap' only when equal, and a cluster is the set of its normalised mention texts and name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from byline.scoring.align import assign, interval_candidates, normalise
from byline.scoring.counts import Counts

SCHEMES = ("strict", "exact", "partial", "type")


class Mention(NamedTuple):
    key: object  # (start, end) in span mode, normalised text in text mode
    type: str
    entity: str
    text: str


@dataclass
class EntityResult:
    counts: dict[str, Counts] = field(default_factory=dict)
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    id_map: dict[str, str] = field(default_factory=dict)  # predicted entity id -> gold entity id
    errors: list[dict] = field(default_factory=list)


def mentions_of(doc: dict, text_mode: bool) -> list[Mention]:
    if text_mode:
        return [Mention(normalise(m["span"]["text"]), e["type"], e["id"], m["span"]["text"])
                for e in doc["entities"] for m in e["mentions"]]
    # Plain tuples in Mention's field order: the fast path for large submissions.
    return [((m["span"]["start"], m["span"]["end"]), e["type"], e["id"], m["span"]["text"])
            for e in doc["entities"] for m in e["mentions"]]


def _pair_kind(g: Mention, p: Mention) -> int:
    """4 same span and type, 3 same span, 2 overlap and same type, 1 overlap."""
    return (3 if g[0] == p[0] else 1) + (g[1] == p[1])


def pair_mentions(gold: list[Mention], pred: list[Mention], text_mode: bool) -> list[tuple[int, int, int]]:
    """Optimal one-to-one pairs (gold index, pred index, pair kind).

    The best assignment pairs every gold mention with a prediction of the same span when there
    is one (preferring the same type): any other use of those two mentions yields pairs of a
    worse kind. So same-span pairs are taken first by lookup, and only the mentions left over
    (in text mode there are none: 'overlap' means equal text) go to the assignment, in a
    canonical order so that the order of the input never matters.
    """
    if text_mode:
        return _pair_equal_keys(gold, pred)
    # Span mode: gold spans are unique (validation), so each key is looked up once.
    by_key = {p[0]: j for j, p in enumerate(pred)}
    dupes: dict[object, list[int]] = {}
    if len(by_key) < len(pred):  # the same span predicted more than once
        for j, p in enumerate(pred):
            dupes.setdefault(p[0], []).append(j)
        dupes = {k: js for k, js in dupes.items() if len(js) > 1}
    pairs, rest_gold = [], []
    for i, g in enumerate(gold):
        key = g[0]
        if key in dupes:  # take the duplicate with the gold's type, if any
            js = dupes.pop(key)
            j = next((j for j in js if pred[j][1] == g[1]), js[0])
            by_key[key] = j
        j = by_key.pop(key, None)
        if j is None:
            rest_gold.append(i)
        else:
            pairs.append((i, j, 4 if pred[j][1] == g[1] else 3))
    used = {j for _, j, _ in pairs}
    if not rest_gold or len(used) == len(pred):
        return pairs
    rest_gold.sort(key=lambda i: gold[i])
    rest_pred = sorted((j for j in range(len(pred)) if j not in used), key=lambda j: pred[j])
    overlaps = interval_candidates([gold[i][0] for i in rest_gold], [pred[j][0] for j in rest_pred])
    if not overlaps:
        return pairs
    gold_deg, pred_deg = Counter(a for a, _ in overlaps), Counter(b for _, b in overlaps)
    if max(gold_deg.values()) == 1 and max(pred_deg.values()) == 1:
        chosen = overlaps
    else:
        # Ambiguous overlaps: weights make a pair of a better kind worth more than any number
        # of worse ones (same type, 2, before other type, 1).
        allowed = set(overlaps)
        base = float(len(gold_deg) + len(pred_deg) + 1)
        chosen = [(a, b) for a, b, _ in assign(
            range(len(rest_gold)), range(len(rest_pred)),
            lambda a, b: base ** _pair_kind(gold[rest_gold[a]], pred[rest_pred[b]]) if (a, b) in allowed else 0.0)]
    pairs += [(rest_gold[a], rest_pred[b], _pair_kind(gold[rest_gold[a]], pred[rest_pred[b]])) for a, b in chosen]
    return pairs


def _pair_equal_keys(gold: list[Mention], pred: list[Mention]) -> list[tuple[int, int, int]]:
    """Text mode: mentions pair only when their normalised texts are equal. Within one text,
    pair equal types first, then the rest (optimal: a same-type pair is never given up)."""
    groups: dict[object, tuple[list[int], list[int]]] = {}
    for i, g in enumerate(gold):
        groups.setdefault(g[0], ([], []))[0].append(i)
    for j, p in enumerate(pred):
        if p[0] in groups:
            groups[p[0]][1].append(j)
    pairs = []
    for gi, pj in groups.values():
        gi, pj = sorted(gi, key=lambda i: gold[i]), sorted(pj, key=lambda j: pred[j])
        for i in list(gi):
            j = next((j for j in pj if pred[j][1] == gold[i][1]), None)
            if j is not None:
                pairs.append((i, j, 4))
                gi.remove(i)
                pj.remove(j)
        pairs += [(i, j, 3) for i, j in zip(gi, pj)]
    return pairs


def scheme_outcomes(kinds: Counter, n_gold: int, n_pred: int) -> dict[str, dict[str, int]]:
    """The five SemEval counts per scheme, from how many pairs of each kind there are."""
    n4, n3, n2, n1 = kinds[4], kinds[3], kinds[2], kinds[1]
    paired = n4 + n3 + n2 + n1
    rest = {"missing": n_gold - paired, "spurious": n_pred - paired}
    return {
        "strict": {"correct": n4, "incorrect": n3 + n2 + n1, "partial": 0, **rest},
        "exact": {"correct": n4 + n3, "incorrect": n2 + n1, "partial": 0, **rest},
        "partial": {"correct": n4 + n3, "incorrect": 0, "partial": n2 + n1, **rest},
        "type": {"correct": n4 + n2, "incorrect": n3 + n1, "partial": 0, **rest},
    }


def _clusters(doc: dict, text_mode: bool) -> dict[str, tuple[str, frozenset]]:
    out = {}
    for ent in doc["entities"]:
        if text_mode:
            keys = {normalise(m["span"]["text"]) for m in ent["mentions"]}
            if ent.get("name"):
                keys.add(normalise(ent["name"]))
        else:
            keys = {(m["span"]["start"], m["span"]["end"]) for m in ent["mentions"]}
        out[ent["id"]] = (ent["type"], frozenset(keys))
    return out


def align_clusters(gold: dict[str, tuple[str, frozenset]], pred: dict[str, tuple[str, frozenset]]):
    """One-to-one (gold id, pred id, phi4) by CEAF-e; only clusters that share a mention can pair."""
    owner = {}
    for g_id, (_, keys) in gold.items():
        for k in keys:
            owner.setdefault(k, g_id)
    shared: Counter = Counter()
    for p_id, (_, keys) in pred.items():
        for k in keys:
            if k in owner:
                shared[(owner[k], p_id)] += 1
    if not shared:
        return []
    phi = {(g, p): 2 * n / (len(gold[g][1]) + len(pred[p][1])) for (g, p), n in shared.items()}
    g_deg, p_deg = Counter(g for g, _ in phi), Counter(p for _, p in phi)
    if max(g_deg.values()) == 1 and max(p_deg.values()) == 1:
        return [(g, p, v) for (g, p), v in phi.items()]
    g_ids = sorted(g_deg)
    p_ids = sorted(p_deg, key=lambda k: (sorted(map(str, pred[k][1])), pred[k][0], k))
    return [(g_ids[a], p_ids[b], w) for a, b, w in assign(g_ids, p_ids, lambda g, p: phi.get((g, p), 0.0))]


def score_entities(gold: dict, pred: dict, text_mode: bool, types: list[str], collect_errors: bool = False) -> EntityResult:
    res = EntityResult()
    g_m, p_m = mentions_of(gold, text_mode), mentions_of(pred, text_mode)
    pairs = pair_mentions(g_m, p_m, text_mode)
    outcomes = scheme_outcomes(Counter(kind for _, _, kind in pairs), len(g_m), len(p_m))
    for scheme in (("strict", "exact") if text_mode else SCHEMES):
        out = outcomes[scheme]
        tp = out["correct"] + 0.5 * out["partial"]
        res.counts[f"entities.{scheme}"] = Counts.from_totals(tp, len(p_m), len(g_m))
        res.outcomes[scheme] = out

    # Per type, strict: a correct pair counts for its type.
    strict_ok = Counter(g_m[i][1] for i, _, kind in pairs if kind == 4)
    pred_types, gold_types = Counter(m[1] for m in p_m), Counter(m[1] for m in g_m)
    for t in types:
        res.counts[f"entities.strict.{t}"] = Counts.from_totals(strict_ok[t], pred_types[t], gold_types[t])

    if collect_errors:
        # Strict: a pair of kind 4 is a true positive; every other gold mention is a false
        # negative and every other prediction a false positive. A mention in a pair of another
        # kind says so ("pair": wrong_type, partial or partial_wrong_type, with the other side).
        paired_gold = {i for i, _, kind in pairs if kind == 4}
        paired_pred = {j for _, j, kind in pairs if kind == 4}
        near = {3: "wrong_type", 2: "partial", 1: "partial_wrong_type"}
        other_of_gold = {i: (j, near[kind]) for i, j, kind in pairs if kind != 4}
        other_of_pred = {j: (i, near[kind]) for i, j, kind in pairs if kind != 4}

        def record(error, m, entity, other=None, other_m=None):
            r = {"layer": "entities", "error": error, "type": m[1], "span": _show(m), entity: m[2]}
            if other is not None:
                r["pair"] = {"kind": other, "type": other_m[1], "span": _show(other_m)}
            return r

        res.errors += [{"layer": "entities", "error": "tp", "type": g_m[i][1], "span": _show(g_m[i]),
                        "pred_span": _show(p_m[j]), "gold_entity": g_m[i][2], "pred_entity": p_m[j][2]}
                       for i, j, kind in pairs if kind == 4]
        res.errors += [record("fn", m, "gold_entity", *((other_of_gold[i][1], p_m[other_of_gold[i][0]])
                                                        if i in other_of_gold else ()))
                       for i, m in enumerate(g_m) if i not in paired_gold]
        res.errors += [record("fp", m, "pred_entity", *((other_of_pred[j][1], g_m[other_of_pred[j][0]])
                                                        if j in other_of_pred else ()))
                       for j, m in enumerate(p_m) if j not in paired_pred]

    # Entity level.
    g_c, p_c = _clusters(gold, text_mode), _clusters(pred, text_mode)
    tp = 0.0
    for g_id, p_id, phi in align_clusters(g_c, p_c):
        res.id_map[p_id] = g_id
        if g_c[g_id][0] == p_c[p_id][0]:
            tp += phi
    res.counts["entities.entity"] = Counts.from_totals(tp, len(p_c), len(g_c))
    return res


def _show(m: Mention) -> dict:
    key, text = m[0], m[3]
    return {"start": key[0], "end": key[1], "text": text} if isinstance(key, tuple) else {"text": text}
