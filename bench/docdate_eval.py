"""How often the dateline detector finds a document's own date on the development sets.

usage: python bench/docdate_eval.py [--eval ../shared/eval] [--show]

For each set: documents, how often `detect_document_date` equals the set's `dct` (day only), returns another
day, or returns nothing. Only gum_news and the GUM interviews and speeches print their date in the text;
te3_train keeps it in its metadata, and gum_more's `dct` for biographies is mostly a life date, so "other"
and "none" there are read against the texts, not the figures alone. `--show` lists every document whose
detected day differs from its `dct`.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from models.analysis.times import detect_document_date

SETS = ("gum_news", "gum_more", "te3_train")


def main() -> None:
    """Print the counts per set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval"))
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    for name in SETS:
        equal = other = none = total = 0
        for path in sorted(glob.glob(os.path.join(args.eval, name, "*.json"))):
            with open(path, encoding="utf-8") as handle:
                doc = json.load(handle)
            dct = (doc.get("dct") or "")[:10] or None
            found = detect_document_date(doc["text"])
            total += 1
            if found is None:
                none += 1
            elif found == dct:
                equal += 1
            else:
                other += 1
            if args.show and found != dct:
                print(f"  {name}/{os.path.basename(path)} dct={dct} detected={found}")
        print(f"{name}: documents={total} detected=dct:{equal} detected_other_day:{other} detected_none:{none}")


if __name__ == "__main__":
    main()
