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

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from byline.scoring.align import assign, interval_candidates, normalise
from byline.scoring.counts import Counts

SCHEMES = ("strict", "exact", "partial", "type")
OUTCOMES = ("correct", "incorrect", "partial", "missing", "spurious")


@dataclass
class Mention:
    key: object  # (start, end) in span mode, normalised text in text mode
    type: str
    entity: str
    text: str


@dataclass
class EntityResult:
    counts: dict[str, Counts] = field(default_factory=dict)
    outcomes: dict[str, Counter] = field(default_factory=dict)
    id_map: dict[str, str] = field(default_factory=dict)  # predicted entity id -> gold entity id
    errors: list[dict] = field(default_factory=list)


def mentions_of(doc: dict, text_mode: bool) -> list[Mention]:
    out = []
    for ent in doc["entities"]:
        for m in ent["mentions"]:
            span = m["span"]
            key = normalise(span["text"]) if text_mode else (span["start"], span["end"])
            out.append(Mention(key, ent["type"], ent["id"], span["text"]))
    # Canonical order: the input order of a submission must never matter.
    out.sort(key=lambda m: (str(m.key), m.type, m.entity, m.text))
    return out


def _pair_kind(g: Mention, p: Mention) -> int:
    """4 same span and type, 3 same span, 2 overlap and same type, 1 overlap."""
    same_span = g.key == p.key
    return (3 if same_span else 1) + (g.type == p.type)


def pair_mentions(gold: list[Mention], pred: list[Mention], text_mode: bool) -> list[tuple[int, int, int]]:
    """Optimal one-to-one pairs (gold index, pred index, pair kind)."""
    if text_mode:
        by_key: dict[object, list[int]] = defaultdict(list)
        for j, p in enumerate(pred):
            by_key[p.key].append(j)
        candidates = [(i, j) for i, g in enumerate(gold) for j in by_key.get(g.key, ())]
    else:
        candidates = interval_candidates([g.key for g in gold], [p.key for p in pred])
    if not candidates:
        return []
    gold_deg, pred_deg = Counter(i for i, _ in candidates), Counter(j for _, j in candidates)
    if max(gold_deg.values()) == 1 and max(pred_deg.values()) == 1:
        return [(i, j, _pair_kind(gold[i], pred[j])) for i, j in candidates]
    # Ambiguous overlaps: solve the assignment on the items involved, with weights that make
    # one better kind of pair worth more than any number of worse ones.
    gi = sorted(gold_deg)
    pj = sorted(pred_deg)
    allowed = set(candidates)
    base = float(len(gi) + len(pj) + 1)

    def weight(i, j):
        return base ** _pair_kind(gold[i], pred[j]) if (i, j) in allowed else 0.0

    return [(gi[a], pj[b], _pair_kind(gold[gi[a]], pred[pj[b]])) for a, b, _ in assign(gi, pj, lambda i, j: weight(i, j))]


def _scheme_outcome(kind: int, scheme: str) -> str:
    if kind == 4:
        return "correct"
    if kind == 3:
        return "correct" if scheme in ("exact", "partial") else "incorrect"
    if scheme == "partial":
        return "partial"
    if scheme == "type":
        return "correct" if kind == 2 else "incorrect"
    return "incorrect"


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


def _phi4(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def score_entities(gold: dict, pred: dict, text_mode: bool, types: list[str]) -> EntityResult:
    res = EntityResult()
    g_m, p_m = mentions_of(gold, text_mode), mentions_of(pred, text_mode)
    pairs = pair_mentions(g_m, p_m, text_mode)
    schemes = ("strict", "exact") if text_mode else SCHEMES
    for scheme in schemes:
        out = Counter({o: 0 for o in OUTCOMES})
        for _, _, kind in pairs:
            out[_scheme_outcome(kind, scheme)] += 1
        out["missing"] = len(g_m) - len(pairs)
        out["spurious"] = len(p_m) - len(pairs)
        tp = out["correct"] + 0.5 * out["partial"]
        res.counts[f"entities.{scheme}"] = Counts.from_totals(tp, len(p_m), len(g_m))
        res.outcomes[scheme] = out

    # Per type, strict: a correct pair counts for its type.
    strict_ok = Counter(g_m[i].type for i, _, kind in pairs if kind == 4)
    pred_types, gold_types = Counter(m.type for m in p_m), Counter(m.type for m in g_m)
    for t in types:
        res.counts[f"entities.strict.{t}"] = Counts.from_totals(strict_ok[t], pred_types[t], gold_types[t])

    paired_gold = {i for i, _, kind in pairs if kind == 4}
    paired_pred = {j for _, j, kind in pairs if kind == 4}
    res.errors += [{"layer": "entities", "error": "fn", "type": m.type, "span": _show(m)}
                   for i, m in enumerate(g_m) if i not in paired_gold]
    res.errors += [{"layer": "entities", "error": "fp", "type": m.type, "span": _show(m)}
                   for j, m in enumerate(p_m) if j not in paired_pred]

    # Entity level.
    g_c, p_c = _clusters(gold, text_mode), _clusters(pred, text_mode)
    g_ids, p_ids = sorted(g_c), sorted(p_c, key=lambda k: (sorted(map(str, p_c[k][1])), p_c[k][0], k))
    aligned = assign(g_ids, p_ids, lambda g, p: _phi4(g_c[g][1], p_c[p][1]))
    tp = 0.0
    for a, b, phi in aligned:
        g_id, p_id = g_ids[a], p_ids[b]
        res.id_map[p_id] = g_id
        if g_c[g_id][0] == p_c[p_id][0]:
            tp += phi
    res.counts["entities.entity"] = Counts.from_totals(tp, len(p_c), len(g_c))
    return res


def _show(m: Mention) -> dict:
    if isinstance(m.key, tuple):
        return {"start": m.key[0], "end": m.key[1], "text": m.text}
    return {"text": m.text}
