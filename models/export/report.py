"""The report model: what every export format shows, computed once from the analysis and the reader's work.

Why a separate model: the formats must agree (same actors, same order, same filters), and sorting,
filtering and quoting a 1-million-word document should happen once, not once per format. The model
is plain frozen data, so the GUI can build it in a worker thread and hand it to any renderer.

Over 400 lines because the rows, filters and order that every format shares are one model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from models.domain import Actor, Analysis, Document, Event
from models.filters import (
    EVENT_LAYER,
    PRONOUN_LAYER,
    READER_LAYER,
    FilterState,
    chronological_key,
    date_interval,
    display_date,
)
from models.reader import DOCUMENT_TARGET, ReaderHighlight, ReaderNote
from models.text import sentence_quote

Progress = Callable[[int, int], None]

CONTEXT_CHARS = 32
DEFAULT_CATEGORY_COLOR = "#9E9E9E"
TOP_ACTORS = 10
TITLE_LIMIT = 90
_FILE_NAME = re.compile(r"^[^\s/\\]+\.(?:txt|text|md|markdown|html?|xhtml|pdf|docx|epub|rtf|odt)$", re.IGNORECASE)
_HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")


class FigureLike(Protocol):
    """A picture for a report, as `models.views.Figure` draws it: a title and its SVG text."""

    @property
    def title(self) -> str: ...

    @property
    def svg(self) -> str: ...


FigureMaker = Callable[[Analysis], Iterable[FigureLike]]


class ExportCancelled(Exception):
    """Raised by `ProgressSink.step` when the caller asked to stop."""


@dataclass(frozen=True, slots=True)
class ActorRow:
    id: str
    name: str
    type: str
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    mentions: int
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    type: str
    date: str | None
    date_label: str
    trigger: str
    participants: tuple[str, ...]
    source: str | None
    target: str | None
    place: str | None
    quote: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class HighlightRow:
    id: str
    category: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoteRow:
    """A note on the document, an actor or an event, with the place it points at (if any)."""

    id: str
    target: str
    target_label: str
    text: str
    tags: tuple[str, ...]
    start: int | None = None
    end: int | None = None
    quote: str = ""

    @property
    def target_kind(self) -> str:
        return self.target.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class CategoryGroup:
    name: str
    color: str
    highlights: tuple[HighlightRow, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a report shows, in display order, already filtered."""

    title: str
    source: str | None
    date: str | None
    sha256: str
    text: str
    analysis: Analysis
    actors: tuple[ActorRow, ...]
    events: tuple[EventRow, ...]
    groups: tuple[CategoryGroup, ...]
    notes: tuple[NoteRow, ...]
    categories: Mapping[str, str] = field(default_factory=dict)
    filtered: bool = False

    source_uri: str | None = None
    # Whether actors' pronoun mentions ("he", "her") are part of what is shown.
    pronouns: bool = True
    # (title, SVG markup) of the timeline and actor network pictures, when asked for.
    figures: tuple[tuple[str, str], ...] = ()

    def place_uri(self, start: int, end: int) -> str | None:
        base = self.source_uri
        return f"{base}#char={start},{end}" if base else None

    @property
    def highlight_count(self) -> int:
        return sum(len(g.highlights) for g in self.groups)

    @property
    def dated_events(self) -> tuple[EventRow, ...]:
        """Events a reader can place in time (a year-less day or month counts), in time order: the chronology."""
        return tuple(e for e in self.events if _date_rank(e.date) < 2)

    @property
    def undated_events(self) -> tuple[EventRow, ...]:
        """Events without a date, or with one that names no day, month or year ("a Friday")."""
        return tuple(e for e in self.events if _date_rank(e.date) == 2)

    @property
    def top_actors(self) -> tuple[ActorRow, ...]:
        """The most mentioned actors (the rows are already sorted by mentions)."""
        return self.actors[:TOP_ACTORS]

    @property
    def summary(self) -> str:
        """One line a reader takes in first: their own items, then actors, events and the period the events span."""
        mine = []
        if self.highlight_count:
            mine.append(_count(self.highlight_count, "highlight"))
        if self.notes:
            mine.append(_count(len(self.notes), "note"))
        lead = f"Your {' and '.join(mine)}; " if mine else ""
        return f"{lead}{_count(len(self.actors), 'actor')} and {_count(len(self.events), 'event')}{self._period()}."

    def _period(self) -> str:
        dated = self.dated_events
        if not dated:
            return ", none of them dated" if self.events else ""
        # The span runs over calendar dates; year-less dates only when there is nothing else.
        ends = [e for e in dated if _date_rank(e.date) == 0] or list(dated)
        first, last = ends[0].date_label, ends[-1].date_label
        span = f"on {first}" if first == last else f"from {first} to {last}"
        if len(dated) == len(self.events):
            return f", {span}"
        return f" ({len(dated)} dated, {span})"

    def highlights(self) -> list[HighlightRow]:
        """Every highlight in text order (the article view and the formats that are not grouped)."""
        return sorted((h for g in self.groups for h in g.highlights), key=lambda h: (h.start, h.end, h.id))

    def notes_for(self, target: str) -> list[NoteRow]:
        return [n for n in self.notes if n.target == target]


