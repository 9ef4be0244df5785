"""Events: triggers from a lexicon, arguments and dates from the dependency parse.

`collect` finds trigger verbs and event nouns with spaCy matchers, drops what is not a real,
asserted event (negated, modal, hypothetical, bare attribution), and keeps compact facts: the
trigger's offsets, the character spans of its arguments, and the spans of the time expressions
attached to its clause or governing its sentence. `finish` resolves arguments to actors by
overlap with their mentions and dates to the normalised time expressions.

Over 400 lines because triggers, their arguments and their dates are read from one dependency parse.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, SENT_START, TAG
from spacy.strings import get_string_id

from models.analysis.event_lexicon import Lexicon, SingleWordTriggers, TriggerRule, build_matchers, default_lexicon
from models.analysis.gc_pause import collector_paused
from models.analysis.times import USER_DATA_KEY, clause_verb
from models.domain import DOCUMENT_DATE_GUESS, Actor, ActorType, Event, EventType, MentionKind, TimeExpression

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token

Spans = tuple[tuple[int, int], ...]

_MODALS = frozenset({"would", "could", "might", "may", "should", "must", "can", "'d", "ought", "cannot"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# Heads under which an infinitive still reports something that happened or is firmly planned.
_IMPLICATIVE = frozenset({"agree", "decide", "manage", "begin", "start", "continue", "go", "move", "vote", "plan",
                          "schedule", "set", "proceed", "come"})  # fmt: skip
_LIGHT_VERBS = frozenset({"make", "hold", "have", "conduct", "deliver", "give", "host", "join", "place", "issue",
                          "publish", "get", "take", "launch", "carry", "stage", "pay", "attend", "lead", "sign",
                          "reach", "strike", "broker", "announce", "send", "offer", "write", "begin", "start",
                          "end", "be"})  # fmt: skip
# The string ids of lemma "time" and tag "NNS", as `Doc.to_array` gives them ("spoken 14 times").
_TIME_ID = get_string_id("time")
_NNS_ID = get_string_id("NNS")
_REPEATED = frozenset({"often", "repeatedly", "regularly", "typically", "frequently", "routinely", "usually",
                       "always", "sometimes", "constantly"})  # fmt: skip
_WEAPONS = frozenset({"weapon", "arm", "munition", "ammunition", "round", "shell", "missile", "rocket", "bomb",
                      "tank", "aid", "equipment", "gun", "rifle", "jet", "drone", "interceptor", "artillery",
                      "supply", "fuel", "food", "medicine", "money", "fund", "dollar", "million",
                      "billion"})  # fmt: skip
_FORCES = frozenset({"troop", "force", "carrier", "group", "ship", "warship", "soldier", "battalion", "brigade",
                     "marine", "destroyer", "submarine", "unit", "army", "fleet", "squadron", "division"})  # fmt: skip
_PERSON_NOUNS = frozenset({"official", "adviser", "advisor", "envoy", "delegation", "diplomat", "minister",
                           "secretary", "director", "team", "leader", "president", "aide", "counterpart",
                           "representative", "ambassador", "emissary", "procession", "general", "chief"})  # fmt: skip
# Heads whose infinitive is arranged, not yet done: "agreed to send shells", "decided to withdraw".
_PLANNING = frozenset({"plan", "schedule", "set", "agree", "decide"})
# Heads that present what they govern as arranged for later ("the vote is scheduled for Friday", "due to arrive").
_PLANNED_FOR = frozenset({"plan", "schedule", "set", "due", "expect", "slate"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "claim", "declare", "confirm", "deny",
                        "warn", "insist", "urge", "ask", "call", "accuse", "acknowledge", "note"})  # fmt: skip
# Prepositions that count a time from an event ("after the meeting", "since the attack").
_RELATION_PREPS = frozenset({"after", "before", "since", "until", "following"})
# Plural lengths of time that name a stretch filled with events ("weeks of calls").
_SPANS_OF_TIME = frozenset({"minute", "hour", "day", "week", "month", "year", "decade"})
_TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "upon")
_PLACE_PREPS = ("in", "at", "to", "near", "outside", "inside")


@dataclass(slots=True)
class _Found:
    """What one trigger keeps after its paragraph's Doc is dropped (absolute offsets only)."""

    start: int
    end: int
    type: EventType
    source: list[Spans] = field(default_factory=list)
    target: list[Spans] = field(default_factory=list)
    others: list[Spans] = field(default_factory=list)
    places: list[Spans] = field(default_factory=list)
    # Time spans with how they relate: "event" (attached to the trigger), "clause", "sentence".
    times: list[tuple[int, int, str]] = field(default_factory=list)
    aggregate: bool = False
    plural: bool = False
    reporting: bool = False
    simple_past: bool = False
    sentence: int = 0
    paragraph: int = 0
    sentence_has_time: bool = False
    modality: str | None = None
    polarity: str | None = None
    # Reported or present: the text tells it as of its own date ("said", "is meeting") when nothing else dates it.
    as_of_document: bool = False
    # Named inside another noun of a present-tense clause ("the resolve of that trip has given way"): neither the
    # clause's present nor the story's last date is its own.
    untimed: bool = False
    # Named as what another time is counted from ("three days after the meeting"): not at that time itself.
    relation_anchor: bool = False


