"""The attribute rules looked up by table give exactly what spaCy's matcher gives, or spaCy's matcher stays."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from models.analysis.pipeline import Analyzer
from models.attribute_rules import AttributeRuleIndex, index_attribute_rules
from models.nlp import load_plain_pipeline

# Sentences written to reach the model's rules: pronoun case by dependency, contractions and colloquial
# forms with lemma exceptions, auxiliaries, "that" as a subordinator, whitespace tokens, and plain prose.
RULE_SENTENCES = [
    "I ain't gonna tell you, and you ain't gotta ask: let's go.",
    "Y' know nothin' about it, he said; she told me and I told him.",
    "It is what it is, and they're sure we'd have done it if we'd known.",
    "Is the minister coming?  Were they there?\tThere are three ways; there's one.",
    "She said that the council, which met on 3 May, would not vote unless it had to.",
    "We've been told it isn't over. Don't you think they'd've said so?",
    "  \n  Leading and trailing space, then a line break.\n\nA new paragraph with   wide   gaps.  ",
    "The Secretary-General of the United Nations, António Guterres, met Olaf Scholz in Berlin.",
    "Tu m'as dit ça? 東京 is in Japan; the word “quoted” and 'single' (parenthesised) — dashes…",
]


def _ruler(nlp: Language) -> AttributeRuler:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return ruler


def _attributes(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def plain() -> Language:
    return load_plain_pipeline()


def test_the_model_rules_match_as_spacys_matcher_does(plain: Language) -> None:
    ruler = _ruler(plain)
    index = AttributeRuleIndex(ruler)
    # The docs as the ruler sees them: tagged and parsed, before its own rules.
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(plain.pipe([*RULE_SENTENCES, "", " ", "\n"]))
    matched = 0
    for doc in docs:
        expected = ruler.match(doc)
        assert index.match(doc) == expected, doc.text
        matched += len(expected)
    assert matched > 100  # the rules really fired


def test_the_loaded_pipeline_gives_the_same_tokens_as_plain_spacy(plain: Language, analyzer: Analyzer) -> None:
    nlp = analyzer.nlp
    ruler = _ruler(nlp)
    assert getattr(ruler.match, "__self__", None).__class__ is AttributeRuleIndex
    text = " ".join(RULE_SENTENCES)
    assert _attributes(nlp(text)) == _attributes(plain(text))


def _ruler_pipeline(rules: list[dict[str, Any]]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler")
    _ruler(nlp).add_patterns(rules)
    return nlp


# Rules of every form the index handles, with overlaps so that a later rule must win over an earlier one.
FORMS: list[dict[str, Any]] = [
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"LEMMA": "NYC"}, "index": -1},
    {"patterns": [[{"ORTH": {"IN": ["York", "Paris"]}}]], "attrs": {"LEMMA": "city"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not", "POS": "PART"}},
    {"patterns": [[{"TEXT": {"NOT_IN": ["the", "a", ""]}, "IS_SPACE": False}]], "attrs": {"TAG": "W"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"LOWER": "the"}], [{"LOWER": "a"}]], "attrs": {"POS": "DET", "MORPH": "Definite=Def"}},
    {"patterns": [[{"LOWER": "do"}, {"LOWER": "n't"}, {"LOWER": "go"}]], "attrs": {"LEMMA": "stay"}, "index": 1},
]


def test_rules_of_every_supported_form_match_as_spacys_matcher_does() -> None:
    nlp = _ruler_pipeline(FORMS)
    ruler = _ruler(nlp)
    index = AttributeRuleIndex(ruler)
    texts = ("I don't go to New York or Paris, a city.", "Do n't stop, do not go.", "the  new york\tthe", "", "n't nt")
    for text in texts:
        doc = nlp.make_doc(text)
        assert index.match(doc) == ruler.match(doc), text
    text = "Don't go to the new york office in New York or Paris."
    spacy_doc = nlp(text)
    assert index_attribute_rules(nlp)
    ours = nlp(text)
    assert _attributes(ours) == _attributes(spacy_doc)
    # A later rule wins: "n't" in "do n't go" is "stay", not "not"; "York" is "city", not "NYC".
    assert [t.lemma_ for t in ours] == ["", "stay", "", "", "", "", "NYC", "", "", "", "city", "", "city", ""]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}],  # an operator
        [{"LOWER": "very"}, {"LENGTH": {">=": 4}}],  # a comparison, on an attribute the index does not read
        [{"LOWER": "very"}, {"TEXT": "good", "ORTH": "good"}],  # one attribute tested twice
    ],
)
def test_rules_it_cannot_read_stay_with_spacys_matcher(pattern: list[dict[str, Any]]) -> None:
    nlp = _ruler_pipeline([{"patterns": [pattern], "attrs": {"LEMMA": "x"}, "index": -1}])
    ruler = _ruler(nlp)
    before = ruler.match
    assert not index_attribute_rules(nlp)
    assert ruler.match == before
    assert nlp("very very good")[2].lemma_ == "x"
