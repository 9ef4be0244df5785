"""Rule "dated work": titles written with their year in brackets name films, books and plays, not actors.

"roles include The Lookout (2007), A Single Man (2009), Stoker (2013)" (a list of dated names, one of them shaped
like a title) and "Woody Allen's Match Point (2005)" (a person's dated work). A lone "Fillmore (1968)" and a list
"Alarcos (1966), Senabre (1982)" stay cited authors: only a title's shape or an owner tells.
Only the parse is needed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LENGTH

from models.analysis.paragraphs import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
# Small words inside a title ("Elevator to the Gallows", "Jules et Jim", "House of Wax").
_TITLE_WORDS = frozenset({"of", "the", "to", "in", "on", "a", "an", "at", "for", "with", "et", "de", "la", "le", "du"})
_LIST_GLUE = frozenset({",", "and", "or"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # "Columbia University in New York (1904)" is no work


def year_tokens(doc: Doc, year: re.Pattern[str]) -> list[int]:
    """Indices of the tokens whose whole text `year` matches, read from the paragraph's text by offset.

    Why: walking the paragraph's Tokens makes an object per token (~1 µs each); one `to_array` and a
    match on the text slice per token cost a fraction of that.
    """
    text = doc_text(doc)
    spans = doc.to_array([IDX, LENGTH]).tolist()
    return [i for i, (idx, length) in enumerate(spans) if year.fullmatch(text, idx, idx + length)]


def _dated_titles(doc: Doc) -> list[tuple[int, int, int]]:
    """(title start, title end, index after the closing bracket) for each "Title (YYYY)" in the paragraph."""
    found: list[tuple[int, int, int]] = []
    if not _YEAR.search(doc_text(doc)):  # no token can be a year (most paragraphs of a book): no walk over them
        return found
    for i in year_tokens(doc, _YEAR):
        if i < 2 or doc[i - 1].text != "(":
            continue
        if i + 1 >= len(doc) or doc[i + 1].text != ")":
            continue
        end = i - 1
        start = end
        while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in _TITLE_WORDS):
            start -= 1
        while start < end and not doc[start].text[:1].isupper():
            start += 1
        if start < end:
            found.append((start, end, i + 2))
    return found


def _title_shaped(doc: Doc, title: tuple[int, int, int]) -> bool:
    words = doc[title[0] : title[1]]
    if words[0].lower_ in ("the", "a", "an") or words[0].ent_type_ == "WORK_OF_ART":
        return True
    return any(t.is_lower for t in words)  # "Elevator to the Gallows"


def dated_works(doc: Doc) -> set[int]:
    """Indices of the tokens inside titles this parsed paragraph shows to be dated works."""
    titles = [t for t in _dated_titles(doc) if not any(doc[k].ent_type_ in _PLACE_LABELS for k in range(t[0], t[1]))]
    works: set[tuple[int, int, int]] = set()
    chain: list[tuple[int, int, int]] = []
    for title in [*titles, None]:
        if title is not None and (not chain or all(t.lower_ in _LIST_GLUE for t in doc[chain[-1][2] : title[0]])):
            chain.append(title)
            continue
        # A list of dated names is a list of works when one of them is shaped like a title ("The Lookout",
        # "Elevator to the Gallows"); "Alarcos (1966), Senabre (1982)" is a list of cited authors.
        if len(chain) > 1 and any(_title_shaped(doc, t) for t in chain):
            works.update(chain)
        chain = [title] if title is not None else []
    for title in titles:
        start = title[0]
        if start >= 2 and doc[start - 1].text in ("'s", "’s") and doc[start - 2].pos_ == "PROPN":
            works.add(title)  # "Woody Allen's Match Point (2005)"
    return {k for start, end, _ in works for k in range(start, end)}
