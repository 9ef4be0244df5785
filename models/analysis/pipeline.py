"""The analysis pipeline: stream paragraphs through spaCy, collect facts, resolve per document.

Each stage sees every paragraph's `Doc` once (`collect`) and turns what it kept into contract
objects at the end (`finish`). Docs are dropped after collection, so memory stays flat.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from models.analysis.actor_facts import ProvisionalSpan
from models.analysis.actors import ActorStage, provisional_spans
from models.analysis.events import EventStage
from models.analysis.paragraphs import BATCH_PIECES, char_batches, split_paragraphs
from models.analysis.times import TimeStage, detect_document_date
from models.domain import Analysis, Document
from models.version import ANALYZER_VERSION

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
# The top of a text, highlighted before the rest: about the first screen of a news article.
HEAD_CHARS = 1_500


PartialCallback = Callable[[list[ProvisionalSpan]], None]


class AnalysisCancelled(Exception):
    """The caller asked the analysis to stop."""


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


class Analyzer:
    """Runs the whole automatic analysis of one document with a loaded pipeline."""

    def __init__(self, nlp: Language, model_label: str) -> None:
        self.nlp = nlp
        self.model_label = model_label

    def parse(self, text: str, pieces: list[tuple[int, int]], first_batch: int) -> Iterator[Doc]:
        """spaCy docs of `pieces` in order, in batches bounded by characters and words, not by count.

        Why: spaCy's memory grows with what one batch holds; 64 pieces of 20,000 characters (a long line)
        took gigabytes where 64 paragraphs take megabytes. The first paragraphs go through alone, so the
        top of the text is highlighted before the rest. The parallel analyzer parses later parts elsewhere.
        """
        for part in (pieces[:first_batch], pieces[first_batch:]):
            yield from parse_pieces(self.nlp, text, part)

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
        entities passed to `partial` before anything else, so it is highlighted quickly.
        """
        text = document.text
        pieces = split_paragraphs(text)
        total = len(text)
        started = time.perf_counter()
        first = head_count(pieces, first_batch)
        docs = self.parse(text, pieces, first)
        head: list[Doc] = []
        if partial is not None and first > 0:
            # The top of the text is highlighted first: its raw entities need only the parse, not the date,
            # the stages' set-up or their collection, which follow.
            head = list(itertools.islice(docs, first))
            top = zip(pieces[: len(head)], head, strict=True)
            partial([span for (start, _end), doc in top for span in provisional_spans(doc, start)])
        doc_date = document.date or detect_document_date(text)
        actors = ActorStage()
        times = TimeStage(doc_date)
        events = EventStage()
        batch: list[ProvisionalSpan] = []
        for index, ((start, end), doc) in enumerate(zip(pieces, itertools.chain(head, docs), strict=True)):
            if cancelled is not None and cancelled():
                raise AnalysisCancelled
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
        actor_list = actors.finish(text)
        time_list = times.finish(text)
        event_list = events.finish(text, actor_list, time_list, doc_date)
        log.info("analysed %d chars in %.2fs", total, time.perf_counter() - started)
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
