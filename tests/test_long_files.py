"""A source file over 400 lines says in its module docstring why it is one file, so a newcomer knows it is meant."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
REASON = "Over 400 lines because"


def source_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for folder in ("gui", "models", "resources", "bench"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return files


def test_every_long_source_file_says_why_it_is_long() -> None:
    unexplained = []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") <= LIMIT:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if REASON not in docstring:
            unexplained.append(str(path.relative_to(ROOT)))
    assert unexplained == [], f"add a line '{REASON} ...' to the module docstring of: {unexplained}"
