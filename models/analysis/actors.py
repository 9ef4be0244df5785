"""Actors: named mentions repaired from spaCy's entities, grouped into people, organizations, places, groups.

`collect` runs once per paragraph and keeps only small facts (offsets, strings, tuples), so a book
streams through in constant memory; `finish` groups them for the whole document
(models/analysis/actor_groups.py).

Repairs made here, while the parse is at hand:
- titles and honorifics before a name ("Secretary of State", "Mr.", "U.S. President") become part of the
  mention and the actor's role; entities made only of title words ("State", "Defense") are dropped;
- a person's name is completed over neighbouring name words spaCy left out ("Antony" + "J. Blinken",
  "bin Jassim Al Thani");
- "Irving, Texas" is two places; an acronym in brackets after a name is the same actor;
- demonyms used as adjectives ("Israeli forces") are not actors of their own; plural ones ("Israelis") are groups;
- role noun phrases ("the president", "the C.I.A. director") are kept for resolution, appositions
  ("Burns, the C.I.A. director") give roles.

Over 400 lines because every repair needs the parse at hand, so all run in one pass per paragraph.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, cast

from spacy.attrs import DEP, ENT_IOB, IDX, IS_ALPHA, IS_LOWER, IS_TITLE, LENGTH, LOWER, ORTH, POS, SENT_START
from spacy.strings import get_string_id
from spacy.symbols import ADJ, NOUN, PRON, PROPN, VERB

from models.analysis.actor_facts import ENTITY_TYPES, Collected, RawName, RawRole
from models.analysis.actor_groups import ORG_HEADS, group_actors
from models.analysis.citations import citation_authors
from models.analysis.concepts import counted_units, defined_concepts
from models.analysis.gazetteer import country_code, demonym_code, is_region, known_organization
from models.analysis.gc_pause import collector_paused
from models.analysis.names import (
    NAME_PARTICLES,
    NAME_SUFFIXES,
    POSSESSIVE_TOKENS,
    Title,
    TitleLexicon,
    acronym_of,
    is_acronym,
    name_key,
    norm_word,
    title_lexicon,
)
from models.analysis.paragraphs import doc_text
from models.analysis.pronouns import PRONOUNS, RawPronoun, resolve_pronouns
from models.analysis.works import dated_works
from models.domain import Actor, Mention, MentionKind

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Span, Token

_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})
_DETERMINERS = frozenset({"the"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_INDEFINITE = frozenset({"a", "an"})
# Rule "company form": "Cie. Financiere de Paribas", "Banque de France": a particle inside a name that also holds
# a company's legal form or a bank's is no person's "de".
_COMPANY_FORMS = frozenset(
    {"cie", "co", "corp", "inc", "ltd", "plc", "sa", "ag", "nv", "spa", "gmbh", "banque", "banco", "bank",
     "societe", "société", "compagnie", "compania", "compañía", "credit", "crédit", "groupe", "group"}
)  # fmt: skip
_MAX_ROLE_TOKENS = 12
# Single words spaCy sometimes tags as a place or organization that name no particular one.
_GENERIC_WORDS = frozenset({"kingdom", "republic", "government", "administration", "nation", "country", "sheriff"})


def affiliation_key(text: str, label: str) -> str:
    """What a modifier in a title points to: a country ("c:IL") or a named organization ("n:cia")."""
    code = demonym_code(text) if label == "NORP" else country_code(text)
    if code is None and label != "NORP":
        code = demonym_code(text)
    return f"c:{code}" if code else f"n:{name_key(text)}"


class ActorStage:
    """Collects repaired name mentions and role phrases paragraph by paragraph; groups them at the end."""

    def __init__(self) -> None:
        self._data = Collected()
        self._lex = title_lexicon()

    # -- collection ---------------------------------------------------------------------------------

    def collect(self, doc: Doc, offset: int) -> None:
        _Paragraph(doc, offset, self._data, self._lex).run()

    def finish(self, text: str) -> list[Actor]:
        with collector_paused():  # see models/analysis/gc_pause.py
            actors = group_actors(text, self._data, self._lex)
            data = self._data
            resolve_pronouns(text, actors, data.pronouns, data.sentence_starts, data.subjects, asides=data.asides)
            _pronoun_held_roles(text, actors, data.roles)
            _possessed_roles(text, actors, data.roles)
        return actors


def _possessed_roles(text: str, actors: list[Actor], roles: list[RawRole]) -> None:
    """Rule "possessive apposition": "Jake Sullivan ... Jon Finer, his deputy" makes Finer "Jake Sullivan's deputy".

    The "his" was resolved to the person it means (never the name the apposition describes); the role then
    names that person, and the nominal mention starts after the pronoun, which is a mention of the other person.
    An unresolved pronoun leaves the role as written ("deputy").
    """
    owned = {role.possessor: role for role in roles if role.possessor >= 0 and role.name >= 0}
    if not owned:
        return
    owner_of = {m.start: a for a in actors for m in a.mentions if m.kind is MentionKind.PRONOUN and m.start in owned}
    for start, role in owned.items():
        owner = owner_of.get(start)
        holder = next(
            (a for a in actors if any(m.kind is MentionKind.NOMINAL and m.start == role.start for m in a.mentions)),
            None,
        )
        if owner is None or holder is None or holder.id == owner.id or role.text not in holder.roles:
            continue
        holder.roles[holder.roles.index(role.text)] = f"{owner.name}'s {role.text}"
        noun = text.index(role.text, role.start)
        holder.mentions = [
            Mention(noun, m.end, text[noun : m.end], m.kind)
            if m.kind is MentionKind.NOMINAL and m.start == role.start
            else m
            for m in holder.mentions
        ]


def _pronoun_held_roles(text: str, actors: list[Actor], roles: list[RawRole]) -> None:
    """Rule "office predicate" (pronoun subject): "he was elected a Fellow of the Royal Society" gives the role
    to the person the "he" was resolved to; an unresolved pronoun leaves the role unattached."""
    held = {role.pronoun: role for role in roles if role.pronoun >= 0}
    if not held:
        return
    for actor in actors:
        for mention in list(actor.mentions):
            role = held.get(mention.start) if mention.kind is MentionKind.PRONOUN else None
            if role is None:
                continue
            actor.mentions.append(Mention(role.start, role.end, text[role.start : role.end], MentionKind.NOMINAL))
            if role.text not in actor.roles:
                actor.roles.append(role.text)
        actor.mentions.sort(key=lambda m: m.start)


# A surname opening a sentence is often parsed as a noun or verb ("Rathbun requested ..."); such runs only
# count when they match a name found elsewhere, so taking them in costs nothing.
_MISTAGGED_NAME_POS = frozenset({int(NOUN), int(VERB), int(ADJ)})  # as Doc.to_array gives them
_IOB_OUTSIDE = 2  # Token.ent_iob: 1 "I", 2 "O", 3 "B" (0: not set)
_SUBJECT_DEPS = frozenset({get_string_id("nsubj"), get_string_id("nsubjpass")})
_OBJECT_APPOS_DEPS = frozenset({get_string_id("dobj"), get_string_id("appos")})
_POBJ = get_string_id("pobj")
_COMPOUND = get_string_id("compound")
# Verbs an organization does not do (organizations "say", "tell" and "write" too, so those are not here).
_PERSON_VERBS = frozenset({
    "die", "marry", "graduate", "laugh", "smile", "confess", "whisper", "shout", "resign", "retire", "divorce",
    "wed", "wonder", "cry", "sing", "recount",
})  # fmt: skip
_SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "recall", "insist", "claim", "admit", "write"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_STATE_VERBS = frozenset({"be", "seem", "appear", "take", "matter", "happen", "mean", "look", "feel", "make", "have"})
_PERSON_PASSIVES = frozenset({"bear", "marry", "educate", "raise", "bury", "knight", "baptize", "baptise"})
_PERSON_NOUNS = frozenset({
    "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "parent", "child", "widow",
    "birth", "death", "childhood", "girlfriend", "boyfriend", "grandfather", "grandmother", "funeral",
})  # fmt: skip
_LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "into", "throughout", "across", "outside", "inside", "around", "toward", "towards"}
)
_MOTION_WORDS = frozenset({
    "go", "travel", "move", "come", "return", "fly", "drive", "walk", "sail", "emigrate", "relocate", "get",
    "trip", "journey", "route", "train", "bus", "flight", "road", "way", "visit", "ferry", "arrive", "head",
})  # fmt: skip
_SETTLEMENT_NOUNS = frozenset({
    "town", "city", "village", "county", "province", "district", "region", "island", "port", "capital",
    "municipality", "township", "borough", "prefecture", "hamlet", "suburb", "neighborhood", "neighbourhood",
})  # fmt: skip
_COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "upper", "lower", "northern", "southern", "eastern", "western"}
)
_ALIAS_ADVERBS = frozenset({"also", "better", "commonly", "popularly", "widely", "affectionately", "simply"})
_INTERACTION_VERBS = frozenset(
    {"speak", "talk", "interview", "meet", "contact", "hire", "visit", "call", "email", "reach", "ask", "thank"}
)
# Rule "organization context": nouns that class a name beside them as an organization ("the company Twitter")...
_ORG_CLASS_NOUNS = frozenset({
    "company", "firm", "corporation", "conglomerate", "airline", "carrier", "automaker", "carmaker", "retailer",
    "startup", "broadcaster", "newspaper", "insurer", "bank", "lender", "network", "platform",
    "manufacturer", "agency", "charity", "nonprofit", "ngo",
})  # fmt: skip
# ... what only a body owns or has ("Twitter's shares", "Twitter users", "the founder of Twitter") ...
_ORG_OWNED = frozenset({
    "share", "shareholder", "stock", "headquarters", "ceo", "subsidiary", "revenue", "user", "subscriber",
    "employee", "founder", "cofounder", "co-founder", "workforce", "layoff",
})  # fmt: skip
# ... and what only a body reports or announces ("Twitter reported a fall in revenue", "announced layoffs").
_ORG_ACCOUNTS = frozenset({"revenue", "earnings", "layoff", "dividend", "shareholder"})
_CAPTION_WORDS = frozenset({"image", "photo", "picture", "video", "credit", "source", "file"})
_SCORE_DASHES = frozenset({"-", "–", "—", ":"})
_MATCH_VERBS = frozenset({
    "defeat", "beat", "face", "lose", "draw", "thrash", "edge", "overcome", "eliminate", "tie", "host", "play",
})  # fmt: skip
# Rule "named thing": class nouns of things that are not actors (products, works, languages, vehicles, storms,
# laws). A name the text puts next to one of them ("the TV series Supernatural", "the Ulysses spacecraft",
# "Eegimaa is a Jóola language") names that thing.
_THING_NOUNS = frozenset({
    "film", "movie", "series", "sitcom", "novel", "book", "play", "opera", "musical", "album", "song", "poem",
    "painting", "sculpture", "browser", "software", "app", "spacecraft", "probe", "mission", "ship", "vessel",
    "submarine", "aircraft", "rocket", "telescope", "satellite", "language", "dialect", "treaty", "cyclone",
    "hurricane", "typhoon", "storm", "virus", "disease", "vodka", "drink", "herb", "candy", "sport", "shuttle",
    "orbiter", "rover", "lander",
})  # fmt: skip
# Words that open the name of a vehicle or storm ("Space Shuttle Columbia", "Cyclone Phailin", "USS Maine");
# "Opera House", "Film Critics Circle" open with a class word too, but name places and organizations.
_THING_OPENERS = frozenset({
    "shuttle", "spacecraft", "probe", "rover", "cyclone", "hurricane", "typhoon", "uss", "hms", "rms",
})  # fmt: skip
_THING_OPENER_IDS = frozenset(get_string_id(word) for word in _THING_OPENERS)  # as `Doc.to_array` gives LOWER
_THE_ID = get_string_id("the")
# Verbs whose object, when a demonym, is a language (rule "language use").
_LANGUAGE_VERBS = frozenset({"speak", "learn", "teach", "study", "know", "understand", "translate", "write", "read"})
# Demonyms that are also the names of languages (rule "bare demonym"); "Asian", "Native American" are not.
_LANGUAGE_NAMES = frozenset({
    "English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Danish", "Swedish", "Norwegian",
    "Finnish", "Icelandic", "Greek", "Latin", "Hebrew", "Arabic", "Persian", "Turkish", "Russian", "Polish", "Czech",
    "Hungarian", "Romanian", "Ukrainian", "Serbian", "Croatian", "Bulgarian", "Chinese", "Japanese", "Korean",
    "Mandarin", "Cantonese", "Hindi", "Urdu", "Bengali", "Thai", "Vietnamese", "Indonesian", "Malay", "Swahili",
    "Irish", "Welsh", "Gaelic", "Yiddish", "Tagalog", "Sanskrit",
})  # fmt: skip
# Nouns for kinds of speech a name before them classifies (rule "language kind").
_SPEECH_KINDS = frozenset({"language", "dialect", "variety", "phylum"})
# Of these, the nouns a name before them classifies ("the Ulysses spacecraft"); "Zurbarán paintings" are
# paintings by Zurbarán, whose name stays an actor, and "the Moriori language" is also the Moriori people's.
_KIND_NOUNS = frozenset({"browser", "software", "spacecraft", "probe", "ship", "vodka"})
_ROMAN = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"})
# Verbs that give their subject the role in their complement (rule "office predicate").
_OFFICE_VERBS = frozenset({"be", "become", "elect", "name", "appoint", "make", "remain", "crown", "proclaim"})
_SERVE_VERBS = frozenset({"serve", "act", "elect", "appoint", "name", "remain", "work", "continue", "succeed"})
# Rule "known name in a misread entity": spaCy labels a lone known name a product, a work or an event now and
# then ("Jared served as host", "Later Hadid released a record"); such a one-word entity is read like an untagged
# proper noun, so a name the text gives elsewhere is found there, and nothing else is.
_NON_ACTOR_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})


def _quote_ids() -> frozenset[int]:
    """The string ids of `_QUOTE_MARKS`, as `Doc.to_array` gives a token's text."""
    return frozenset(get_string_id(mark) for mark in _QUOTE_MARKS)


