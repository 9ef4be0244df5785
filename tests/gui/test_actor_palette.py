"""One colour per actor: a palette built for many actors, a colour reused only with a second cue."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, Qt

from gui.highlight_layers import StyleBook
from gui.theme import ACTOR_CUES, THEMES
from models.domain import Actor, ActorType, Analysis, Document, Mention
from models.spans import Span
from models.views.colour import delta_e, over, rgb_lab
from models.views.style import ACTOR_COLORS


def tint(color: str, theme_name: str):
    theme = THEMES[theme_name]
    return rgb_lab(over(color, theme.page, theme.tint_alpha / 255))


def test_every_pair_of_actor_colours_differs_as_drawn_in_every_theme() -> None:
    worst = min(
        (delta_e(tint(a, t), tint(b, t)), a, b, t) for a, b in itertools.combinations(ACTOR_COLORS, 2) for t in THEMES
    )
    assert worst[0] >= 9.0, f"too alike: {worst}"


def test_a_reused_colour_comes_with_a_second_cue() -> None:
    text = " ".join(f"P{i:02d}" for i in range(40))
    actors = [
        Actor(f"a{i}", f"P{i:02d}", ActorType.PERSON, mentions=[Mention(4 * i, 4 * i + 3, f"P{i:02d}")] * (100 - i))
        for i in range(40)
    ]
    book = StyleBook()
    book.per_actor = True
    book.set_analysis(Analysis(Document(text), "test", "palette", actors=actors))
    looks = [book(Span(4 * i, 4 * i + 3, "PERSON", f"a{i}")) for i in range(40)]
    keys = [(s.color, s.cue) for s in looks if s is not None]
    assert len(keys) == 40 and len(set(keys)) == 40  # no two actors drawn alike
    first, again = looks[0], looks[len(ACTOR_COLORS)]
    assert first is not None and again is not None
    assert first.color == again.color and (first.cue, again.cue) == (0, 1)
    assert max(s.cue for s in looks if s is not None) < ACTOR_CUES


def test_legend_switch_colours_each_actor(qtbot, fixed_window) -> None:
    win = fixed_window
    box = win.legend.per_actor
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert win.menu_actions.per_actor_action.isChecked() and win.styles.per_actor
    colors = {actor.id: win.styles.actor_color(actor.id) for actor in win.analysis.actors}
    assert len(set(colors.values())) == len(colors)  # four actors, four colours
