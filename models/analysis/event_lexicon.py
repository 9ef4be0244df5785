"""The event trigger lexicon (resources/lexicons/event_triggers.tsv) and its spaCy matchers.

Single-word triggers are matched by lemma and part of speech with one `Matcher` pattern per part of
speech (an IN-list, so the cost does not grow with the lexicon); multi-word nouns ("phone call") go
through a `PhraseMatcher` on lower-case text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain import EventType
from resources import LEXICONS_DIR

if TYPE_CHECKING:
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.vocab import Vocab

LEXICON_PATH = LEXICONS_DIR / "event_triggers.tsv"


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One lexicon row: a trigger word, its part of speech, its type and when it applies."""

    lemma: str
    pos: str
    type: EventType
    objects: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Rules grouped by (lemma, pos); conditional rows first."""

    rules: dict[tuple[str, str], tuple[TriggerRule, ...]]

    @property
    def single_lemmas(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {"VERB": [], "NOUN": []}
        for lemma, pos in self.rules:
            if " " not in lemma and "-" not in lemma:
                out[pos].append(lemma)
        return out

    @property
    def phrases(self) -> list[str]:
        return [lemma for lemma, _pos in self.rules if " " in lemma or "-" in lemma]


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the TSV lexicon; a malformed row is a programming error in a bundled file, so it raises."""
    grouped: dict[tuple[str, str], list[TriggerRule]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            raise ValueError(f"{path.name}:{number}: expected lemma, pos and type")
        lemma, pos, type_name = cells[0].strip(), cells[1].strip(), cells[2].strip()
        objects = frozenset(o.strip() for o in cells[3].split(",") if o.strip()) if len(cells) > 3 else frozenset()
        flags = frozenset(f.strip() for f in cells[4].split(",") if f.strip()) if len(cells) > 4 else frozenset()
        if pos not in ("VERB", "NOUN"):
            raise ValueError(f"{path.name}:{number}: pos must be VERB or NOUN")
        rule = TriggerRule(lemma, pos, EventType(type_name), objects, flags)
        grouped.setdefault((lemma, pos), []).append(rule)
    return Lexicon({key: tuple(sorted(rows, key=lambda r: not r.objects)) for key, rows in grouped.items()})


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The event lexicon shipped with Dramatis (resources/), loaded once."""
    return load_lexicon()


def build_matchers(vocab: Vocab, lexicon: Lexicon) -> tuple[Matcher, PhraseMatcher]:
    """A lemma matcher for single words and a phrase matcher for multi-word nouns."""
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

    matcher = Matcher(vocab)
    lemmas = lexicon.single_lemmas
    matcher.add("VERB", [[{"LEMMA": {"IN": lemmas["VERB"]}, "POS": {"IN": ["VERB"]}}]])
    matcher.add("NOUN", [[{"LEMMA": {"IN": lemmas["NOUN"]}, "POS": {"IN": ["NOUN"]}}]])
    # The tagger calls some event nouns proper nouns or verbs in headlines; plural nouns keep their lemma.
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for phrase in lexicon.phrases:
        words = phrase.replace("-", " - ").split()
        phrases.add(phrase, [Doc(vocab, words=words), Doc(vocab, words=[*words[:-1], words[-1] + "s"])])
    return matcher, phrases