class EventStage:
    """Collects event triggers with their arguments and resolves them to actors and dates."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self._found: list[_Found] = []
        self._matchers: tuple[SingleWordTriggers, PhraseMatcher] | None = None
        self._sentences = 0
        self._paragraphs = 0
        self._counted_times: list[int] | None = None  # see `_counted_times_of`
        # Starts of time expressions that only modify a noun ("the Oct. 7 attack"): they move no narrative.
        self._attributive: set[int] = set()

    # ---- collection -----------------------------------------------------------------------------

    def collect(self, doc: Doc, offset: int) -> None:
        if self._matchers is None:
            self._matchers = build_matchers(doc.vocab, self.lexicon)
        for start, end in self._time_spans(doc):
            root = doc[start:end].root
            if root.dep_ in ("compound", "amod", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
                self._attributive.add(offset + doc[start].idx)
        singles, phrases = self._matchers
        hits: dict[int, tuple[int, str, str]] = {}
        for pos, start in singles(doc):
            hits[start] = (start, doc[start].lemma_.lower(), pos)
        for match_id, start, end in phrases(doc):
            # A multi-word noun is headed by its last word; it replaces a single-word match there.
            hits[end - 1] = (start, doc.vocab.strings[match_id], "NOUN")
        sentence_starts = _sentence_starts(doc)
        if not hits:
            self._advance(len(sentence_starts))
            return
        self._counted_times = None  # this paragraph's, found when first asked
        time_spans = self._time_spans(doc)
        triggers = set(hits)
        owners = {i: _time_owner(doc[s:e], triggers) for i, (s, e) in enumerate(time_spans)}
        sent_index = {start: n for n, start in enumerate(sentence_starts)}
        kept: dict[int, _Found] = {}
        for head_i in sorted(hits):
            first_i, lemma, pos = hits[head_i]
            token = doc[head_i]
            rule = self._rule(token, lemma, pos)
            if rule is None:
                continue
            verb_found = kept.get(token.head.i) if token.dep_ == "dobj" else None
            if verb_found is not None and verb_found.type == rule.type:
                # "published an essay", "launched an attack on Israel": the verb and its object tell one
                # event; what the noun names (its target, place) completes the verb's.
                noun_found = self._describe(token, first_i, rule, offset)
                if noun_found is not None:
                    for mine, theirs in (
                        (verb_found.target, noun_found.target),
                        (verb_found.places, noun_found.places),
                    ):
                        mine.extend(span for span in theirs if span not in mine)
                    verb_found.others.extend(
                        s for s in noun_found.others + noun_found.source if s not in verb_found.others
                    )
                continue
            modality, polarity = _modality(token)
            found = self._describe(token, first_i, rule, offset)
            if found is None:
                continue
            found.modality, found.polarity = modality, polarity
            found.as_of_document = _as_of_document(token) and not _speech_in_narrative(token)
            if found.as_of_document and _named_inside_present_phrase(token):
                found.as_of_document, found.untimed = False, True
            found.relation_anchor = (
                token.pos_ != "VERB" and token.dep_ == "pobj" and token.head.lower_ in _RELATION_PREPS
            )
            sent = token.sent
            found.sentence = self._sentences + sent_index.get(sent.start, 0)
            found.paragraph = self._paragraphs
            found.times = _attached_times(token, time_spans, owners, offset)
            found.sentence_has_time = any(sent.start <= s < sent.end for s, _e in time_spans)
            if not _salient(token, rule, found):
                continue
            self._found.append(found)
            if token.pos_ == "VERB":
                kept[token.i] = found
        self._advance(len(sentence_starts))

    def _advance(self, sentences: int) -> None:
        self._sentences += sentences
        self._paragraphs += 1

    def _counted_times_of(self, doc: Doc) -> list[int]:
        """The paragraph's "times" words (lemma "time", tag NNS, as in "spoken 14 times"), read once."""
        if self._counted_times is None:
            rows = doc.to_array([LEMMA, TAG]).tolist() if len(doc) else []
            self._counted_times = [i for i, (lemma, tag) in enumerate(rows) if lemma == _TIME_ID and tag == _NNS_ID]
        return self._counted_times

    def _time_spans(self, doc: Doc) -> list[tuple[int, int]]:
        shared = doc.user_data.get(USER_DATA_KEY)
        if shared is not None:
            return list(shared)
        return [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ("DATE", "TIME")]

    def _rule(self, token: Token, lemma: str, pos: str) -> TriggerRule | None:
        rules = self.lexicon.rules.get((lemma, pos))
        if not rules:
            return None
        for rule in rules:
            if not rule.objects or _objects_match(token, rule.objects):
                return rule
        return None

    def _describe(self, token: Token, first_i: int, rule: TriggerRule, offset: int) -> _Found | None:
        doc = token.doc
        start = offset + doc[first_i].idx
        end = offset + token.idx + len(token.text)
        found = _Found(start, end, rule.type, reporting="reporting" in rule.flags)
        if token.pos_ == "VERB":
            _verb_arguments(token, found, offset)
            _nested_places(token, found, offset)
            found.simple_past = token.tag_ == "VBD"
        else:
            _noun_arguments(token, found, offset)
            verb = clause_verb(token)
            found.simple_past = verb is not None and verb.tag_ == "VBD"
        found.aggregate = _is_aggregate(token, self._counted_times_of(doc))
        found.plural = token.tag_ == "NNS"
        return found

    # ---- resolution -----------------------------------------------------------------------------

    def finish(
        self, text: str, actors: list[Actor], times: list[TimeExpression], document_date: str | None = None
    ) -> list[Event]:
        with collector_paused():  # see models/analysis/gc_pause.py
            return self._resolve(text, actors, times, document_date)

    def _resolve(
        self, text: str, actors: list[Actor], times: list[TimeExpression], document_date: str | None
    ) -> list[Event]:
        """The events found, with their actors and dates, for the whole document."""
        index = _MentionIndex(actors)
        points = [
            t
            for t in times
            if t.timex_type in (None, "DATE", "TIME") and _is_point(t.value) and t.start not in self._attributive
        ]
        point_starts = [t.start for t in points]
        doc_day = (document_date or "")[:10] or None
        time_index = _TimeIndex(sorted(((t.start, t.end, t) for t in times), key=lambda x: x[0]))
        events: list[Event] = []
        seen: set[tuple[int, int]] = set()
        previous: dict[int, list[Event]] = {}
        for found in self._found:
            if (found.start, found.end) in seen:
                continue
            seen.add((found.start, found.end))
            source = index.first(found.source)
            target = index.first(found.target, exclude={source} if source else set())
            participants = [a for a in (source, target) if a]
            for spans in found.others:
                actor = index.actor_for(spans)
                if actor and actor not in participants:
                    participants.append(actor)
            place = index.first(found.places, place=True)
            if target is not None and index.types.get(target) == ActorType.PLACE and place is None:
                place = target
            date, clock, basis = _event_date(found, time_index)
            if (
                date is None
                and not found.aggregate
                and not found.sentence_has_time
                and found.simple_past
                and not found.relation_anchor
            ):
                date, clock, basis = _narrative_date(found, participants, previous.get(found.sentence - 1, []))
            if found.reporting and (date is None or not (basis or "").startswith(("attached to", "same clause"))):
                continue
            if not participants and place is None and date is None:
                continue
            if date is None and not found.aggregate:
                date, clock, basis = _fallback_date(found, points, point_starts, doc_day, text)
            event = Event(
                id=f"e{len(events) + 1}",
                type=found.type,
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                date=date,
                time=clock,
                participants=participants,
                source=source,
                target=target,
                place=place,
                date_basis=basis,
                modality=found.modality,
                polarity=found.polarity,
            )
            events.append(event)
            previous.setdefault(found.sentence, []).append(event)
        return events


