"""Name keys: what in an actor's names links it to the same actor in other documents.

Linking rules (general, so they hold on news the rules were not written for):
- Two document actors of the same type are one library actor when they share a name key: a normalised
  full name or declared alias (titles such as "President" or "Mr." removed, case, accents, possessives,
  a leading "the" or "these", a company's "Inc." or "Ltd." and British "-isation" spellings ignored;
  "Joseph R. Biden" also keys as "joseph biden").
- The same name typed as an organisation in one document and as a place in another is one actor, and so
  is a full name (two words or more) typed as a person in one and as an organisation in another: the
  types a tagger gives a proper name vary from text to text, the name does not.
- A short form a document uses for a longer name of the same actor ("Church" or "Scientology" for "the
  Church of Scientology", "Europe" for "the Council of Europe", "South" for "South Korea") stands for that
  actor in that document only: it links no other document, since elsewhere the same word is another
  actor. One kind is kept, as a name of its own type only: the name after "of" in an organisation's name
  ("Scientology" for "the Church of Scientology") and in a state's ("Texas" for "the State of Texas").
- A one-word name of a kind of place or body ("the House", "the Senate", "Downtown", "the East"), and a
  name every town has ("Main Street", "City Hall"), is a different actor in each document: it links
  nothing (the full name, "House of Representatives", does).
- A name written without a capital letter ("metro", "n't") is no proper name and links nothing.
- A name of two words or more that shares no word with the actor's other names and is mentioned less
  than they are ("Playhouse Square Center" among nine "US") is the document's slip, not a name of the
  actor: it gives no key.
- A person known in a document by a surname only ("Mr. Smith") joins a library person only when exactly
  one full-named person with that surname is in the library; a second full-named Smith detaches it again.
  Two bare "Smith"s are never linked to each other. A name that opens with the word of a body
  ("Conservatoire de Paris", taken for a person) is no one's full name, and "George Bush" is not keyed
  from a document that names both a George H. W. and a George W.
- An acronym links documents only where a document declares it ("World Health Organization (WHO)"): it
  is then a name key like any other. Initials are never guessed across documents ("NFL", "CBC" and "ST"
  stand for different things in different texts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from models.domain import Actor, ActorType, MentionKind

# Words that precede a person's name without being part of it.
_TITLES = (
    "mr mrs ms miss mx dr doctor prof professor sir dame lady lord president vice prime minister premier "
    "chancellor secretary senator sen rep representative congressman congresswoman gov governor mayor "
    "judge justice general gen lt col colonel major maj capt captain sgt sergeant admiral adm commander "
    "cmdr king queen prince princess pope cardinal archbishop bishop rev reverend father sister brother "
    "rabbi imam sheikh ayatollah chairman chairwoman chair ceo chief deputy foreign defense defence "
    "interior finance state attorney ambassador former acting late mp mep councillor councilman officer "
    "detective agent coach player saint st"
)
PERSON_TITLES = frozenset(_TITLES.split())
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A company's legal form after its name: "Google Inc." is "Google".
_COMPANY_FORMS = frozenset({"inc", "corp", "ltd", "llc", "plc", "gmbh"})
# Words before a state's "of" that name the same place as what follows ("the State of Texas" is Texas).
_STATE_HEADS = frozenset({"state", "republic", "kingdom", "commonwealth", "principality", "sultanate", "emirate"})
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "in", "de", "des", "du", "la", "le", "&"})
# One-word names of a kind of thing rather than of one thing: "the House" is New Zealand's parliament in one
# text and the House of Representatives in another, "Downtown" is Oakland's or Phoenix's, "the East" India's
# or Oklahoma's. Such a name stands for its actor in its own document and links no other.
_KIND_TEXT = (
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west "
    "downtown uptown midtown metro city town village centre center county province region state republic "
    "kingdom empire church house senate congress parliament assembly council court government administration "
    "army navy police university college school hospital museum library ministry department office party "
    "union league society company bank cathedral island islands airport station park harbor beach bay river lake "
    "square chinatown"
)
# Names of two words every town has: Tulsa's Main Street is not Fort Lee's.
_KIND_NAMES = frozenset({"main street", "high street", "city hall", "town hall", "old town", "city center"})
_KIND_WORDS = frozenset(_KIND_TEXT.split())
# First words of the name of a body or a place, never of a person, when an analysis takes one for a person.
_BODY_WORDS = _KIND_WORDS | {"conservatoire", "conservatory", "institute", "academy", "foundation", "hotel"}
_BRITISH = {"centre": "center", "theatre": "theater", "defence": "defense", "programme": "program"}
_DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _fold(text: str) -> str:
    """Lower case without accents, curly quotes straightened, dots of acronyms ("U.S.") dropped."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", text)
    return text.casefold()


