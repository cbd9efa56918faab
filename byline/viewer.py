"""`byline view`: one self-contained HTML page for error analysis.

Everything drawn comes from the Report that `byline.score(..., collect_errors=True)` returns: its
error records (`Report.errors`) and true-positive records (`Report.matches`). Nothing is matched
again here. Each record becomes one *item* (layer, what the scorer counted, a status for colour,
the spans to mark); the page tallies the items per layer and shows the tally beside the Report's
counts, so a reader can see the two agree.

Text-mode submissions carry no offsets, so their spans are located in the raw text by the rule
the scorer compares them with (`byline.scoring.align.normalise`: case, space and quotation marks
ignored), the k-th record of one text at the k-th occurrence. A span that cannot be located is
listed under its article but not marked in the text.

All article text and every label is escaped with html.escape; the data block for the script is
JSON with <, > and & escaped, so no article can inject markup.
"""

from __future__ import annotations

import html
import json
import math
import unicodedata
from collections import Counter, defaultdict

from byline.scoring.align import normalise
from byline.scoring.report import Report

# layer of an item -> the Report count key its records add up to
TALLY_KEYS = {"entities": "entities.strict", "quotes": "quotes.detection", "events": "events.tri_c",
              "arguments": "events.arg_c", "sources": "sources.detection"}
LAYERS = ("entities", "quotes", "events", "arguments", "sources")
STATUSES = ("missed", "spurious", "wrong_type", "partial", "wrong_speaker", "wrong_kind", "correct")
STATUS_LABEL = {"missed": "missed (fn)", "spurious": "spurious (fp)", "wrong_type": "wrong type",
                "partial": "partial", "wrong_speaker": "wrong speaker", "wrong_kind": "wrong kind",
                "correct": "correct"}


# --- locating text-mode spans -------------------------------------------------------------------

class _Locator:
    """Finds a span's normalised text in an article's normalised text, mapped back to raw offsets."""

    def __init__(self, text: str):
        chars, back = [], []
        prev_space = True
        for i, c in enumerate(text):
            n = normalise(c) if not c.isspace() else " "
            if unicodedata.normalize("NFKC", c).isspace() or c.isspace():
                n = " "
            if n == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            for ch in n:
                chars.append(ch)
                back.append(i)
        self.norm, self.back = "".join(chars), back
        self.used: Counter = Counter()

    def find(self, span_text: str, slot: str) -> tuple[int, int] | None:
        needle = normalise(span_text)
        if not needle:
            return None
        hits, at = [], self.norm.find(needle)
        while at >= 0:
            hits.append(at)
            at = self.norm.find(needle, at + 1)
        if not hits:
            return None
        k = self.used[(slot, needle)]
        self.used[(slot, needle)] += 1
        at = hits[k % len(hits)]
        return self.back[at], self.back[at + len(needle) - 1] + 1


def _where(span: dict | None, loc: _Locator, slot: str) -> tuple[int, int] | None:
    if not span:
        return None
    if "start" in span and "end" in span:
        return span["start"], span["end"]
    return loc.find(span.get("text", ""), slot)


# --- records -> items ---------------------------------------------------------------------------

