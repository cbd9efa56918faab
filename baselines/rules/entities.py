"""Rule-based entities: capitalised runs typed by gazetteer, suffixes and titles; coreference by
surname, alias and pronoun (the most recent person)."""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.baselines.lexicons import gazetteer, titles
from byline.baselines.text import Sentence, Token

CONNECTORS = {"of", "de", "del", "da", "do", "dos", "das", "al", "bin", "van", "von", "la", "le", "du", "y", "and"}
CAPITALISED_FUNCTION_WORDS = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "For", "By", "With", "From", "To", "Of",
    "He", "She", "It", "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "This", "That", "These",
    "Those", "There", "Here", "When", "While", "After", "Before", "Since", "Until", "Asked", "According", "Some",
    "Many", "Most", "One", "Two", "Three", "No", "Not", "Yes", "So", "Still", "Yet", "Earlier", "Later", "Last",
    "Next", "Under", "Over", "About", "What", "Who", "Why", "How", "Where", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Mr", "Mrs", "Ms", "Dr", "Photo", "Related",
}
ORG_SUFFIXES = {"Ministry", "Council", "Bank", "Union", "Party", "Corporation", "Corp", "Group", "Ltd", "Inc",
                "Agency", "Authority", "Court", "Commission", "University", "Association", "Federation", "Club",
                "FC", "Company", "Committee", "Institute", "Foundation", "Police", "Service", "Office", "News",
                "Times", "Post", "Daily", "Press", "Herald", "Gazette", "Journal", "Tribune", "Network", "Alliance",
                "Coalition", "Movement", "Front", "Trust", "Board", "Department", "Assembly", "Parliament",
                "Congress", "Senate", "Cabinet", "Fund", "Society", "Center", "Centre", "Holdings", "Partners",
                "Capital", "Motors", "Airlines", "Energy", "Labs", "Systems", "Technologies", "Industries",
                "Exchange", "Secretariat", "Forum", "Guild", "Federation", "Hospital", "School", "Museum", "Team"}
FAC_SUFFIXES = {"Airport", "Port", "Stadium", "Bridge", "Street", "Road", "Avenue", "Square", "Hall", "Station",
                "Tower", "Towers", "Palace", "Prison", "Dam", "Highway", "Harbour", "Harbor", "Terminal", "Camp",
                "Market", "Arena", "Park"}
LOC_SUFFIXES = {"River", "Lake", "Mountains", "Mountain", "Sea", "Ocean", "Valley", "Bay", "Gulf", "Island",
                "Islands", "Coast", "Desert", "Delta", "Basin", "Peninsula", "Strait"}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass
class Cluster:
    id: str
    type: str
    name: str
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, kind
    titles: set[str] = field(default_factory=set)


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() or (tok.text[:1].isdigit() is False and "." in tok.text and tok.text[:1].isupper())


