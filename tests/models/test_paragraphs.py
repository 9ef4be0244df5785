from models.analysis.paragraphs import split_paragraphs


def test_paragraphs_are_trimmed_lines() -> None:
    text = "Title\n\n  First para.  \nSecond para.\n\n\n"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["Title", "First para.", "Second para."]


def test_long_paragraph_is_cut_at_sentence_ends_within_limit() -> None:
    sentence = "The minister met the envoy in Paris. "
    text = sentence * 200
    spans = split_paragraphs(text, max_chars=500)
    assert all(e - s <= 500 for s, e in spans)
    assert all(text[s:e].endswith(".") for s, e in spans)
    assert "".join(text[s:e] + " " for s, e in spans) == text


def test_long_paragraph_is_never_cut_inside_a_title_and_its_name() -> None:
    text = "The talks went on for hours and then ended badly here. They met Mr. Smith and " + "word " * 30
    spans = split_paragraphs(text, max_chars=100)
    pieces = [text[s:e] for s, e in spans]
    assert pieces[0].endswith("ended badly here.")
    assert not any(piece.endswith("Mr.") for piece in pieces)


def test_text_without_spaces_is_still_cut() -> None:
    text = "x" * 1234
    spans = split_paragraphs(text, max_chars=500)
    assert [e - s for s, e in spans] == [500, 500, 234]


# ----- text of any shape: what spaCy holds at once is bounded by characters ----------------------------

from models.analysis.paragraphs import (  # noqa: E402
    BATCH_CHARS,
    BATCH_PIECES,
    BATCH_WORDS,
    MAX_PIECE_CHARS,
    char_batches,
)

PROSE = (
    "The minister met the envoy in Paris on Monday, and the talks went on late into the night. "
    "Officials said a deal was close; others doubted it. "
)


def test_one_long_line_of_prose_is_cut_at_sentence_ends() -> None:
    text = PROSE * 2500  # about 370 KB on one line
    spans = split_paragraphs(text)
    assert all(e - s <= MAX_PIECE_CHARS for s, e in spans)
    assert all(text[s:e].endswith((".", ";")) for s, e in spans)
    assert sum(e - s for s, e in spans) + len(spans) - 1 == len(text.strip())  # nothing lost but the cut spaces


def test_a_line_of_single_letters_is_cut_at_spaces() -> None:
    text = "A " * 1_500_000  # 3 MB of 'A A A ...' on one line
    spans = split_paragraphs(text)
    assert all(e - s <= MAX_PIECE_CHARS for s, e in spans)
    assert all(text[s:e].startswith("A") and text[s:e].endswith("A") for s, e in spans)
    assert sum((e - s + 1) // 2 for s, e in spans) == 1_500_000


def test_batches_are_bounded_by_characters_and_words_and_keep_order() -> None:
    texts = {
        "long line": PROSE * 2500,
        "short paragraphs": "A short paragraph of news.\n" * 1000,
        "letters": "A " * 200_000,
    }
    for text in texts.values():
        pieces = split_paragraphs(text)
        batches = list(char_batches(text, pieces))
        assert [p for batch in batches for p in batch] == pieces
        assert all(len(b) <= BATCH_PIECES for b in batches)
        assert all(sum(e - s for s, e in b) <= BATCH_CHARS for b in batches)
        assert all(sum(text.count(" ", s, e) + 1 for s, e in b) <= BATCH_WORDS for b in batches)
    short = texts["short paragraphs"]
    assert max(len(b) for b in char_batches(short, split_paragraphs(short))) == BATCH_PIECES  # 64 at a time still
    huge = "x" * 90_000
    assert list(char_batches(huge, [(0, 90_000)])) == [[(0, 90_000)]]  # an oversized piece goes alone, never dropped
