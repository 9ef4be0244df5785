"""The analysis worker process: same result as in-process, on several cores too; death, cancel and memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from models.analysis.actor_facts import ProvisionalSpan
from models.analysis.paragraphs import split_paragraphs
from models.analysis.pipeline import AnalysisCancelled, Analyzer
from models.analysis.supervisor import (
    AnalysisSupervisor,
    WorkerLost,
    WorkerOutOfMemory,
    leftover_processes,
    tree_pids,
)
from models.domain import Document
from tests.conftest import EVAL_DIR

ROOT = Path(__file__).resolve().parents[2]

if TYPE_CHECKING:
    from spacy.tokens import Doc

pytestmark = pytest.mark.skipif(not EVAL_DIR.is_dir(), reason="the GUM evaluation set is not beside the repository")


def news_text(words: int) -> str:
    """Whole GUM news articles one after the other, about `words` words."""
    out: list[str] = []
    count = 0
    for path in sorted(EVAL_DIR.glob("*.json")):
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        out.append(text.strip())
        count += len(text.split())
        if count >= words:
            break
    return "\n\n".join(out) + "\n"


def wait_gone(pids: list[int], timeout: float = 10.0) -> list[int]:
    deadline = time.monotonic() + timeout
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if p in leftover_processes()]
    return alive


@pytest.fixture(scope="module")
def supervisor() -> Iterator[AnalysisSupervisor]:
    sup = AnalysisSupervisor(1200)
    sup.start()
    yield sup
    pids = sup.process_ids()
    sup.shutdown()
    assert wait_gone(pids) == []


@pytest.fixture(scope="module")
def text() -> str:
    return news_text(3000)


def test_worker_and_parallel_parts_give_the_in_process_result(
    supervisor: AnalysisSupervisor, analyzer: Analyzer, text: str
) -> None:
    expected = analyzer.analyze(Document(text, title="News")).to_json()
    partials: list[object] = []
    pooled = supervisor.analyze(
        Document(text, title="News"), partial=partials.append, options={"min_chars": 0, "max_parts": 2}
    )
    assert supervisor.timings.parts == 2
    assert pooled.to_json() == expected
    stages = supervisor.timings.stages  # the benchmark's breakdown: idling for a helper is part of the parse wait
    assert 0 <= stages["helper_idle"] <= stages["parse_wait"]
    assert partials, "the first paragraphs' entities arrive before the result"
    single = supervisor.analyze(Document(text, title="News"), options={"max_parts": 1})
    assert supervisor.timings.parts == 1
    assert single.to_json() == expected


def test_a_parsing_helper_killed_midway_changes_nothing(
    supervisor: AnalysisSupervisor, analyzer: Analyzer, text: str
) -> None:
    """Its chunks are parsed by the analysis process instead: the same result, no error."""
    long = text * 3
    killed: list[int] = []

    def kill_helpers(_spans: object) -> None:
        worker = supervisor.worker_pid
        if not killed and worker is not None:
            for pid in tree_pids(worker)[1:]:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)

    pooled = supervisor.analyze(Document(long), partial=kill_helpers, options={"min_chars": 0, "max_parts": 3})
    assert killed, "the helpers were running when the first paragraphs arrived"
    assert pooled.to_json() == analyzer.analyze(Document(long)).to_json()


def test_a_killed_worker_is_reported_and_replaced(supervisor: AnalysisSupervisor, text: str) -> None:
    killed: list[int] = []

    def kill_on_first_results(_spans: object) -> None:
        if not killed and supervisor.worker_pid is not None:
            killed.append(supervisor.worker_pid)
            os.kill(supervisor.worker_pid, signal.SIGKILL)

    with pytest.raises(WorkerLost) as caught:
        supervisor.analyze(Document(text), partial=kill_on_first_results, options={"max_parts": 1})
    assert not isinstance(caught.value, WorkerOutOfMemory)
    assert "restarted" in caught.value.user_message
    analysis = supervisor.analyze(Document("Angela Merkel met Emmanuel Macron in Berlin.\n"))
    assert {a.name for a in analysis.actors} >= {"Angela Merkel", "Emmanuel Macron"}
    assert supervisor.worker_pid not in killed


def test_cancel_kills_the_worker_at_once(supervisor: AnalysisSupervisor, text: str) -> None:
    first_pid: list[int] = []
    cancelled_at: list[float] = []

    def cancel_on_first_results(_spans: object) -> None:
        if not first_pid and supervisor.worker_pid is not None:
            first_pid.append(supervisor.worker_pid)
            cancelled_at.append(time.monotonic())
            threading.Thread(target=supervisor.cancel).start()  # as the window does, from another thread

    with pytest.raises(AnalysisCancelled):
        supervisor.analyze(Document(text * 3), partial=cancel_on_first_results, options={"max_parts": 1})
    assert time.monotonic() - cancelled_at[0] < 3.0  # not after the rest of a 9,000-word text
    assert wait_gone(first_pid) == []
    again = supervisor.analyze(Document("Joe Biden spoke in Ohio.\n"))
    assert any(a.name == "Joe Biden" for a in again.actors)


def test_a_worker_over_the_memory_ceiling_is_stopped(supervisor: AnalysisSupervisor, text: str) -> None:
    supervisor.memory_limit_mb = 20  # far below a loaded model: stopped at the first check
    try:
        with pytest.raises(WorkerOutOfMemory) as caught:
            supervisor.analyze(Document(text), options={"max_parts": 1})
    finally:
        supervisor.memory_limit_mb = 1200
    assert "20 MB" in caught.value.user_message
    analysis = supervisor.analyze(Document("Angela Merkel met Emmanuel Macron in Berlin.\n"))
    assert analysis.actors


def test_shutdown_leaves_no_process_behind() -> None:
    sup = AnalysisSupervisor(None)
    sup.start()
    pids = sup.process_ids()
    assert pids
    with pytest.raises(AnalysisCancelled):
        threading.Timer(0.3, sup.shutdown).start()  # while the model may still be loading
        sup.analyze(Document("Angela Merkel met Emmanuel Macron in Berlin.\n"))
    sup.shutdown()
    assert wait_gone(pids) == []


def test_the_command_line_analyses_a_long_text_in_the_shared_worker(analyzer: Analyzer) -> None:
    from models.analysis.supervisor import Timings, analyze_document, shared_supervisor

    document = Document("Angela Merkel met Emmanuel Macron in Berlin on Monday.\n\nMerkel flew home.\n")
    shared_supervisor().timings = Timings()
    result = analyze_document(document, in_process_max_chars=10)
    assert shared_supervisor().timings.analysis_s > 0  # it went through the worker process
    assert result.to_json() == analyzer.analyze(document).to_json()


def test_the_top_of_the_text_is_handed_over_before_the_document_level_work(
    analyzer: Analyzer, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paragraphs' entities need only their parse: the reader sees them before the date is looked for,
    the stages are set up or any paragraph is collected."""
    import models.analysis.actors as actors
    import models.analysis.pipeline as pipeline
    import models.analysis.times as times
    from models.analysis.actors import ActorStage
    from models.analysis.times import detect_document_date

    order: list[str] = []
    original_date = detect_document_date  # the names the pipeline imports are patched below
    original_prepare = pipeline.prepare_stages

    class RecordingStage(ActorStage):
        def collect(self, doc: Doc, offset: int) -> None:
            order.append("collect")
            super().collect(doc, offset)

    def recording_date(value: str) -> str | None:
        order.append("date")
        return original_date(value)

    def recording_prepare(rare: bool = False) -> None:
        order.append("prepare")
        original_prepare(rare)

    monkeypatch.setattr(actors, "ActorStage", RecordingStage)
    monkeypatch.setattr(times, "detect_document_date", recording_date)
    monkeypatch.setattr(pipeline, "prepare_stages", recording_prepare)
    partials: list[list[ProvisionalSpan]] = []

    def partial(spans: list[ProvisionalSpan]) -> None:
        order.append("partial")
        partials.append(list(spans))

    result = analyzer.analyze(Document(text), partial=partial, first_batch=4)
    prepared = order.index("prepare")
    assert prepared >= 1 and set(order[:prepared]) == {"partial"}, order[: prepared + 1]
    assert order[prepared + 1 : prepared + 3] == ["date", "collect"]
    fourth_paragraph_end = split_paragraphs(text)[3][1]
    assert partials[0] and all(span.end <= fourth_paragraph_end for span in partials[0])
    monkeypatch.undo()
    assert result.to_json() == analyzer.analyze(Document(text)).to_json()


