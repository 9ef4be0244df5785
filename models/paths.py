"""Where Dramatis keeps the reader's data: the platform's data directory or `--data-dir`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from models.version import APP_NAME, ORG_NAME

DATA_DIR_ENV = "DRAMATIS_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    """All per-user locations, derived from one data directory."""

    data_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.ini"

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | None = None) -> AppPaths:
        """`--data-dir` wins, then $DRAMATIS_DATA_DIR, then the platform's app data location."""
        chosen = override or os.environ.get(DATA_DIR_ENV)
        if chosen:
            return cls(Path(chosen).expanduser().resolve())
        return cls(Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME)))

    def ensure(self) -> AppPaths:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self