def _items(records: list[dict], text: str) -> list[dict]:
    """One item per record (speaker records fold into their quote's true positive)."""
    loc = _Locator(text)
    items = []

    def add(layer, error, status, label, spans, **extra):
        located = [(s, e, part) for part, side, span in spans if (w := _where(span, loc, f"{layer}:{side}:{part}"))
                   for s, e in [w]]
        items.append({"layer": layer, "error": error, "status": status, "label": label,
                      "spans": located, "texts": [span.get("text", "") for _, _, span in spans if span],
                      "unlocated": len([1 for _, _, span in spans if span]) - len(located), **extra})

    for r in records:
        layer, error = r["layer"], r["error"]
        if layer == "entities":
            side = "gold" if error in ("tp", "fn") else "pred"
            status = {"tp": "correct"}.get(error) or (
                "wrong_type" if r.get("pair", {}).get("kind") == "wrong_type" else
                "partial" if "pair" in r else "missed" if error == "fn" else "spurious")
            label = f"{r['type']} ({side})"
            if "pair" in r:
                label += f"; paired with {r['pair']['type']} {r['pair']['span'].get('text', '')!r}"
            cluster = (f"g:{r['gold_entity']}" if error in ("tp", "fn") else f"p:{r['pred_entity']}")
            add("entities", error, status, label, [("mention", side, r["span"])], cluster=cluster)
        elif layer == "quotes":
            if error == "speaker":
                continue  # shown on the quote's true-positive item (speaker_ok)
            q = r["gold"] if error in ("tp", "fn") else r["pred"]
            side = "gold" if error in ("tp", "fn") else "pred"
            status = {"fn": "missed", "fp": "spurious"}.get(error) or ("correct" if r["speaker_ok"] else "wrong_speaker")
            spans = [("content", side, c) for c in q["content"]] + [("cue", side, q["cue"]),
                                                                   ("speaker", side, q["speaker_mention"])]
            label = f"{q['form']} quote, speaker {q['speaker_id']} ({side})"
            extra = {}
            if error == "tp":
                p = r["pred"]
                label += f"; predicted {p['form']}, speaker {p['speaker_id']}"
                if not r["speaker_ok"] and p["speaker_mention"]:
                    spans.append(("predicted speaker", "pred", p["speaker_mention"]))
                extra["speaker_ok"] = r["speaker_ok"]
            add("quotes", error, status, label, spans, **extra)
        elif layer == "events":
            side = "gold" if error in ("tp", "fn") else "pred"
            status = {"tp": "correct"}.get(error) or ("wrong_type" if "pair" in r else
                                                     "missed" if error == "fn" else "spurious")
            add("events", error, status, f"{r['type']} trigger ({side})", [("trigger", side, r["trigger"])])
        elif layer == "events.arguments":
            side = "gold" if error in ("tp", "fn") else "pred"
            status = {"tp": "correct", "fn": "missed", "fp": "spurious"}[error]
            filler = r["filler"]
            label = f"{r['role']} of {r['type']} {r['event']} ({side})"
            spans = [("trigger", side, r["trigger"])]
            if "span" in filler:
                spans.insert(0, ("filler", side, filler["span"]))
            else:
                label += f", entity {filler['entity']}"
            add("arguments", error, status, label, spans)
        elif layer == "sources":
            s = r["gold"] if error in ("tp", "fn") else r["pred"]
            side = "gold" if error in ("tp", "fn") else "pred"
            status = {"fn": "missed", "fp": "spurious"}.get(error) or ("correct" if r["kind_ok"] else "wrong_kind")
            label = f"source {r['kind']} ({side})" + (f", entity {s['entity_id']}" if s["entity_id"] else "")
            if error == "tp" and not r["kind_ok"]:
                label += f"; predicted kind {r['pred_kind']}"
            add("sources", error, status, label, [("mention", side, s["mention"])])
    return items


def tally(items_by_doc: dict[str, list[dict]]) -> dict[str, dict[str, int]]:
    """tp / fp / fn per Report count key, from the items (what the page shows)."""
    out = {key: {"tp": 0, "fp": 0, "fn": 0} for key in TALLY_KEYS.values()}
    out["quotes.speaker"] = {"tp": 0, "fp": 0, "fn": 0}
    for items in items_by_doc.values():
        for it in items:
            out[TALLY_KEYS[it["layer"]]][it["error"]] += 1
            if it["layer"] == "quotes":
                ok = it["error"] == "tp" and it.get("speaker_ok")
                sp = out["quotes.speaker"]
                sp["tp"] += ok
                sp["fp"] += it["error"] == "fp" or (it["error"] == "tp" and not ok)
                sp["fn"] += it["error"] == "fn" or (it["error"] == "tp" and not ok)
    return out


# --- HTML ---------------------------------------------------------------------------------------

def _e(x) -> str:
    return html.escape(str(x), quote=True)


def _num(x) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.3f}"


def _script_json(data) -> str:
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _render_text(text: str, items: list[dict]) -> str:
    """The raw text, cut at every span boundary; each piece names the items covering it."""
    bounds = {0, len(text)}
    for it in items:
        for s, e, _ in it["spans"]:
            bounds.update((s, e))
    bounds = sorted(b for b in bounds if 0 <= b <= len(text))
    cover = defaultdict(list)
    for n, it in enumerate(items):
        for s, e, part in it["spans"]:
            cover[(s, e)].append((n, part))
    spans = [(s, e, n, part) for (s, e), lst in cover.items() for n, part in lst]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        here = [(n, part, e - s) for s, e, n, part in spans if s <= a and b <= e]
        piece = _e(text[a:b])
        if not here:
            out.append(piece)
            continue
        ids = " ".join(f"{n}:{part.replace(' ', '_')}:{length}" for n, part, length in here)
        status = _static_status(items, here)
        out.append(f'<span class="m {status}" data-m="{_e(ids)}">{piece}</span>')
    return "".join(out)