@pytest.mark.parametrize("pooled", [False, True])
def test_the_first_highlights_wait_only_for_the_lead_paragraphs(
    analyzer: Analyzer, text: str, monkeypatch: pytest.MonkeyPatch, pooled: bool
) -> None:
    """The headline and dateline (or a long first paragraph alone) are parsed on their own and their names
    handed over before the rest of the first screen is parsed, in one process and with parsing helpers;
    the result is the one of an analysis without early highlights."""
    import models.analysis.pipeline as pipeline
    import models.analysis.worker_pool as worker_pool
    from models.analysis.worker_pool import ParallelAnalyzer

    lead_paragraph = "Angela Merkel met Emmanuel Macron in Paris on Monday to talk about trade. " * 8
    article = f"Merkel meets Macron in Paris\n\nMonday, March 3, 2021\n\n{lead_paragraph}\n\n{text}"
    pieces = split_paragraphs(article)
    lead = pipeline.lead_count(pieces, pipeline.head_count(pieces, 8))
    assert lead == 2  # the headline and the dateline: under LEAD_CHARS together, the next paragraph is not
    order: list[object] = []
    original = pipeline.parse_pieces

    def recording_parse(nlp: object, text_: str, some: list[tuple[int, int]]) -> Iterator[Doc]:
        order.append(len(some))
        yield from original(nlp, text_, some)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "parse_pieces", recording_parse)
    monkeypatch.setattr(worker_pool, "parse_pieces", recording_parse)
    runner = ParallelAnalyzer(analyzer.nlp, analyzer.model_label, max_parts=2, min_chars=0) if pooled else analyzer
    partials: list[list[ProvisionalSpan]] = []

    def partial(spans: list[ProvisionalSpan]) -> None:
        order.append("partial")
        partials.append(list(spans))

    result = runner.analyze(Document(article), partial=partial)
    assert order[:2] == [lead, "partial"], order[:4]
    assert {s.end for s in partials[0]} and max(s.end for s in partials[0]) <= pieces[lead - 1][1]
    monkeypatch.undo()
    assert result.to_json() == analyzer.analyze(Document(article)).to_json()


