"""Rule "concept acronym": acronyms the text shows to name a concept or a unit, not an actor.

- Defined by lower-case words: "the ground reaction force (GRF)", "(compact fluorescent light) CFL",
  "light-emitting diode (LED)". An organization's name is written with capitals ("Korean Central News Agency
  (KCNA)"), so a definition in lower case says the acronym names a thing or an idea. The spelling may also
  follow the acronym in brackets: "ROS [Reactive Oxygen Species, ...]".
- Counted: "25 CUC", "two RBI", "3000 BC", "15:11 GMT": an acronym a number counts is a unit, a currency, an
  era or a time zone ("two NATO members" is not counted: there the acronym modifies the noun).

Only the parse is needed; the grouping drops an actor all of whose names are such acronyms.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.analysis.actor_groups import ORG_HEADS
from models.analysis.gazetteer import country_code
from models.analysis.names import name_key
from models.analysis.paragraphs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_ACRONYM = re.compile(r"[A-Z]{2,6}s?")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
# Runs of capitals in a paragraph's text: an acronym token starts at one of their letters but the last (a token is a
# piece of the text).
_CAPITALS = re.compile(r"[A-Z]{2,}")
_FILLERS = frozenset({"of", "and", "for", "the", "in", "to", "on", "-", "/"})
# Head words of spelled-out acronyms that name ideas, methods, measures, laws and things, not actors.
_CONCEPT_HEADS = frozenset({
    "technology", "technologies", "system", "systems", "resource", "resources", "light", "species", "force",
    "humanities", "goal", "goals", "science", "sciences", "learning", "theory", "method", "analysis", "model",
    "index", "rate", "ratio", "product", "test", "syndrome", "disorder", "disease", "therapy", "protocol",
    "format", "standard", "interface", "device", "data", "tax", "income", "treaty", "agreement", "act", "survey",
    "framework", "strategy", "policy", "assessment", "scale", "inventory", "virus", "infection", "deficiency",
    "emissions", "economics", "engineering", "temperature", "salinity", "pressure", "energy", "power", "compound",
    "compounds", "chemicals", "particles",
})  # fmt: skip
_ERAS = frozenset({"BC", "BCE", "AD", "CE"})
_ERA_WORDS = frozenset({"century", "centuries", "millennium"})
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen"})


def _acronym(tok: Token) -> bool:
    return bool(_ACRONYM.fullmatch(tok.text)) and country_code(tok.text) is None


def _initials(words: list[Token]) -> str:
    return "".join(w.text[0] for w in words).upper()


def _spelling_words(words: list[Token], acronym: str) -> list[Token]:
    """The last content words before the bracket if their initials spell the acronym, else none."""
    letters = acronym.rstrip("s")
    content = [w for w in words if w.lower_ not in _FILLERS and not w.is_punct]
    if len(content) < len(letters):
        return []
    tail = content[len(content) - len(letters) :]
    return tail if all(w.is_alpha for w in tail) and _initials(tail) == letters else []


def _lower_words_match(words: list[Token], acronym: str) -> bool:
    """The last words before the bracket spell the acronym's letters, and they are all in lower case."""
    tail = _spelling_words(words, acronym)
    return bool(tail) and all(w.is_lower for w in tail)


def _concept_name(words: list[Token], acronym: str) -> str:
    """Rule "concept acronym", capitalised: "Information and Communication Technology (ICT)", "Gross Domestic
    Product (GDP)": a spelled-out name whose head is a concept noun, with no organization word in it, names
    an idea; "Korean Central News Agency (KCNA)" and "World Health Organization (WHO)" do not qualify.
    The name key of the spelled-out name, or "".
    """
    tail = _spelling_words(words, acronym)
    if not tail or tail[-1].lower_ not in _CONCEPT_HEADS or any(w.lower_ in ORG_HEADS for w in tail):
        return ""
    doc = tail[0].doc
    return name_key(doc[tail[0].i : tail[-1].i + 1].text)