def _static_status(items, here) -> str:
    """The class a piece has before any filter (the script recomputes it on filtering)."""
    inner = [(length, STATUSES.index(items[n]["status"]), items[n]["status"]) for n, part, length in here
             if not (items[n]["layer"] == "quotes" and part == "content")]
    quote = [(STATUSES.index(items[n]["status"]), items[n]["status"]) for n, part, _ in here
             if items[n]["layer"] == "quotes" and part == "content"]
    cls = []
    if inner:
        cls.append("bg-" + min(inner)[2])
    if quote:
        cls.append("ul-" + min(quote)[1])
    return " ".join(cls)


def _summary(report: Report, worst: list[tuple[str, float | None]], items_by_doc) -> str:
    from byline.scoring.tables import by_type_rows

    rows = []
    for key in report.headline():
        tp, fp, fn = report.counts[key]
        k = report.prefix + key
        lo, hi = report.ci.get(key, (None, None))
        rows.append(f"<tr><td>{_e(k)}</td><td>{_num(report.metrics[k + '.precision'])}</td>"
                    f"<td>{_num(report.metrics[k + '.recall'])}</td><td><b>{_num(report.metrics[k + '.f1'])}</b></td>"
                    f"<td>[{_num(lo)}, {_num(hi)}]</td><td>{tp:g}/{fp:g}/{fn:g}</td></tr>")
    types = "".join(f"<tr><td>{_e(r['metric'])}</td><td>{_e(r['type'])}</td><td>{_num(r['precision'])}</td>"
                    f"<td>{_num(r['recall'])}</td><td>{_num(r['f1'])}</td><td>{r['tp']:g}/{r['fp']:g}/{r['fn']:g}</td></tr>"
                    for r in by_type_rows(report))
    tally_rows = []
    for key in list(TALLY_KEYS.values()) + ["quotes.speaker"]:
        if key not in report.counts:
            continue
        tp, fp, fn = report.counts[key]
        cells = "".join(f'<td id="tally-{_e(key)}-{x}" data-report="{v:g}">…</td>' for x, v in (("tp", tp), ("fp", fp), ("fn", fn)))
        tally_rows.append(f"<tr><td>{_e(report.prefix + key)}</td><td>{tp:g}/{fp:g}/{fn:g}</td>{cells}</tr>")
    worst_rows = "".join(
        f'<tr><td><a href="#doc-{_e(d)}">{_e(d)}</a></td><td>{_num(f)}</td>'
        f"<td>{sum(it['error'] != 'tp' for it in items_by_doc.get(d, []))}</td></tr>" for d, f in worst)
    return f"""
<section id="summary">
<h1>Byline error analysis</h1>
<p class="sig">signature: <code>{_e(report.signature)}</code> · documents: {report.n_documents}</p>
{''.join(f'<p class="warn">warning: {_e(w)}</p>' for w in report.warnings)}
<h2>Headline metrics</h2>
<table class="num"><tr><th>metric</th><th>P</th><th>R</th><th>F1</th><th>95% CI (F1)</th><th>tp/fp/fn</th></tr>
{''.join(rows)}</table>
<h2>What the page marks, against the Report</h2>
<p>Report counts beside the number of marked items of each kind (filled in by the page's script).</p>
<table class="num" id="tally"><tr><th>count key</th><th>Report tp/fp/fn</th><th>marked tp</th><th>marked fp</th><th>marked fn</th></tr>
{''.join(tally_rows)}</table>
<h2>Per type</h2>
<table class="num"><tr><th>metric</th><th>type</th><th>P</th><th>R</th><th>F1</th><th>tp/fp/fn</th></tr>{types}</table>
<h2>Articles, worst first</h2>
<p>Mean of the article's headline F1s (metrics with nothing to count left out).</p>
<table class="num"><tr><th>article</th><th>mean F1</th><th>errors</th></tr>{worst_rows}</table>
</section>"""


