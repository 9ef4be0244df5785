"""The vocabulary the actor stage shares: spaCy's labels as actor types and the facts kept per document.

Why a module of its own: `actors` collects these facts paragraph by paragraph, `actor_groups` groups them
for the whole document and `pipeline` streams the provisional spans to the window; each imports the
words from here, so none of the three needs another to describe what it receives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models.analysis.pronouns import RawPronoun
from models.domain import ActorType

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy's entity labels that name actors, and the actor type each one suggests.
ENTITY_TYPES: dict[str, ActorType] = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORG,
    "GPE": ActorType.PLACE,
    "LOC": ActorType.PLACE,
    "FAC": ActorType.PLACE,
    "NORP": ActorType.GROUP,
}


@dataclass(slots=True)
class RawName:
    """A named mention: absolute span (titles included), the bare name and the evidence about it."""

    start: int
    end: int
    core: str
    label: str  # spaCy label, "" when found by propagation
    sent: int
    title: str = ""  # role written before the name ("Secretary of State")
    title_phrase: str = ""  # its lexicon phrase ("secretary of state")
    honorific: str = ""  # "mr", "ms", ...
    classes: frozenset[str] = frozenset()
    affil: tuple[str, ...] = ()  # affiliation keys from the title ("c:US", "n:cia")
    person_shape: bool = False  # a middle initial or name particle: "Avril D. Haines"
    link: int = -1  # index of a RawName it is known to co-refer with (acronym in brackets)
    alias: bool = False  # a name the text declares for another ("known as Y"): not the actor's own name
    nested: bool = False  # inside another actor's name ("Texas" in "University of Texas")
    person_verb: bool = False  # heads "said", "told", "was born", or owns "wife", "son" (rule "person predicate")
    locative: bool = False  # object of "in", "at", "near" ... (rule "locative object")
    settlement: bool = False  # named by "the town of", "the province of" ... (rule "settlement of")
    takes_pronoun: int = 0  # subject of a sentence whose next sentences open with "he"/"she" (rule "takes he/she")
    thing: bool = False  # the text calls it a product, work, language, vehicle, storm or law (rule "named thing")
    says_it: bool = False  # heads "said" with "it" as the reported subject (rule "says it")
    team: bool = False  # one side of a match score ("Sweden 1 – 0 Korea Republic") (rule "side of a score")
    org_context: bool = False  # "the company X", "X's shares", "X was founded" (rule "organization context")


@dataclass(slots=True)
class RawRole:
    """A role noun phrase: in apposition to a name (`name` >= 0) or a reference to resolve (`name` == -1)."""

    start: int
    end: int
    text: str
    phrase: str  # lexicon phrase of the head ("prime minister", "leader")
    affil: tuple[str, ...]
    sent: int
    name: int = -1
    definite: bool = True
    extra: bool = False  # modifiers outside the lexicon ("the new president"): not resolvable
    whole: bool = False  # a capitalised office with the body it names ("Chair of the Transport Council")
    pronoun: int = -1  # start of the "he"/"she" subject that holds the role ("he became Governor")
    possessor: int = -1  # start of the "his" whose role it is ("Jon Finer, his deputy") (rule "possessive apposition")


@dataclass(slots=True)
class Collected:
    """Everything `collect` keeps about a document."""

    names: list[RawName] = field(default_factory=list)
    roles: list[RawRole] = field(default_factory=list)
    # Capitalised proper-noun runs outside entities: ((start, end) per token, words, sentence).
    runs: list[tuple[tuple[tuple[int, int], ...], tuple[str, ...], int]] = field(default_factory=list)
    sentences: int = 0
    sentence_starts: list[int] = field(default_factory=list)  # absolute offset of each sentence
    subjects: list[tuple[int, int]] = field(default_factory=list)  # absolute spans of subject head words
    asides: set[int] = field(default_factory=set)  # starts of names that are possessors or appositions
    pronouns: list[RawPronoun] = field(default_factory=list)
    things: set[int] = field(default_factory=set)  # starts of proper-noun runs the text calls a thing
    concepts: set[str] = field(default_factory=set)  # name keys of acronyms that name a concept or unit
    common_nouns: set[str] = field(default_factory=set)  # lower-case nouns as written ("basil", "iodine")


@dataclass(frozen=True, slots=True)
class ProvisionalSpan:
    """A raw named-entity span, painted while the full analysis is still running."""

    start: int
    end: int
    type: ActorType


def provisional_spans(doc: Doc, offset: int) -> list[ProvisionalSpan]:
    """The raw named entities of one parsed paragraph, painted before the analysis is complete.

    Needs nothing but the parse, so the top of a text can be highlighted before any stage is imported or set up.
    """
    return [
        ProvisionalSpan(offset + ent.start_char, offset + ent.end_char, ENTITY_TYPES[ent.label_])
        for ent in doc.ents
        if ent.label_ in ENTITY_TYPES
    ]