# ---- argument extraction -------------------------------------------------------------------------


def _span_of(token: Token, offset: int) -> Spans:
    """Candidate character spans for an argument: its head word first, then its name-like core."""
    spans = [(offset + token.idx, offset + token.idx + len(token.text))]
    core = [t for t in token.children if t.i < token.i and t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"]
    left = min([token.i, *(t.i for t in core)])
    doc = token.doc
    spans.append((offset + doc[left].idx, offset + token.idx + len(token.text)))
    for child in token.children:
        if child.dep_ == "appos":
            spans.append((offset + child.idx, offset + child.idx + len(child.text)))
    return tuple(spans)


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for conj in token.conjuncts:
        if conj.i > token.i:
            out.append(conj)
    return out


def _add(role: list[Spans], others: list[Spans], token: Token, offset: int) -> None:
    """The first of a coordination fills the role; the rest become participants."""
    tokens = _with_conjuncts(token)
    role.append(_span_of(tokens[0], offset))
    for extra in tokens[1:]:
        others.append(_span_of(extra, offset))
    if len(tokens) > 1:
        # Every conjunct may be the one the actor stage knows; keep them as fallbacks for the role too.
        for extra in tokens[1:]:
            role.append(_span_of(extra, offset))


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether the verb is passive; conjoined verbs share their subject."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            break
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, False
            if child.dep_ == "nsubjpass":
                return child, True
        if current.dep_ in ("conj", "xcomp") and current.head.i != current.i:
            current = current.head
        else:
            break
    return None, False


def _verb_arguments(verb: Token, found: _Found, offset: int) -> None:
    subject, passive = _subject(verb)
    passive = passive or any(c.dep_ == "auxpass" for c in verb.children)
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if passive:
        if subject is not None:
            _add(found.target, found.others, subject, offset)
        if agent is not None:
            _add(found.source, found.others, agent, offset)
    elif subject is not None:
        _add(found.source, found.others, subject, offset)
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":
            _prep_argument(child, found, offset)
        elif child.dep_ in ("dobj", "dative", "iobj") and not passive:
            _add(found.target, found.others, child, offset)
        elif child.dep_ == "prep":
            _prep_argument(child, found, offset)
    # "joined a meeting of X", "made calls to Y": a light noun object's own prepositions belong to the event.
    for child in verb.children:
        if child.dep_ == "dobj":
            for grand in child.children:
                if grand.dep_ == "prep" and grand.lower_ in ("to", "with"):
                    _prep_argument(grand, found, offset)


def _prep_argument(prep: Token, found: _Found, offset: int) -> None:
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if not objects:
        return
    obj = objects[0]
    word = prep.lower_
    if word in _PLACE_PREPS and (obj.ent_type_ in ("GPE", "LOC", "FAC") or word in ("in", "at")):
        found.places.append(_span_of(obj, offset))
        if word != "to":
            return
    if word in _TARGET_PREPS:
        _add(found.target, found.others, obj, offset)
    elif word in ("between", "among", "including"):
        for token in _with_conjuncts(obj):
            found.others.append(_span_of(token, offset))


def _nested_places(token: Token, found: _Found, offset: int) -> None:
    """'met with X and Y in Warsaw': the place phrase may hang off an object rather than the verb."""
    for obj in token.children:
        if obj.dep_ not in ("dobj", "prep"):
            continue
        heads = [g for g in obj.children if g.dep_ == "pobj"] if obj.dep_ == "prep" else [obj]
        for head in heads:
            for word in [head, *head.conjuncts]:
                for prep in word.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                        pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                        if pobj is not None and pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                            found.places.append(_span_of(pobj, offset))


def _noun_arguments(noun: Token, found: _Found, offset: int) -> None:
    for child in noun.children:
        if child.dep_ == "poss":
            _add(found.source, found.others, child, offset)
        elif child.dep_ == "compound" and child.pos_ == "PROPN":
            found.others.append(_span_of(child, offset))
        elif child.dep_ == "prep":
            if child.lower_ == "by":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    _add(found.source, found.others, pobj, offset)
            elif child.lower_ == "of" and found.type in (EventType.MEETING, EventType.HARM, EventType.HOSTAGE):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    _add(found.others, found.others, pobj, offset)
            else:
                _prep_argument(child, found, offset)
        elif child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
            found.others.append(_span_of(child, offset))
    verb = _light_verb(noun)
    if verb is not None and verb.lemma_ in _LIGHT_VERBS:
        subject, passive = _subject(verb)
        if subject is not None and not passive:
            _add(found.source, found.others, subject, offset)
        for child in verb.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "with", "in", "at"):
                _prep_argument(child, found, offset)


