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


def test_report_targets_that_are_not_regular_files_are_refused_and_kept(tmp_path: Path) -> None:
    """A FIFO or a device is never replaced by a plain file, and writing to it never hangs."""
    import os
    import stat

    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, fmt in ((fifo, "md"), (fifo, "pdf"), (Path("/dev/null"), "csv")):
        result = run("report", str(doc), "--format", fmt, "-o", str(target))
        assert result.returncode != 0, result.stdout
        assert "not a regular file" in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    assert not list(tmp_path.glob(".dramatis-*"))


def test_report_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    real_dir = tmp_path / "reports"
    real_dir.mkdir()
    real = real_dir / "report.md"
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    dangling = tmp_path / "new.md"
    dangling.symlink_to(real_dir / "fresh.md")
    for out in (link, dangling):
        result = run("report", str(doc), "--format", "md", "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert out.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# ") and "Emmanuel Macron" in real.read_text(encoding="utf-8")
    assert (real_dir / "fresh.md").read_text(encoding="utf-8").startswith("# ")
    assert not list(tmp_path.glob(".dramatis-*")) and not list(real_dir.glob(".dramatis-*"))
