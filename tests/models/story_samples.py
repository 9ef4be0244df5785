"""Small analysed documents for the story and question tests: three articles about two December events.

Written by hand (no language model): each actor is found where its names occur, each event at its trigger.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.domain import DOCUMENT_DATE_GUESS, Actor, ActorType, Analysis, Document, Event, EventType, Mention
from models.library import Library
from models.version import ANALYZER_VERSION


@dataclass
class Ev:
    type: EventType
    trigger: str
    source: str | None
    target: str | None
    date: str | None
    given: bool = True
    others: list[str] = field(default_factory=list)


def analysis(
    title: str, date: str, text: str, actors: dict[str, tuple[ActorType, list[str]]], events: list[Ev]
) -> Analysis:
    """Actors keyed by name with (type, the texts naming them); events at the first occurrence of their trigger."""
    made: list[Actor] = []
    ids: dict[str, str] = {}
    for number, (name, (kind, texts)) in enumerate(actors.items(), 1):
        mentions = []
        for each in texts:
            at = 0
            while (start := text.find(each, at)) >= 0:
                mentions.append(Mention(start, start + len(each), each))
                at = start + len(each)
        ids[name] = f"a{number}"
        made.append(Actor(f"a{number}", name, kind, aliases=[t for t in texts if t != name], mentions=mentions))
    made_events = []
    for number, ev in enumerate(events, 1):
        start = text.index(ev.trigger)
        people = [ids[n] for n in (ev.source, ev.target, *ev.others) if n]
        made_events.append(
            Event(
                f"e{number}",
                ev.type,
                start,
                start + len(ev.trigger),
                ev.trigger,
                date=ev.date,
                participants=people,
                source=ids[ev.source] if ev.source else None,
                target=ids[ev.target] if ev.target else None,
                date_basis=None if ev.given else DOCUMENT_DATE_GUESS,
            )
        )
    document = Document(text, title=title, date=date)
    return Analysis(document, ANALYZER_VERSION, "test", actors=made, events=made_events)


PERSON, ORG, PLACE = ActorType.PERSON, ActorType.ORG, ActorType.PLACE

JERUSALEM_TALKS = analysis(
    "Blinken meets Netanyahu in Jerusalem",
    "2023-12-05",
    "Antony Blinken met Benjamin Netanyahu in Jerusalem on Tuesday. "
    "Israeli forces struck the al-Shifa hospital in Gaza, officials said.",
    {
        "Antony Blinken": (PERSON, ["Antony Blinken"]),
        "Benjamin Netanyahu": (PERSON, ["Benjamin Netanyahu"]),
        "Jerusalem": (PLACE, ["Jerusalem"]),
        "Israeli forces": (ORG, ["Israeli forces"]),
        "al-Shifa hospital": (ORG, ["al-Shifa hospital"]),
    },
    [
        Ev(EventType.MEETING, "met", "Antony Blinken", "Benjamin Netanyahu", "2023-12-05"),
        Ev(EventType.ATTACK, "struck", "Israeli forces", "al-Shifa hospital", "2023-12-05", given=False),
    ],
)

WIRE_REPORT = analysis(
    "Talks in Israel as hospital is hit",
    "2023-12-06",
    "Prime Minister Netanyahu received Secretary of State Blinken on Monday. "
    "A Hamas rocket struck the al-Shifa hospital, the army said. "
    "Blinken and Netanyahu met again on December 15 in Tel Aviv.",
    {
        "Benjamin Netanyahu": (PERSON, ["Prime Minister Netanyahu", "Netanyahu"]),
        "Antony Blinken": (PERSON, ["Secretary of State Blinken", "Blinken"]),
        "Hamas": (ORG, ["Hamas"]),
        "al-Shifa hospital": (ORG, ["al-Shifa hospital"]),
        "Tel Aviv": (PLACE, ["Tel Aviv"]),
    },
    [
        Ev(EventType.MEETING, "received", "Benjamin Netanyahu", "Antony Blinken", "2023-12-04"),
        Ev(EventType.ATTACK, "struck", "Hamas", "al-Shifa hospital", "2023-12-06", given=False),
        Ev(EventType.MEETING, "met again", "Antony Blinken", "Benjamin Netanyahu", "2023-12-15"),
    ],
)

EUROPE_CALL = analysis(
    "Scholz calls Macron",
    "2023-12-20",
    "Olaf Scholz called Emmanuel Macron about the budget on Wednesday.",
    {"Olaf Scholz": (PERSON, ["Olaf Scholz"]), "Emmanuel Macron": (PERSON, ["Emmanuel Macron"])},
    [Ev(EventType.CALL, "called", "Olaf Scholz", "Emmanuel Macron", "2023-12-20")],
)

SAMPLES = (JERUSALEM_TALKS, WIRE_REPORT, EUROPE_CALL)


def fill(library: Library) -> list[str]:
    """Store the three samples (with their dates) and return their hashes, in order."""
    hashes = []
    for sample in SAMPLES:
        library.store_analysis(sample)
        library.set_date(sample.document.sha256, sample.document.date)
        hashes.append(sample.document.sha256)
    return hashes
