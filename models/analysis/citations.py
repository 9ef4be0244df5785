"""Rule "author-date citation": the surnames in "(Dye & Bavelier, 2010; Munafò et al., 2017)" are people.

Academic writing cites people by surname and year, either in brackets ("(Laws, 2016; Martin & Clarke, 2017)",
"(see Brieber 2014)") or in the sentence with the year in brackets ("Palmeri and Gazio (1995)", "Sapir's
(1971)"). spaCy reads an author list as one organization ("Feng, Spence, & Pratt") or misses it, so each
surname is taken out of the list here as a person of its own. Only the parse is needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.analysis.paragraphs import doc_text
from models.analysis.works import year_tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "dos", "le", "la", "ter"})
_JOINERS = frozenset({",", "&", "and"})
# Capitalised words before a year that are not authors: "(March 2011)", "(Spring 2010)", "(The Lovers, 1959)".
_NOT_AUTHORS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "spring",
    "summer", "autumn", "fall", "winter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "the", "a", "an", "les", "los", "las", "el", "il", "die", "das", "in", "since", "until", "by",
    "from", "to", "of", "for", "on", "at", "see", "cf", "eg", "ie", "figure", "fig", "table", "chapter",
    "section", "volume", "vol", "no", "issue", "edition", "ed", "eds", "census", "class", "ad", "bc", "ce",
})  # fmt: skip
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
# Words before a narrative citation that make the capitalised words a title: "The Philosophy of Grammar (1924)".
_TITLE_JOINERS = frozenset({"of", "the", "a", "an", "for", "on", "in", "to", "at", "with"})
_MAX_NAME_WORDS = 2  # "Flores Gómez"; "Open Science Collaboration" is an organization's name


def _name_word(tok: Token) -> bool:
    text = tok.text
    return (
        text[:1].isupper()
        and any(c.islower() for c in text)
        and all(c.isalpha() or c in "'’" for c in text)
        and not tok.like_num
        and not tok.is_stop  # "Its Nature, Development and Origin (1922)" is a title
        and text.lower().rstrip(".") not in _NOT_AUTHORS
    )


def _list_before(doc: Doc, end: int) -> tuple[int, list[tuple[int, int]]]:
    """The author list ending just before token `end`: (its first token, the token span of each surname)."""
    names: list[tuple[int, int]] = []
    i = end - 1
    name_end = -1  # end of the surname being read, scanning right to left
    words = 0
    while i >= 0:
        tok = doc[i]
        lower = tok.lower_
        if _name_word(tok) or (lower in _PARTICLES and name_end >= 0):
            if name_end < 0:
                name_end, words = i + 1, 0
            words += lower not in _PARTICLES
            i -= 1
            if i >= 0 and doc[i].text == "-" and i > 0 and _name_word(doc[i - 1]):
                i -= 1  # "Morgan-Short", "Botero-Moriaty": one surname
            continue
        if name_end >= 0:
            names.append((i + 1, name_end) if words <= _MAX_NAME_WORDS else (-1, -1))
            name_end = -1
        if lower in _JOINERS or (lower in ("al", "al.") and i > 0 and doc[i - 1].lower_ == "et"):
            i -= 2 if lower.startswith("al") else 1
            continue
        if tok.text == "." and i > 1 and doc[i - 1].lower_ == "al" and doc[i - 2].lower_ == "et":
            i -= 3
            continue
        break
    if name_end >= 0:
        names.append((i + 1, name_end) if words <= _MAX_NAME_WORDS else (-1, -1))
    first = i + 1
    while first < end and doc[first].lower_ in _JOINERS:
        first += 1
    return first, [span for span in reversed(names) if span[0] >= 0]


def _in_brackets(doc: Doc, i: int) -> bool:
    """Token `i` sits inside an open bracket of its paragraph."""
    for j in range(i - 1, -1, -1):
        if doc[j].text == ")":
            return False
        if doc[j].text == "(":
            return True
    return False


def citation_authors(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of the surnames cited with a year in this parsed paragraph, in text order."""
    found: list[tuple[int, int]] = []
    if not _YEAR.search(doc_text(doc)):  # no token can be a year (most paragraphs of a book): no walk over them
        return found
    for i in year_tokens(doc, _YEAR):
        if i + 1 >= len(doc) or doc[i + 1].text not in (")", ";", ",", ":"):
            continue
        if i > 0 and doc[i - 1].text == "(":
            end = i - 1  # narrative: "Palmeri and Gazio (1995)", "Sapir's (1971)"
            if end > 0 and doc[end - 1].text in ("'s", "’s"):
                end -= 1
            first, names = _list_before(doc, end)
            opener = doc[first - 1] if first > 0 else None
            if opener is None or opener.lower_ in _TITLE_JOINERS or not (opener.is_lower or opener.text in ".,;("):
                continue  # "All-Star (2015)" heading a line of a list of awards
        else:
            end = i - 1 if i > 0 and doc[i - 1].text == "," else i
            if not _in_brackets(doc, i):
                continue
            first, names = _list_before(doc, end)
            opener = doc[first - 1] if first > 0 else None
            # The list opens the bracket or a "; " part, or follows "see", "e.g.," and the like.
            if opener is None or not (opener.text in ("(", ";", ",") or opener.is_lower):
                continue
        if not names:
            continue
        several = len(names) > 1 or any(doc[k].lower_ == "et" for k in range(first, end))
        if not several and any(doc[k].ent_type_ in _PLACE_LABELS for k in range(*names[0])):
            continue  # "(Sweden, 1958)"; in "Jasny, Chin, Chong, & Vignieri" or "Brandt et al." a place tag is noise
        found.extend(names)
    return sorted(set(found))