# Last words of multi-word names of laws, surveys, databases and diseases: things, not actors. Awards and
# theories are left out: their names often hold a person's name ("Pritzker Prize", "César Award").
_THING_HEADS = frozenset({
    "act", "treaty", "system", "systems", "database", "study", "survey", "index", "syndrome", "disease", "framework",
})  # fmt: skip
# Rule "model designation": capitals and a number in one word name a version, model, mission or strain ("IE6",
# "STS-134", "COVID-19", "PS4"), not an actor. One capital and a number ("G20", "U2") and MI5/MI6 are groups.
_DESIGNATION = re.compile(r"(?!MI\d$)[A-Z]{2,}-?\d+[A-Za-z]?")


def _thing_headed(core: str) -> bool:
    """Rule "thing head word": "Clean Air Act", "National Iodine Nutrition Study", "Intelligence System"."""
    words = core.split()
    return len(words) > 1 and words[-1].lower() in _THING_HEADS and words[-1][:1].isupper()


def _model_designation(core: str) -> bool:
    return bool(_DESIGNATION.fullmatch(core.strip()))


def _agency_credit(name: RawName, bracketed: str) -> bool:
    """Rule "agency credit": "NAIROBI, Kenya (AP)", "WASHINGTON (Reuters)": a news agency credited after a dateline
    place, whose letters are not the place's initials, is not the place's short form ("Kenya" is not "AP"), but
    an organization of its own ("... Mission in Kosovo (UNMIK)").
    """
    if name.label not in ("GPE", "LOC") or not (is_acronym(bracketed) or is_acronym(name.core)):
        return False  # "Myanmar (Burma)" gives the place another name
    return acronym_of(name.core) != bracketed.replace(".", "").lower()


def _according_to(tok: Token) -> bool:
    """Rule "attributed speaker": the person a statement is "according to" is its speaker, who carries the
    subject chain as a subject would ("..., according to Ann Weiss. 'It will hold,' she said")."""
    if tok.dep_ != "pobj":
        return False  # most tokens asked: no Token made for their head
    head = tok.head
    return head.lower_ == "to" and head.i > 0 and tok.doc[head.i - 1].lower_ == "according"


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


# The token attributes `_Paragraph.table` holds, and the column of each.
_TABLE = (POS, IS_LOWER, IS_ALPHA, DEP, ORTH, IDX, LENGTH, ENT_IOB, IS_TITLE, SENT_START, LOWER)
_POS, _IS_LOWER, _IS_ALPHA, _DEP, _ORTH, _IDX, _LENGTH, _ENT_IOB, _IS_TITLE, _SENT_START, _LOWER = range(len(_TABLE))
# Each word's spellings by its ORTH id: its text (`Token.text`), lower-case form (`Token.lower_`, a property of
# the word like its text) and `norm_word`. A book repeats its words: one dict look-up per token gives all three,
# where each access through a Token costs ~1 µs (a new Token object and a string store look-up).
_SPELLINGS: dict[int, tuple[str, str, str]] = {}
_SPELLINGS_SIZE = 1 << 16  # a few MB at most


def _spellings(table: list[list[int]], strings: StringStore) -> tuple[list[str], list[str], list[str]]:
    """(texts, lower-case forms, `norm_word`s) of the tokens given by their `_TABLE` rows."""
    cache = _SPELLINGS
    if len(cache) > _SPELLINGS_SIZE:
        cache.clear()
    found: list[tuple[str, str, str] | None] = list(map(cache.get, [row[_ORTH] for row in table]))
    if None in found:  # words not seen before
        for i, row in enumerate(table):
            if found[i] is None:
                text = strings[row[_ORTH]]
                found[i] = cache[row[_ORTH]] = (text, strings[row[_LOWER]], norm_word(text))
    if not found:
        return [], [], []
    texts, lowers, norms = zip(*cast(list[tuple[str, str, str]], found), strict=True)
    return list(texts), list(lowers), list(norms)


