"""The freedesktop launcher: a `.desktop` entry and icons under the user's data directory (Linux desktops).

Why: file managers list "Open with Dramatis" for the MIME types the entry names, and the desktop
hands `dramatis://` links to the command the entry names. Nothing is written outside
`$XDG_DATA_HOME` (default `~/.local/share`), so no administrator rights are needed and removing the
files undoes it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.deep_link import SCHEME
from models.errors import AppError
from models.version import APP_NAME
from resources import APP_ICON_NAME, APP_ICON_SIZES, APP_ICON_SVG, app_icon_png

log = logging.getLogger(__name__)

DESKTOP_FILE = f"{APP_ICON_NAME}.desktop"
# What Dramatis opens (models.loaders), plus its own passage links.
MIME_TYPES = (
    "text/plain",
    "text/markdown",
    "text/html",
    "application/xhtml+xml",
    "application/pdf",
    "application/epub+zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    f"x-scheme-handler/{SCHEME}",
)
_RESERVED = re.compile(r'[\s"\'\\><~|&;$*?#()`]')


@dataclass(frozen=True, slots=True)
class InstalledLauncher:
    """What `install_desktop_entry` wrote, and which desktop database tools it ran."""

    desktop_file: Path
    icons: tuple[Path, ...]
    refreshed: tuple[str, ...] = field(default=())


def data_home(env: dict[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or not absolute (as the XDG spec says)."""
    env = dict(os.environ) if env is None else env
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME", str(Path.home()))) / ".local" / "share"


def launch_command(argv0: str | None = None) -> list[str]:
    """The command a launcher runs: the installed `dramatis` script, else this Python on main.py."""
    argv0 = argv0 if argv0 is not None else sys.argv[0]
    program = Path(argv0).resolve() if argv0 else None
    if program is not None and program.is_file() and program.suffix != ".py" and os.access(program, os.X_OK):
        return [str(program)]
    main_py = Path(__file__).resolve().parent.parent / "main.py"
    return [sys.executable, str(main_py)]


def exec_line(command: Sequence[str]) -> str:
    """The Exec value: arguments quoted as the Desktop Entry spec asks, then %U for files and links."""
    parts = []
    for arg in command:
        if _RESERVED.search(arg):
            escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
            arg = f'"{escaped}"'
        parts.append(arg.replace("%", "%%"))
    # In a desktop file a backslash itself is escaped once more (string type rules).
    return " ".join(parts).replace("\\", "\\\\") + " %U"


def desktop_entry(command: Sequence[str]) -> str:
    """The text of dramatis.desktop for `command`."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={APP_NAME}",
        "GenericName=News Reader",
        "Comment=Read news and reports with their actors and events highlighted",
        f"Exec={exec_line(command)}",
        f"Icon={APP_ICON_NAME}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={APP_NAME}",
        "Categories=Office;Viewer;",
        "Keywords=news;report;actors;events;highlight;notes;",
        "MimeType=" + "".join(f"{m};" for m in MIME_TYPES),
    ]
    return "\n".join(lines) + "\n"


def install_desktop_entry(
    command: Sequence[str] | None = None,
    home: Path | None = None,
    *,
    refresh: bool = True,
) -> InstalledLauncher:
    """Write the launcher and the icon sizes under `home` (default: `data_home()`); refresh the desktop's caches."""
    if home is None and not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        raise AppError(
            "The launcher is for Linux desktops (freedesktop menus). On macOS and Windows, start Dramatis "
            "with the dramatis command, or make a shortcut to it."
        )
    home = home or data_home()
    command = list(command) if command is not None else launch_command()
    applications = home / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    desktop_file = applications / DESKTOP_FILE
    tmp = desktop_file.with_suffix(".tmp")
    tmp.write_text(desktop_entry(command), encoding="utf-8")
    os.replace(tmp, desktop_file)

    icons: list[Path] = []
    hicolor = home / "icons" / "hicolor"
    for size in APP_ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(app_icon_png(size), target)
        icons.append(target)
    scalable = hicolor / "scalable" / "apps" / f"{APP_ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(APP_ICON_SVG, scalable)
    icons.append(scalable)

    refreshed: list[str] = []
    if refresh:
        for tool, args in (
            ("update-desktop-database", [str(applications)]),
            ("gtk-update-icon-cache", ["--force", "--ignore-theme-index", "--quiet", str(hicolor)]),
        ):
            if _run(tool, args):
                refreshed.append(tool)
    log.info("installed the launcher %s", desktop_file)
    return InstalledLauncher(desktop_file, tuple(icons), tuple(refreshed))


def _run(tool: str, args: list[str]) -> bool:
    """Run a desktop database tool if it is installed; a failure is logged, never fatal (the entry still works)."""
    path = shutil.which(tool)
    if path is None:
        return False
    try:
        result = subprocess.run([path, *args], check=False, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("%s failed: %s", tool, exc)
        return False
    if result.returncode != 0:
        log.warning("%s failed: %s", tool, result.stderr.strip())
        return False
    return True
