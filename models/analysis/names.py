"""Names, titles and honorifics: the lexicons and the small string rules the actor grouping relies on.

Titles come from resources/lexicons/titles.tsv; a phrase is matched on tokens lower-cased and stripped
of full stops, so "Lt. Gen." and "lt gen" are the same title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from resources import LEXICONS_DIR

TITLES_PATH = LEXICONS_DIR / "titles.tsv"
PORTFOLIOS_PATH = LEXICONS_DIR / "portfolios.txt"

# Words inside names that are not capitalised ("Church of Scientology", "bin", "al").
CONNECTORS = frozenset({"of", "and", "for", "the", "de", "del", "da", "di", "du", "la", "le", "&", "on", "in", "to"})
NAME_PARTICLES = frozenset(
    {"bin", "bint", "ibn", "al", "el", "abu", "abd", "van", "von", "der", "den", "de", "da", "di", "dos", "le", "la"}
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "qc", "phd", "md"})
POSSESSIVE_TOKENS = frozenset({"'s", "’s", "'", "’"})
_DOTS = re.compile(r"\.")
_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^(the|The|THE)\s+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,7}$|^[A-Z][A-Z0-9&]{1,7}$")


@dataclass(frozen=True, slots=True)
class Title:
    """One lexicon phrase: how it is used and what it says about its bearer."""

    phrase: str
    kind: str  # honorific | title | role | modifier
    classes: frozenset[str]

    @property
    def head(self) -> str:
        """The noun a short reference uses: "secretary" for "secretary of state", "minister" for "prime minister"."""
        words = self.phrase.replace("-", " ").split()
        if "of" in words:
            return words[words.index("of") - 1]
        return words[-1]


@dataclass(frozen=True, slots=True)
class TitleLexicon:
    phrases: dict[str, Title]
    max_words: int
    portfolios: frozenset[str]
    # Words a phrase or a portfolio can start or end with: most tokens are neither, and are rejected at once.
    starters: frozenset[str] = frozenset()
    enders: frozenset[str] = frozenset()

    def get(self, words: list[str]) -> Title | None:
        """A lexicon phrase, or a title composed with a portfolio ("secretary of defense", "health minister")."""
        phrase = " ".join(words).replace(" - ", "-")
        title = self.phrases.get(phrase)
        if title is not None or len(words) < 2:
            return title
        if " of " in phrase:
            left, right = phrase.split(" of ", 1)
            base = self.phrases.get(left)
            if base is not None and base.kind == "title" and right in self.portfolios:
                return Title(phrase, "title", base.classes)
        for cut in range(1, len(words)):
            if " ".join(words[:cut]) in self.portfolios:
                base = self.phrases.get(" ".join(words[cut:]))
                if base is not None and base.kind == "title":
                    return Title(phrase, "title", base.classes)
        return None


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    """The bundled title lexicon, read once per process."""
    phrases: dict[str, Title] = {}
    for line in TITLES_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.split("\t"), "", ""]
        phrase, kind, classes = cells[0].strip(), cells[1].strip(), cells[2].strip()
        phrases[phrase] = Title(phrase, kind, frozenset(c for c in classes.split(",") if c))
    portfolios = frozenset(
        line.strip()
        for line in PORTFOLIOS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    max_words = max(len(p.replace("-", " - ").split()) for p in phrases)
    spelled = [p.replace("-", " - ").split() for p in (*phrases, *portfolios)]
    starters = frozenset(words[0] for words in spelled if words)
    enders = frozenset(words[-1] for words in spelled if words)
    return TitleLexicon(phrases, max_words, portfolios, starters, enders)


@lru_cache(maxsize=1 << 16)
def norm_word(text: str) -> str:
    """A token as the title lexicon spells it: lower case, no full stops.

    Cached: the actor stage spells every token of a paragraph so, and a book repeats its words.
    """
    return _DOTS.sub("", text).lower()


def strip_the(text: str) -> str:
    """The text without a leading "the" ("the White House" -> "White House")."""
    return _LEADING_THE.sub("", text)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Grouping key of a name: no leading "the", no possessive, no dots, lower case, single spaces.

    Cached: grouping a book's actors asks for the key of the same names over and over.
    """
    text = _POSSESSIVE_END.sub("", strip_the(text.strip()))
    text = text.replace("’", "'").replace("'s ", " ")
    return _SPACES.sub(" ", _DOTS.sub("", text)).strip().lower()


def is_acronym(text: str) -> bool:
    """ "CIA", "C.I.A.", "KCNA", "U.N."."""
    return bool(_ACRONYM.match(text.strip()))


def acronym_of(text: str) -> str:
    """Initials of the capitalised words ("Central Intelligence Agency" -> "cia"); "" for one word."""
    words = [w for w in re.split(r"[\s\-]+", strip_the(text)) if w]
    letters = [w[0] for w in words if w.lower() not in CONNECTORS and w[0].isalpha()]
    return "".join(letters).lower() if len(letters) >= 2 else ""


def person_parts(core: str) -> list[str]:
    """Name words without suffixes ("Jr.", "III"); particles stay attached to what follows."""
    words = [w for w in core.replace("’", "'").split() if norm_word(w).strip(",") not in NAME_SUFFIXES]
    return [w.strip(",") for w in words if w.strip(",")]


def surname(parts: list[str]) -> str:
    """The family name key: last word, with a preceding particle ("Al Thani" -> "al thani")."""
    if not parts:
        return ""
    last = parts[-1]
    if len(parts) >= 2 and parts[-2].lower() in NAME_PARTICLES:
        return f"{parts[-2]} {last}".lower()
    return norm_word(last)


def given_compatible(short: list[str], long: list[str]) -> bool:
    """Do the given names agree? "J." ~ "Jay", "Antony J." ~ "J."; the shorter must fit into the longer in order."""
    if len(short) > len(long):
        short, long = long, short
    pos = 0
    for word in short:
        w = norm_word(word)
        while pos < len(long):
            other = norm_word(long[pos])
            pos += 1
            if w == other or (len(w) == 1 and other.startswith(w)) or (len(other) == 1 and w.startswith(other)):
                break
        else:
            return False
    return True