def name_runs(sent: Sentence) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of capitalised runs (connectors allowed inside)."""
    toks, runs, i = sent.tokens, [], 0
    while i < len(toks):
        if _is_cap(toks[i]) and toks[i].text[0].isalpha():
            j = i + 1
            while j < len(toks):
                if _is_cap(toks[j]) and toks[j].text[0].isalpha() and toks[j].start - toks[j - 1].end <= 1:
                    j += 1
                elif (toks[j].text in CONNECTORS and j + 1 < len(toks) and _is_cap(toks[j + 1])
                      and toks[j].text != "and"):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


class EntityFinder:
    """Builds clusters while reading sentences in order, so coreference looks only backwards."""

    def __init__(self, text: str):
        self.text = text
        self.clusters: list[Cluster] = []
        self.by_key: dict[str, Cluster] = {}
        self.last_person: Cluster | None = None
        self.gaz = gazetteer()
        self.taken: set[tuple[int, int]] = set()

    def _cluster(self, key: str, etype: str, name: str) -> Cluster:
        if key not in self.by_key:
            c = Cluster(f"E{len(self.clusters) + 1}", etype, name)
            self.clusters.append(c)
            self.by_key[key] = c
        return self.by_key[key]

    def _add(self, cluster: Cluster, start: int, end: int, kind: str) -> None:
        if (start, end) in self.taken:
            return
        self.taken.add((start, end))
        cluster.mentions.append((start, end, kind))
        if cluster.type == "PER":
            self.last_person = cluster

    def classify(self, words: list[str], prev_words: list[str], dateline: bool = False) -> tuple[str, str] | None:
        """(type, cluster key) for a run of words, or None to skip it. `dateline`: the run opens its
        sentence and is followed by a comma or a dash, as "KUMASI, Ghana —" is."""
        surface = " ".join(words)
        if surface.isupper() and len(surface) > 3:  # an all-caps dateline: "SAN ANTONIO" is San Antonio
            titled = " ".join(w.capitalize() for w in words)
            if titled in self.gaz.countries:
                return "GPE", "country:" + self.gaz.countries[titled]
            if titled in self.gaz.cities:
                return "GPE", "city:" + titled
            if dateline:
                return "GPE", "city:" + titled
        if surface in self.gaz.countries:
            return "GPE", "country:" + self.gaz.countries[surface]
        if surface in self.gaz.organisations:
            return "ORG", "org:" + self.gaz.organisations[surface]
        if surface in self.gaz.cities:
            return "GPE", "city:" + surface
        last = words[-1]
        if last in ORG_SUFFIXES or any(w in ORG_SUFFIXES for w in words[:-1]) and len(words) > 2:
            return "ORG", "org:" + surface
        if last in FAC_SUFFIXES:
            return "FAC", "fac:" + surface
        if last in LOC_SUFFIXES:
            return "LOC", "loc:" + surface
        for c in self.clusters:  # a surname or first name of a known person
            if c.type == "PER" and len(words) == 1 and words[0] in c.name.split():
                return "PER", "per:" + c.name
        if len(words) == 1 and surface.isupper() and len(surface) <= 6:
            return "ORG", "org:" + surface
        if prev_words and prev_words[-1].lower() in titles():
            return "PER", "per:" + surface
        if 2 <= len(words) <= 4:
            return "PER", "per:" + surface
        return "ORG", "org:" + surface

    def candidates(self, sent: Sentence):
        """(first token, end token, type or None) of each name in the sentence."""
        toks = sent.tokens
        for i, j in name_runs(sent):
            while i < j and (toks[i].text in CAPITALISED_FUNCTION_WORDS or toks[i].text.lower() in titles()):
                i += 1  # "The", sentence-initial function words and titles are not part of a name
            if i < j:
                yield i, j, None

    def read(self, sent: Sentence) -> None:
        toks = sent.tokens
        for i, j, given_type in self.candidates(sent):
            words = [t.text for t in toks[i:j]]
            prev = [t.text for t in toks[max(0, i - 3):i]]
            dateline = i == 0 and j < len(toks) and toks[j].text in (",", "—", "–", "-")
            kind_key = self.classify(words, prev, dateline)
            if not kind_key:
                continue
            etype, key = kind_key
            if given_type and given_type != etype:  # a learned type overrides the rules' guess
                etype, key = given_type, key if key.startswith("per:") and given_type == "PER" else f"{given_type}:{' '.join(words)}"
            cluster = self._cluster(key, etype, key.split(":", 1)[1])
            if prev and prev[-1].lower() in titles():
                cluster.titles.add(prev[-1].lower())
            self._add(cluster, toks[i].start, toks[j - 1].end, "name")
        for k, tok in enumerate(toks):
            low = tok.text.lower()
            if low in PRONOUNS and self.last_person is not None and (k == 0 or toks[k - 1].text not in ("“", '"')):
                self._add(self.last_person, tok.start, tok.end, "pronoun")
            elif low in titles() and k > 0 and toks[k - 1].text.lower() == "the":
                for c in reversed(self.clusters):
                    if c.type == "PER" and low in c.titles:
                        self._add(c, tok.start, tok.end, "nominal")
                        break

    def entities(self) -> list[dict]:
        out = []
        for c in self.clusters:
            if not c.mentions:
                continue
            out.append({"id": c.id, "type": c.type, "name": c.name, "kb_id": None,
                        "mentions": [{"span": {"start": s, "end": e, "text": self.text[s:e]}, "kind": k}
                                     for s, e, k in sorted(c.mentions)]})
        return out

    def mention_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        best = None
        for c in self.clusters:
            for s, e, _ in c.mentions:
                if start <= s and e <= end and (best is None or s > best[0]):
                    best = (s, e, c.id)
        return best

    def first_mention_in(self, start: int, end: int) -> tuple[int, int, str] | None:
        """(start, end, cluster id) of the earliest mention of a person or organisation in [start, end)."""
        found = [(s, e, c.id) for c in self.clusters if c.type in ("PER", "ORG") for s, e, _ in c.mentions
                 if start <= s and e <= end]
        return min(found) if found else None

    def last_named(self, etype: str, before: int) -> str | None:
        """The cluster of type `etype` whose name was mentioned last before `before`: what a
        description such as "the company" most often points back to."""
        best = None
        for c in self.clusters:
            if c.type == etype and c.name:
                for s, _, kind in c.mentions:
                    if kind == "name" and s < before and (best is None or s > best[0]):
                        best = (s, c.id)
        return best[1] if best else None

    def add_mention(self, entity_id: str, start: int, end: int, kind: str) -> None:
        for c in self.clusters:
            if c.id == entity_id:
                self._add(c, start, end, kind)

    def new_entity(self, etype: str, start: int, end: int, kind: str) -> str:
        c = self._cluster(f"anon:{start}", etype, None)
        self._add(c, start, end, kind)
        return c.id

    def type_of(self, entity_id: str) -> str | None:
        return next((c.type for c in self.clusters if c.id == entity_id), None)

    def has_name(self, entity_id: str) -> bool:
        return any(c.id == entity_id and c.name for c in self.clusters)