def _light_verb(noun: Token) -> Token | None:
    """The verb a noun trigger is the object of: 'made a call', 'got on the phone', 'joined a meeting'."""
    if noun.dep_ in ("dobj", "nsubjpass", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    if noun.dep_ == "conj":
        return _light_verb(noun.head)
    return None


# ---- filters -------------------------------------------------------------------------------------


def _objects_match(token: Token, wanted: frozenset[str]) -> bool:
    """Conditional lexicon rows: what the object or complement of the trigger must look like."""
    children = list(token.children)
    objects = [c for c in children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    if token.pos_ == "NOUN":
        objects += [g for c in children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        objects += [c for c in children if c.dep_ == "compound"]
    lemmas = {t.lemma_.lower() for obj in objects for t in obj.subtree}
    heads = {obj.lemma_.lower() for obj in objects}
    for want in wanted:
        if want == "@person":
            if any(o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or o.pos_ == "PRON" for o in objects):
                return True
            if heads & _PERSON_NOUNS:
                return True
        elif _condition(token, want, objects, heads, lemmas):
            return True
    return False


def _condition(token: Token, want: str, objects: list[Token], heads: set[str], lemmas: set[str]) -> bool:
    children = list(token.children)
    if want == "@weapon":
        return bool(lemmas & _WEAPONS)
    if want == "@force":
        return bool(heads & _FORCES)
    if want in ("@with", "@to"):
        return any(c.dep_ == "prep" and c.lower_ == want[1:] for c in children) or any(
            g.dep_ == "prep" and g.lower_ == want[1:] for c in children if c.dep_ == "advmod" for g in c.children
        )
    if want == "@on":
        return token.dep_ == "pobj" and token.head.lower_ == "on"
    if want == "@that":
        return any(c.dep_ == "ccomp" for c in children)
    if want == "@none":
        return not objects
    return want in heads


def _modality(token: Token) -> tuple[str | None, str | None]:
    """TimeML modality and polarity: (None, None) for an asserted event, else what the text does with it.

    Negated ('did not meet') gives polarity NEG; a modal ('would attack') the modal word; 'if'/'unless'
    'conditional'; an infinitive under a verb of wanting or refusing ('refused to meet') 'intended'.
    An event noun shares its verb's modality only as the object of a light verb ('did not hold a meeting');
    'has not recovered from the attack' still reports an attack.
    """
    if token.pos_ != "VERB":
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in _PLANNED_FOR:
            return "planned", None  # "the vote is scheduled for Friday"
        light = _light_verb(token)
        if light is None or light.lemma_ not in _LIGHT_VERBS:
            return None, None
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    if verb is None:
        return None, None
    current: Token = verb
    # "He did not give a date, and the Americans pressed him": a conjunct with a subject of its own is its own
    # assertion; the negation of the clause it joins is not its.
    own_clause = False
    for _ in range(4):
        children = list(current.children)
        if not own_clause and any(c.dep_ == "neg" for c in children):
            modal = next((c.lower_ for c in children if c.dep_ == "aux" and c.lower_ in _MODALS), None)
            return modal, "NEG"
        modal = next((c.lower_ for c in children if c.dep_ == "aux" and c.lower_ in _MODALS), None)
        if modal is not None:
            return {"'d": "would", "cannot": "can"}.get(modal, modal), None
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in children):
            return "will", None  # "the ministers will meet on Thursday": not yet a fact
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
        if current.dep_ == "xcomp" and infinitive and _planned_by(current.head):
            return "planned", None  # "is due to arrive", "are expected to resume", "is to travel"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in children):
            return "conditional", None
        if current.dep_ in ("xcomp", "ccomp", "advcl") and infinitive:
            if current.dep_ == "xcomp" and current.head.lemma_ in _IMPLICATIVE:
                if current.head.lemma_ in _PLANNING:
                    return "planned", None
                current = current.head
                continue
            return "intended", None
        if current.dep_ in ("conj",) and current.head.i != current.i:
            own_clause = own_clause or any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
            current = current.head
            continue
        if current.dep_ == "acl" and infinitive:
            # "proxies to attack Israel", "efforts to negotiate": an infinitive naming what a noun is for is not
            # done; it shares a modal or negation of the clause around it ("Iran would arm proxies to attack").
            outer = clause_verb(current.head)
            modal, polarity = _modality(outer) if outer is not None else (None, None)
            return (modal, polarity) if (modal or polarity) else ("intended", None)
        if current.dep_ in ("relcl", "acl", "csubj", "pcomp") or current.head.i == current.i:
            return None, None
        if current.dep_ in ("xcomp", "ccomp", "advcl"):
            current = current.head
            continue
        return None, None
    return None, None


def _planned_by(head: Token) -> bool:
    """A head that presents its infinitive as arranged for later: 'due to', 'expected to', 'scheduled to', 'is to'."""
    if head.lemma_ in _PLANNED_FOR:
        return True
    return head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP", "VBD")


def _as_of_document(token: Token) -> bool:
    """Reported speech and the present tense tell an event as of the document's own date."""
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("had", "'d") and a.tag_ == "VBD" for a in auxes):
        return False  # the past perfect ("had announced the visit") tells what came before the story, not today
    tensed = verb
    while tensed.dep_ == "xcomp" and tensed.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        # "have been pressing him to curb the assault": an infinitive is told at the time of the verb it completes.
        tensed = tensed.head
        auxes = [c for c in tensed.children if c.dep_ in ("aux", "auxpass")]
    tenses = {tensed.tag_, *(a.tag_ for a in auxes)}
    return verb.lemma_ in _REPORTING or (bool(tenses & {"VBZ", "VBP"}) and "VBD" not in tenses)


def _named_inside_present_phrase(token: Token) -> bool:
    """An event noun that modifies another noun ("the resolve of the trip has given way") rather than being an
    argument of its present or present-perfect verb: the tense tells about the other noun, not this event.
    Reported speech ("said in response to the attacks") still tells its nouns as of its own date."""
    verb = clause_verb(token)
    if token.pos_ == "VERB" or verb is None or verb.lemma_ in _REPORTING:
        return False
    current = token
    for _ in range(6):
        head = current.head
        if head.i in (verb.i, current.i):
            return False
        if head.pos_ in ("NOUN", "PROPN") and current.dep_ not in ("conj", "appos", "compound"):
            return True
        current = head
    return False


def _speech_in_narrative(token: Token) -> bool:
    """A speech act told as an action of a past story ("A debate broke out. Some urged him to stay.") happens in
    that story, not on the report's own day; attribution ("officials said that ...") still does."""
    if token.pos_ != "VERB" or token.lemma_ not in _REPORTING or token.tag_ != "VBD":
        return False
    if any(c.dep_ in ("ccomp", "parataxis") for c in token.children) or token.dep_ in ("ccomp", "parataxis"):
        return False
    for sent in token.doc.sents:
        if sent.start >= token.sent.start:
            return False
        root = sent.root
        if root.tag_ == "VBD" and root.pos_ == "VERB" and root.lemma_ not in _REPORTING:
            return True
    return False


def _is_aggregate(token: Token, counted_times: list[int]) -> bool:
    """'spoken 14 times', 'made three trips', 'kept calling': one event without a single date.

    `counted_times`: the paragraph's "times" words (`EventStage._counted_times_of`).
    """
    verb = token if token.pos_ == "VERB" else clause_verb(token)
    candidates = [token] + ([verb] if verb is not None else [])
    for word in candidates:
        for child in word.children:
            if child.lemma_ == "time" and any(g.dep_ == "nummod" for g in child.children):
                return True
            if child.dep_ == "advmod" and child.lower_ in _REPEATED:
                return True
        if word.dep_ == "xcomp" and word.head.lemma_ == "keep":
            return True
    # A "times" word in the token's subtree: the paragraph's few are checked, not every word of the subtree
    # (a walk that made a Token of each was a seventh of the event stage's collection).
    doc = token.doc
    for i in counted_times:
        child = doc[i]
        in_subtree = i == token.i or token.is_ancestor(child)
        if in_subtree and any(g.like_num for g in child.children) and clause_verb(child) in (token, verb):
            return True
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of":
        span = token.head.head
        if span.tag_ == "NNS" and span.lemma_ in _SPANS_OF_TIME:
            return True  # "weeks of calls", "months of talks": many events over a stretch of time
    if token.pos_ == "NOUN" and token.tag_ == "NNS":
        counted = any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in token.children)
        perfect = verb is not None and any(c.lower_ in ("has", "have", "'s", "'ve") for c in verb.children)
        vague = any(c.dep_ == "amod" and c.lower_ in ("frequent", "repeated", "regular", "multiple", "several")
                    for c in token.children)  # fmt: skip
        if (counted and perfect) or vague or (perfect and not counted):
            return True
    return False


