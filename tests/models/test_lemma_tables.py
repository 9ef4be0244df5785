"""The lemmatizer's word lists held as sets give the lemmas spaCy's lists give."""

from __future__ import annotations

import spacy

from models.analysis.pipeline import Analyzer
from models.lemma_tables import index_lemma_tables
from models.nlp import find_model, load_plain_pipeline

# Inflected words of every part of speech the rules cover, regular and not, and words in no list.
INFLECTED = (
    "The geese were running faster than the wolves; leaves fell as better offers came. "
    "She has written, they had begun, we're sending bigger boxes and the children's toys. "
    "Blorfing zemblances quonked the flibbest grimbles, unreadably and hyperconnectedly."
)


def test_lemmas_are_those_of_spacys_lists(analyzer: Analyzer) -> None:
    plain = load_plain_pipeline()
    expected = [(t.text, t.pos_, t.lemma_) for t in plain(INFLECTED)]
    assert [(t.text, t.pos_, t.lemma_) for t in analyzer.nlp(INFLECTED)] == expected
    assert ("geese", "NOUN", "goose") in expected and ("running", "VERB", "run") in expected


def test_only_rule_lemmatizers_lists_are_turned() -> None:
    info = find_model()
    assert info is not None
    nlp = spacy.load(info.package, exclude=["ner", "parser"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    lists = sum(isinstance(words, list) for words in table.values())
    assert lists >= 4
    assert index_lemma_tables(nlp) == lists
    assert all(isinstance(words, frozenset) for words in table.values())
    assert index_lemma_tables(nlp) == 0  # already sets
    assert index_lemma_tables(spacy.blank("en")) == 0
