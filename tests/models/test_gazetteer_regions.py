"""Regions ("Bavaria", "Ontario") come from pycountry's subdivisions, read straight from its database file."""

from __future__ import annotations

import pycountry

from models.analysis.gazetteer import _regions, is_region, normal


def test_the_regions_are_exactly_pycountrys_subdivisions() -> None:
    """Read without pycountry's records (cheaper for a fresh analysis process), the names are still all of theirs."""
    assert _regions() == frozenset(normal(s.name) for s in pycountry.subdivisions)


def test_a_region_is_known_in_any_usual_form() -> None:
    assert is_region("California") and is_region("ontario") and is_region("the  New South Wales")
    assert not is_region("Angela Merkel") and not is_region("the Pentagon")