def _article(doc_id: str, text: str, items: list[dict]) -> str:
    listing = []
    for n, it in enumerate(items):
        where = ", ".join(f"{s}-{e} {p}" for s, e, p in it["spans"]) or "not located in the text"
        texts = " | ".join(it["texts"])
        listing.append(f'<tr class="item {it["status"]}" data-layer="{it["layer"]}" data-status="{it["status"]}" '
                       f'data-error="{it["error"]}"><td>{it["layer"]}</td><td><span class="badge bg-{it["status"]}">'
                       f'{STATUS_LABEL[it["status"]]}</span></td><td>{_e(it["label"])}</td><td>{_e(texts)}</td>'
                       f"<td>{_e(where)}</td></tr>")
    counts = Counter((it["layer"], it["error"]) for it in items)
    head = " · ".join(f"{layer} {counts[(layer, 'tp')]}/{counts[(layer, 'fp')]}/{counts[(layer, 'fn')]}"
                      for layer in LAYERS)
    return f"""
<section class="article" id="doc-{_e(doc_id)}" data-doc="{_e(doc_id)}">
<h2>{_e(doc_id)} <a class="top" href="#summary">summary ↑</a></h2>
<p class="counts">tp/fp/fn: {_e(head)}</p>
<pre class="text">{_render_text(text, items)}</pre>
<details><summary>{len(items)} items</summary>
<table class="items"><tr><th>layer</th><th>status</th><th>what</th><th>text</th><th>where</th></tr>{''.join(listing)}</table>
</details>
</section>"""


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header.bar{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:6px 16px;z-index:2}
header.bar label{margin-right:10px;white-space:nowrap}
main{padding:0 16px 40px}
table{border-collapse:collapse;margin:6px 0 14px}
td,th{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
table.num td{font-variant-numeric:tabular-nums}
.sig code{font-size:12px}.warn{color:#a40}
section.article{background:#fff;border:1px solid #ddd;margin:18px 0;padding:4px 14px}
pre.text{white-space:pre-wrap;font:14px/1.9 Georgia,serif;max-width:60em}
.m{border-radius:2px;cursor:default}
.bg-correct{background:#c8efc8}.bg-missed{background:#ffd0a0;outline:1px dashed #d60}
.bg-spurious{background:#f8b4b4}.bg-wrong_type{background:#dcc6f5}.bg-partial{background:#fff1a0}
.bg-wrong_speaker{background:#bcd9ff}.bg-wrong_kind{background:#bfeeee}
.ul-correct{border-bottom:3px solid #2a2}.ul-missed{border-bottom:3px dashed #d60}
.ul-spurious{border-bottom:3px solid #c22}.ul-wrong_speaker{border-bottom:3px solid #26c}
.m.hl{box-shadow:0 0 0 2px #333}
.badge{padding:0 4px;border-radius:3px;font-size:12px}
tr.item.hidden,.hidden{display:none}
.legend span{margin-right:8px;padding:0 4px}
a.top{font-size:12px;font-weight:normal}
"""

JS = r"""
(function(){
  var DATA = JSON.parse(document.getElementById('byline-data').textContent);
  var ORDER = DATA.statuses;
  function checked(name){var o={};document.querySelectorAll('input[name='+name+']').forEach(function(c){o[c.value]=c.checked;});return o;}
  function visible(it, layers, kinds){return layers[it.layer] && kinds[it.status];}
  function apply(){
    var layers=checked('layer'), kinds=checked('kind');
    document.querySelectorAll('section.article').forEach(function(sec){
      var items=DATA.items[sec.dataset.doc]||[];
      sec.querySelectorAll('span.m').forEach(function(el){
        var inner=null, quote=null;
        el.dataset.m.split(' ').forEach(function(tok){
          var p=tok.split(':'), it=items[+p[0]], len=+p[2];
          if(!visible(it,layers,kinds)) return;
          var rank=ORDER.indexOf(it.status);
          if(it.layer==='quotes' && p[1]==='content'){ if(quote===null||rank<quote[0]) quote=[rank,it.status]; }
          else if(inner===null||len<inner[0]||(len===inner[0]&&rank<inner[1])) inner=[len,rank,it.status];
        });
        el.className='m'+(inner?' bg-'+inner[2]:'')+(quote?' ul-'+quote[1]:'');
        var t=[];
        el.dataset.m.split(' ').forEach(function(tok){var it=items[+tok.split(':')[0]]; if(visible(it,layers,kinds)) t.push(it.status+': '+it.label);});
        el.title=t.join('\n');
      });
      sec.querySelectorAll('tr.item').forEach(function(tr){
        tr.classList.toggle('hidden', !(layers[tr.dataset.layer] && kinds[tr.dataset.status]));
      });
    });
  }
  function tally(){
    var t={};
    Object.keys(DATA.items).forEach(function(doc){
      DATA.items[doc].forEach(function(it){
        var key=DATA.tally_keys[it.layer]; t[key]=t[key]||{tp:0,fp:0,fn:0}; t[key][it.error]++;
        if(it.layer==='quotes'){
          var s=t['quotes.speaker']=t['quotes.speaker']||{tp:0,fp:0,fn:0};
          var ok=it.error==='tp'&&it.speaker_ok;
          if(ok) s.tp++;
          if(it.error==='fp'||(it.error==='tp'&&!ok)) s.fp++;
          if(it.error==='fn'||(it.error==='tp'&&!ok)) s.fn++;
        }
      });
    });
    var mismatch=0;
    document.querySelectorAll('#tally td[data-report]').forEach(function(td){
      var parts=td.id.replace(/^tally-/,'').split('-'), x=parts.pop(), key=parts.join('-');
      var v=(t[key]||{tp:0,fp:0,fn:0})[x];
      td.textContent=v;
      if(String(v)!==td.dataset.report){td.style.color='#c00';mismatch++;}
    });
    document.body.dataset.tallyMismatches=mismatch;
  }
  function hover(ev){
    var el=ev.target.closest('span.m'); if(!el) return;
    var sec=el.closest('section.article'), items=DATA.items[sec.dataset.doc], on=ev.type==='mouseover';
    var clusters={};
    el.dataset.m.split(' ').forEach(function(tok){var c=items[+tok.split(':')[0]].cluster; if(c) clusters[c]=1;});
    if(!Object.keys(clusters).length) return;
    sec.querySelectorAll('span.m').forEach(function(o){
      var hit=o.dataset.m.split(' ').some(function(tok){var c=items[+tok.split(':')[0]].cluster; return c&&clusters[c];});
      if(hit) o.classList.toggle('hl', on);
    });
  }
  document.querySelectorAll('header.bar input').forEach(function(c){c.addEventListener('change',apply);});
  document.addEventListener('mouseover',hover); document.addEventListener('mouseout',hover);
  apply(); tally();
  document.body.dataset.ready='yes';
})();
"""


def render(report: Report, texts: dict[str, str]) -> str:
    """The HTML page for a Report scored with collect_errors=True; texts: article id -> raw text."""
    from byline.scoring.tables import by_article_rows

    by_doc = defaultdict(list)
    for r in report.matches + report.errors:
        by_doc[r["doc"]].append(r)
    order = {"tp": 0, "fn": 1, "fp": 2, "speaker": 3}
    items_by_doc = {}
    for doc_id in report.doc_ids:
        records = sorted(by_doc.get(doc_id, []), key=lambda r: (r["layer"], order[r["error"]]))
        items_by_doc[doc_id] = _items(records, texts[doc_id])
    mean = {}
    for row in by_article_rows(report):
        f1s = [v for k, v in row.items() if k != "article" and v is not None]
        mean[row["article"]] = sum(f1s) / len(f1s) if f1s else None
    worst = sorted(mean.items(), key=lambda kv: (kv[1] is None, kv[1] if kv[1] is not None else 0, kv[0]))
    data = {"statuses": list(STATUSES), "tally_keys": TALLY_KEYS,
            "items": {d: [{k: it[k] for k in ("layer", "error", "status", "label", "cluster", "speaker_ok") if k in it}
                          for it in items] for d, items in items_by_doc.items()}}
    layer_boxes = "".join(f'<label><input type="checkbox" name="layer" value="{x}" checked> {x}</label>' for x in LAYERS)
    kind_boxes = "".join(f'<label><input type="checkbox" name="kind" value="{x}" checked> '
                         f'<span class="badge bg-{x}">{STATUS_LABEL[x]}</span></label>' for x in STATUSES)
    articles = "".join(_article(d, texts[d], items_by_doc[d]) for d, _ in worst)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Byline report: {_e(report.signature)}</title>
<style>{CSS}</style></head>
<body>
<header class="bar"><b>Byline</b> · layers: {layer_boxes} · kinds: {kind_boxes}</header>
<main>
{_summary(report, worst, items_by_doc)}
<p class="legend">Background: entity mentions, event triggers, argument fillers and source mentions (the
innermost span decides the colour); underline: quote content. Hover a mention to outline its cluster;
the tooltip lists every item under the pointer.</p>
{articles}
</main>
<script type="application/json" id="byline-data">{_script_json(data)}</script>
<script>{JS}</script>
</body></html>
"""


def view(predictions, gold=None, split: str = "test", **score_options) -> tuple[str, Report]:
    """Score predictions with the library API and render the page: (html, report)."""
    import byline
    from byline.corpus import Corpus
    from byline.gold import load_gold

    corpus = gold if isinstance(gold, Corpus) else load_gold(str(gold) if gold is not None else None)
    report = byline.score(predictions, gold=corpus, split=split, collect_errors=True, **score_options)
    texts = {a["id"]: a["text"] for a in corpus.split(split)}
    return render(report, texts), report
