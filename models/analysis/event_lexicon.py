"""The event trigger lexicon (resources/lexicons/event_triggers.tsv) and its spaCy matchers.

Single-word triggers are found by lemma and part of speech in the paragraph's attribute array
(`SingleWordTriggers`: two set look-ups per token, where a `Matcher` with IN-lists walked each token
through its predicates in Python); multi-word nouns ("phone call") go through a `PhraseMatcher` on
lower-case text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from models.domain import EventType
from resources import LEXICONS_DIR

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
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


class SingleWordTriggers:
    """Tokens whose lemma is a single-word trigger of their part of speech (VERB or NOUN), in text order.

    The same hits as a `Matcher` with the patterns `[{"LEMMA": {"IN": lemmas}, "POS": {"IN": [pos]}}]`, read
    from one `Doc.to_array` per paragraph: the matcher's per-token predicate calls were most of the event
    stage's collection time on a book.
    """

    def __init__(self, lemmas: dict[str, list[str]]) -> None:
        from spacy.strings import get_string_id
        from spacy.symbols import NOUN, VERB

        # The ids the matcher compares: a lemma's hash (or its symbol id), as the token stores it.
        self._by_pos = {
            int(VERB): ("VERB", frozenset(get_string_id(lemma) for lemma in lemmas["VERB"])),
            int(NOUN): ("NOUN", frozenset(get_string_id(lemma) for lemma in lemmas["NOUN"])),
        }

    def __call__(self, doc: Doc) -> list[tuple[str, int]]:
        """(part of speech, token index) of each trigger token."""
        from spacy.attrs import LEMMA, POS

        if not len(doc):
            return []
        by_pos = self._by_pos
        hits: list[tuple[str, int]] = []
        for i, (lemma, pos) in enumerate(doc.to_array([LEMMA, POS]).tolist()):
            wanted = by_pos.get(pos)
            if wanted is not None and lemma in wanted[1]:
                hits.append((wanted[0], i))
        return hits


def build_matchers(vocab: Vocab, lexicon: Lexicon) -> tuple[SingleWordTriggers, PhraseMatcher]:
    """A lemma look-up for single words and a phrase matcher for multi-word nouns."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    # The tagger calls some event nouns proper nouns or verbs in headlines; plural nouns keep their lemma.
    phrases = PhraseMatcher(vocab, attr="LOWER")
    for phrase in lexicon.phrases:
        words = phrase.replace("-", " - ").split()
        phrases.add(phrase, [Doc(vocab, words=words), Doc(vocab, words=[*words[:-1], words[-1] + "s"])])
    return SingleWordTriggers(lexicon.single_lemmas), phrases
