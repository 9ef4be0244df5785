"""Name keys: what in an actor's names links it to the same actor in other documents.

Linking rules (general, so they hold on news the rules were not written for):
- Two document actors of the same type are one library actor when they share a name key: a normalised
  full name or declared alias (titles such as "President" or "Mr." removed, case, accents, possessives
  and a leading "the" ignored; "Joseph R. Biden" also keys as "joseph biden").
- The same name typed as an organisation in one document and as a place in another is one actor, and so
  is a full name (two words or more) typed as a person in one and as an organisation in another: the
  types a tagger gives a proper name vary from text to text, the name does not.
- A person known in a document by a surname only ("Mr. Smith") joins a library person only when exactly
  one full-named person with that surname is in the library; a second full-named Smith detaches it again.
  Two bare "Smith"s are never linked to each other.
- An organisation, place or group named only by an acronym ("WHO") joins the one library actor whose
  full name gives that acronym ("World Health Organization"), under the same uniqueness rule; a declared
  acronym (the document's own "World Health Organization (WHO)") is a name key like any other.
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
_ACRONYM_SKIP = frozenset({"of", "and", "for", "the", "on", "in", "de", "des", "du", "la", "le", "&"})
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _fold(text: str) -> str:
    """Lower case without accents, curly quotes straightened, dots of acronyms ("U.S.") dropped."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.", "", text)
    return text.casefold()


def name_words(name: str, actor_type: ActorType | str) -> list[str]:
    """The words that identify `name`: folded, without possessive, leading "the", or a person's titles."""
    words = _WORD.findall(_fold(name))
    words = [w[:-2] if w.endswith("'s") else w.rstrip("'") for w in words]
    words = [w for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    if actor_type == ActorType.PERSON:
        while len(words) > 1 and words[0] in PERSON_TITLES:
            words = words[1:]
        while len(words) > 1 and words[-1] in NAME_SUFFIXES:
            words = words[:-1]
    return words


def acronym(name: str) -> str | None:
    """The initials of a name of two or more significant capitalised words ("World Health Organization")."""
    words = [w for w in re.findall(r"[^\W_]+", name) if w.casefold() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).casefold()


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "").strip()
    if bare.casefold().startswith("the "):
        bare = bare[4:]
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


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
    bare = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"['\u2019]s$", "", bare)


def actor_keys(actor: Actor) -> ActorKeys:
    """The keys of one document actor (see the module docstring for the rules)."""
    keys = ActorKeys()
    kind = str(actor.type)
    names = actor_names(actor)
    # The shortest spelling of each key, the document's own name first ("Joe Biden", not "President Joe Biden").
    for name in sorted(names, key=lambda n: (n != actor.name, len(n.split()), n)):
        words = name_words(name, actor.type)
        if words and (actor.type != ActorType.PERSON or len(words) >= 2):
            keys.spellings.setdefault(f"{kind}:n:{' '.join(words)}", _spell(name))
    if actor.type == ActorType.PERSON:
        full = [w for w in (name_words(n, actor.type) for n in names) if len(w) >= 2]
        for words in full:
            keys.names.add(f"{kind}:n:{' '.join(words)}")
            keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
            if len(words) >= 3:  # "joseph r biden" is also "joseph biden"
                keys.names.add(f"{kind}:n:{words[0]} {words[-1]}")
            keys.owns.add(f"{kind}:s:{words[-1]}")
        if not full:
            for name in names:
                words = name_words(name, actor.type)
                if len(words) == 1:
                    keys.seeks.add(f"{kind}:s:{words[0]}")
        return keys
    for name in names:
        words = name_words(name, actor.type)
        if words:
            keys.names.add(f"{kind}:n:{' '.join(words)}")
            if actor.type in (ActorType.ORG, ActorType.PLACE):
                keys.names.add(f"{_ORG_OR_PLACE}:n:{' '.join(words)}")
            if actor.type == ActorType.ORG and len(words) >= 2:
                keys.names.add(f"{_PERSON_OR_ORG}:n:{' '.join(words)}")
        initials = acronym(name)
        if initials and len(initials) >= 2:
            keys.owns.add(f"{kind}:a:{initials}")
    if not keys.owns:
        for name in names:
            if _is_acronym(name):
                keys.seeks.add(f"{kind}:a:{name_words(name, actor.type)[0]}")
    return keys