def _salient(token: Token, rule: TriggerRule, found: _Found) -> bool:
    """Event nouns count when something anchors them: a date, an actor argument, or a light verb."""
    if token.pos_ != "NOUN":
        if token.dep_ in ("amod", "compound"):
            return False
        return bool(found.source or found.target or found.places or found.times)
    anchored = bool(found.times) and any(kind == "event" for _s, _e, kind in found.times)
    has_args = bool(found.source or found.target or found.others or found.places)
    light = _light_verb(token)
    if "light" in rule.flags:
        return light is not None and light.lemma_ in _LIGHT_VERBS and has_args
    if anchored:
        return True
    if light is not None and light.lemma_ in _LIGHT_VERBS and has_args:
        return True
    return has_args and token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass", "conj", "ROOT", "appos")


def _sentence_starts(doc: Doc) -> list[int]:
    """Where `Doc.sents` starts each sentence: the first token and each one marked as a start.

    Read from one `Doc.to_array`: `Doc.sents` makes a Span of every sentence, and was walked twice per paragraph.
    """
    if not doc.has_annotation("SENT_START") or "sents" in doc.user_hooks:
        return [sent.start for sent in doc.sents]  # as `Doc.sents` answers (or fails)
    return [i for i, start in enumerate(doc.to_array(SENT_START).tolist()) if i == 0 or start == 1]


