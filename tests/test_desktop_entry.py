"""The desktop launcher: `dramatis --install-desktop` writes a valid entry, the icons and the link handler."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models.desktop_entry import MIME_TYPES, desktop_entry, exec_line
from resources import APP_ICON_SIZES
from tests.conftest import ROOT


def install(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    data_home = tmp_path / "xdg-data"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--install-desktop"],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data_home)},
    )
    return result, data_home


def test_install_desktop_writes_the_entry_icons_and_file_types(tmp_path: Path) -> None:
    result, data_home = install(tmp_path)
    assert result.returncode == 0, result.stderr
    entry = data_home / "applications" / "dramatis.desktop"
    assert str(entry) in result.stdout
    text = entry.read_text(encoding="utf-8")
    assert f"Exec={sys.executable} {ROOT / 'main.py'} %U" in text
    assert "Icon=dramatis" in text
    mime = next(line for line in text.splitlines() if line.startswith("MimeType="))
    for kind in (
        "text/plain",
        "text/markdown",
        "text/html",
        "application/pdf",
        "application/epub+zip",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "x-scheme-handler/dramatis",
    ):
        assert f"{kind};" in mime
    for size in APP_ICON_SIZES:
        png = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "dramatis.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "dramatis.svg").exists()
    if shutil.which("update-desktop-database"):
        cache = (data_home / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
        assert "x-scheme-handler/dramatis=dramatis.desktop;" in cache
        assert "application/epub+zip=dramatis.desktop;" in cache


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (apt-get install desktop-file-utils; `make test` does it as root)",
)
def test_the_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    result, data_home = install(tmp_path)
    assert result.returncode == 0, result.stderr
    # An awkward install path (spaces, quotes, a dollar) must still give a valid, correctly quoted Exec line.
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "dramatis.desktop").write_text(desktop_entry(['/opt/My Apps/$dramatis"x"/bin/dramatis']), "utf-8")
    for entry in (data_home / "applications" / "dramatis.desktop", odd / "dramatis.desktop"):
        check = subprocess.run(
            ["desktop-file-validate", str(entry)], check=False, capture_output=True, text=True, timeout=30
        )
        assert check.returncode == 0 and "error" not in check.stdout.lower(), check.stdout + check.stderr


def test_exec_line_quotes_as_the_spec_asks() -> None:
    assert exec_line(["/usr/bin/dramatis"]) == "/usr/bin/dramatis %U"
    assert exec_line(["/opt/My Apps/dramatis"]) == '"/opt/My Apps/dramatis" %U'
    # Inside quotes $ and " take a backslash, which the desktop file's string rules double.
    assert exec_line(['/a b/$x"y']) == '"/a b/\\\\$x\\\\"y" %U'
    assert exec_line(["/50%/dramatis"]) == "/50%%/dramatis %U"
    assert len(MIME_TYPES) == len(set(MIME_TYPES))
