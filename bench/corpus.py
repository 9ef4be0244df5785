"""Benchmark texts built at run time from the Wikinews articles of the GUM evaluation set.

Nothing here is stored in the repository: the texts are recombined from `../shared/eval/gum_news`
(From Wikinews, CC BY 2.5) each time a benchmark needs them. Long documents are real English
sentences shuffled into paragraphs with a fixed seed, so spaCy sees the same kind of text as in
a news article, the names recur the way they do in a book, and every run gets the same text.

Usage: .venv/bin/python bench/corpus.py --words 100000 -o /tmp/long.txt
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUM_DIR = ROOT.parent / "shared" / "eval" / "gum_news"
ATTRIBUTION = "From Wikinews, CC BY 2.5 (GUM corpus)"

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


class CorpusMissingError(RuntimeError):
    """The GUM news texts are not beside the repository."""


@lru_cache(maxsize=1)
def gum_texts() -> tuple[str, ...]:
    """The article texts of the GUM news set, in file-name order."""
    files = sorted(GUM_DIR.glob("*.json"))
    if not files:
        raise CorpusMissingError(f"No GUM news articles in {GUM_DIR}; the long benchmark texts are built from them.")
    return tuple(json.loads(f.read_text(encoding="utf-8"))["text"] for f in files)


def word_count(text: str) -> int:
    return len(text.split())


def article(words: int = 4000) -> str:
    """A news-like article of about `words` words: whole GUM articles, one after the other.

    Each source article keeps its headline and dateline as paragraphs, so the text reads like a
    digest of the week's news; it is cut at a paragraph end once `words` is reached.
    """
    paragraphs: list[str] = []
    count = 0
    for text in gum_texts():
        for paragraph in (p.strip() for p in text.split("\n")):
            if not paragraph:
                continue
            paragraphs.append(paragraph)
            count += word_count(paragraph)
            if count >= words:
                return "\n\n".join(paragraphs) + "\n"
    return "\n\n".join(paragraphs) + "\n"


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Every body sentence of the set (headlines, datelines and fragments left out)."""
    found: list[str] = []
    for text in gum_texts():
        for paragraph in text.split("\n"):
            paragraph = paragraph.strip()
            if word_count(paragraph) < 8:
                continue
            found.extend(s.strip() for s in _SENTENCE_END.split(paragraph) if word_count(s) >= 4)
    return tuple(found)


def long_document(words: int, seed: int = 7) -> str:
    """About `words` words of paragraphs of 2-7 sentences drawn from the set; deterministic for a seed.

    A chapter heading every 60 paragraphs gives a book its usual short lines.
    """
    rng = random.Random(seed)
    pool = sentences()
    paragraphs: list[str] = []
    count = 0
    chapter = 0
    while count < words:
        if len(paragraphs) % 60 == 0:
            chapter += 1
            paragraphs.append(f"Chapter {chapter}")
        chosen = [pool[rng.randrange(len(pool))] for _ in range(rng.randint(2, 7))]
        paragraph = " ".join(chosen)
        paragraphs.append(paragraph)
        count += word_count(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def write(text: str, path: Path) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=4000)
    parser.add_argument("--article", action="store_true", help="whole articles in order instead of shuffled")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    text = article(args.words) if args.article else long_document(args.words, args.seed)
    write(text, args.output)
    print(f"{args.output}: {word_count(text):,} words ({ATTRIBUTION})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