class _Paragraph:
    """The collection work for one parsed paragraph."""

    def __init__(self, doc: Doc, offset: int, data: Collected, lex: TitleLexicon) -> None:
        self.doc = doc
        self.offset = offset
        self.data = data
        self.lex = lex
        self.used = [False] * len(doc)
        # Per token, the attribute ids of `_TABLE`, read in one `Doc.to_array`: walks over them make no Token objects.
        self.table: list[list[int]] = doc.to_array(list(_TABLE)).tolist() if len(doc) else []
        # Each token's `text`, `lower_` and spelling as the title lexicon has it, read by index: the rules ask them
        # of the same tokens many times.
        self.text, self.lower, self.norm = _spellings(self.table, doc.vocab.strings)
        # Each token's sentence, numbered through the document, as `Doc.sents` cuts them: at the first token and
        # wherever a later one is marked as a sentence start.
        self.sent_of: list[int] = []
        sentence = data.sentences - 1
        for i, row in enumerate(self.table):
            if i == 0 or row[_SENT_START] == 1:
                sentence += 1
                data.sentence_starts.append(offset + row[_IDX])
            self.sent_of.append(sentence)
        data.sentences = sentence + 1
        self.ents = doc.ents  # read once: `Doc.ents` makes a new Span of every entity on each call
        self.ent_at = {}
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = ent
        self.name_at: dict[int, int] = {}  # token -> index into data.names
        self.name_tokens: dict[int, tuple[int, int]] = {}  # index into data.names -> token span
        self._token_ends: dict[int, int] | None = None  # absolute end -> first token ending there, when asked
        self._lower_text: str | None = None
        self._roots: dict[tuple[int, int], Token] = {}  # see `_root`
        self.works = dated_works(doc)  # tokens of "The Lookout (2007), Stoker (2013)" (rule "dated work")

    # -- helpers --------------------------------------------------------------------------------

    @property
    def lower_text(self) -> str:
        """The paragraph in lower case: a word no token has in lower case is not in it (`Token.lower_`)."""
        if self._lower_text is None:
            self._lower_text = doc_text(self.doc).lower()
        return self._lower_text

    def _root(self, start: int, end: int) -> Token:
        """The head of tokens `start`..`end` (`Span.root`), found once: several rules ask it of each name."""
        root = self._roots.get((start, end))
        if root is None:
            root = self._roots[(start, end)] = self.doc[start:end].root
        return root

    def _span_text(self, start: int, end: int) -> str:
        """`doc[start:end].text` for 0 <= start, end <= len(doc), cut from the paragraph's text: a Span makes a
        Token of each word to join their texts (~1 µs a word), and tokens only ever have a single space between
        them that is not a token of its own, so the cut is the same string."""
        if end <= start:
            return ""
        last = self.table[end - 1]
        return doc_text(self.doc)[self.table[start][_IDX] : last[_IDX] + last[_LENGTH]]

    def _capitalised(self, i: int) -> bool:
        """`_capitalised` of token `i`, from its text."""
        return self.text[i][:1].isupper()

    def _abs(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        table = self.table
        last = table[end_tok - 1]
        return self.offset + table[start_tok][_IDX], self.offset + last[_IDX] + last[_LENGTH]

    def _title_back(self, end: int) -> tuple[int, Title] | None:
        """The longest lexicon phrase ending just before token `end`."""
        if end < 1 or self.norm[end - 1] not in self.lex.enders:
            return None
        for size in range(min(self.lex.max_words, end), 0, -1):
            words = self.norm[end - size : end]
            title = self.lex.get(words)
            if title is not None:
                return end - size, title
        return None

    def _title_fwd(self, start: int, stop: int | None = None) -> tuple[int, Title] | None:
        """The longest lexicon phrase starting at token `start` (ending before `stop`)."""
        limit = len(self.norm) if stop is None else stop
        if start >= limit or self.norm[start] not in self.lex.starters:
            return None
        for size in range(min(self.lex.max_words, limit - start), 0, -1):
            words = self.norm[start : start + size]
            title = self.lex.get(words)
            if title is not None:
                return start + size, title
        return None

    def _is_portfolio(self, start: int, end: int) -> bool:
        return " ".join(self.norm[start:end]) in self.lex.portfolios

    # -- the passes -----------------------------------------------------------------------------

    def run(self) -> None:
        doc = self.doc
        first_name = len(self.data.names)
        self.data.concepts |= defined_concepts(doc) | counted_units(doc)
        self.data.common_nouns.update(
            self.text[i] for i, row in enumerate(self.table) if row[_POS] == NOUN and row[_IS_LOWER] and row[_IS_ALPHA]
        )
        for s, e in citation_authors(doc):  # before the entities, which read "Feng, Spence, & Pratt" as one
            if not any(k in self.works for k in range(s, e)):
                self._add_name(s, s, e, "PERSON")
        ents = self.ents
        for k, ent in enumerate(ents):
            if ent.label_ in ENTITY_TYPES and not any(self.used[i] for i in range(ent.start, ent.end)):
                if k + 1 < len(ents) and self._name_split_in_places(ent, ents[k + 1]):
                    self._add_name(ent.start, ent.start, ents[k + 1].end, "PERSON")
                    continue
                self._entity(ent)
        self._brackets(first_name)
        self._declared_aliases(first_name)
        self._roles()
        self._runs()
        self._pronouns()
        for index, (start, end) in self.name_tokens.items():
            if self._root(start, end).dep_ in ("poss", "appos"):  # "Truffaut's film", "his brother, George"
                self.data.asides.add(self.data.names[index].start)

    def _pronouns(self) -> None:
        """Third-person singular pronouns and the subjects around them, for `resolve_pronouns`.

        Pronouns inside quotation marks are skipped: there "he" is seldom the speaker named next to the
        quote, who is the nearest candidate, so attaching them would mostly be wrong.
        """
        quoted = False
        topic = -1  # rule "takes he/she": the last name that was a subject, if no other person came since
        # Only names, subjects, quotation marks and pronouns change anything below: the other tokens are skipped
        # by their attribute ids, without making a Token of each.
        # The checks read the token table; a Token is made only for a name's head verb, a possible "according
        # to" and each pronoun kept (a Token per visited word was a fifth of this pass).
        quotes = _quote_ids()
        doc = self.doc
        for i, row in enumerate(self.table):
            if not (row[_DEP] in _SUBJECT_DEPS or row[_POS] == PRON or row[_ORTH] in quotes or i in self.name_at):
                continue
            is_subject = row[_DEP] in _SUBJECT_DEPS
            text, lower = self.text[i], self.lower[i]
            owner = self.name_at.get(i)
            if owner is not None and owner != topic:
                if is_subject and doc[i].head.lemma_.lower() not in _INTERACTION_VERBS:
                    topic = owner  # not "Wikinews spoke with a cosplayer. She ...": the "she" is the other one
                elif self.data.names[owner].label == "PERSON" or row[_DEP] in _OBJECT_APPOS_DEPS:
                    topic = -1  # another person, or a name the subject acts on, may be the "he"
            if topic >= 0 and is_subject and lower in ("he", "she") and self.sent_of[i] > self.data.names[topic].sent:
                self.data.names[topic].takes_pronoun += 1  # "Holt moved to left field. He ..."
                topic = -1
            if text in _QUOTE_MARKS:
                quoted = text != "”" and (text == "“" or not quoted)
                continue
            if quoted:
                continue
            start = self.offset + row[_IDX]
            if is_subject or (row[_DEP] == _POBJ and _according_to(doc[i])):
                # Names inside a quotation do not carry the subject chain ("'Obama will lose,' he said").
                # The head word only: "Anthony" in "His father, Anthony, was a geologist" is not the subject.
                self.data.subjects.append((start, start + len(text)))
            if row[_POS] == PRON and lower in PRONOUNS:
                tok = doc[i]
                self.data.pronouns.append(
                    RawPronoun(
                        start,
                        start + len(text),
                        lower,
                        self.sent_of[i],
                        is_subject,
                        self._clause_subject(tok) or self._apposition_owner(tok),
                        self._clause_owner(tok),
                    )
                )

    def _apposition_owner(self, tok: Token) -> tuple[int, int] | None:
        """Rule "possessive apposition": "his" in "Jon Finer, his deputy" or "his adviser, Ron Dermer" is not the
        person the apposition describes."""
        noun = tok.head
        while noun.dep_ == "poss" and noun.head.i != noun.i:  # "Tom Hale, his brother's lawyer"
            noun = noun.head
        if tok.dep_ != "poss":
            return None
        if noun.dep_ == "appos" and noun.head.i in self.name_at:
            described = noun.head.i
        else:  # "his right-hand adviser, Ron Dermer"
            described = next((c.i for c in noun.children if c.dep_ == "appos" and c.i in self.name_at), -1)
        if described < 0:
            return None
        start, end = self.name_tokens[self.name_at[described]]
        return self._abs(start, end)

    def _clause_owner(self, tok: Token) -> tuple[int, int] | None:
        """The explicit subject of the clause a non-subject pronoun sits in ("Hall fired Stone from his team")."""
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return None
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                left, right = child.left_edge, child.right_edge
                return self.offset + left.idx, self.offset + right.idx + len(right.text)
        return None

    def _clause_subject(self, tok: Token) -> tuple[int, int] | None:
        """The subject of the clause an object pronoun sits in: "him" in "Netanyahu thanked him" is not him.

        Rule "modifier of a noun": a pronoun inside an adjective modifying a noun ("Biden has not used the tools
        available to him") is not an argument of the clause's verb, so it may mean the clause's subject.
        """
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_.endswith("self"):
            return None
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            if verb.dep_ == "amod" and verb.head.pos_ in ("NOUN", "PROPN"):
                return None
            verb = verb.head
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                left, right = child.left_edge, child.right_edge
                return self.offset + left.idx, self.offset + right.idx + len(right.text)
        return None

    def _entity(self, ent: Span) -> None:
        doc = self.doc
        label = ent.label_
        s, e = ent.start, ent.end
        while e > s and self.text[e - 1] in POSSESSIVE_TOKENS:
            e -= 1
        while e > s and ((doc[e - 1].is_punct and self.text[e - 1] not in {".", ")"}) or self._caption_word(e - 1)):
            e -= 1
        if e <= s:
            return
        if label != "GPE" and self._dateline(s, e):
            label = "GPE"
        if label == "NORP":
            self._norp(ent, s, e)
            return
        if self.lower[s] in _INDEFINITE and e - s > 1:
            s += 1
        if self._imperative(s):
            s += 1  # rule "imperative": "Drop one seed", "Prepare Quinoa"
            if s >= e:
                return
        for k in range(s + 1, e):
            if self.text[k] == "(":  # "World Health Organisation (WHO": the bracket is read by _brackets
                e = k
                break
        if e - s > 1 and doc[e - 1].like_num and country_code(self._span_text(s, e - 1)):
            e -= 1  # "Sweden 1" in a score line
        lead = s + 1 if self.lower[s] == "the" else s
        if lead < e and (
            (self._is_portfolio(lead, e) and not self._acting_portfolio(ent))
            or (e - lead == 1 and self.lower[lead] in _GENERIC_WORDS)
        ):
            return  # "State" from "Secretary of State", "Kingdom": not actors of their own
        whole = self._title_fwd(lead)
        if whole is not None and whole[0] >= e and whole[1].kind != "honorific":
            return  # "Shadow Home" from "Shadow Home Secretary"
        # Titles spaCy put inside the entity ("Prime Minister Rishi Sunak").
        inner: list[tuple[int, int, Title | None]] = []
        pos = lead
        while pos < e:
            found = self._title_fwd(pos, e)
            if found is not None and found[1].kind != "role":
                inner.append((pos, found[0], found[1]))
                pos = found[0]
            elif inner and self._portfolio_at(pos, e):
                end = self._portfolio_at(pos, e)
                inner.append((pos, end, None))
                pos = end
            else:
                break
        if pos >= e:
            # Only title words ("State", "Defense", "President"): a name may follow; else not an actor.
            return
        if inner and not any(t is not None and t.kind in ("title", "honorific") for _, _, t in inner):
            inner = []
            pos = lead
        if inner and self.lower[pos] in ("of", "for") and pos + 1 < e:
            # Rule "title of a place": "the King of Athens" names no person "of Athens"; Athens is mentioned.
            first = pos + 2 if self.lower[pos + 1] == "the" and pos + 2 < e else pos + 1
            self._add_name(first, first, e, "")
            return
        if inner and label != "PERSON" and self._title_starts_org_name(inner, pos, e):
            inner = []
            pos = lead
        name_start = pos
        if inner:
            label = "PERSON"
        if label in ("GPE", "LOC") and self._coordinated_places(name_start, e, label):
            return
        if label in ("GPE", "LOC") and "," in self._span_text(ent.start, ent.end):
            self._split_places(name_start, e, label)
            return
        if label in ("GPE", "LOC") and name_start == s and self._compass_before(s):
            s = name_start = s - 1  # rule "compass word": "East" + "Los Angeles" is "East Los Angeles"
        if label == "PERSON":
            name_start, e = self._extend_person(name_start, e)
        elif label == "ORG" and name_start == s and not inner:
            s = name_start = self._extend_compound(s, e)
        self._add_name(min(lead if inner else s, name_start), name_start, e, label)

    def _dateline(self, s: int, e: int) -> bool:
        """Rule "dateline": "MOSCOW (AP) _", "BUFFALO, N.Y. (AP) --", "MIAMI _": a name in capitals opening the
        paragraph, followed by the agency, a comma or a dash, is the place the story was filed from, whatever
        label the model gave it. Well-known organizations ("UNITED NATIONS (AP)") keep theirs.
        """
        doc = self.doc
        words = doc[s:e]
        if s != 0 or e >= len(doc) or self.text[e] not in ("(", ",", "_", "--", "—", "-"):
            return False
        if not all(t.is_alpha and t.text.isupper() for t in words) or sum(len(t) for t in words) < 4:
            return False
        return known_organization(words.text) is None

    def _name_split_in_places(self, ent: Span, nxt: Span) -> bool:
        """Rule "name split in places": "Valeska" + "Paris", two one-word places side by side with no comma, is
        a person's given name and surname when the first is no place the gazetteer knows; a place is not written
        that way next to another place, except before its country or state ("Portland Oregon"), left alone."""
        places = ("GPE", "LOC")
        if ent.label_ not in places or nxt.label_ not in places or nxt.start != ent.end:
            return False
        if len(ent) != 1 or len(nxt) != 1 or ent[0].whitespace_ != " ":
            return False
        first, second = ent[0], nxt[0]
        if not all(t.is_alpha and t.is_title and not country_code(t.text) for t in (first, second)):
            return False
        return not is_region(first.text)

    def _acting_portfolio(self, ent: Span) -> bool:
        """Rule "party named by a portfolio word": "Labour has a plan", "Labour's Shadow Home Secretary".

        A portfolio word standing alone, with no article, that is the subject of a verb or owns something is a
        party's name, not a piece of a title ("Secretary of State", "Defense Secretary"); "the State", "the
        Treasury" are common nouns written with a capital.
        """
        if (ent.start > 0 and self.lower[ent.start - 1] == "the") or ent[0].lower_ == "the":
            return False
        return ent[0].text[:1].isupper() and ent.root.dep_ in ("nsubj", "nsubjpass", "poss")

    def _imperative(self, i: int) -> bool:
        """Rule "imperative": a sentence that opens with a verb's base form gives an instruction ("Drop one
        seed into each pot", "Wear shoes that slip off"); that verb is no name, whatever the entity says.
        """
        if self.table[i][_SENT_START] != 1:
            return False
        tok = self.doc[i]
        if tok.tag_ != "VB":
            return False
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)

    def _caption_word(self, i: int) -> bool:
        """Rule "caption label": "Image:" before a photo credit is not part of the name before it."""
        doc = self.doc
        return self.lower[i] in _CAPTION_WORDS and i + 1 < len(doc) and self.text[i + 1] == ":"

    def _compass_before(self, s: int) -> bool:
        if s < 1 or self.used[s - 1] or self.table[s - 1][_ENT_IOB] != _IOB_OUTSIDE:
            return False
        return self.lower[s - 1] in _COMPASS_WORDS and self._capitalised(s - 1) and self.table[s - 1][_POS] == PROPN

    def _coordinated_places(self, s: int, e: int, label: str) -> bool:
        """Rule "coordinated places": "North and South Korea" is North Korea and South Korea, two places."""
        if e - s < 4 or self.lower[s + 1] != "and" or self.lower[s] not in _COMPASS_WORDS:
            return False
        if self.lower[s + 2] not in _COMPASS_WORDS:
            return False
        rest = self._span_text(s + 3, e)
        self._add_name(s, s, s + 1, label, core=f"{self.text[s]} {rest}")
        self._add_name(s + 2, s + 2, e, label)
        return True

    def _title_starts_org_name(self, inner: list[tuple[int, int, Title | None]], pos: int, end: int) -> bool:
        """Rule "title starts an organization's name": "General Motors", "General Electric", "King's College".

        spaCy labelled the whole span an organization or place; a title word only makes it a person when an
        honorific is there or a full name ("Joe Biden", not one word like "Motors") follows the title.
        """
        if any(t is not None and t.kind == "honorific" for _, _, t in inner):
            return False
        if pos < end and self.text[pos] in POSSESSIVE_TOKENS:
            return True  # rule "possessive title": "King's College London", "Queen's University" name no person
        rest = [t for t in self.doc[pos:end] if not t.is_punct]
        return len(rest) == 1 or norm_word(rest[-1].text) in ORG_HEADS

    def _portfolio_at(self, pos: int, stop: int) -> int:
        for size in (3, 2, 1):
            if pos + size <= stop and self._is_portfolio(pos, pos + size):
                return pos + size
        return 0

    def _norp(self, ent: Span, s: int, e: int) -> None:
        """Plural or nominal demonyms are groups; a demonym modifying a noun is not an actor of its own."""
        root = ent.root
        noun = self._demonym_noun(root, e)
        if not noun and (root.dep_ in _MODIFIER_DEPS or root.pos_ == "ADJ" or root.tag_ == "JJ"):
            return
        if e < len(self.doc) and self.table[e][_POS] in (NOUN, PROPN) and root.dep_ != "poss":
            return
        if not noun and self._language_use(s, e):
            return
        self._add_name(s, s + 1 if self.lower[s] == "the" and e > s + 1 else s, e, "NORP")

    def _demonym_noun(self, root: Token, e: int) -> bool:
        """Rule "demonym as a noun": "a Libyan who was questioned", "the Libyan, Atif Enhamed", "450 Japanese are
        in Iraq" name people: the demonym heads its own phrase (an article, a number or a relative clause of its
        own) and modifies no noun, even where the tagger reads it as an adjective.
        """
        if root.dep_ in _MODIFIER_DEPS or (e < len(self.doc) and self.table[e][_POS] in (NOUN, PROPN, ADJ)):
            return False
        return any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "the")) or c.dep_ in ("nummod", "relcl") for c in root.children
        )

    def _language_use(self, s: int, e: int) -> bool:
        """Rule "language use": a demonym used as a language names no group of people.

        "He spoke German and French" (object of a verb of speaking, or joined to one), "written in Danish",
        "translated from Greek" (after "in"/"from", with no article: "among the French" are people), "Athens
        (Greek: Αθήνα)" (a gloss in brackets).
        """
        doc = self.doc
        if self.lower[s] == "the" or self.text[e - 1].endswith("s"):
            return False
        if s > 0 and self.text[s - 1] == "(" and e < len(doc) and self.text[e] == ":":
            return True
        tok = doc[s:e].root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("dobj", "acomp", "oprd", "npadvmod") and tok.head.lemma_.lower() in _LANGUAGE_VERBS:
            return True
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "from", "into") and tok.head.head.pos_ == "VERB":
            return True
        # Rule "bare demonym": a singular demonym standing as a noun with no article ("some Japanese", "ancient
        # Greek", "Chinese is written in columns", "languages like French") is a language; one person takes "a"
        # ("a German") and the people take "the" ("the French").
        return (
            e == s + 1
            and self.text[s] in _LANGUAGE_NAMES
            and not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in doc[s].children)
        )

    def _split_places(self, s: int, e: int, label: str) -> None:
        start = s
        for i in range(s, e + 1):
            if i == e or self.text[i] == ",":
                if i > start:
                    self._add_name(start, start, i, label)
                start = i + 1

    def _extend_compound(self, s: int, e: int) -> int:
        """Rule "name compound": a capitalised proper noun just before an organization's name that modifies a
        word of it belongs to the name ("Internet" + "Explorer", "Royal" + "Navy"), as spaCy parsed it.
        """
        doc = self.doc
        table = self.table  # the word's attributes by id: a Token is made only for its head
        while (
            s > 0
            and not self.used[s - 1]
            and table[s - 1][_ENT_IOB] == _IOB_OUTSIDE
            and table[s - 1][_POS] == PROPN
            and table[s - 1][_DEP] == _COMPOUND
            and s <= doc[s - 1].head.i < e
            and table[s - 1][_IS_TITLE]  # an acronym before a name is its owner ("LIBER Digital Humanities group")
            and table[s - 1][_IS_ALPHA]
            and self._title_back(s) is None
        ):
            s -= 1
        return s

    def _extend_person(self, s: int, e: int) -> tuple[int, int]:
        """Take in name words spaCy left outside: a first name before, particles and suffixes after."""
        table = self.table  # the words' attributes by id: no Token is made
        while (
            s > 0
            and not self.used[s - 1]
            and table[s - 1][_ENT_IOB] == _IOB_OUTSIDE
            and table[s - 1][_POS] == PROPN
            and self._capitalised(s - 1)
            and table[s - 1][_IS_ALPHA]
            and self._title_back(s) is None
            and table[s - 1][_SENT_START] != 1  # `Token.is_sent_start` is True only for 1
        ):
            s -= 1
        while e < len(table):
            if self.lower[e] in NAME_PARTICLES and e + 1 < len(table) and self._capitalised(e + 1):
                e += 2
            elif self.norm[e] in NAME_SUFFIXES and self._capitalised(e):
                e += 1
            else:
                break
        return s, e

    def _add_name(self, mention_start: int, name_start: int, end: int, label: str, core: str = "") -> None:
        """Record one name; look left for titles, honorifics and the organization or country in the title."""
        if self._language_kind(name_start, end, label):
            return
        title_parts: list[Title] = []
        honorific = ""
        affil: list[str] = []
        start = mention_start
        title_start = -1
        title_end = -1
        # Titles inside the entity, between mention_start and name_start.
        pos = mention_start
        while pos < name_start:
            found = self._title_fwd(pos, name_start)
            if found is None:
                end_p = self._portfolio_at(pos, name_start)
                pos = end_p if end_p else pos + 1
                continue
            if found[1].kind == "honorific":
                honorific = found[1].phrase
            elif found[1].kind in ("title", "role"):
                title_parts.append(found[1])
                title_start = pos if title_start < 0 else title_start
                title_end = found[0]
            pos = found[0]
        # Titles before the entity.
        j = mention_start
        while j > 0:
            found = self._title_back(j)
            if found is not None and not any(self.used[i] for i in range(found[0], j)):
                begin, title = found
                if title.kind == "honorific":
                    if not self._capitalised(begin):
                        break
                    honorific = honorific or title.phrase
                elif title.kind in ("title", "role"):
                    title_parts.append(title)
                    title_start = begin
                    title_end = title_end if title_end > 0 else j
                elif title.kind == "modifier" and title_parts:
                    title_start = begin
                else:
                    break
                j = begin
                continue
            if not title_parts:
                break
            if self.text[j - 1] in POSSESSIVE_TOKENS and j >= 2:
                owner = self.ent_at.get(j - 2)
                if owner is not None and owner.end == j - 1 and owner.label_ in ("GPE", "ORG", "NORP", "LOC"):
                    affil.append(affiliation_key(owner.text, owner.label_))
                break
            prev = self.ent_at.get(j - 1)
            if prev is not None and prev.end == j and prev.label_ in ("GPE", "NORP", "ORG", "LOC"):
                if self._is_portfolio(prev.start, prev.end):
                    title_start = prev.start
                    for i in range(prev.start, j):
                        self.used[i] = True
                    j = prev.start
                    continue
                affil.append(affiliation_key(prev.text, prev.label_))
                break
            portfolio = 0
            for size in (3, 2, 1):
                if j - size >= 0 and self._is_portfolio(j - size, j) and self._capitalised(j - size):
                    portfolio = size
                    break
            if portfolio:
                title_start = j - portfolio
                j -= portfolio
                continue
            break
        if title_parts or honorific:
            start = min(start, j)
        for i in range(start, end):
            self.used[i] = True
        if not core:
            core = self._span_text(name_start, end)
            if self.lower[name_start] == "the":
                core = self._span_text(name_start + 1, end)
        abs_start, abs_end = self._abs(start, end)
        title_text = ""
        title_phrase = ""
        classes: set[str] = set()
        if title_parts:
            t_end = title_end if title_end > 0 else name_start
            if title_start >= 0 and t_end > title_start:
                title_text = self._span_text(title_start, t_end)
            main = max(title_parts, key=lambda t: len(t.phrase))
            title_phrase = main.phrase
            for t in title_parts:
                classes |= t.classes
        if honorific:
            classes |= title_lexicon().phrases[honorific].classes
        words = core.split()
        shape = any(len(w) == 2 and w[1] == "." and w[0].isupper() for w in words[1:-1]) or (
            any(w.lower() in NAME_PARTICLES for w in words[1:-1])
            and not any(norm_word(w) in _COMPANY_FORMS for w in words)  # rule "company form"
        )
        person_verb, locative = self._evidence(name_start, end)
        index = len(self.data.names)
        self.data.names.append(
            RawName(
                abs_start,
                abs_end,
                core,
                label,
                self.sent_of[name_start],
                title=title_text,
                title_phrase=title_phrase,
                honorific=honorific,
                classes=frozenset(classes),
                affil=tuple(affil),
                person_shape=shape,
                person_verb=person_verb,
                locative=locative,
                settlement=self._settlement_of(name_start, end),
                thing=(
                    self._named_thing(name_start, end, label)
                    or _model_designation(core)
                    or _thing_headed(core)
                    or any(k in self.works for k in range(name_start, end))
                ),
                team=label in ("GPE", "LOC") and self._side_of_score(name_start, end),
                says_it=self._says_it(name_start, end),
                org_context=self._org_context(name_start, end),
            )
        )
        for i in range(start, end):
            self.name_at[i] = index
        self.name_tokens[index] = (start, end)

    def _evidence(self, start: int, end: int) -> tuple[bool, bool]:
        """What the sentence says about the name: (only a person does this, it is where something happens).

        Rule "person predicate": the name heads a verb only people do ("said", "told", "was born", "died")
        or owns a kin or life word ("his wife" written "Holt's wife"). Rule "locative object": the name is
        the object of "in", "at", "near" and the like ("hotels in Hadibo").
        """
        head = self._root(start, end)
        verb = head.head
        if self._cited(start, end) and not any(k in self.works for k in range(start, end)):
            return True, False
        if head.dep_ == "nsubj" and verb.lemma_.lower() in _PERSON_VERBS:
            return True, False
        if head.dep_ == "nsubj" and verb.lemma_.lower() in _SPEECH_VERBS and self._reports_self(verb):
            return True, False
        if head.dep_ == "nsubjpass" and verb.lemma_.lower() in _PERSON_PASSIVES:
            return True, False
        if head.dep_ == "poss" and verb.lemma_.lower() in _PERSON_NOUNS:
            return True, False
        if head.dep_ != "pobj":
            return False, False
        motion = verb.lower_ in ("to", "from") and verb.head.lemma_.lower() in _MOTION_WORDS  # "travel to Łódź"
        return False, verb.lower_ in _LOCATIVE_PREPOSITIONS or motion

    @staticmethod
    def _reports_self(verb: Token, pronouns: tuple[str, ...] = ("he", "she")) -> bool:
        """Rule "says she": "Berlin said she left" (the reported clause's subject is he or she) is said by a
        person; an organization says "it" ("Acme said it would close")."""
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        return any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in pronouns for c in clauses for g in c.children)

    def _says_it(self, start: int, end: int) -> bool:
        """Rule "says it": "Twitter said it had removed the accounts": the speaker is an organization.

        Only when "it" does something to an object, with no person's pronoun in the clause: "Smith said it was
        late", "... it took time", "... it changed his life" are a person speaking of a thing.
        """
        head = self._root(start, end)
        verb = head.head
        if head.dep_ != "nsubj" or verb.lemma_.lower() not in _SPEECH_VERBS:
            return False
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.lemma_.lower() in _STATE_VERBS:
                continue
            if not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in clause.children):
                continue
            acts = any(c.dep_ == "dobj" for c in clause.children)
            personal = any(t.lower_ in PRONOUNS or t.lower_ in _FIRST_PERSON for t in clause.subtree)
            if acts and not personal:
                return True
        return False

    def _org_context(self, start: int, end: int) -> bool:
        """Rule "organization context": the sentence says something only an organization is or has.

        A class noun beside the name ("the company Twitter", "Ryanair, the budget airline"), a possession only a
        body has ("Twitter's shares", "Twitter users", "the founder of Twitter", "Twitter co-founder Jack
        Dorsey"), being founded or headquartered, laying staff off or reporting revenue.
        """
        doc = self.doc
        head = self._root(start, end)
        up = head.head
        dep = head.dep_
        near = [c for c in head.children if c.dep_ in ("compound", "appos") and c.i not in range(start, end)]
        if dep == "appos" and up.i != head.i:
            near.append(up)
        if any(t.pos_ == "NOUN" and t.lemma_.lower() in _ORG_CLASS_NOUNS for t in near):
            return True
        if dep in ("poss", "compound") and up.lemma_.lower() in _ORG_OWNED and up.i >= end:
            return True
        if end + 2 < len(doc) and self.lower[end : end + 3] == ["co", "-", "founder"]:
            return True  # "Twitter co-founder Jack Dorsey", split into three tokens by the parser
        if dep == "pobj" and up.lower_ == "of" and up.head.lemma_.lower() in _ORG_OWNED and up.head.i < start:
            return True  # "the founder of Twitter"
        verb = up if dep in ("nsubj", "nsubjpass") else None
        if verb is None:
            return False
        lemma = verb.lemma_.lower()
        if dep == "nsubjpass":
            return lemma in ("found", "headquarter")
        if lemma == "lay" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children):
            return True  # "Twitter laid off half its staff"
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return any(t.lemma_.lower() in _ORG_ACCOUNTS for obj in objects for t in obj.subtree)

    def _side_of_score(self, start: int, end: int) -> bool:
        """Rule "side of a score": "Sweden 1 – 0 Korea Republic", "Sweden defeated South Korea 1 – 0".

        A place written next to a match score, or beating, facing or losing to another side in a sentence
        that gives the score, is the team that plays for it, which is an organization.
        """
        doc = self.doc

        def score_at(i: int) -> bool:
            return (
                i >= 0
                and i + 2 < len(doc)
                and self.text[i + 1] in _SCORE_DASHES  # first: no Token made for most words
                and doc[i].like_num
                and doc[i + 2].like_num
            )

        if score_at(end) or score_at(start - 3):
            return True
        head = self._root(start, end)
        if head.dep_ not in ("nsubj", "dobj", "pobj"):
            return False
        if head.dep_ == "pobj" and head.head.lower_ not in ("to", "against", "with", "over"):
            return False  # "lost to England", not "defeated Chile in Oslo"
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if verb.lemma_.lower() not in _MATCH_VERBS:
            return False
        sent = head.sent
        return any(score_at(i) for i in range(sent.start, sent.end - 2))

    def _named_thing(self, start: int, end: int, label: str) -> bool:
        """Rule "named thing": the class noun in or beside the name says it is a thing, not an actor.

        "Space Shuttle Columbia" (the class word opens the name), "the TV series Supernatural", "his novel
        Angel Catbird" (the noun just before), "the Ulysses spacecraft", "the IE browser" (a noun the name
        classifies, not after an organization's name: "a NASA mission" is NASA's; not a work: "Zurbarán
        paintings" are his), "his latest book, Hegemony" / "Stardust, a NASA mission" (apposition), "Eegimaa is
        a Jóola language", "the favourite sport is Croquet" (the noun the name is said to be, either way round).
        """
        doc = self.doc
        table = self.table
        if table[start][_LOWER] == _THE_ID:
            start += 1
        if start >= end:
            return False
        if any(table[k][_LOWER] in _THING_OPENER_IDS for k in range(start, min(start + 2, end - 1))):
            return True  # the class word opens the name: "Space Shuttle Columbia", "Cyclone Phailin"
        if (
            start > 0
            and self.lower[start - 1] == self.text[start - 1]
            and doc[start - 1].lemma_.lower() in _THING_NOUNS
        ):
            return table[start - 1][_POS] == int(NOUN)
        head = self._root(start, end)
        if label != "ORG" and end < len(doc) and table[end][_POS] == NOUN and doc[end].lemma_.lower() in _KIND_NOUNS:
            return head.head.i == end and head.dep_ == "compound"
        if head.dep_ == "appos" and head.head.lemma_.lower() in _THING_NOUNS and head.head.pos_ == "NOUN":
            return True
        for child in head.children:
            if child.dep_ == "appos" and child.lemma_.lower() in _THING_NOUNS and child.pos_ == "NOUN":
                return True
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            return any(
                c.dep_ == "attr" and c.lemma_.lower() in _THING_NOUNS and c.pos_ == "NOUN" for c in head.head.children
            )
        if head.dep_ in ("attr", "acomp") and head.head.lemma_ == "be" and head.head.i > 0:
            # "their favourite sport is Croquet": the noun the name is said to be, before the verb.
            noun = doc[head.head.i - 1]
            return noun.lemma_.lower() in _THING_NOUNS and noun.pos_ == "NOUN"
        return False

    def _language_kind(self, start: int, end: int, label: str) -> bool:
        """Rule "language kind": "a Jóola language", "Atlantic languages", "the Wu dialects" name a language here.

        Only this mention is dropped: the people the language is named after stay actors elsewhere ("the
        Moriori language" beside "important to Moriori").
        """
        doc = self.doc
        if (
            label == "ORG"
            or end >= len(doc)
            or self.table[end][_POS] != NOUN
            or doc[end].lemma_.lower() not in _SPEECH_KINDS
        ):
            return False
        head = self._root(start, end)
        return head.head.i == end and head.dep_ in ("compound", "amod", "nmod")

    def _settlement_of(self, start: int, end: int) -> bool:
        """Rule "settlement of": "the town of Yeoncheon", "the province of Aceh" name a place, whatever the label."""
        head = self._root(start, end)
        of = head.head
        return (
            head.dep_ == "pobj"
            and of.lower_ == "of"
            and of.head.lemma_.lower() in _SETTLEMENT_NOUNS
            and of.head.i == start - 2  # "town of X": nothing between the noun, "of" and the name
        )

    def _cited(self, start: int, end: int) -> bool:
        """Rule "citation": an author cited with a year or "et al." ("Thorell (2015)", "Hein et al.")."""
        doc = self.doc
        if end >= len(doc) or self.norm[end] not in ("(", ",", "et"):
            return False  # no bracket, comma or "et" after the name: the common case, told from the lexicon's spelling
        words = [t for t in doc[start:end] if not t.is_punct]
        if len(words) > 3 or any(not t.text[:1].isupper() or t.lower_ == "the" for t in words):
            return False  # "The Philosophy of Grammar (1924)" is a work, not its author
        after = [t.text for t in doc[end : end + 3]]
        year = [w for w in after[:2] if len(w) == 4 and w.isdigit() and w[:2] in ("19", "20")]
        return bool(after) and (
            (after[0] in ("(", ",") and bool(year)) or (after[0] == "et" and len(after) > 1 and after[1] == "al.")
        )

    def _brackets(self, first: int) -> None:
        """ "Korean Central News Agency (KCNA)": the bracketed acronym is the same actor."""
        doc = self.doc
        if "(" not in doc_text(doc):
            return  # no bracket after any name (most paragraphs): the names' end tokens are not looked up
        names = self.data.names
        by_start = {names[k].start: k for k in range(first, len(names))}
        for k in range(first, len(names)):
            name = names[k]
            tok = self._token_ending_at(name.end)
            if tok is None or tok + 3 > len(doc) or self.text[tok + 1] != "(":
                continue
            inner = doc[tok + 2]
            close = tok + 3
            if close >= len(doc) or self.text[close] != ")":
                other = by_start.get(self.offset + inner.idx)
                if other is not None and is_acronym(name.core) and not is_acronym(names[other].core):
                    names[other].link = k
                continue
            abs_start = self.offset + inner.idx
            other = by_start.get(abs_start)
            credit = _agency_credit(name, inner.text)
            if other is not None:
                if not credit and (is_acronym(names[other].core) or is_acronym(name.core)):
                    names[other].link = k
            elif is_acronym(inner.text) and not self.used[inner.i]:
                self.used[inner.i] = True
                label, link = ("ORG", -1) if credit else (name.label, k)
                names.append(RawName(abs_start, abs_start + len(inner.text), inner.text, label, name.sent, link=link))

    def _declared_aliases(self, first: int) -> None:
        """Rule "declared alias": a name the text gives another one is the same actor.

        "Norton, known as Emperor Norton", "X (also known as Y)", "X, nicknamed Y", "referring to Mr. X by his
        nickname, Y" (the nickname goes to the last person named before it in the sentence).
        """
        doc = self.doc
        for k in range(first, len(self.data.names)):
            if k not in self.name_tokens:
                continue
            end = self.name_tokens[k][1]
            j = end
            while j < len(doc) and self.text[j] in {",", "(", "-", "–", "—"}:
                j += 1
            while j < len(doc) and self.lower[j] in _ALIAS_ADVERBS:
                j += 1
            if j + 1 < len(doc) and self.lower[j] == "known" and self.lower[j + 1] == "as":
                self._alias_at(j + 2, k)
            elif j < len(doc) and self.lower[j] == "nicknamed":
                self._alias_at(j + 1, k)
        if "known" in self.lower_text:
            self._chained_aliases()
        for tok in doc if "nickname" in self.lower_text else ():
            if tok.lower_ not in ("nickname", "nicknames"):
                continue
            owners = [
                self.name_at[i]
                for i in range(tok.sent.start, tok.i)
                if i in self.name_at and self.data.names[self.name_at[i]].label == "PERSON"
            ]
            j = tok.i + 1
            while j < len(doc) and (self.text[j] in {",", ":"} or self.text[j] in _QUOTE_MARKS):
                j += 1
            if owners and j < len(doc) and j - tok.i <= 3 and self._capitalised(j):
                self._alias_at(j, owners[-1])
            elif owners:
                self._quoted_nickname(tok, owners[-1])

    def _quoted_nickname(self, nickname: Token, owner: int) -> None:
        """Rule "nickname explained after the quote": in "'... Bibi will come around,' he said, referring to
        Mr. Netanyahu by his nickname." the nickname is the one-word person name quoted earlier in the sentence."""
        owner_start = self.name_tokens[owner][0] if owner in self.name_tokens else nickname.i
        closing = [i for i in range(nickname.sent.start, owner_start) if self.text[i] in _QUOTE_MARKS]
        if len(closing) < 2:
            return  # no quotation before the person the nickname is explained for
        owner_text = self.data.names[owner].core.lower()
        for i in range(closing[-1] - 1, closing[0], -1):
            k = self.name_at.get(i)
            if k is None or k == owner or self.data.names[k].label != "PERSON":
                continue
            name = self.data.names[k]
            if " " not in name.core and name.core.lower() not in owner_text:
                name.link = owner
                name.alias = True
            return

    def _chained_aliases(self) -> None:
        """Rule "declared alias" (by the parse): "Dominica, known locally as Waitukubuli, and also known as the
        Nature Isle": every "known as" hanging on the name, directly or joined by "and", names it again."""
        doc = self.doc
        for tok in doc:
            if tok.lower_ != "known" or tok.dep_ != "conj":
                continue  # the first "known as" right after the name is read by `_declared_aliases`
            first = tok
            while first.dep_ == "conj" and first.head.lower_ == "known" and first.head.i != first.i:
                first = first.head
            named = first.head
            if named.i not in self.name_at:
                continue
            # "Dominica, known as X, and known as Y": the parse joins the second "known" to the name or to the first
            declared = first.dep_ == "acl" or any(c.dep_ == "acl" and c.lower_ == "known" for c in named.children)
            if not declared:
                continue
            owner = self.name_at[named.i]
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    objects = [c for c in prep.children if c.dep_ == "pobj"]
                    if objects:
                        j = objects[0].left_edge.i
                        self._alias_at(j + 1 if self.lower[j] == "the" else j, owner)

    def _alias_at(self, j: int, owner: int) -> None:
        """Link the capitalised name starting at token `j` (a known name or a new one) to name `owner`."""
        doc = self.doc
        while j < len(doc) and self.text[j] in _QUOTE_MARKS:
            j += 1
        if j >= len(doc) or not self._capitalised(j):
            return
        if j in self.name_at:  # the alias is a name already found: it joins its owner (unless it is the owner)
            if self.name_at[j] != owner:
                self.data.names[self.name_at[j]].link = owner
                self.data.names[self.name_at[j]].alias = True
            return
        stop = j
        while stop < len(doc) and stop - j < 4 and self._capitalised(stop) and not self.used[stop]:
            stop += 1
        if stop == j:
            return
        self._add_name(j, j, stop, self.data.names[owner].label)
        self.data.names[-1].link = owner
        self.data.names[-1].alias = True

    def _token_ending_at(self, abs_end: int) -> int | None:
        """The first token that ends at `abs_end` (one table per paragraph, not a walk over it per name)."""
        if self._token_ends is None:
            self._token_ends = {}
            for i, row in enumerate(self.table):
                self._token_ends.setdefault(self.offset + row[_IDX] + row[_LENGTH], i)
        return self._token_ends.get(abs_end)

    def _roles(self) -> None:
        """Role noun phrases: appositions to names give roles; definite ones may refer back to a person."""
        doc = self.doc
        starters = self.lex.starters
        i = 0
        while i < len(self.norm):
            if self.used[i] or self.norm[i] not in starters:  # no lexicon phrase starts here: `_title_fwd` not asked
                i += 1
                continue
            found = self._title_fwd(i)
            if found is None or (found[1].kind not in ("title", "role") and not self._apposed_noun(i, found[0])):
                i += 1
                continue
            start = i
            end, title = found
            i = end
            if end < len(doc) and end in self.name_at:
                continue
            if any(self.used[k] for k in range(start, end)):
                continue
            self._role_phrase(start, end, title)

    def _apposed_noun(self, start: int, end: int) -> bool:
        """Rule "possessive apposition": a modifier word used as the noun of an apposition ("Jon Finer, his deputy")."""
        head = self.doc[start:end].root
        return head.pos_ == "NOUN" and head.dep_ == "appos" and head.head.i in self.name_at

    def _role_phrase(self, start: int, end: int, title: Title) -> None:
        doc = self.doc
        head = doc[start:end].root
        if head.tag_ not in ("NN", "NNP"):
            return
        # Left: determiner, possessor, demonyms / organizations / countries, lexicon modifiers.
        left = start
        affil: list[str] = []
        definite = False
        extra = False
        k = start - 1
        bound = head.left_edge.i
        affil_tokens: set[int] = set()
        while k >= bound:
            tok = doc[k]
            ent = self.ent_at.get(k)
            if ent is not None and ent.label_ in ENTITY_TYPES and ent.label_ != "PERSON" and ent.end == k + 1:
                affil.append(affiliation_key(ent.text, ent.label_))
                left = max(ent.start, bound)
                affil_tokens.update(range(left, k + 1))
                k = left - 1
                continue
            if (ent is not None and ent.label_ in ENTITY_TYPES) or self.used[k]:
                break
            low = tok.lower_
            if low in _DETERMINERS:
                definite = True
                left = k
                break
            if low in _INDEFINITE or low in _POSSESSIVE_PRONOUNS:
                left = k
                break
            if tok.text in POSSESSIVE_TOKENS:
                definite = True
                k -= 1
                continue
            if tok.is_punct and tok.text not in ("-", "–"):
                break
            words = self._title_back(k + 1)
            if words is None or words[1].kind != "modifier":
                extra = True
            left = k if words is None else words[0]
            k = left - 1
        right = end
        # Right: "of Egypt", "to Washington", "of Israel's Mossad" name the affiliation.
        for child in head.rights:
            if child.i == end and child.dep_ == "prep" and child.lower_ in ("of", "to", "for"):
                stop = self._phrase_end(child)
                inner = [e for e in self.ents if child.i < e.start and e.end <= stop]
                one_name = len(inner) == 1 and inner[0].start <= child.i + 2  # "of the Eastern League All-Star Game"
                if stop - end > 6 and not one_name:
                    extra = True
                    break
                if inner:
                    affil.extend(affiliation_key(e.text, e.label_) for e in inner if e.label_ in ENTITY_TYPES)
                    right = stop
                    for e in inner:
                        affil_tokens.update(range(e.start, e.end))
                elif child.lower_ == "of" and self._named_body(end + 1, stop, affil, affil_tokens):
                    right = stop  # "Emperor of the United States" was one entity
                elif child.lower_ == "of":
                    extra = True
        while right > end and doc[right - 1].is_punct:
            right -= 1  # "Emperor of Canada," ends before the comma
        if right - left > _MAX_ROLE_TOKENS or any(self.used[k] for k in range(left, right) if k not in affil_tokens):
            return
        # Apposition: "Burns, the C.I.A. director" or "the national security adviser, Jake Sullivan".
        name = -1
        numeral = second = False
        if head.dep_ == "appos" and head.head.i in self.name_at:
            name = self.name_at[head.head.i]
        elif head.dep_ == "appos" and self._regnal_numeral(head.head):
            name, numeral = self.name_at[head.head.i - 1], True  # "Norton I, Emperor of the United States"
        elif self._second_office(head) >= 0:
            # Rule "second office": "Vale, Director of the Salt Study, and Chairman of the Centre": the parse
            # joins the second office to the name or to the first office; it is the same person's.
            name, second = self.name_at[self._second_office(head)], True
        else:
            for child in head.children:
                if child.dep_ == "appos" and child.i in self.name_at:
                    name = self.name_at[child.i]
                    break
        if name >= 0 and not second:
            span = self.name_tokens[name]
            if not self._adjacent((span[0], span[1] + numeral), (left, right)):
                name = -1
        holder = -1
        if name < 0:
            name, holder = self._office_holder(head)
        if name < 0 and holder < 0 and (not definite or extra):
            return
        text_start = left
        if self.lower[left] in _INDEFINITE or self.lower[left] in _POSSESSIVE_PRONOUNS:
            text_start = left + 1
        abs_start, abs_end = self._abs(left, right)
        for k in range(left, right):
            self.used[k] = True
        # The mention itself leaves out a named affiliation ("the C.I.A. director" -> "director"), which
        # stays a mention of its own.
        named = sorted(k for k in affil_tokens if k in self.name_at)
        before = [k for k in named if k < head.i]
        after = [k for k in named if k > head.i]
        if before:
            first = before[-1] + 1
            while first < head.i and self.text[first] in POSSESSIVE_TOKENS:
                first += 1  # "Qatar’s prime minister" -> "prime minister", not "’s prime minister"
            abs_start = self._abs(first, right)[0]
        # Rule "capitalised office": "Chair of the Transport Council" is written as a name and read as one, so
        # the mention keeps the body it names (which stays a mention of its own, inside it).
        whole = bool(after) and self._capitalised(start) and self.lower[end] in ("of", "for")
        if after and not whole:
            stop = after[0]
            while stop - 1 > head.i and self.lower[stop - 1] in ("the", "of", "to", "for"):
                stop -= 1
            abs_end = self._abs(left, stop)[1]
        self.data.roles.append(
            RawRole(
                abs_start,
                abs_end,
                self._span_text(text_start, right),
                title.phrase,
                tuple(affil),
                self.sent_of[head.i],
                name=name,
                definite=definite,
                extra=extra,
                whole=whole,
                pronoun=holder,
                possessor=self._abs(left, left + 1)[0] if name >= 0 and self.lower[left] in PRONOUNS else -1,
            )
        )

    @staticmethod
    def _phrase_end(prep: Token) -> int:
        """Where "of the United States" ends: its object and the phrases it takes, not a list joined to it
        ("Emperor of the United States, photograph, c. 1871")."""
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            return prep.right_edge.i + 1
        end = objects[0].i + 1
        for child in objects[0].rights:
            if child.dep_ != "prep":
                break
            end = child.right_edge.i + 1
        return end

    def _second_office(self, head: Token) -> int:
        """The name token a capitalised office joined by "and" belongs to, or -1: the name already has an office
        in apposition, and the parse joins the second to the name or to that first office."""
        if head.dep_ != "conj" or not _capitalised(head):
            return -1
        first = head.head
        if first.dep_ == "appos" and self._title_fwd(first.i) is not None and first.head.i in self.name_at:
            return first.head.i
        if first.i in self.name_at and any(
            c.dep_ == "appos" and c.i < head.i and self._title_fwd(c.i) is not None for c in first.children
        ):
            return first.i
        return -1

    def _regnal_numeral(self, tok: Token) -> bool:
        """Rule "regnal numeral": "I" right after a name ("Norton I") numbers it; the parser reads it as "I"."""
        return (
            tok.text in _ROMAN
            and not tok.is_sent_start
            and tok.i - 1 in self.name_at
            and self.name_tokens[self.name_at[tok.i - 1]][1] == tok.i
        )

    def _office_holder(self, head: Token) -> tuple[int, int]:
        """Rule "office predicate": who a role is said of: (named subject, or -1; pronoun subject start, or -1).

        "Keller served as President of the Society", "Keller was elected a Fellow of the Royal Society",
        "Brandt was named the Chairman of the Board", "she became Governor": the subject holds the role.
        Not under a negation ("Keller was not the president"); a "he"/"she" subject passes the role on to
        the person the pronoun is resolved to.
        """
        none = (-1, -1)
        if head.dep_ in ("attr", "oprd"):
            verb = head.head
            if verb.lemma_.lower() not in _OFFICE_VERBS:
                return none
        elif head.dep_ == "pobj" and head.head.lower_ == "as" and head.head.dep_ == "prep":
            verb = head.head.head
            if verb.lemma_.lower() not in _SERVE_VERBS:
                return none
        else:
            return none
        if any(c.dep_ == "neg" for c in verb.children):
            return none
        for child in verb.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.i in self.name_at:
                owner = self.name_at[child.i]
                return (owner, -1) if self.data.names[owner].label in ("PERSON", "ORG", "") else none  # not a place
            if child.lower_ in ("he", "she"):
                return -1, self.offset + child.idx
        return none

    def _named_body(self, start: int, stop: int, affil: list[str], affil_tokens: set[int]) -> bool:
        """The name found between tokens `start` and `stop` ("the United States" after "Emperor of"), if any."""
        found = False
        for index, (a, b) in self.name_tokens.items():
            if start <= a and b <= stop:
                name = self.data.names[index]
                affil.append(affiliation_key(name.core, name.label))
                affil_tokens.update(range(a, b))
                found = True
        return found

    def _adjacent(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """Apposition needs the two phrases side by side, split by a comma, dash or bracket at most."""
        first, second = (a, b) if a[0] < b[0] else (b, a)
        gap = self.doc[first[1] : second[0]]
        return len(gap) <= 2 and all(t.text in {",", "(", "-", "–", "—"} for t in gap)

    def _runs(self) -> None:
        """Proper-noun runs outside entities, so later uses of a known name are found ("Montalvo had read")."""
        doc = self.doc
        run: list[Token] = []
        # Outside entities (IOB "O"), a proper noun or a title-cased noun, verb or adjective: read from the
        # attribute ids first, so only those tokens are made into Tokens and checked further.
        # A one-word entity of a label actors never have counts as outside ("Jared" as a product, "Hadid" as a work).
        misread = {ent.start for ent in self.ents if len(ent) == 1 and ent.label_ in _NON_ACTOR_LABELS}
        shaped = [
            (row[_ENT_IOB] == _IOB_OUTSIDE or i in misread)
            and (row[_POS] == PROPN or (row[_POS] in _MISTAGGED_NAME_POS and row[_IS_TITLE]))
            for i, row in enumerate(self.table)
        ]
        # Only the shaped tokens are visited: any other token ends a run as one that fails the checks would.
        last = -2
        for i in [*itertools.compress(range(len(shaped)), shaped), -1]:
            if i != last + 1:
                self._end_run(run)
                run = []
            last = i
            tok = doc[i] if i >= 0 else None
            if (
                tok is not None
                and not self.used[tok.i]
                and _capitalised(tok)
                and any(c.isalpha() for c in tok.text)
                and not self._caption_word(tok.i)
            ):
                run.append(tok)
                continue
            self._end_run(run)
            run = []

    def _end_run(self, run: list[Token]) -> None:
        """Keep a proper-noun run that ended (up to six words), and whether the text calls it a thing."""
        if run and len(run) <= 6:
            if self._named_thing(run[0].i, run[-1].i + 1, "") or run[0].i in self.works:
                self.data.things.add(self.offset + run[0].idx)
            self.data.runs.append(
                (
                    tuple((self.offset + t.idx, self.offset + t.idx + len(t.text)) for t in run),
                    tuple(t.text for t in run),
                    self.sent_of[run[0].i],
                )
            )