def _spelt_one_way(word: str) -> str:
    """British and American spellings of a name's word as one ("Organisation", "Centre", "Defence")."""
    return _BRITISH.get(word) or re.sub(r"(?<=\w\w)isation$", "ization", word)


def name_words(name: str, actor_type: ActorType | str) -> list[str]:
    """The words that identify `name`: folded, without possessive, leading "the", or a person's titles."""
    words = _WORD.findall(_fold(name))
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]
    words = [_spelt_one_way(w) for w in words if w]
    if len(words) > 1 and words[0] in _DETERMINERS:
        words = words[1:]
    if actor_type == ActorType.PERSON:
        while len(words) > 1 and words[0] in PERSON_TITLES:
            words = words[1:]
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
    elif actor_type == ActorType.ORG:
        while len(words) > 1 and words[-1] in _COMPANY_FORMS:
            words = words[:-1]
    return words


def acronym(name: str) -> str | None:
    """The initials of a name of two or more significant capitalised words ("World Health Organization")."""
    words = [w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).casefold()


# Name keys shared across types, for what one document types otherwise than another: the same proper name
# as an organisation and as a place ("South Korea" the team and the country, "Johnson Space Center"), and a
# full name of two or more words as a person and as an organisation ("Noam Chomsky" mistaken for a firm).
_ORG_OR_PLACE = "ORG|PLACE"
_PERSON_OR_ORG = "PERSON|ORG"


@dataclass
class ActorKeys:
    """What links one document actor: name keys, keys it owns for others' lookup, keys it looks up."""

    names: set[str] = field(default_factory=set)
    owns: set[str] = field(default_factory=set)
    seeks: set[str] = field(default_factory=set)
    spellings: dict[str, str] = field(default_factory=dict)  # name key -> how the document writes it

    def rows(self) -> Iterable[tuple[str, str]]:
        yield from (("name", k) for k in self.names)
        yield from (("owner", k) for k in self.owns)
        yield from (("seeker", k) for k in self.seeks)


def actor_names(actor: Actor) -> list[str]:
    """The actor's name, declared aliases and the texts of its name mentions (not pronouns or role nouns)."""
    names = [actor.name, *actor.aliases]
    names += [m.text for m in actor.mentions if m.kind == MentionKind.NAME]
    seen: dict[str, None] = {}
    for name in names:
        if name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)


def _spell(name: str) -> str:
    bare = re.sub(r"^(?:the|these|those|this|that)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['\u2019]s$", "", bare)


def _slips(actor: Actor, names: list[str]) -> set[str]:
    """Names of two words or more that share no word with the actor's other names and are mentioned less.

    One document's analysis may join a name to an actor it is not ("Playhouse Square Center" to the nine
    "US" of a travel guide); such a name must neither name the library actor nor pull in other documents.
    """
    words = {name: set(name_words(name, actor.type)) for name in names}
    said: dict[str, int] = {}
    for mention in actor.mentions:
        if mention.kind == MentionKind.NAME:
            said[mention.text.strip()] = said.get(mention.text.strip(), 0) + 1
    slips = set()
    for name in names:
        others = [n for n in names if n != name and words[n]]
        initials = acronym(name)
        if len(words[name]) < 2 or not others or any(words[n] & words[name] for n in others):
            continue
        if initials and any(words[n] == {initials} for n in others):
            continue  # "World Health Organization" and its "WHO"
        if said.get(name, 0) < sum(said.get(n, 0) for n in others):
            slips.add(name)
    return slips