def test_the_analysis_process_has_a_session_of_its_own_and_still_ends_with_the_window(tmp_path: Path) -> None:
    """The model loads in a session of its own (a busy machine's scheduler then does not halve it with the
    window being built), yet when the window's process is killed outright, the analysis processes end too."""
    script = (
        "import os, sys, time\n"
        "from models.analysis.supervisor import AnalysisSupervisor\n"
        "from models.domain import Document\n"
        "sup = AnalysisSupervisor(None)\n"
        "sup.start()\n"
        "sup.analyze(Document('Angela Merkel met Emmanuel Macron in Berlin.\\n'))\n"
        "print(sup.process_ids()[0], sup.worker_pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    window = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert window.stdout is not None
        zygote, worker = (int(x) for x in window.stdout.readline().split())
        assert os.getsid(zygote) == zygote != os.getsid(window.pid)
        window.kill()
        window.wait(timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_running(p) for p in (zygote, worker)):
            time.sleep(0.1)
        assert not any(_running(p) for p in (zygote, worker))
    finally:
        if window.poll() is None:
            window.kill()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_a_helper_hands_over_its_first_paragraphs_in_small_batches(analyzer: Analyzer, text: str) -> None:
    """The chunks after the top of the text start small and grow, so the analysis process collects the first
    paragraphs a helper parsed while it parses on, rather than a whole 64-paragraph chunk at once; every
    paragraph arrives once, in order, whatever the chunks."""
    import multiprocessing

    from models.analysis.parse_transfer import unpack
    from models.analysis.worker_pool import FIRST_CHUNK_PIECES, _Helper, _Work, growing_batches

    tiny = [(i, i + 1) for i in range(100)]
    assert [len(c) for c in growing_batches("x" * 100, tiny)] == [8, 16, 32, 44]
    assert growing_batches("", []) == [] and growing_batches("xyz", tiny[:3]) == [tiny[:3]]
    shared = [len(c) for c in growing_batches("x" * 100, tiny, processes=2)]  # the last ones small again
    assert shared[:2] == [8, 16] and max(shared[2:]) < 32 and shared[-1] <= 8 and sum(shared) == 100
    pieces = split_paragraphs(text)[:40]
    chunks = growing_batches(text, pieces)
    assert [p for chunk in chunks for p in chunk] == pieces
    ctx = multiprocessing.get_context("fork")
    work = _Work(text, chunks, ctx.Value("i", 0), ctx.Value("i", 0), os.getpid(), ())
    helper = _Helper(ctx, analyzer.nlp, work, 0)
    try:
        sent: list[tuple[int, int]] = []  # (chunk, paragraphs) in the order they arrived
        while helper.reader.poll(120) and (message := helper.reader.recv())[1] >= 0:
            if message[2] is not None:
                sent.append((message[1], len(unpack(analyzer.nlp.vocab, message[2]))))
    finally:
        helper.stop()
        helper.reader.close()
    assert sent[0] == (0, FIRST_CHUNK_PIECES) and len(sent) >= 3
    assert [index for index, _ in sent] == list(range(len(chunks))) and sum(n for _, n in sent) == len(pieces)


def _die_in_the_middle_of_a_message(conn: object) -> None:
    """A helper killed while sending a chunk: the length of a large message, and only part of it."""
    import struct

    fd = conn.fileno()  # type: ignore[attr-defined]
    os.write(fd, struct.pack("!i", 1_000_000) + b"x" * 1000)
    os._exit(0)


def test_a_helper_dying_in_the_middle_of_a_message_is_lost_not_waited_for(analyzer: Analyzer) -> None:
    """A chunk's arrays are larger than a pipe holds, so a helper killed while sending leaves half a message:
    the analysis process must see the helper gone (and parse its chunks itself), not wait for the rest."""
    import multiprocessing

    from models.analysis.worker_pool import _Chunks, _Work

    ctx = multiprocessing.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_die_in_the_middle_of_a_message, args=(writer,))
    process.start()
    writer.close()
    helper = type("Helper", (), {"reader": reader, "process": process})()
    work = _Work("One. Two.", [[(0, 4)], [(5, 9)]], ctx.Value("i", 0), ctx.Value("i", 0), os.getpid(), ())
    chunks = _Chunks(analyzer.nlp, work, [helper])
    process.join(timeout=30)
    started = time.monotonic()
    assert chunks._drain(block=True)
    assert chunks.lost == {0} and not chunks.open and time.monotonic() - started < 5
    assert [doc.text for doc in chunks.docs([helper])] == ["One.", "Two."]
    chunks.close()
    assert not any(thread.is_alive() for thread in chunks.readers) and reader.closed


