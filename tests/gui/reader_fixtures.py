"""A fixed analysis built from the domain dataclasses, so window tests run without spaCy.

The text mixes accents and emoji outside the Basic Multilingual Plane on purpose: every
Python offset after an emoji differs from its Qt (UTF-16) position.
"""

from __future__ import annotations

from pathlib import Path

from models.domain import Actor, ActorType, Analysis, Document, Event, EventType, Mention, TimeExpression

TEXT = (
    "Zoë Müller 😀 met François Hollande in Paris on 3 May 2015.\n"
    "\n"
    "Later Müller called Hollande 🇫🇷 from Berlin. Nobody else spoke. "
    "Hollande attacked the plan on 4 May 2015.\n"
    "\n"
    "The weather was mild. Müller went home.\n"
)


def nth(text: str, needle: str, n: int = 0) -> int:
    """Python offset of the n-th occurrence of `needle`."""
    pos = -1
    for _ in range(n + 1):
        pos = text.index(needle, pos + 1)
    return pos


def mention(needle: str, n: int = 0) -> Mention:
    start = nth(TEXT, needle, n)
    return Mention(start, start + len(needle), needle)


def build_analysis(document: Document | None = None) -> Analysis:
    doc = document or Document(TEXT, title="Test article")
    assert doc.text == TEXT
    actors = [
        Actor(
            "a1",
            "Zoë Müller",
            ActorType.PERSON,
            aliases=["Zoë Müller", "Müller"],
            roles=["minister"],
            mentions=[mention("Zoë Müller"), mention("Müller", 1), mention("Müller", 2)],
        ),
        Actor(
            "a2",
            "François Hollande",
            ActorType.PERSON,
            aliases=["François Hollande", "Hollande"],
            mentions=[mention("François Hollande"), mention("Hollande", 1), mention("Hollande", 2)],
        ),
        Actor("a3", "Paris", ActorType.PLACE, mentions=[mention("Paris")]),
        Actor("a4", "Berlin", ActorType.PLACE, mentions=[mention("Berlin")]),
    ]
    met, called, attacked = mention("met"), mention("called"), mention("attacked")
    events = [
        Event(
            "e1",
            EventType.MEETING,
            met.start,
            met.end,
            "met",
            date="2015-05-03",
            participants=["a1", "a2"],
            source="a1",
            target="a2",
            place="a3",
            date_basis="explicit date",
        ),
        Event(
            "e2",
            EventType.CALL,
            called.start,
            called.end,
            "called",
            date=None,
            participants=["a1", "a2"],
            source="a1",
            target="a2",
        ),
        Event(
            "e3",
            EventType.ATTACK,
            attacked.start,
            attacked.end,
            "attacked",
            date="2015-05-04",
            participants=["a2"],
            source="a2",
        ),
    ]
    d1, d2 = mention("3 May 2015"), mention("4 May 2015")
    times = [
        TimeExpression("t1", d1.start, d1.end, d1.text, "2015-05-03"),
        TimeExpression("t2", d2.start, d2.end, d2.text, "2015-05-04"),
    ]
    return Analysis(doc, "test", "fixed test analysis", actors=actors, events=events, times=times)


def write_article(directory: Path) -> Path:
    path = directory / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path