# ---- dates ---------------------------------------------------------------------------------------


def _time_owner(span: Span, triggers: set[int]) -> int | None:
    """The event noun a time expression modifies ('the Oct. 7 attack'), if any, before a verb intervenes."""
    current = span.root
    for _ in range(4):
        head = current.head
        if head.i == current.i or head.pos_ in ("VERB", "AUX"):
            return None
        if head.i in triggers and head.pos_ in ("NOUN", "PROPN"):
            return head.i
        current = head
    return None


def _attached_times(
    token: Token, spans: list[tuple[int, int]], owners: dict[int, int | None], offset: int
) -> list[tuple[int, int, str]]:
    doc = token.doc
    sent = token.sent
    verb = token if token.pos_ in ("VERB", "AUX") else clause_verb(token)
    root = sent.root
    crosses_report = _under_reported_clause(verb)
    # An event noun takes its clause's date only as the object of a light verb or as a frame ("in a speech").
    framed = token.pos_ != "NOUN" or (
        (light := _light_verb(token)) is not None
        and (light.lemma_ in _LIGHT_VERBS or token.head.lower_ in ("in", "during", "at"))
    )
    out: list[tuple[int, int, str]] = []
    for i, (start, end) in enumerate(spans):
        if not (sent.start <= start < sent.end):
            continue
        span = doc[start:end]
        chars = (offset + span.start_char, offset + span.end_char)
        owner = owners.get(i)
        if owner == token.i:
            out.append((*chars, "event"))
            continue
        if owner is not None:
            # "During meetings on Nov. 30, X told Y": the dated event noun frames the verb's clause.
            framing = doc[owner]
            if (
                verb is not None
                and framing.dep_ == "pobj"
                and framing.head.lower_ in ("during", "at", "in")
                and framing.head.head.i == verb.i
            ):
                out.append((*chars, "clause"))
            continue
        if verb is not None and verb.dep_ in ("relcl", "acl") and start <= verb.head.i < end:
            # "the day he was arrested", "the following year he was appointed": the clause says what
            # happened at that time.
            out.append((*chars, "clause"))
            continue
        if not framed:
            continue
        time_verb = _time_verb(span.root)
        if (
            (verb is not None and time_verb is not None and time_verb.i == verb.i)
            or (
                verb is not None
                and time_verb is not None
                and verb.head.i == time_verb.i
                and verb.dep_ in ("advcl", "xcomp")
                and verb.tag_ in ("VBG", "VB")
                and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children)
            )
            or (
                verb is not None
                and time_verb is not None
                and time_verb.dep_ == "advcl"
                and time_verb.head.i == verb.i
                and any((c.dep_ == "advmod" and c.lower_ == "when") or c.lower_ == "when" for c in time_verb.children)
            )
        ):
            out.append((*chars, "clause"))
        elif time_verb is not None and time_verb.i == root.i and not crosses_report:
            out.append((*chars, "sentence"))
    return out