def test_a_helper_sends_all_it_parsed_without_waiting_for_the_analysis_process_to_read(
    analyzer: Analyzer, text: str
) -> None:
    """The chunks' arrays are far larger than a pipe: a helper whose sends waited for the analysis process (busy
    collecting or parsing a chunk of its own) would sit idle instead of parsing on. Here the analysis process
    asks for nothing while the helper works, yet the helper parses and sends every chunk and ends; they are all
    there afterwards, and the pipe's reading thread ends with the helper."""
    import multiprocessing
    import pickle

    from models.analysis.worker_pool import PIPE_BYTES, _Chunks, _Helper, _Work, growing_batches

    long = text * 3
    chunks = growing_batches(long, split_paragraphs(long))
    ctx = multiprocessing.get_context("fork")
    work = _Work(long, chunks, ctx.Value("i", 0), ctx.Value("i", 0), os.getpid(), ())
    helper = _Helper(ctx, analyzer.nlp, work, 0)
    taken = _Chunks(analyzer.nlp, work, [helper])
    try:
        helper.process.join(timeout=180)
        assert helper.process.exitcode == 0, "the helper waited for its chunks to be read"
        while taken.open:
            taken._drain(block=True)
    finally:
        helper.stop()
        taken.close()
    assert sorted(taken.received) == list(range(len(chunks))) and taken.finished == {0} and not taken.lost
    assert sum(len(pickle.dumps(p)) for p in taken.received.values()) > PIPE_BYTES  # more than a pipe holds
    assert not any(thread.is_alive() for thread in taken.readers)


