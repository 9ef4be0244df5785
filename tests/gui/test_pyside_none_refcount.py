"""Guard against the PySide6 6.12.0 / Python 3.11 bug that drops a reference to None per void call.

After a few thousand such calls the interpreter aborts with "none_dealloc"; a reading session
makes far more. If an upgrade brings the bug back, this test crashes instead of our users.
"""

import sys

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit


def test_twenty_thousand_void_calls_keep_none_alive(qtbot) -> None:
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    doc = QTextDocument("Some text to format " * 10)
    cursor = QTextCursor(doc)
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for i in range(20_000):
        edit.setReadOnly(i % 2 == 0)
        cursor.setPosition(i % 50)
        cursor.mergeCharFormat(fmt)
    after = sys.getrefcount(None)
    # On an affected build each call loses one reference: 60,000 would be gone.
    assert after > before - 1000
