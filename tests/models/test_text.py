"""The sentence rules every quote, focus dim and co-occurrence relies on."""

from __future__ import annotations

import itertools

import pytest

from models.text import (
    MAX_SENTENCE,
    sentence_bounds,
    sentence_parts,
    sentence_quote,
    sentence_ranges,
    sentence_starts,
)


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentence_ranges(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The talks began after Mr. Okafor arrived with Mrs. Lind and Dr. Haas.",
        "Gen. Ward met Sen. Ruiz and Gov. Pell at St. Mark's in the morning.",
        "The strike began on Oct. 7 and ended on Sept. 12 of the next year.",
        "Shipments resumed in Jan. 2021 and stopped again in Dec. 2022.",
        "The letter was signed by J. R. Hartley and nobody else.",
        "The U.S. Army and the U.N. Security Council met in Washington, D.C. for a week.",
        "Some cities, e.g. Lyon, and some regions, i.e. the coast, were spared.",
        "Shares of Apple Inc. Chief Rival Corp. and Orbit Ltd. Group all fell.",
        "Team No. 4 lost to the visitors vs. the odds.",
        '"Stop!" he shouted, and the crowd went quiet.',
        "Was it over? nobody could say for sure.",
    ],
)
def test_abbreviations_titles_and_lowercase_words_keep_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_stops_split_sentences_and_paragraphs_always_do() -> None:
    text = 'The vote failed. Was it fair? "Never!" Protests followed… Then calm.\n\nA second paragraph\nand a line'
    assert sentences(text) == [
        "The vote failed.",
        "Was it fair?",
        '"Never!"',
        "Protests followed…",
        "Then calm.",
        "A second paragraph",
        "and a line",
    ]


def test_a_title_at_a_line_break_still_ends_the_paragraph() -> None:
    assert sentences("Signed, Mr.\nThe board") == ["Signed, Mr.", "The board"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They landed in the U.S. The next day they left.", ["They landed in the U.S.", "The next day they left."]),
        ("They landed in the U.S. Army base at dawn.", ["They landed in the U.S. Army base at dawn."]),
        ("The deal closed in Oct. It was late.", ["The deal closed in Oct.", "It was late."]),
        ("He sold it to Orbit Inc. The buyer paid cash.", ["He sold it to Orbit Inc.", "The buyer paid cash."]),
        ("Bring pens, paper, etc. Then wait.", ["Bring pens, paper, etc.", "Then wait."]),
        ("It ended at 5 p.m. Wednesday, aides said.", ["It ended at 5 p.m. Wednesday, aides said."]),
        ("It ended at 5 p.m. Then the doors shut.", ["It ended at 5 p.m.", "Then the doors shut."]),
    ],
)
def test_initialisms_months_and_company_words_end_a_sentence_only_before_an_opening_word(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_starts_and_ranges_cover_the_text() -> None:
    text = "One here.  Two there!\n\n  Three."
    starts = sentence_starts(text)
    assert [text[s] for s in starts] == ["O", "T", "T"]
    ranges = sentence_ranges(text)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert sentence_starts("") == [0] and sentence_ranges("") == []


def test_bounds_find_the_sentence_of_a_span_without_edge_space() -> None:
    text = "First one.  After Mr. Vance spoke on Oct. 7, talks stalled.  Last one."
    start = text.index("spoke")
    begin, end = sentence_bounds(text, start, start + 5)
    assert text[begin:end] == "After Mr. Vance spoke on Oct. 7, talks stalled."


def test_parts_stay_in_the_paragraph_and_on_one_line() -> None:
    text = "Before.\nThe envoy\tarrived and\n met nobody.\nAfter."
    start = text.index("arrived")
    assert sentence_parts(text, start, start + 7) == ("The envoy ", "arrived", " and")


def test_parts_of_a_run_on_sentence_are_cut_at_max_sentence() -> None:
    text = "word " * 500 + "trigger" + " word" * 500
    start = text.index("trigger")
    before, trigger, after = sentence_parts(text, start, start + 7)
    assert trigger == "trigger"
    assert MAX_SENTENCE - 5 <= len(before) <= MAX_SENTENCE and MAX_SENTENCE - 5 <= len(after) <= MAX_SENTENCE


def test_quote_marks_only_the_cut_edges() -> None:
    text = "Short start. " + "The long middle " + "x " * 200 + "goes on. Done."
    start = text.index("long")
    quote = sentence_quote(text, start, start + 4, limit=60)
    assert quote.startswith("The long middle") and quote.endswith("…")
    assert sentence_quote(text, start, start + 4).startswith("The long")
    whole = sentence_quote(text, text.index("Done"), text.index("Done") + 4, limit=60)
    assert whole == "Done."
    assert sentence_quote("aaaa " * 100, 250, 254, limit=50).startswith("…")