class ProgressSink:
    """Reports progress at most every `every` steps and raises `ExportCancelled` when asked to stop."""

    def __init__(
        self,
        total: int,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        every: int = 2000,
    ) -> None:
        self.total = max(1, total)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._every = every
        self._next = every

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.done >= self._next:
            self._next = self.done + self._every
            self.check()
            if self._progress is not None:
                self._progress(min(self.done, self.total), self.total)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled

    def finish(self) -> None:
        self.check()
        if self._progress is not None:
            self._progress(self.total, self.total)


def _date_rank(value: str | None) -> int:
    """0: a calendar day or period; 1: a month or day without a year; 2: nothing a reader can place in time."""
    if date_interval(value) is not None:
        return 0
    if value and display_date(value) != value:  # display_date rewrites only the year-less values it can read
        return 1
    return 2


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def report_title(document: Document, source: str | None = None) -> str:
    """The document's own title, or its first heading or line; a file name only when the text offers nothing.

    Why: loaders fall back to the file name ("000_3e3f.txt") when the first line is long, but a report
    reader recognises the text by its headline or opening words.
    """
    title = " ".join((document.title or "").split())
    names = {Path(p).name for p in (source, document.source_path) if p}
    if title and title not in names and not _FILE_NAME.match(title):
        return title
    text = document.text
    headings = (b for b in document.blocks if b.kind == "heading" and b.end > b.start)
    heading = min(headings, key=lambda b: b.start, default=None)
    if heading is not None:
        found = " ".join(text[heading.start : heading.end].split())
    else:
        found = next((" ".join(line.split()) for line in text.split("\n") if line.strip()), "")
    if found:
        return _shorten(found, TITLE_LIMIT)
    return title or "Untitled"


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-") + "…"


def source_uri(source: str | None) -> str | None:
    """A URI for the source: links back add RFC 5147 `#char=start,end` fragments to it."""
    if not source:
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", source):
        return source
    path = Path(source)
    return path.resolve().as_uri() if path.is_absolute() or path.exists() else None


def valid_color(value: str | None) -> str:
    """A colour safe to put in CSS (the reader's category colours are user data)."""
    return value if value and _HEX_COLOR.match(value) else DEFAULT_CATEGORY_COLOR