def _words_before(doc: Doc, end: int, limit: int) -> list[Token]:
    """Up to `limit` word tokens (fillers and hyphens included) ending just before token `end`, in one clause."""
    words: list[Token] = []
    i = end - 1
    while i >= 0 and len(words) < limit and (doc[i].is_alpha or doc[i].text in ("-", "/")):
        words.insert(0, doc[i])
        i -= 1
    return words


def _spelled_after(doc: Doc, start: int, acronym: str) -> str:
    """The name key of the words opening a bracket after the acronym when they spell it out as a concept: in
    lower case, or with a concept head and no organization word ("ROS [Reactive Oxygen Species, ...]", not
    "WHO (World Health Organization)"); else ""."""
    letters = acronym.rstrip("s")
    content: list[Token] = []
    i = start
    while i < len(doc) and len(content) < len(letters) and (doc[i].is_alpha or doc[i].text in ("-", "/")):
        if doc[i].lower_ not in _FILLERS:
            content.append(doc[i])
        i += 1
    if len(content) < len(letters) or _initials(content) != letters:
        return ""
    concept = all(w.is_lower for w in content) or (
        content[-1].lower_ in _CONCEPT_HEADS and not any(w.lower_ in ORG_HEADS for w in content)
    )
    return name_key(doc[start : content[-1].i + 1].text) if concept else ""


def _acronyms(doc: Doc) -> list[Token]:
    """The tokens of a parsed paragraph that are acronyms (`_acronym`), in order.

    Only a token starting where the text holds two capitals can be one: those are found in the text, and only they
    are made into Tokens (most paragraphs hold a few among hundreds of tokens).
    """
    from spacy.attrs import IDX

    starts = {at for match in _CAPITALS.finditer(doc_text(doc)) for at in range(match.start(), match.end() - 1)}
    if not starts:
        return []
    return [doc[i] for i, idx in enumerate(doc.to_array(IDX).tolist()) if idx in starts and _acronym(doc[i])]


def defined_concepts(doc: Doc) -> set[str]:
    """Name keys of the acronyms this parsed paragraph defines as concepts, and of their spelled-out names."""
    found: set[str] = set()
    for tok in _acronyms(doc):
        i = tok.i
        if i < 1:
            continue
        letters = len(tok.text.rstrip("s"))
        # "ground reaction force (GRF)"
        if doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text == ")":
            words = _words_before(doc, i - 1, 2 * letters + 2)
            spelled = _concept_name(words, tok.text)
            if spelled:
                found.add(spelled)
            if spelled or _lower_words_match(words, tok.text):
                found.add(name_key(tok.text.rstrip("s")))
        # "ROS (reactive oxygen species)", "ROS [Reactive Oxygen Species, the chemicals that ...]"
        elif i + 2 < len(doc) and doc[i + 1].text in ("(", "[") and (spelled := _spelled_after(doc, i + 2, tok.text)):
            found.add(name_key(tok.text.rstrip("s")))
            found.add(spelled)
        # "(compact fluorescent light) CFL"
        elif doc[i - 1].text == ")":
            opener = next((j for j in range(i - 2, max(-1, i - 3 * letters - 3), -1) if doc[j].text == "("), None)
            if opener is not None and _lower_words_match(_words_before(doc, i - 1, i - 1 - opener), tok.text):
                found.add(name_key(tok.text.rstrip("s")))
    return found


def counted_units(doc: Doc) -> set[str]:
    """Name keys of the acronyms a number counts in this parsed paragraph ("25 CUC", "3000 BC")."""
    found: set[str] = set()
    for tok in _acronyms(doc):
        i = tok.i
        if i < 1 or tok.dep_ in ("compound", "amod", "nmod"):
            continue
        before = doc[i - 1]
        if tok.text in _ERAS:
            if before.like_num or before.lower_ in _ERA_WORDS:
                found.add(name_key(tok.text))
            continue
        if (before.text[:1].isdigit() and not _YEAR.fullmatch(before.text)) or before.lower_ in _NUMBER_WORDS:
            found.add(name_key(tok.text))
    return found
