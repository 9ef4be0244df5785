from models.spans import Span, SpanIndex


def make() -> SpanIndex:
    return SpanIndex(
        [
            Span(0, 5, "PERSON", "a1"),
            Span(10, 20, "EVENT", "e1"),
            Span(12, 15, "ORG", "a2"),
            Span(30, 35, "PERSON", "a1"),
        ]
    )


def test_overlapping_finds_only_intersecting_spans() -> None:
    index = make()
    assert [s.item_id for s in index.overlapping(4, 13)] == ["a1", "e1", "a2"]
    assert index.overlapping(5, 10) == []
    assert [s.item_id for s in index.overlapping(19, 31)] == ["e1", "a1"]


def test_at_returns_innermost_first() -> None:
    assert [s.item_id for s in make().at(13)] == ["a2", "e1"]


def test_next_and_previous_mention_of_one_item() -> None:
    index = make()
    nxt = index.next_start(0, "a1")
    assert nxt is not None and nxt.start == 30
    assert index.next_start(30, "a1") is None
    prev = index.previous_start(30, "a1")
    assert prev is not None and prev.start == 0
