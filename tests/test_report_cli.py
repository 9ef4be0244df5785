"""`main.py report` as a user runs it: a real subprocess, the real pipeline, files read back."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf

from models.export.json_report import validation_errors
from tests.test_cli import run

ARTICLE = "Angela Merkel met Emmanuel Macron in Paris on 3 May 2019.\n\nMacron said <b>France</b> = ready.\n"


def test_report_in_every_format_from_the_automatic_analysis(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    data = tmp_path / "data"
    outputs = {}
    for fmt in ("json", "pdf"):
        out = tmp_path / f"r.{fmt}"
        result = run("report", str(doc), "--format", fmt, "-o", str(out), "--date", "2019-05-06", data_dir=data)
        assert result.returncode == 0, result.stderr
        outputs[fmt] = out
    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert validation_errors(report) == []
    assert report["document"]["date"] == "2019-05-06" and report["reader"]["highlights"] == []
    assert any(a["name"] == "Angela Merkel" for a in report["actors"])
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(outputs["pdf"]).pages)
    assert "Angela Merkel" in pdf_text and "Page 1 of 1" in pdf_text


def test_markdown_to_stdout_and_plain_errors(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    result = run("report", str(doc), "--format", "md", "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ") and "## Actors" in result.stdout and "Emmanuel Macron" in result.stdout

    for args, words in (
        (("report", str(tmp_path / "missing.txt"), "--format", "md", "-o", str(tmp_path / "x.md")), "does not exist"),
        (("report", str(doc), "--format", "md", "-o", str(tmp_path / "no" / "x.md")), "does not exist"),
        (("report", str(doc), "--format", "pdf", "-o", "-"), "file name"),
        (("report", str(doc), "--format", "md", "-o", str(tmp_path), "--date", "2019-01-01"), "folder"),
    ):
        bad = run(*args)
        assert bad.returncode != 0 and words in bad.stderr and "Traceback" not in bad.stderr, bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
