"""The analysis pipeline: stream paragraphs through spaCy, collect facts, resolve per document.

Each stage sees every paragraph's `Doc` once (`collect`) and turns what it kept into contract
objects at the end (`finish`). Docs are dropped after collection, so memory stays flat.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from models.analysis.actor_facts import ProvisionalSpan
from models.analysis.actors import ActorStage
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


PartialCallback = Callable[[list[ProvisionalSpan]], None]


class AnalysisCancelled(Exception):
    """The caller asked the analysis to stop."""


def parse_pieces(nlp: Language, text: str, pieces: list[tuple[int, int]]) -> Iterator[Doc]:
    """spaCy docs of `pieces` in order, in batches bounded by characters and words (see `char_batches`)."""
    for batch in char_batches(text, pieces):
        yield from nlp.pipe((text[s:e] for s, e in batch), batch_size=len(batch))


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

        The first batch is small so the visible top of the article is highlighted quickly.
        """
        text = document.text
        doc_date = document.date or detect_document_date(text)
        pieces = split_paragraphs(text)
        actors = ActorStage()
        times = TimeStage(doc_date)
        events = EventStage()
        total = len(text)
        started = time.perf_counter()
        batch: list[ProvisionalSpan] = []
        docs = self.parse(text, pieces, first_batch)
        for index, ((start, end), doc) in enumerate(zip(pieces, docs, strict=True)):
            if cancelled is not None and cancelled():
                raise AnalysisCancelled
            actors.collect(doc, start)
            times.collect(doc, start)
            events.collect(doc, start)
            if partial is not None:
                batch.extend(actors.provisional(doc, start))
                if index + 1 == first_batch or (index + 1) % BATCH_PIECES == 0:
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
