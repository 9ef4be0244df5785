"""Handing a parsing helper's docs to the analysis process: spaCy's annotations as plain arrays.

Why not `DocBin` bytes: `DocBin.add` walks every token in Python to gather its strings, and `to_bytes`
compresses with zlib; on a book that cost the helper about 3% of its parse, and reading the bytes back
another 1% in the analysis process. Here the same attributes `DocBin` keeps (so the docs rebuilt are the
same) go through the pipe as arrays, with the strings their hash columns name, found with numpy. A chunk
of 64 paragraphs is about 0.75 MB; a helper stays at most `worker_pool.HELPER_AHEAD` chunks ahead of the analysis
process, so only a few wait to be read.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# One chunk: the strings its annotations name, every token's attributes (rows in document order), whether
# each token is followed by a space, and the number of tokens of each doc.
Packed = tuple[list[str], "numpy.ndarray", "numpy.ndarray", list[int]]


@lru_cache(maxsize=1)
def _layout() -> tuple[list[int | str], list[int]]:
    """The attribute ids `DocBin` stores (ORTH first), and the columns among them that hold string hashes."""
    from spacy.attrs import DEP, ENT_ID, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, TAG
    from spacy.tokens import DocBin

    attrs = cast(list[int | str], list(cast(Any, DocBin().attrs)))  # typed as names, held as ids
    named = {ORTH, NORM, LEMMA, TAG, DEP, ENT_TYPE, ENT_KB_ID, ENT_ID, MORPH}
    return attrs, [column for column, attr in enumerate(attrs) if attr in named]


def pack(docs: list[Doc]) -> Packed:
    """The annotations of `docs` (parsed in this process) to send to another one, which rebuilds them with `unpack`."""
    import numpy
    from spacy.attrs import SPACY

    attrs, named = _layout()
    if not docs:
        return [""], numpy.zeros((0, len(attrs)), dtype=numpy.uint64), numpy.zeros(0, dtype=bool), []
    rows = numpy.concatenate([doc.to_array(attrs) for doc in docs])
    spaces = numpy.concatenate([doc.to_array([SPACY]).reshape(-1) for doc in docs]).astype(bool)
    strings = docs[0].vocab.strings
    # Every string a column names, as `DocBin.add` gathers them token by token ("" for the empty ones).
    names = [""] + [strings[key] for key in numpy.unique(rows[:, named]).tolist() if key]
    return names, rows, spaces, [len(doc) for doc in docs]


def unpack(vocab: Vocab, packed: Packed) -> list[Doc]:
    """The docs `pack` took apart, rebuilt on `vocab` as `DocBin.get_docs` rebuilds them."""
    from spacy.tokens import Doc

    attrs, _named = _layout()
    names, rows, spaces, lengths = packed
    for name in names:
        vocab[name]
    docs: list[Doc] = []
    start = 0
    for length in lengths:
        part = rows[start : start + length]
        # The words by their string ids, as `DocBin.get_docs` gives them (spaCy's stubs say strings).
        doc = Doc(vocab, words=cast(Any, part[:, 0]), spaces=spaces[start : start + length].tolist())
        docs.append(doc.from_array(attrs, cast(Any, part)))
        start += length
    return docs
