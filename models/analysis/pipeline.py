"""The analysis pipeline: stream paragraphs through spaCy, collect facts, resolve per document.

Each stage sees every paragraph's `Doc` once (`collect`) and turns what it kept into contract
objects at the end (`finish`). Docs are dropped after collection, so memory stays flat.

The stages are imported when an analysis first needs them, after the top of the text is highlighted:
the highlights of its first paragraphs need only spaCy's parse (see `prepare_stages`).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from models.analysis.actor_facts import ProvisionalSpan, provisional_spans
from models.analysis.gc_pause import young_collections_only
from models.analysis.paragraphs import BATCH_PIECES, TEXT_KEY, char_batches, split_paragraphs
from models.domain import Analysis, Document
from models.version import ANALYZER_VERSION

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
# The top of a text, highlighted before the rest: about the first screen of a news article.
HEAD_CHARS = 1_500
# The very first highlights: the first paragraph, and those after it while all stay within this many
# characters (a headline and its dateline). They parse in about the time of one paragraph, so the reader
# sees names as soon as a bare spaCy could show them; the rest of the screen follows as the next batch.
LEAD_CHARS = 400


PartialCallback = Callable[[list[ProvisionalSpan]], None]


class AnalysisCancelled(Exception):
    """The caller asked the analysis to stop."""


def prepare_stages(rare: bool = False) -> None:
    """Import the stages and read what they look things up in (pycountry, the lexicons) now.

    Why: left to their first use they cost a fresh process as much as parsing several thousand words'
    worth of characters, in the middle of its first analysis. Cheap once done (every table is kept).
    `rare` also builds what only some texts need (see `timex.preload`): dateparser, the holiday calendars.
    """
    from models.analysis import actors, events, times  # noqa: F401 - their import is part of the set-up
    from models.analysis.event_lexicon import default_lexicon
    from models.analysis.gazetteer import preload as preload_places
    from models.analysis.names import title_lexicon
    from models.analysis.timex import preload as preload_dates

    preload_places()
    title_lexicon()
    default_lexicon()
    preload_dates(rare)


def parse_pieces(nlp: Language, text: str, pieces: list[tuple[int, int]]) -> Iterator[Doc]:
    """spaCy docs of `pieces` in order, in batches bounded by characters and words (see `char_batches`)."""
    for batch in char_batches(text, pieces):
        yield from nlp.pipe((text[s:e] for s, e in batch), batch_size=len(batch))


def head_count(pieces: list[tuple[int, int]], first_batch: int) -> int:
    """How many paragraphs make the top of the text: up to `first_batch`, stopping once `HEAD_CHARS` are reached.

    A title, a dateline and a lead paragraph parse in a fraction of the time eight long paragraphs take,
    and they are what a reader sees first.
    """
    chars = 0
    for index, (start, end) in enumerate(pieces[:first_batch]):
        chars += end - start
        if chars >= HEAD_CHARS:
            return index + 1
    return min(first_batch, len(pieces))


def lead_count(pieces: list[tuple[int, int]], head: int) -> int:
    """How many of the top's `head` paragraphs are highlighted first: the first, and the next within `LEAD_CHARS`."""
    chars = 0
    for index, (start, end) in enumerate(pieces[:head]):
        chars += end - start
        if index > 0 and chars > LEAD_CHARS:
            return index
    return min(head, len(pieces))


