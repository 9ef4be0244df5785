"""Two-line event rows: date, type and who → whom above; the quote, trigger in bold, below.

A column of ~15 characters cannot show a quote; one row of two lines, painted by a delegate,
shows what happened, who did it and the words of the text around the trigger at any panel width.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from gui.qt_models import CONTEXT_ROLE, HEADLINE_ROLE, UNDATED_ROLE

PAD = 4  # pixels around and between the two lines
GAP = "   "


def elide_around(
    parts: tuple[str, str, str], width: int, plain: QFontMetrics, bold: QFontMetrics
) -> tuple[str, str, str]:
    """Fit `left trigger right` into `width` pixels keeping the trigger whole (or elided if alone too wide).

    The words just before the trigger get a third of the room left over, the words after it the rest;
    room one side does not need goes to the other.
    """
    left, trigger, right = parts
    trigger_w = bold.horizontalAdvance(trigger)
    if trigger_w >= width:
        return "", bold.elidedText(trigger, Qt.TextElideMode.ElideRight, width), ""
    room = width - trigger_w
    left_w, right_w = plain.horizontalAdvance(left), plain.horizontalAdvance(right)
    left_room = min(left_w, max(room // 3, room - right_w))
    right_room = room - left_room
    left_text = plain.elidedText(left, Qt.TextElideMode.ElideLeft, left_room) if left_w > left_room else left
    right_text = plain.elidedText(right, Qt.TextElideMode.ElideRight, right_room) if right_w > right_room else right
    return left_text, trigger, right_text


class EventRowDelegate(QStyledItemDelegate):
    """Paints one event as two lines; selection, focus and hover come from the style as for any row."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        height = QFontMetrics(option.font).height()
        return QSize(200, 2 * height + 3 * PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Active else QPalette.ColorGroup.Inactive
        )
        text_color = opt.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        rect = opt.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        plain = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        fm, fm_bold = QFontMetrics(plain), QFontMetrics(bold)
        line_h = fm.height()

        painter.save()
        # Line 1: date, type (bold), who → whom (elided in the middle: both names stay readable).
        date, kind, who = index.data(HEADLINE_ROLE) or ("", "", "")
        x, y = rect.left(), rect.top()
        painter.setFont(plain)
        painter.setPen(muted if index.data(UNDATED_ROLE) and not selected else text_color)
        date_text = fm.elidedText(date, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(x, y, rect.width(), line_h), Qt.AlignmentFlag.AlignLeft, date_text)
        x += fm.horizontalAdvance(date_text + GAP)
        painter.setPen(text_color)
        painter.setFont(bold)
        kind_text = fm_bold.elidedText(kind, Qt.TextElideMode.ElideRight, max(0, rect.right() - x))
        painter.drawText(QRect(x, y, max(0, rect.right() - x), line_h), Qt.AlignmentFlag.AlignLeft, kind_text)
        x += fm_bold.horizontalAdvance(kind_text + GAP)
        painter.setFont(plain)
        who_text = fm.elidedText(who, Qt.TextElideMode.ElideMiddle, max(0, rect.right() - x))
        painter.drawText(QRect(x, y, max(0, rect.right() - x), line_h), Qt.AlignmentFlag.AlignLeft, who_text)

        # Line 2: the quote around the trigger, the trigger in bold and always in view.
        left, trigger, right = index.data(CONTEXT_ROLE) or ("", "", "")
        left, trigger, right = elide_around((left, trigger, right), rect.width(), fm, fm_bold)
        x, y = rect.left(), rect.top() + line_h + PAD
        for text, font, metrics in ((left, plain, fm), (trigger, bold, fm_bold), (right, plain, fm)):
            if not text:
                continue
            painter.setFont(font)
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRect(x, y, width + 1, line_h), Qt.AlignmentFlag.AlignLeft, text)
            x += width
        painter.restore()


class QuoteLineDelegate(QStyledItemDelegate):
    """One line of quote around a key word (in bold, always in view); the role holds (before, word, after).

    Why: a word-wrapped sentence per row let the X-Ray show one or two mentions at its default size.
    """

    def __init__(self, role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(200, QFontMetrics(option.font).height() + 2 * PAD)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        parts = index.data(self.role)
        if not parts:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget: QWidget | None = opt.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        plain = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        fm, fm_bold = QFontMetrics(plain), QFontMetrics(bold)
        rect = opt.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        left, word, right = elide_around(parts, rect.width(), fm, fm_bold)
        painter.save()
        painter.setPen(opt.palette.color(role))
        x = rect.left()
        for text, font, metrics in ((left, plain, fm), (word, bold, fm_bold), (right, plain, fm)):
            if text:
                painter.setFont(font)
                width = metrics.horizontalAdvance(text)
                painter.drawText(QRect(x, rect.top(), width + 1, rect.height()), Qt.AlignmentFlag.AlignVCenter, text)
                x += width
        painter.restore()
