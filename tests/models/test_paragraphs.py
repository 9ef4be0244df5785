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


def test_text_without_spaces_is_still_cut() -> None:
    text = "x" * 1234
    spans = split_paragraphs(text, max_chars=500)
    assert [e - s for s, e in spans] == [500, 500, 234]
