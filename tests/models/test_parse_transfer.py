"""A parsing helper's docs reach the analysis process whole: every annotation the stages read survives the trip."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from models.analysis.pipeline import Analyzer

PARAGRAPHS = [
    "Dr. Zorblatt Quenthwick, the mayor of Xylophria, said on Monday that she would visit Paris in 2031.",
    "The Qwizzlenix Corporation (QXC) laid off 300 workers, according to Ann Weiss. “It will hold,” she said.",
    "Chapter 3",
    "He isn't sure; the U.S.-led talks ended at 10:30 p.m. — about 45 minutes late.",
]


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [
        (t.text, t.whitespace_, t.lemma_, t.norm_, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
         str(t.morph), t.is_sent_start, t.idx, t.is_title, t.like_num)
        for t in doc
    ]  # fmt: skip


def test_docs_rebuilt_in_another_vocab_keep_every_annotation(analyzer: Analyzer) -> None:
    """Rebuilt on a vocabulary that has never seen the paragraphs' made-up words, their lemmas or the model's
    labels (as a helper's new words are unknown to the analysis process), the docs read as the parsed ones."""
    import spacy

    from models.analysis.parse_transfer import pack, unpack

    parsed = list(analyzer.nlp.pipe(PARAGRAPHS))
    fresh = spacy.blank("en").vocab
    assert "Quenthwick" not in fresh.strings and "Qwizzlenix" not in fresh.strings
    rebuilt = unpack(fresh, pickle.loads(pickle.dumps(pack(parsed))))  # through a pipe, as the helpers send it
    assert [doc.text for doc in rebuilt] == PARAGRAPHS
    assert [_annotations(doc) for doc in rebuilt] == [_annotations(doc) for doc in parsed]
    assert [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in rebuilt] == [
        [(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in parsed
    ]
    assert [[s.start for s in doc.sents] for doc in rebuilt] == [[s.start for s in doc.sents] for doc in parsed]
    assert unpack(fresh, pack([])) == []