def _time_verb(root: Token) -> Token | None:
    """The verb a time expression modifies through prepositions only ('on Friday', 'as of mid-December',
    'during a fund-raiser on Dec. 12'); None when it sits inside an ordinary noun phrase ('the 1969 film')."""
    current = root
    for _ in range(5):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if current.dep_ in ("pobj", "prep", "appos", "npadvmod", "pcomp") and head.pos_ in ("ADP", "SCONJ"):
            current = head
            continue
        if current.dep_ == "prep" and head.dep_ == "pobj" and head.head.lower_ in ("during", "at", "in", "amid"):
            current = head
            continue
        return None
    return None


def _under_reported_clause(verb: Token | None) -> bool:
    """True when the event sits in what someone said ('X said on Friday that Y had attacked')."""
    current = verb
    for _ in range(6):
        if current is None or current.head.i == current.i:
            return False
        if current.dep_ == "ccomp":
            return True
        current = current.head
    return False


_BASIS = {"event": "attached to the event", "clause": "same clause", "sentence": "governs the sentence"}


class _TimeIndex:
    """Time expressions sorted by start, for the ones overlapping a span without a walk over all of a book's."""

    def __init__(self, rows: list[tuple[int, int, TimeExpression]]) -> None:
        self.rows = rows
        self.starts = [row[0] for row in rows]
        self.max_len = max((end - start for start, end, _ in rows), default=0)

    def around(self, start: int, end: int) -> Iterator[tuple[int, int, TimeExpression]]:
        """The rows that may overlap [start, end), in their order: those starting later, or ending before, cannot."""
        lo = bisect.bisect_left(self.starts, start - self.max_len)
        hi = bisect.bisect_left(self.starts, end)
        return itertools.islice(self.rows, lo, hi)


