"""Which other documents a correction is offered for: those of the same library actor where it applies."""

from __future__ import annotations

from pathlib import Path

from models.domain import ActorType, Document
from models.library import Library
from models.library.corrections import describe_op
from models.library.propagate import apply_elsewhere, documents_for, undo_elsewhere
from models.version import ANALYZER_VERSION
from tests.models.test_actor_index import SMITH_1, SMITH_3, analysis

PRESS = "John Smith and the Farm Union met. Smith left."
UNION = "The Farm Union protested."


def test_a_correction_goes_where_the_same_actor_is_and_the_correction_applies(tmp_path: Path) -> None:
    with Library(tmp_path / "library.sqlite3") as lib:
        farm = analysis("Farm", SMITH_1, [("John Smith", ActorType.PERSON, ["Mr. Smith"], ["John Smith", "Mr. Smith"])])
        press = analysis(
            "Press",
            PRESS,
            [
                ("John Smith", ActorType.PERSON, ["Smith"], ["John Smith", "Smith"]),
                ("Farm Union", ActorType.ORG, [], ["Farm Union"]),
            ],
        )
        for each in (
            farm,
            press,
            analysis("Bare", SMITH_3, [("Mr. Smith", ActorType.PERSON, [], ["Mr. Smith"])]),
            analysis("Bridge", "Anna Smith opened it.", [("Anna Smith", ActorType.PERSON, [], ["Anna Smith"])]),
            analysis("Union", UNION, [("Farm Union", ActorType.ORG, [], ["Farm Union"])]),
        ):
            lib.store_analysis(each)
        farm_hash = Document(SMITH_1).sha256

        # "Not an actor" on John Smith: offered in Press (same full name), not in Bare (a surname two people share).
        removal = describe_op(farm.actors, "remove", actor="a1")
        elsewhere = documents_for(lib, farm_hash, removal, ANALYZER_VERSION)
        assert [title for _h, title in elsewhere.documents] == ["Press"]
        assert apply_elsewhere(lib, elsewhere) == 1
        press_hash = Document(PRESS).sha256
        assert [op.kind for op in lib.corrections(press_hash)] == ["remove"]
        undo_elsewhere(lib, elsewhere)
        assert lib.corrections(press_hash) == []

        # A merge goes only where both actors are: Farm Union into John Smith applies in Press, not in Union.
        merge = describe_op(press.actors, "merge", source="a2", target="a1")
        offered = documents_for(lib, press_hash, merge, ANALYZER_VERSION)
        assert offered.documents == ()
