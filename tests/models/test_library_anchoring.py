"""Re-anchoring highlights on a changed text: position, exact quote, fuzzy quote, or kept unanchored."""

from __future__ import annotations

import tempfile
from difflib import SequenceMatcher
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.domain import Document
from models.library import Library
from models.library.anchoring import FUZZY_THRESHOLD, make_anchor, reanchor
from models.reader import ReaderHighlight

TEXT = (
    "The council met on Monday to discuss the harbour. The mayor said the harbour would reopen in May. "
    "Dock workers disagreed. The harbour, they said, would stay shut until the strike ended."
)


def anchor_on(text: str, needle: str, n: int = 0):
    start = -1
    for _ in range(n + 1):
        start = text.index(needle, start + 1)
    return make_anchor(text, start, start + len(needle))


def test_selectors_follow_the_web_annotation_model() -> None:
    anchor = anchor_on(TEXT, "the harbour", 1)
    assert anchor.exact == "the harbour" and len(anchor.prefix) == 32 and len(anchor.suffix) == 32
    assert TEXT[anchor.start - 32 : anchor.end + 32] == anchor.prefix + anchor.exact + anchor.suffix
    selectors = anchor.to_web_annotation()
    assert selectors[0]["type"] == "TextQuoteSelector" and selectors[1] == {
        "type": "TextPositionSelector",
        "start": anchor.start,
        "end": anchor.end,
    }


def test_unchanged_position_wins() -> None:
    anchor = anchor_on(TEXT, "Dock workers disagreed")
    placed = reanchor(TEXT, anchor)
    assert (
        placed is not None and placed.method == "position" and (placed.start, placed.end) == (anchor.start, anchor.end)
    )


def test_moved_quote_is_found_and_repeated_words_use_their_context() -> None:
    anchor = anchor_on(TEXT, "harbour", 2)  # the third "harbour"
    edited = "Breaking news. " + TEXT.replace("Dock workers disagreed.", "Dock workers, angry, disagreed loudly.")
    placed = reanchor(edited, anchor)
    assert placed is not None and placed.method == "exact"
    assert edited[placed.start - 4 : placed.end] == "The harbour" and placed.start > edited.index("disagreed")


def test_a_reworded_quote_is_found_fuzzily() -> None:
    anchor = anchor_on(TEXT, "The mayor said the harbour would reopen in May")
    edited = TEXT.replace(
        "The mayor said the harbour would reopen in May", "The mayor said that the harbour will reopen in May"
    )
    placed = reanchor(edited, anchor)
    assert placed is not None and placed.method == "fuzzy" and placed.score >= FUZZY_THRESHOLD
    assert (
        edited[placed.start : placed.end].startswith("The mayor said")
        and "reopen in May" in edited[placed.start : placed.end]
    )


def test_a_deleted_passage_is_not_placed_anywhere() -> None:
    anchor = anchor_on(TEXT, "Dock workers disagreed.")
    assert reanchor(TEXT.replace("Dock workers disagreed. ", ""), anchor) is None


WORDS = ["harbour", "mayor", "strike", "the", "said", "council", "May", "ferry", "dock", "Zoë", "😀", "café"]
texts = st.lists(st.sampled_from(WORDS), min_size=8, max_size=60).map(" ".join)


@st.composite
def edited_text(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], str]:
    text = draw(texts)
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.integers(0, len(text) - 2))
        end = draw(st.integers(start + 1, min(len(text), start + 40)))
        if text[start:end].strip():
            spans.append((start, end))
    new = text
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(new)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from([*WORDS, " ", "\n\n", ", "]))
        cut = draw(st.integers(0, 25))
        if kind == "insert":
            new = new[:at] + piece + new[at:]
        elif kind == "delete":
            new = new[:at] + new[at + cut :]
        else:
            new = new[:at] + piece + new[at + cut :]
    return text, spans, new


@settings(max_examples=300, deadline=None)
@given(edited_text())
def test_property_a_placed_highlight_lies_on_its_quote_or_a_close_variant(case) -> None:
    text, spans, new = case
    for start, end in spans:
        anchor = make_anchor(text, start, end)
        placed = reanchor(new, anchor)
        if placed is None:
            continue
        assert 0 <= placed.start < placed.end <= len(new)
        found = new[placed.start : placed.end]
        if placed.method in ("position", "exact"):
            assert found == anchor.exact
        else:
            assert SequenceMatcher(None, anchor.exact, found, autojunk=False).ratio() >= FUZZY_THRESHOLD


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_text())
def test_property_edits_never_lose_a_note_in_the_library(case) -> None:
    text, spans, new = case
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "library.sqlite3") as lib:
        key = lib.add_document(Document(text, source_path="/a.txt")).hash
        for i, (start, end) in enumerate(spans):
            lib.save_item(key, ReaderHighlight(f"h{i}", start, end, "Important", f"note {i}"))
        opened = lib.add_document(Document(new, source_path="/a.txt"))
        items = lib.load_items(opened.hash)
        assert sorted(i.id for i in items) == sorted(f"h{i}" for i in range(len(spans)))
        for item in items:
            assert isinstance(item, ReaderHighlight) and item.note == f"note {item.id[1:]}"
            if item.anchored:
                assert new[item.start : item.end] == item.quote and item.quote
            else:
                old_start, old_end = spans[int(item.id[1:])]
                assert item.quote == text[old_start:old_end]
