"""One logging configuration for the app and the command line."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_dir: Path | None, level: int = logging.WARNING) -> None:
    """Warnings to stderr; everything from INFO up to a rotating file when a log directory is given."""
    root = logging.getLogger()
    root.setLevel(min(level, logging.INFO) if log_dir else level)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    stderr = logging.StreamHandler()
    stderr.setLevel(level)
    stderr.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(stderr)
    if log_dir is not None:
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                log_dir / "dramatis.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError:
            logging.getLogger(__name__).warning("cannot write a log file in %s", log_dir)
            return
        file_handler.setLevel(logging.INFO)
        file_handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file_handler)
