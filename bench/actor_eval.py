"""Actor scores on the GUM development sets in one process, with parses cached, for quick iteration.

usage: python bench/actor_eval.py [--sets gum_news,gum_more] [--half seen|unseen|all] [--pronouns] [--show DOC]

The documents of each set are split by their index in sorted order: even = "seen" (read while writing
rules), odd = "unseen" (scored only). Scoring reuses ../shared/eval/score.py, so the figures are the ones
score.py prints; the final figures still come from score.py itself (one process per document).
Pronoun attachment is checked against GUM's coreference clusters: an attached he/she/him/his is right when
the actor it joined has a named mention in the pronoun's gold cluster.
"""

from __future__ import annotations

import argparse
import collections
import glob
import importlib.util
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = Path(os.environ.get("DRAMATIS_EVAL", "/work/shared/eval"))
CACHE = Path(os.environ.get("DRAMATIS_PARSE_CACHE", "/tmp/dramatis_parse_cache"))
_PRON = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}


def _score_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _CachedPipe:
    """Wraps nlp.pipe: parses each paragraph once and keeps the Doc on disk (keyed by its text)."""

    def __init__(self, nlp) -> None:  # type: ignore[no-untyped-def]
        self.nlp = nlp
        CACHE.mkdir(parents=True, exist_ok=True)

    def pipe(self, texts, batch_size: int = 64):  # type: ignore[no-untyped-def]
        import hashlib

        from spacy.tokens import DocBin

        for text in texts:
            path = CACHE / (hashlib.sha1(text.encode()).hexdigest() + ".spacy")
            if path.exists():
                yield next(iter(DocBin().from_bytes(path.read_bytes()).get_docs(self.nlp.vocab)))
                continue
            doc = self.nlp(text)
            bin_ = DocBin(store_user_data=False)
            bin_.add(doc)
            path.write_bytes(bin_.to_bytes())
            yield doc


def analyze(text: str, date: str | None, pipe) -> dict:  # type: ignore[no-untyped-def]
    from models.analysis.pipeline import Analyzer
    from models.domain import Document

    analysis = Analyzer(pipe, "cached").analyze(Document(text=text, date=date))  # type: ignore[arg-type]
    return analysis.to_json()


def pronoun_counts(gold: dict, pred: dict, acc: collections.Counter) -> None:
    clusters: dict[str, list[dict]] = collections.defaultdict(list)
    for m in gold["actors"]:
        if m.get("cluster") is not None:
            clusters[m["cluster"]].append(m)
    by_span = {(m["start"], m["end"]): m for m in gold["actors"]}
    text = gold["text"]
    for m in gold["actors"]:
        if text[m["start"] : m["end"]].lower() in _PRON and m.get("cluster") is not None:
            named = [o for o in clusters[m["cluster"]] if o["start"] < m["start"] and o["text"].lower() not in _PRON]
            if any(o["text"][:1].isupper() for o in named):
                acc["p_gold"] += 1
    for actor in pred["actors"]:
        names = [x for x in actor["mentions"] if x.get("kind") == "name"]
        for x in actor["mentions"]:
            if x.get("kind") != "pronoun":
                continue
            acc["p_pred"] += 1
            g = by_span.get((x["start"], x["end"]))
            if g is None or g.get("cluster") is None:
                acc["p_nogold"] += 1
                continue
            members = clusters[g["cluster"]]
            ok = any(n["start"] < o["end"] and o["start"] < n["end"] for n in names for o in members)
            acc["p_ok"] += ok


def summary(score, acc: collections.Counter) -> str:  # type: ignore[no-untyped-def]
    p = acc["pred_ok"] / max(1, acc["pred_mentions"])
    r = acc["gold_named_hit"] / max(1, acc["gold_named"])
    gp = acc["pair_both"] / max(1, acc["pair_pred"])
    gr = acc["pair_both"] / max(1, acc["pair_gold"])
    types = acc["type_ok"] / max(1, acc["type_n"])
    pp = acc["p_ok"] / max(1, acc["p_pred"])
    pr = acc["p_ok"] / max(1, acc["p_gold"])
    return (
        f"named F1 {score.f1(p, r):.3f} (P {p:.3f} R {r:.3f}) grouping {score.f1(gp, gr):.3f} types {types:.3f}"
        f" ({acc['type_ok']}/{acc['type_n']}) | pronouns P {pp:.3f} R {pr:.3f} ({acc['p_ok']}/{acc['p_pred']},"
        f" gold {acc['p_gold']})"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default="gum_news,gum_more")
    ap.add_argument("--half", default="all", choices=("seen", "unseen", "all", "each"))
    ap.add_argument("--show", default="", help="print type errors for documents whose id contains this")
    a = ap.parse_args()
    from models.nlp import load_pipeline

    nlp, _ = load_pipeline()
    pipe = _CachedPipe(nlp)
    score = _score_module()
    for name in a.sets.split(","):
        files = sorted(glob.glob(str(EVAL / name / "*.json")))
        accs = {"seen": collections.Counter(), "unseen": collections.Counter()}
        for index, path in enumerate(files):
            half = "seen" if index % 2 == 0 else "unseen"
            if a.half in ("seen", "unseen") and half != a.half:
                continue
            gold = json.loads(Path(path).read_text())
            pred = analyze(gold["text"], gold.get("dct"), pipe)
            score.score_actors(gold, pred, accs[half])
            pronoun_counts(gold, pred, accs[half])
            if a.show and a.show in gold["doc_id"] and half == "seen":
                show(score, gold, pred)
        total = accs["seen"] + accs["unseen"]
        if a.half in ("each", "all", "seen"):
            print(f"{name:9} seen   {summary(score, accs['seen'])}")
        if a.half in ("each", "all", "unseen"):
            print(f"{name:9} unseen {summary(score, accs['unseen'])}")
        if a.half in ("each", "all"):
            print(f"{name:9} full   {summary(score, total)}")
    return 0


def show(score, gold: dict, pred: dict) -> None:  # type: ignore[no-untyped-def]
    gm = [m for m in gold["actors"] if m["type"] in ("PERSON", "ORG", "PLACE", "GROUP")]
    named = score.outermost([m for m in gm if score.is_named(m["text"])])
    pm = [
        {"start": m["start"], "end": m["end"], "name": a["name"], "type": a["type"], "kind": m.get("kind")}
        for a in pred["actors"]
        for m in a["mentions"]
    ]
    matched = dict(score.match_spans(named, pm))
    print(f"== {gold['doc_id']}")
    for gi, g in enumerate(named):
        if gi in matched:
            p = pm[matched[gi]]
            if g["type"] in ("PERSON", "ORG", "PLACE") and not (
                p["type"] == g["type"] or (g["type"] == "PERSON" and p["type"] == "GROUP")
            ):
                print(f"  TYPE {g['text']!r} gold {g['type']} pred {p['type']} ({p['name']})")
        else:
            print(f"  MISS {g['text']!r} {g['type']}")
    text = gold["text"]
    for a in pred["actors"]:
        for m in a["mentions"]:
            if m.get("kind") == "pronoun":
                print(f"  PRON {m['text']}@{m['start']} -> {a['name']}  ..{text[max(0, m['start'] - 60) : m['end']]!r}")


if __name__ == "__main__":
    sys.exit(main())
