"""Score the analyzer on every development set in ../shared/eval and print one table.

Runs the set's own `score.py` once per set (one analyzer process per document, so it is slow: not part of
CI) and puts the plain-spaCy reference figures that the sets' README quotes beside each measure.

    python bench/eval_all.py [--eval-dir ../shared/eval] [--jobs 1] [--limit N] [--cmd '...']
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CMD = f"{sys.executable} {ROOT / 'main.py'} analyze {{file}} --date={{date}} --json"
# score.py output line -> (column, pattern); every pattern's groups are the figures shown.
MEASURES = (
    ("named F1", r"^actor mentions .* F1=([\d.]+)"),
    ("grouping F1", r"^actor grouping .* F1=([\d.]+)"),
    ("types", r"^actor types .* = ([\d.]+) right"),
    ("times F1", r"^times relaxed .* F1=([\d.]+)  strict"),
    ("values F1", r"^times relaxed .* value F1=([\d.]+)"),
    ("events P/R", r"^events\s+P=([\d.]+) R=([\d.]+)"),
    ("event dates", r"^event dates .* = ([\d.]+) right"),
)
# README reference table header -> column above.
README_COLUMNS = {
    "named mentions F1": "named F1",
    "grouping F1": "grouping F1",
    "types": "types",
    "times F1": "times F1",
    "values F1": "values F1",
}


def reference_figures(readme: Path) -> dict[str, dict[str, str]]:
    """The plain-spaCy figures per set from the README's reference table (empty if it has none)."""
    if not readme.exists():
        return {}
    rows = [line.strip() for line in readme.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header: list[str] = []
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        if cells and cells[0] == "set" and "times F1" in cells:
            header = cells
            continue
        if header and len(cells) == len(header) and not set(cells[0]) <= set("-: "):
            out[cells[0]] = {
                README_COLUMNS[h]: c for h, c in zip(header, cells, strict=True) if h in README_COLUMNS and c != "-"
            }
    return out


def score(score_py: Path, data: Path, cmd: str, jobs: int, limit: int) -> tuple[dict[str, str], str]:
    """Figures from one score.py run, and its 'documents scored' line."""
    args = [sys.executable, str(score_py), str(data), "--cmd", cmd, "--jobs", str(jobs)]
    if limit:
        args += ["--limit", str(limit)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=False)
    figures: dict[str, str] = {}
    docs = "no output"
    for line in proc.stdout.splitlines():
        if line.startswith("documents scored"):
            docs = line.removeprefix("documents scored").strip()
        for name, pattern in MEASURES:
            match = re.match(pattern, line)
            if match:
                figures[name] = "/".join(match.groups())
    if "gold named 0)" in proc.stdout:  # a set without actor annotations (te3_train) has no actor figures
        for name in ("named F1", "grouping F1", "types"):
            figures.pop(name, None)
    docs = docs.replace("  errors=0 text_mismatch=0", "")
    if proc.returncode not in (0, 1) or not figures:
        docs += f" (score.py failed: {proc.stderr.strip()[-200:]})"
    return figures, docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--cmd", default=DEFAULT_CMD, help="analyzer command; {file} and {date} are filled in")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents of each set")
    args = parser.parse_args()
    score_py = args.eval_dir / "score.py"
    if not score_py.exists():
        print(f"No score.py in {args.eval_dir}; pass --eval-dir.", file=sys.stderr)
        return 2
    refs = reference_figures(args.eval_dir / "README.md")
    sets = sorted(p for p in args.eval_dir.iterdir() if p.is_dir() and any(p.glob("*.json")))
    names = [name for name, _ in MEASURES]
    lines = ["| set | docs | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for data in sets:
        print(f"scoring {data.name} ...", file=sys.stderr, flush=True)
        figures, docs = score(score_py, data, args.cmd, args.jobs, args.limit)
        ref = refs.get(data.name, {})
        cells = [
            figures.get(n, "-") + (f" (spaCy {ref[n]})" if n in ref else "") if n in figures or n in ref else "-"
            for n in names
        ]
        lines.append(f"| {data.name} | {docs} | " + " | ".join(cells) + " |")
    print("\n".join(lines))
    print("\n(spaCy x): the plain en_core_web_sm reference from the sets' README, where it quotes one.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
