"""How the analysis keeps Python's cyclic garbage collector from walking what it has collected, again and again.

`young_collections_only` holds off full collections for a whole analysis; `collector_paused` stops the
collector during a stage's document-level join.

Why the join: the join (grouping a book's names into actors, resolving its pronouns) allocates hundreds of thousands
of small objects while everything collected from the book is alive, so the collector runs over and over and
its full passes walk all of it: on a 200,000-word book about a fifth of the actor join's CPU time went to
collections that found next to nothing to free (the join makes no reference cycles worth collecting early).
Nothing is lost: the objects the join drops are freed by reference counting as usual, and the collector
resumes (and catches up) when the join is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic garbage collector off; leave it as it was found (off stays off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _FullCollections:
    """Full garbage collections held off while any analysis of this process runs (see `young_collections_only`)."""

    lock = threading.Lock()
    running = 0
    thresholds = gc.get_threshold()


@contextmanager
def young_collections_only() -> Iterator[None]:
    """No full garbage collection while an analysis runs; the young generations are collected as usual.

    Why: what the stages keep grows with the text, and each full collection walks all of it again (half a
    second of a 200,000-word book's analysis process went to three of them). The few cycles an analysis
    leaves are collected by the first full collection after it, the thresholds being restored then.
    """
    state = _FullCollections
    with state.lock:
        state.running += 1
        if state.running == 1:
            state.thresholds = gc.get_threshold()
            young, middle, _old = state.thresholds
            gc.set_threshold(young, middle, 1 << 30)  # the count of middle collections never reaches it
    try:
        yield
    finally:
        with state.lock:
            state.running -= 1
            if state.running == 0:
                gc.set_threshold(*state.thresholds)
