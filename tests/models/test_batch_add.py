"""Which files `main.py add` takes from the folders it is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.batch.add import collect_files
from models.errors import DocumentError


def test_folders_are_searched_recursively_for_documents_only(tmp_path: Path) -> None:
    for name in ("a.txt", "deep/b.md", "deep/deeper/c.html", "d.pdf", "e.epub", "f.docx", "g.csv", ".hidden/h.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = {p.relative_to(tmp_path).as_posix() for p in collect_files([tmp_path])}
    assert found == {"a.txt", "deep/b.md", "deep/deeper/c.html", "d.pdf", "e.epub", "f.docx"}


def test_a_file_named_on_its_own_is_taken_whatever_its_extension_and_only_once(tmp_path: Path) -> None:
    odd = tmp_path / "article.data"
    odd.write_text("x", encoding="utf-8")
    assert collect_files([odd, tmp_path, odd]) == [odd.resolve()]


def test_a_missing_path_is_a_plain_sentence(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="does not exist"):
        collect_files([tmp_path / "nowhere"])
