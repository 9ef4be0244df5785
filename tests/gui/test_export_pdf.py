"""PDF reports read back with pypdf: the report's text, escaped reader notes and page numbers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pypdf
import pytest

from gui.report_pdf import write_pdf
from models.export import ExportCancelled
from tests.models.test_export_report import full_report


def pdf_pages(path: Path) -> list[str]:
    """Each page's text with runs of whitespace as single spaces (Qt spaces words with tabs)."""
    return [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]


def test_pdf_holds_the_report_with_page_numbers(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    report = full_report()
    long_text = (report.text + "\n\n") * 40  # several pages of article
    report = replace(report, text=long_text)
    pages = write_pdf(report, out, include_article=True)
    texts = pdf_pages(out)
    assert pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
    whole = " ".join(texts)
    assert "Actors (4)" in whole and "Chronology (2)" in whole and "Important (2)" in whole
    assert "Check <script>alert('x')</script> and [this](javascript:alert(1))" in whole
    assert "Later Müller called Hollande" in whole
    assert whole.count("The weather was mild.") >= 40  # the whole article, every copy


def test_cancelled_pdf_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    with pytest.raises(ExportCancelled):
        write_pdf(full_report(), out, cancelled=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_pdf(full_report(), tmp_path / "r.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]
    dones = [done for done, _ in seen]
    assert dones == sorted(dones)


def test_pdf_leads_with_the_readers_work_like_the_other_formats(tmp_path: Path) -> None:
    from tests.models.test_report_order import crowded_report

    out = tmp_path / "order.pdf"
    write_pdf(crowded_report(), out)
    whole = " ".join(pdf_pages(out))
    sections = (
        "Test article",
        "Your 4 highlights and 3 notes; 14 actors and 3 events",
        "Your highlights and notes",
        "Important (2)",
        "Notes (3)",
        "Chronology (2)",
        "Actors most mentioned (top 10 of 14)",
        "All actors (14)",
        "Undated events (1)",
    )
    positions = [whole.index(s) for s in sections]
    assert positions == sorted(positions), list(zip(sections, positions, strict=True))