def _event_date(found: _Found, time_index: _TimeIndex) -> tuple[str | None, str | None, str | None]:
    if found.aggregate:
        return None, None, "repeated event: no single date"
    kinds = ("event", "clause") if found.plural else ("event", "clause", "sentence")
    for kind in kinds:
        for start, end, relation in found.times:
            if relation != kind:
                continue
            for t_start, t_end, expr in time_index.around(start, end):
                if t_start < end and start < t_end and _is_point(expr.value):
                    date, _, clock = expr.value.partition("T")
                    clock = clock if clock[:1].isdigit() else ""
                    basis = _BASIS[kind] + f": “{expr.text}”"
                    if expr.anchor and expr.anchor != "explicit":
                        basis += f" ({expr.anchor})"
                    return date or None, clock or None, basis
    return None, None, None


def _is_point(value: str) -> bool:
    return value[:1].isdigit() or value.startswith("XXXX")


# Bases of dates an event did not get from a time expression of its own sentence: no later event continues them.
_FALLBACKS = ("narr", "the document date", "reported as of")
_NARRATIVE_REACH = 400  # characters: a date told further back no longer carries the story


def _fallback_date(
    found: _Found, points: list[TimeExpression], point_starts: list[int], doc_day: str | None, text: str
) -> tuple[str | None, str | None, str | None]:
    """An event with no date of its own: the narrative's last date in its paragraph (a date that only modifies
    a noun, "the Oct. 7 attack", moves no narrative), else the document date, reported speech first."""
    i = bisect.bisect_left(point_starts, found.start) - 1
    if i >= 0 and not found.as_of_document and not found.relation_anchor and not found.untimed:
        expr = points[i]
        # A line break ends a paragraph, as it does where the pipeline cuts the text: one-paragraph-a-line
        # text moves to a new scene (a flashback) without a blank line.
        same_paragraph = "\n" not in text[expr.end : found.start]
        if same_paragraph and found.start - expr.end <= _NARRATIVE_REACH:
            date, _, clock = expr.value.partition("T")
            return date, clock if clock[:1].isdigit() else None, f"narrative: the last date told, “{expr.text}”"
    if doc_day is not None and found.as_of_document:
        return doc_day, None, "reported as of the document date"
    if doc_day is not None:
        # A news report tells the news of its own day when no date in its paragraph says otherwise.
        return doc_day, None, DOCUMENT_DATE_GUESS
    return None, None, None


def _narrative_date(
    found: _Found, participants: list[str], previous: list[Event]
) -> tuple[str | None, str | None, str | None]:
    """A following sentence that goes on about the same people in the past tense continues its date."""
    dated = {(e.date, e.time) for e in previous if e.date and e.date_basis and not e.date_basis.startswith(_FALLBACKS)}
    if len(dated) != 1 or not participants:
        return None, None, None
    for event in previous:
        if event.date and set(event.participants) & set(participants):
            return event.date, event.time, f"narrative: continues the {event.type.lower()} dated just before"
    return None, None, None


# ---- actors --------------------------------------------------------------------------------------


class _MentionIndex:
    """Actor mentions sorted by start, for overlap look-ups of argument spans."""

    def __init__(self, actors: list[Actor]) -> None:
        import bisect

        self._bisect = bisect
        rows = []
        for actor in actors:
            for mention in actor.mentions:
                rows.append((mention.start, mention.end, actor.id, mention.kind))
        rows.sort()
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.max_len = max((r[1] - r[0] for r in rows), default=0)
        self.types = {a.id: a.type for a in actors}

    def actor_at(self, start: int, end: int) -> str | None:
        lo = self._bisect.bisect_left(self.starts, start - self.max_len)
        hi = self._bisect.bisect_left(self.starts, end)
        best: tuple[int, int, str] | None = None
        for m_start, m_end, actor_id, kind in self.rows[lo:hi]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap <= 0:
                continue
            rank = (1 if kind == MentionKind.NAME else 0, overlap, actor_id)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else None

    def actor_for(self, spans: Spans) -> str | None:
        for start, end in spans:
            actor = self.actor_at(start, end)
            if actor is not None:
                return actor
        return None

    def first(self, candidates: list[Spans], *, place: bool = False, exclude: set[str] | None = None) -> str | None:
        for spans in candidates:
            actor = self.actor_for(spans)
            if actor is None or (exclude and actor in exclude):
                continue
            if place and self.types.get(actor) != ActorType.PLACE:
                continue
            return actor
        return None


__all__ = ["EventStage"]
