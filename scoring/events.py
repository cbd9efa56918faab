"""Events, ACE style: Tri-I, Tri-C, Arg-I, Arg-C, each also with realis.

Triggers are scored as trigger mentions (an event mentioned three times has three triggers):
- Tri-I: a predicted trigger with the span of a gold trigger;
- Tri-C: ... and the event types agree; Tri-C+realis: ... and the realis agrees too.
Each is a one-to-one count (a multiset intersection of trigger labels), so a duplicated trigger
is a false positive.

Arguments stay attached to their event. Predicted events are aligned one-to-one with gold events
by the number of trigger spans they share; an argument can only be right inside an aligned pair
whose types agree:
- Arg-I: the filler matches a filler of the gold event (an entity filler through the entity
  alignment, a span filler by span);
- Arg-C: ... with the same role; Arg-C+realis: ... and the events' realis agrees.
"""

from __future__ import annotations

from collections import Counter

from byline.scoring.align import assign, normalise
from byline.scoring.counts import Counts


def _key(span: dict, text_mode: bool):
    return normalise(span["text"]) if text_mode else (span["start"], span["end"])


def _filler(arg: dict, text_mode: bool, id_map: dict | None):
    if arg["entity_id"] is not None:
        ent = arg["entity_id"] if id_map is None else id_map.get(arg["entity_id"], "unmatched:" + arg["entity_id"])
        return ("entity", ent)
    return ("span", _key(arg["span"], text_mode))


def _zero(types: list[str]) -> dict[str, Counts]:
    names = ["tri_i", "tri_c", "tri_c_realis", "arg_i", "arg_c", "arg_c_realis"] + [f"tri_c.{t}" for t in types]
    return {f"events.{n}": Counts() for n in names}


def score_events(gold: dict, pred: dict, id_map: dict[str, str], text_mode: bool, types: list[str],
                 collect_errors: bool = True):
    g_ev = gold["events"]
    if not g_ev and not pred["events"]:  # nothing to score: all counts zero (common, and cheap)
        return _zero(types), []
    p_ev = sorted(pred["events"], key=lambda e: (sorted(str(_key(t, text_mode)) for t in e["triggers"]), e["type"], e["realis"], e["id"]))
    counts: dict[str, Counts] = {}

    def trig_labels(events, depth):
        return Counter((_key(t, text_mode),) + (e["type"], e["realis"])[:depth] for e in events for t in e["triggers"])

    for name, depth in (("tri_i", 0), ("tri_c", 1), ("tri_c_realis", 2)):
        g, p = trig_labels(g_ev, depth), trig_labels(p_ev, depth)
        counts[f"events.{name}"] = Counts.from_totals(sum((g & p).values()), sum(p.values()), sum(g.values()))
    g_typed, p_typed = trig_labels(g_ev, 1), trig_labels(p_ev, 1)
    per_type = [Counter(), Counter(), Counter()]  # tp, predicted, gold by type
    for counter, labels in zip(per_type, (g_typed & p_typed, p_typed, g_typed)):
        for (_, t), n in labels.items():
            counter[t] += n
    for t in types:
        counts[f"events.tri_c.{t}"] = Counts.from_totals(per_type[0][t], per_type[1][t], per_type[2][t])

    g_trig = [Counter(_key(t, text_mode) for t in e["triggers"]) for e in g_ev]
    p_trig = [Counter(_key(t, text_mode) for t in e["triggers"]) for e in p_ev]
    aligned = assign(range(len(g_ev)), range(len(p_ev)), lambda i, j: sum((g_trig[i] & p_trig[j]).values()))
    arg_tp = Counter()
    arg_records = []
    same_type = {(i, j) for i, j, _ in aligned if g_ev[i]["type"] == p_ev[j]["type"]}
    for i, j, _ in (aligned if collect_errors else []):
        g, p = g_ev[i], p_ev[j]
        if g["type"] != p["type"]:
            continue
        g_f = Counter((a["role"], _filler(a, text_mode, None)) for a in g["arguments"])
        p_f = Counter((a["role"], _filler(a, text_mode, id_map)) for a in p["arguments"])
        arg_records += [_arg_record("tp", g, r, f, p) for r, f in (g_f & p_f).elements()]
        arg_records += [_arg_record("fn", g, r, f, p) for r, f in (g_f - p_f).elements()]
        arg_records += [_arg_record("fp", p, r, f, g) for r, f in (p_f - g_f).elements()]
    if collect_errors:
        aligned_g, aligned_p = {i for i, _ in same_type}, {j for _, j in same_type}
        arg_records += [_arg_record("fn", e, a["role"], _filler(a, text_mode, None), None)
                        for i, e in enumerate(g_ev) if i not in aligned_g for a in e["arguments"]]
        arg_records += [_arg_record("fp", e, a["role"], _filler(a, text_mode, id_map), None)
                        for j, e in enumerate(p_ev) if j not in aligned_p for a in e["arguments"]]
    for i, j, _ in aligned:
        g, p = g_ev[i], p_ev[j]
        if g["type"] != p["type"]:
            continue
        g_f = [(a["role"], _filler(a, text_mode, None)) for a in g["arguments"]]
        p_f = [(a["role"], _filler(a, text_mode, id_map)) for a in p["arguments"]]
        arg_i = sum((Counter(f for _, f in g_f) & Counter(f for _, f in p_f)).values())
        arg_c = sum((Counter(g_f) & Counter(p_f)).values())
        arg_tp["arg_i"] += arg_i
        arg_tp["arg_c"] += arg_c
        arg_tp["arg_c_realis"] += arg_c if g["realis"] == p["realis"] else 0
    n_g = sum(len(e["arguments"]) for e in g_ev)
    n_p = sum(len(e["arguments"]) for e in p_ev)
    for name in ("arg_i", "arg_c", "arg_c_realis"):
        counts[f"events.{name}"] = Counts.from_totals(arg_tp[name], n_p, n_g)

    if not collect_errors:
        return counts, []
    # Tri-C records: true positives, then misses and spurious triggers; a miss or spurious
    # trigger whose span the other side has under another type says so ("pair": wrong_type).
    g_spans, p_spans = trig_labels(g_ev, 0), trig_labels(p_ev, 0)
    wrong = (g_spans & p_spans) - Counter((k[0],) for k in (g_typed & p_typed).elements())
    errors = [{"layer": "events", "error": "tp", "trigger": _show(k[0]), "type": k[1]} for k in (g_typed & p_typed).elements()]
    for error, rest in (("fn", g_typed - p_typed), ("fp", p_typed - g_typed)):
        left = Counter(wrong)
        for k in sorted(rest.elements(), key=str):
            rec = {"layer": "events", "error": error, "trigger": _show(k[0]), "type": k[1]}
            if left[(k[0],)] > 0:
                left[(k[0],)] -= 1
                rec["pair"] = {"kind": "wrong_type"}
            errors.append(rec)
    return counts, errors + arg_records


def _arg_record(error: str, event: dict, role: str, filler, other: dict | None) -> dict:
    """An argument record (Arg-C): its event (id, type, first trigger), role and filler."""
    kind, value = filler
    rec = {"layer": "events.arguments", "error": error, "event": event["id"], "type": event["type"],
           "trigger": event["triggers"][0] if event["triggers"] else None, "role": role,
           "filler": {"entity": value} if kind == "entity" else {"span": _show(value)}}
    if other is not None:
        rec["other_event"] = other["id"]
    return rec


def _show(key) -> dict:
    return {"start": key[0], "end": key[1]} if isinstance(key, tuple) else {"text": key}
