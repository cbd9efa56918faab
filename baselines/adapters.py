"""Optional adapters: a spaCy pipeline for entities, and any OpenAI-compatible chat endpoint.

Neither is needed to install or test Byline; `byline benchmark` skips them, saying why, when
their dependency or configuration is missing.
"""

from __future__ import annotations

import json
import os
import urllib.request

from byline.baselines.rules.entities import EntityFinder

ONTONOTES_TO_BYLINE = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
                       "EVENT": "EVENT", "WORK_OF_ART": "WORK", "LAW": "WORK", "PRODUCT": "WORK"}


# --- spaCy ---------------------------------------------------------------------------------

class _SpacyEntities(EntityFinder):
    def __init__(self, text: str, spans: list[tuple[int, int, str]]):
        super().__init__(text)
        self.spans = spans

    def candidates(self, sent):
        for start, end, label in self.spans:
            if sent.start <= start and end <= sent.end:
                toks = [k for k, t in enumerate(sent.tokens) if start <= t.start and t.end <= end]
                if toks:
                    yield toks[0], toks[-1] + 1, label


def spacy_predictor(model: str = "en_core_web_sm"):
    import spacy

    from byline.baselines.rules import assemble

    nlp = spacy.load(model)

    def predict(article: dict) -> dict:
        text = article["text"]
        doc = nlp(text)
        spans = [(e.start_char, e.end_char, ONTONOTES_TO_BYLINE[e.label_]) for e in doc.ents if e.label_ in ONTONOTES_TO_BYLINE]
        return assemble(article, _SpacyEntities(text, spans))

    return predict


# --- OpenAI-compatible chat endpoint -----------------------------------------------------------

SYSTEM_PROMPT = """You extract information from a news article for the Byline benchmark.
Return one JSON object with keys "entities", "quotes", "events", "sources", following the JSON
schema you are given. Give every span as {"text": "..."} with the exact words of the article, as
short as possible (no leading "the", no quotation marks); never give offsets. Use null where
there is nothing and [] for empty lists; ids are E1.., Q1.., V1.., S1...

- entities: every named person (PER), organisation (ORG), country/city/state (GPE), other place
  (LOC), building or site (FAC), nationality or group (NORP), named event (EVENT), work (WORK);
  "mentions" lists every name, description ("the company") and pronoun that refers to it, each
  with "kind": name, nominal or pronoun.
- quotes: "form" direct (in quotation marks), indirect (reported speech) or mixed; "content" the
  quoted or reported words, "cue" the reporting verb ("said", "according to"), "speaker_mention"
  the words naming the speaker next to the cue, "speaker_id" the speaker's entity.
- events: "type" one of meet, talks, phone_call, travel, attack, protest, ceasefire, agreement,
  sanction, aid, arrest, charge, trial, sentence, lawsuit, appoint, resign, dismiss, election,
  vote, legislate, merger, layoffs, financial_report, investment, bankruptcy, product_launch,
  strike, disaster, death, injury, competition; "triggers" every word that names the event;
  "realis" actual, planned, hypothetical, negated or generic; "arguments" with "role" (agent,
  patient, participant, recipient, place, time, amount, topic, position, origin, destination,
  instrument) and either "entity_id" or a "span" (times and amounts). Only arguments the text
  states; the dateline city is not a place unless a sentence says the event happened there.
- sources: one per source of information: "kind" named_person, named_organisation,
  anonymous_person, anonymous_group, media_outlet, document, court_record, data_record,
  social_media_post or direct_observation; "entity_id" when it is an entity; "quote_ids" its
  quotes; "statements" attributed information that is not a quote.
"""

# The worked example the prompt ends with (tests check it is a valid text-only submission for
# its article, so the prompt never teaches the model a shape the scorer rejects).
EXAMPLE_ARTICLE = ("KUMASI, Ghana — Ama Owusu, who runs the Adum Traders Union, said on Monday the market would close "
                   "for two days. \u201cWe cannot trade in this flood,\u201d she said.")
