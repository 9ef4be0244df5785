"""The garbage collector paused during a stage's join comes back as it was, even when the join fails."""

from __future__ import annotations

import gc

import pytest

from models.analysis.gc_pause import collector_paused


def test_collector_is_back_on_after_the_block() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_is_back_on_after_a_failure() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("join failed")
    assert gc.isenabled()


def test_collector_left_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
