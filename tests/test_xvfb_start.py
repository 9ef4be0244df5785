"""`make run` on a desktop: the real xcb window starts on an X display (Xvfb here), opens the sample and shows it.

Offscreen tests cannot see a missing xcb library or a window that never reaches the screen; this one runs
`main.py --screenshot` under `QT_QPA_PLATFORM=xcb`, which reads back what the X server shows.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

XVFB = shutil.which("Xvfb")
SCREEN = (1280, 800)


@pytest.fixture
def x_display() -> Iterator[str]:
    """A private Xvfb on a free display number (chosen by the server itself), stopped after the test."""
    if XVFB is None:
        pytest.skip("Xvfb is not installed (`make system-deps` as root installs it: apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [XVFB, "-displayfd", str(write_fd), "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(write_fd)
    try:
        ready, _, _ = select.select([read_fd], [], [], 30)
        number = os.read(read_fd, 16).decode().strip() if ready else ""
        if not number.isdigit():
            server.kill()
            _, err = server.communicate(timeout=10)
            pytest.fail(f"Xvfb did not start: {err.decode(errors='replace')[-500:]}")
        yield f":{number}"
    finally:
        os.close(read_fd)
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()


def _grey_spread(path: Path) -> tuple[float, int]:
    """Variance of the grey level over a grid of pixels, and how many distinct colours the grid holds."""
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    greys, colours = [], set()
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            greys.append(((rgb >> 16) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000)
    mean = sum(greys) / len(greys)
    return sum((g - mean) ** 2 for g in greys) / len(greys), len(colours)


def test_real_window_starts_on_an_x_display_and_shows_the_sample(x_display: str, tmp_path: Path) -> None:
    out = tmp_path / "screen.png"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DISPLAY": x_display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    args = ["--verbose", "--data-dir", str(tmp_path / "data"), "--screenshot", str(out), "--size", "1200x760"]
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        check=False,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # The picture came from the X server's screen, not from the widget painting itself.
    assert "screenshot read from the xcb screen" in result.stderr, result.stderr[-3000:]
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 760)
    variance, colours = _grey_spread(out)
    # A blank (or one-colour) screen has no spread; text, panels and highlights give thousands of colours.
    assert variance > 200 and colours > 50, (variance, colours)
    if os.environ.get("DRAMATIS_KEEP_SCREENSHOT"):
        shutil.copy(out, os.environ["DRAMATIS_KEEP_SCREENSHOT"])