_t = lambda s: {"text": s}  # noqa: E731
EXAMPLE_ANSWER = {
    "id": "example",
    "entities": [
        {"id": "E1", "type": "GPE", "name": "Kumasi", "kb_id": None, "mentions": [{"span": _t("KUMASI"), "kind": "name"}]},
        {"id": "E2", "type": "GPE", "name": "Ghana", "kb_id": None, "mentions": [{"span": _t("Ghana"), "kind": "name"}]},
        {"id": "E3", "type": "PER", "name": "Ama Owusu", "kb_id": None,
         "mentions": [{"span": _t("Ama Owusu"), "kind": "name"}, {"span": _t("she"), "kind": "pronoun"}]},
        {"id": "E4", "type": "ORG", "name": "Adum Traders Union", "kb_id": None,
         "mentions": [{"span": _t("Adum Traders Union"), "kind": "name"}]},
    ],
    "quotes": [
        {"id": "Q1", "form": "indirect", "content": [_t("the market would close for two days")], "cue": _t("said"),
         "speaker_mention": _t("Ama Owusu"), "speaker_id": "E3"},
        {"id": "Q2", "form": "direct", "content": [_t("We cannot trade in this flood")], "cue": _t("said"),
         "speaker_mention": _t("she"), "speaker_id": "E3"},
    ],
    "events": [{"id": "V1", "type": "disaster", "realis": "actual", "triggers": [_t("flood")], "arguments": []}],
    "sources": [{"id": "S1", "kind": "named_person", "entity_id": "E3", "mention": None, "quote_ids": ["Q1", "Q2"],
                 "statements": []}],
}
SYSTEM_PROMPT += ("\n\nExample. Article:\n" + EXAMPLE_ARTICLE + "\nAnswer:\n"
                  + json.dumps({k: v for k, v in EXAMPLE_ANSWER.items() if k != "id"}, ensure_ascii=False))


def _text_only(schema: dict) -> dict:
    """The submission schema with the article id left to us (the model sees no ids)."""
    schema = json.loads(json.dumps(schema))
    schema["required"] = [k for k in schema["required"] if k != "id"]
    return schema


def build_request(article: dict, model: str, schema: dict) -> dict:
    return {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                     {"role": "user", "content": article["text"]}],
        "response_format": {"type": "json_schema",
                            "json_schema": {"name": "byline_submission", "schema": _text_only(schema), "strict": False}},
    }


def parse_response(article_id: str, body: dict) -> dict:
    """The submission line from a chat completion; an unusable answer becomes an empty prediction."""
    from byline.validate import check_submission_line

    empty = {"id": article_id, "entities": [], "quotes": [], "events": [], "sources": []}
    try:
        content = body["choices"][0]["message"]["content"]
        data = json.loads(content)
    except (KeyError, IndexError, TypeError, json.JSONDecodeError):
        return empty
    line = dict(empty, **{k: data.get(k, []) for k in ("entities", "quotes", "events", "sources")})
    _strip_offsets(line)
    return line if not check_submission_line(line, None) else empty


def _strip_offsets(value) -> None:
    if isinstance(value, dict):
        if "text" in value and set(value) <= {"text", "start", "end"}:
            value.pop("start", None)
            value.pop("end", None)
        for v in value.values():
            _strip_offsets(v)
    elif isinstance(value, list):
        for v in value:
            _strip_offsets(v)


def chat_predictor(base_url: str, model: str, api_key: str | None = None, timeout: float = 120.0):
    from byline.schema import schemas

    schema = schemas()["submission"]
    url = base_url.rstrip("/") + "/chat/completions"

    def predict(article: dict) -> dict:
        payload = json.dumps(build_request(article, model, schema)).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        req = urllib.request.Request(url, data=payload, headers=headers, method="POST")
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (a URL the user configured)
            return parse_response(article["id"], json.loads(resp.read().decode("utf-8")))

    return predict


def chat_predictor_from_env():
    return chat_predictor(os.environ["BYLINE_CHAT_BASE_URL"], os.environ["BYLINE_CHAT_MODEL"],
                          os.environ.get("BYLINE_CHAT_API_KEY") or os.environ.get("OPENAI_API_KEY"))