def batch_bounds(cuts: Sequence[int], end: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) ranges of piece indexes up to `end`, split at each of `cuts` inside it."""
    bounds = [0, *sorted({c for c in cuts if 0 < c < end}), end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


class _StageClock:
    """Wall-clock seconds of an analysis' consecutive steps, and of the waits for the parse inside one of them."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into
        self.last = time.perf_counter()
        self.waited = 0.0

    def lap(self, name: str, less: str | None = None) -> None:
        """Close step `name`; with `less`, the parse waited for in it is recorded apart under that name."""
        now = time.perf_counter()
        spent = now - self.last
        if less is not None:
            self.into[less] = self.into.get(less, 0.0) + self.waited
            spent -= self.waited
            self.waited = 0.0
        self.into[name] = self.into.get(name, 0.0) + spent
        self.last = now

    def timed(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        """`docs`, adding the time spent waiting for each (parsing it, or receiving it from a helper) to `waited`."""
        iterator = iter(docs)
        while True:
            before = time.perf_counter()
            doc = next(iterator, None)
            self.waited += time.perf_counter() - before
            if doc is None:
                return
            yield doc


class Analyzer:
    """Runs the whole automatic analysis of one document with a loaded pipeline."""

    def __init__(self, nlp: Language, model_label: str) -> None:
        self.nlp = nlp
        self.model_label = model_label
        # Wall-clock seconds of the last analysis' steps, in order (see `analyze`), for the log and the benchmark.
        self.stage_s: dict[str, float] = {}

    def parse(self, text: str, pieces: list[tuple[int, int]], cuts: Sequence[int]) -> Iterator[Doc]:
        """spaCy docs of `pieces` in order, in batches bounded by characters and words, not by count.

        Why: spaCy's memory grows with what one batch holds; 64 pieces of 20,000 characters (a long line)
        took gigabytes where 64 paragraphs take megabytes. The pieces before each of `cuts` (the lead and
        the top of the text) go through on their own, so they are highlighted before the rest is parsed.
        The parallel analyzer parses the rest in helper processes too.
        """
        for start, end in batch_bounds(cuts, len(pieces)):
            yield from parse_pieces(self.nlp, text, pieces[start:end])

    def analyze(
        self,
        document: Document,
        *,
        progress: ProgressCallback | None = None,
        partial: PartialCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        first_batch: int = 8,
    ) -> Analysis:
        """Analyse `document`; callbacks report progress (chars done, total) and raw entities.

        The top of the text (at most `first_batch` paragraphs, see `head_count`) is parsed and its raw
        entities passed to `partial` before anything else, its lead (see `lead_count`) first, so it is
        highlighted quickly; only then are the stages set up and the paragraphs collected.
        """
        with young_collections_only():
            return self._analyze(document, progress, partial, cancelled, first_batch)

    def _analyze(
        self,
        document: Document,
        progress: ProgressCallback | None,
        partial: PartialCallback | None,
        cancelled: Callable[[], bool] | None,
        first_batch: int,
    ) -> Analysis:
        text = document.text
        pieces = split_paragraphs(text)
        total = len(text)
        started = time.perf_counter()
        self.stage_s = {}
        clock = _StageClock(self.stage_s)
        first = head_count(pieces, first_batch)
        lead = lead_count(pieces, first)
        docs = self.parse(text, pieces, (lead, first))
        head: list[Doc] = []
        if partial is not None and first > 0:
            # The top of the text is highlighted first: its raw entities need only the parse, not the date,
            # the stages' set-up or their collection, which follow. A lead without names waits for the rest.
            found: list[ProvisionalSpan] = []
            for start, end in batch_bounds((lead,), first):
                parsed = list(itertools.islice(docs, end - start))
                head.extend(parsed)
                top = zip(pieces[start : start + len(parsed)], parsed, strict=True)
                found.extend(span for (offset, _end), doc in top for span in provisional_spans(doc, offset))
                if found or end == first:
                    partial(found)
                    found = []
                clock.lap("lead" if start == 0 else "top")
        prepare_stages()
        from models.analysis.actors import ActorStage
        from models.analysis.events import EventStage
        from models.analysis.times import TimeStage, detect_document_date

        doc_date = document.date or detect_document_date(text)
        actors = ActorStage()
        times = TimeStage(doc_date, text)
        events = EventStage()
        clock.lap("prepare")
        batch: list[ProvisionalSpan] = []
        for index, ((start, end), doc) in enumerate(zip(pieces, clock.timed(itertools.chain(head, docs)), strict=True)):
            if cancelled is not None and cancelled():
                raise AnalysisCancelled
            doc.user_data[TEXT_KEY] = text[start:end]  # what `Doc.text` would join from the tokens, at no cost
            actors.collect(doc, start)
            times.collect(doc, start)
            events.collect(doc, start)
            if partial is not None and index >= len(head):
                batch.extend(provisional_spans(doc, start))
                if index + 1 == first_batch or (index + 1) % BATCH_PIECES == 0:  # the rest of the first screen
                    partial(batch)
                    batch = []
            if progress is not None:
                progress(end, total)
        if partial is not None and batch:
            partial(batch)
        clock.lap("collect", less="parse_wait")
        actor_list = actors.finish(text)
        clock.lap("actors")
        time_list = times.finish(text)
        clock.lap("times")
        event_list = events.finish(text, actor_list, time_list, doc_date)
        clock.lap("events")
        log.info(
            "analysed %d chars in %.2fs (%s)",
            total,
            time.perf_counter() - started,
            ", ".join(f"{name} {seconds:.3f}" for name, seconds in self.stage_s.items()),
        )
        result_doc = Document(
            text=text,
            title=document.title,
            date=doc_date,
            source_path=document.source_path,
            format=document.format,
            author=document.author,
            blocks=document.blocks,
            chapters=document.chapters,
        )
        return Analysis(
            document=result_doc,
            analyzer_version=ANALYZER_VERSION,
            model=self.model_label,
            actors=actor_list,
            events=event_list,
            times=time_list,
        )