def _kind_word(name: str, actor_type: ActorType) -> bool:
    """Whether `name` is one word naming a kind of place or body ("Senate", "Downtown"), not one of them."""
    words = name_words(name, actor_type)
    return (len(words) == 1 and words[0] in _KIND_WORDS) or " ".join(words) in _KIND_NAMES


def _short_forms(names: list[str], actor_type: ActorType) -> tuple[set[str], set[str]]:
    """The names that are part of a longer name of the same actor: (kept as their own type only, dropped).

    Kept: the name after "of" in an organisation's name ("Scientology") and in a state's ("Texas"). Dropped:
    every other part ("Church", "Europe" of a place called "Council of Europe", "South" of "South Korea").
    """
    words = {name: name_words(name, actor_type) for name in names}
    kept: set[str] = set()
    dropped: set[str] = set()
    for name in names:
        short = words[name]
        longer = [words[n] for n in names if short and set(short) < set(words[n])]
        if not longer:
            continue
        if any(_names_what_follows_of(long, short, actor_type) for long in longer):
            kept.add(name)
        else:
            dropped.add(name)
    return kept, dropped - kept


def _names_what_follows_of(long: list[str], short: list[str], actor_type: ActorType) -> bool:
    """Whether `short` is what follows "of" in `long` and stands for the same actor there."""
    if "of" not in long[1:]:
        return False
    at = long.index("of", 1)
    tail = long[at + 1 :]
    if tail[:1] == ["the"]:
        tail = tail[1:]
    if tail != short:
        return False
    return actor_type == ActorType.ORG or (actor_type == ActorType.PLACE and long[at - 1] in _STATE_HEADS)


def actor_keys(actor: Actor) -> ActorKeys:
    """The keys of one document actor (see the module docstring for the rules)."""
    keys = ActorKeys()
    kind = str(actor.type)
    # A name written without a capital ("metro", "n't") is no proper name: it links nothing.
    names = [n for n in actor_names(actor) if any(c.isupper() for c in n)]
    slips = _slips(actor, names)
    names = [n for n in names if n not in slips] or names
    # The shortest spelling of each key, the document's own name first ("Joe Biden", not "President Joe Biden").
    for name in sorted(names, key=lambda n: (n != actor.name, len(n.split()), n)):
        words = name_words(name, actor.type)
        if words and (actor.type != ActorType.PERSON or len(words) >= 2):
            keys.spellings.setdefault(f"{kind}:n:{' '.join(words)}", _spell(name))
    if actor.type == ActorType.PERSON:
        full = [w for w in (name_words(n, actor.type) for n in names) if len(w) >= 2]
        middles: dict[tuple[str, str], set[tuple[str, ...]]] = {}
        for words in full:
            middles.setdefault((words[0], words[-1]), set()).add(tuple(words[1:-1]))
        for words in full:
            keys.names.add(f"{kind}:n:{' '.join(words)}")
            keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
            # "joseph r biden" is also "joseph biden", unless the document also names a "joseph x biden"
            # (two Bushes, "George H. W." and "George W.", made one actor by a document's analysis).
            if len(words) >= 3 and len(middles[(words[0], words[-1])] - {()}) == 1:
                keys.names.add(f"{kind}:n:{words[0]} {words[-1]}")
            if words[0] not in _BODY_WORDS:  # "Conservatoire de Paris" taken for a person owns no surname
                keys.owns.add(f"{kind}:s:{words[-1]}")
        if not full:
            for name in names:
                words = name_words(name, actor.type)
                if len(words) == 1:
                    keys.seeks.add(f"{kind}:s:{words[0]}")
        return keys
    names = [n for n in names if not _kind_word(n, actor.type)]
    kept, dropped = _short_forms(names, actor.type)
    for name in names:
        words = name_words(name, actor.type)
        if not words or name in dropped:
            continue
        keys.names.add(f"{kind}:n:{' '.join(words)}")
        if name in kept:
            continue
        if actor.type in (ActorType.ORG, ActorType.PLACE):
            keys.names.add(f"{_ORG_OR_PLACE}:n:{' '.join(words)}")
        if actor.type == ActorType.ORG and len(words) >= 2:
            keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
    keys.spellings = {k: v for k, v in keys.spellings.items() if k in keys.names}
    return keys