def test_a_helper_stays_a_few_chunks_ahead_of_the_analysis_process(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a machine that starves the analysis process, a helper would otherwise parse the whole book ahead of it
    and the chunks waiting to be read would fill the memory: it takes the next chunk only when the analysis
    process needs one fewer than `HELPER_AHEAD` chunks before it."""
    import multiprocessing

    import models.analysis.worker_pool as worker_pool
    from models.analysis.worker_pool import _Chunks, _Helper, _Work

    monkeypatch.setattr(worker_pool, "HELPER_AHEAD", 2)
    short = "".join(f"Paragraph {n} names Paris.\n\n" for n in range(6))
    chunks = [[piece] for piece in split_paragraphs(short)]
    ctx = multiprocessing.get_context("fork")
    work = _Work(short, chunks, ctx.Value("i", 0), ctx.Value("i", 0), os.getpid(), ())
    helper = _Helper(ctx, analyzer.nlp, work, 0)
    taken = _Chunks(analyzer.nlp, work, [helper])
    try:
        deadline = time.monotonic() + 60
        while len(taken.received) < 2 and time.monotonic() < deadline:
            taken._drain(block=True)
        time.sleep(1.0)
        taken._drain(block=False)
        assert sorted(taken.received) == [0, 1] and work.claimed.value == 2  # waiting, chunk 0 still needed
        docs = [doc.text for doc in taken.docs([helper])]  # needing each in turn lets the helper go on
        while taken.open and time.monotonic() < deadline:  # its last word may come after its last chunk
            taken._drain(block=True)
    finally:
        helper.stop()
        taken.close()
    assert docs == [short[s:e] for s, e in split_paragraphs(short)] and taken.finished == {0}


def test_parsing_helpers_and_their_reading_threads_end_with_the_analysis(analyzer: Analyzer, text: str) -> None:
    """Finished or cancelled midway, a pooled analysis leaves no helper process and no thread behind."""
    import multiprocessing
    import threading

    from models.analysis.pipeline import AnalysisCancelled
    from models.analysis.worker_pool import ParallelAnalyzer

    before = set(threading.enumerate())
    runner = ParallelAnalyzer(analyzer.nlp, analyzer.model_label, max_parts=2, min_chars=0)
    assert runner.analyze(Document(text)).to_json() == analyzer.analyze(Document(text)).to_json()
    assert runner.last_parts == 2
    assert set(threading.enumerate()) == before and multiprocessing.active_children() == []
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 30

    with pytest.raises(AnalysisCancelled):
        runner.analyze(Document(text * 2), cancelled=cancelled)
    assert set(threading.enumerate()) == before and multiprocessing.active_children() == []


def test_no_full_garbage_collection_runs_while_an_analysis_collects(
    analyzer: Analyzer, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection walks everything the stages have kept so far, again and again over a book: it is held off
    while the paragraphs are collected (the young generations are still collected), and the thresholds are
    back afterwards, also when the analysis stops with an error, so the cycles it left are collected later."""
    import gc

    import models.analysis.actors as actors
    from models.analysis.actors import ActorStage

    seen: list[tuple[int, int, int]] = []

    class RecordingStage(ActorStage):
        def collect(self, doc: Doc, offset: int) -> None:
            seen.append(gc.get_threshold())
            super().collect(doc, offset)

    before = gc.get_threshold()
    monkeypatch.setattr(actors, "ActorStage", RecordingStage)
    result = analyzer.analyze(Document(text))
    assert seen and all(t[:2] == before[:2] and t[2] > 1_000_000 for t in seen), seen[:1]
    assert gc.get_threshold() == before

    def failing(self: ActorStage, doc: Doc, offset: int) -> None:
        raise RuntimeError("a stage failed")

    monkeypatch.setattr(RecordingStage, "collect", failing)
    with pytest.raises(RuntimeError):
        analyzer.analyze(Document(text))
    assert gc.get_threshold() == before
    monkeypatch.undo()
    assert result.to_json() == analyzer.analyze(Document(text)).to_json()
