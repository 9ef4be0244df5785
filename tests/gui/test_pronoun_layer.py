"""Pronoun mentions are painted like the actor's name and can be switched off on their own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from models.domain import Actor, ActorType, Analysis, Document, Mention, MentionKind
from tests.gui.conftest import make_window

TEXT = "Zoë Müller met the mayor on Monday. She left early.\n"


def _analysis(document: Document) -> Analysis:
    assert document.text == TEXT
    she = TEXT.index("She")
    zoe = Actor(
        "a1",
        "Zoë Müller",
        ActorType.PERSON,
        mentions=[Mention(0, 10, "Zoë Müller"), Mention(she, she + 3, "She", MentionKind.PRONOUN)],
    )
    return Analysis(document=document, analyzer_version="test", model="test", actors=[zoe])


def test_pronoun_switch_hides_pronouns_but_keeps_names(qtbot, tmp_path: Path) -> None:
    win = make_window(qtbot, tmp_path / "data")
    win.controller.analyze_fn = _analysis
    article = tmp_path / "she.txt"
    article.write_text(TEXT, encoding="utf-8")
    with qtbot.waitSignal(win.analysis_shown, timeout=10_000):
        win.open_path(str(article))
    name_pos = win.offsets.to_qt(2)
    pronoun_pos = win.offsets.to_qt(TEXT.index("She") + 1)
    assert [s.item_id for s in win.view.visible_spans_at(pronoun_pos)] == ["a1"]

    box = win.legend.box("PRONOUN")
    assert box.text().endswith(": 1 mention")  # pronouns are mentions, not actors
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert win.view.visible_spans_at(pronoun_pos) == []
    assert [s.item_id for s in win.view.visible_spans_at(name_pos)] == ["a1"]

    # Hiding people hides their pronouns too; showing people again leaves the pronoun switch in charge.
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    person = win.legend.box("PERSON")
    qtbot.mouseClick(person, Qt.MouseButton.LeftButton, pos=QPoint(8, person.height() // 2))
    assert win.view.visible_spans_at(pronoun_pos) == []
    assert win.view.visible_spans_at(name_pos) == []
    qtbot.mouseClick(person, Qt.MouseButton.LeftButton, pos=QPoint(8, person.height() // 2))
    assert [s.item_id for s in win.view.visible_spans_at(pronoun_pos)] == ["a1"]
    win.close()