def _names(ids: Iterable[str | None], names: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(names.get(i, i) for i in ids if i)


def highlight_row(h: ReaderHighlight, text: str) -> HighlightRow:
    """A highlight as a report row, its offsets clamped to the text and its passage quoted."""
    start, end = max(0, min(h.start, len(text))), max(0, min(h.end, len(text)))
    return HighlightRow(
        id=h.id,
        category=h.category,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        note=h.note,
        tags=tuple(h.tags),
    )


def note_row(note: ReaderNote, text: str, actors: Mapping[str, Actor], events: Mapping[str, Event]) -> NoteRow:
    """A note as a report row, with the name and place of the actor or event it is on."""
    label, start, end, quote = _note_place(note.target, text, actors, events)
    return NoteRow(note.id, note.target, label, note.text, tuple(note.tags), start, end, quote)


def actor_row(actor: Actor) -> ActorRow:
    """An actor as a report row, placed at its first mention."""
    first = min(actor.mentions, key=lambda m: m.start) if actor.mentions else None
    return ActorRow(
        id=actor.id,
        name=actor.name,
        type=str(actor.type),
        roles=tuple(actor.roles),
        aliases=tuple(actor.aliases),
        mentions=len(actor.mentions),
        start=first.start if first else None,
        end=first.end if first else None,
    )


def event_row(event: Event, text: str, names: Mapping[str, str]) -> EventRow:
    """An event as a report row: its date in words, its actors by name and its quoted sentence."""
    return EventRow(
        id=event.id,
        type=str(event.type),
        date=event.date,
        date_label=_date_label(event),
        trigger=event.text,
        participants=_names(event.participants, names),
        source=names.get(event.source) if event.source else None,
        target=names.get(event.target) if event.target else None,
        place=names.get(event.place) if event.place else None,
        quote=sentence_quote(text, event.start, event.end),
        start=event.start,
        end=event.end,
    )


def _date_label(event: Event) -> str:
    """The date in words, saying when it is only the document's date or the event is not told as a fact."""
    label = display_date(event.date)
    if not event.factual:
        return f"{event.telling}, {label}"
    return label + (" (the document's date)" if event.dated_by_document_only else "")


def _filtered_analysis(analysis: Analysis, actor_ids: set[str], events: list[Event], notes: list[NoteRow]) -> Analysis:
    """The analysis cut down to what is shown, still valid against the contract.

    Actors an event refers to and the actors and events a shown note is about are kept, so every
    reference in the JSON export resolves.
    """
    keep = set(actor_ids)
    noted = {n.target.partition(":")[2] for n in notes if n.target_kind == "event"}
    events = events + [e for e in analysis.events if e.id in noted]
    keep.update(n.target.partition(":")[2] for n in notes if n.target_kind == "actor")
    for event in events:
        keep.update(p for p in event.participants)
        keep.update(x for x in (event.source, event.target, event.place) if x)
    kept_event_ids = {e.id for e in events}
    return Analysis(
        document=analysis.document,
        analyzer_version=analysis.analyzer_version,
        model=analysis.model,
        actors=[a for a in analysis.actors if a.id in keep],
        events=[e for e in analysis.events if e.id in kept_event_ids],
        times=list(analysis.times),
    )


def build_report(
    analysis: Analysis,
    highlights: Iterable[ReaderHighlight] = (),
    notes: Iterable[ReaderNote] = (),
    categories: Mapping[str, str] | None = None,
    filters: FilterState | None = None,
    *,
    source: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    figures: FigureMaker | None = None,
) -> Report:
    """The report for one analysed document and the reader's items; `filters=None` exports everything.

    With a filter state the report holds what the window shows: actors whose type and switch are
    on, events passing the event facets (none when the event layer is off), reader items passing the
    category, tag and text facets (none when the reader layer is off). `figures` draws the pictures of
    the analysis the report shows (`models.views.report_figures`); passed in, so export never imports the views.
    """
    doc = analysis.document
    text = doc.text
    highlights = list(highlights)
    notes = list(notes)
    sink = ProgressSink(len(analysis.actors) + len(analysis.events) + len(highlights) + len(notes), progress, cancelled)
    names = {a.id: a.name for a in analysis.actors}

    actors = analysis.actors if filters is None else filters.visible_actors(analysis)
    actor_rows: list[ActorRow] = []
    for actor in sorted(actors, key=lambda a: (-len(a.mentions), a.name.casefold(), a.id)):
        actor_rows.append(actor_row(actor))
        sink.step()

    if filters is None:
        events = sorted(analysis.events, key=chronological_key)
    elif not filters.layer_visible(EVENT_LAYER):
        events = []
    else:
        events = sorted((e for e in analysis.events if filters.event_matches(e, use_text=False)), key=chronological_key)
    event_rows = []
    for event in events:
        event_rows.append(event_row(event, text, names))
        sink.step()

    reader_on = filters is None or filters.layer_visible(READER_LAYER)
    colors = dict(categories or {})
    by_category: dict[str, list[HighlightRow]] = {}
    for h in highlights:
        sink.step()
        row = highlight_row(h, text)
        searchable = " ".join((row.quote, h.note, h.category, *h.tags))
        if not reader_on or (filters is not None and not filters.reader_item_matches(h, searchable)):
            continue
        by_category.setdefault(h.category, []).append(row)
    order = [c for c in colors if c in by_category] + sorted(c for c in by_category if c not in colors)
    groups = tuple(
        CategoryGroup(
            name=c,
            color=valid_color(colors.get(c)),
            highlights=tuple(sorted(by_category[c], key=lambda r: (r.start, r.end, r.id))),
        )
        for c in order
    )

    events_by_id = {e.id: e for e in analysis.events}
    actors_by_id = analysis.actor_by_id()
    note_rows: list[NoteRow] = []
    for note in notes:
        sink.step()
        if not reader_on:
            continue
        nrow = note_row(note, text, actors_by_id, events_by_id)
        searchable = " ".join((nrow.target_label, note.text, *note.tags))
        if filters is not None and not filters.reader_item_matches(_Uncategorised(note), searchable):
            continue
        note_rows.append(nrow)
    note_rows.sort(key=lambda n: (n.target != DOCUMENT_TARGET, n.start if n.start is not None else -1, n.id))

    shown_actor_ids = {a.id for a in actors}
    sink.finish()
    source = source if source is not None else doc.source_path
    # "Filtered" only when the filters left something out: the default view exports everything.
    kept_highlights = sum(len(g.highlights) for g in groups)
    left_out = (len(actors), len(events), kept_highlights, len(note_rows)) != (
        len(analysis.actors),
        len(analysis.events),
        len(highlights),
        len(notes),
    )
    filtered = filters is not None and left_out
    shown = _filtered_analysis(analysis, shown_actor_ids, events, note_rows) if filtered else analysis
    pictures: tuple[tuple[str, str], ...] = ()
    if figures is not None:
        pictures = tuple((f.title, f.svg) for f in figures(shown))
    return Report(
        title=report_title(doc, source),
        source=source,
        date=doc.date,
        sha256=doc.sha256,
        text=text,
        analysis=shown,
        actors=tuple(actor_rows),
        events=tuple(event_rows),
        groups=groups,
        notes=tuple(note_rows),
        categories=colors,
        filtered=filtered,
        source_uri=source_uri(source),
        pronouns=filters is None or filters.layer_visible(PRONOUN_LAYER),
        figures=pictures,
    )


def _note_place(
    target: str, text: str, actors: Mapping[str, Actor], events: Mapping[str, Event]
) -> tuple[str, int | None, int | None, str]:
    """What a note is about, for people: a label, and the span and quote of its place in the text."""
    kind, _, ref = target.partition(":")
    if kind == "actor" and ref in actors:
        actor = actors[ref]
        if actor.mentions:
            first = min(actor.mentions, key=lambda m: m.start)
            return actor.name, first.start, first.end, first.text
        return actor.name, None, None, ""
    if kind == "event" and ref in events:
        event = events[ref]
        label = f"{event.type.title()} “{event.text}”"
        return label, event.start, event.end, sentence_quote(text, event.start, event.end)
    if kind == DOCUMENT_TARGET:
        return "Document", None, None, ""
    return (f"{kind.title()} {ref}" if ref else kind.title()), None, None, ""


@dataclass(frozen=True, slots=True)
class _Uncategorised:
    """A note seen through the filter's eyes: notes have no colour category."""

    note: ReaderNote

    @property
    def category(self) -> str | None:
        return None

    @property
    def tags(self) -> Sequence[str]:
        return self.note.tags
