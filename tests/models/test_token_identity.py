"""spaCy builds a new Token object on every access, so `is` between tokens is never true.

A root test written as `token.head is token` silently fails and, in a recursive walk, never stops
("Russian markets to remain closed until Friday" ran into RecursionError). Tokens are compared by
`.i` or `==`; the scan below keeps identity comparisons out of the analysis code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from models.analysis.pipeline import Analyzer

ANALYSIS = Path(__file__).resolve().parents[2] / "models" / "analysis"


def _is_singleton(node: ast.expr) -> bool:
    """None/True/False and enum members (`ActorType.PERSON`, `FUTURE`): the identities `is` is meant for."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Attribute):
        return node.attr.isupper()
    return isinstance(node, ast.Name) and node.id.isupper()


def identity_comparisons(source: str) -> list[int]:
    """Line numbers of `a is b` / `a is not b` where neither side is a singleton."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.Is | ast.IsNot) and not (_is_singleton(left) or _is_singleton(right)):
                lines.append(node.lineno)
            left = right
    return lines


def test_the_scan_finds_a_token_identity_test() -> None:
    assert identity_comparisons("if current.head is current:\n    pass\n") == [1]
    assert identity_comparisons("if head is not verb:\n    pass\n") == [1]
    assert identity_comparisons("if x is None or kind is Kind.PERSON:\n    pass\n") == []


@pytest.mark.parametrize("path", sorted(ANALYSIS.glob("*.py")), ids=lambda p: p.name)
def test_analysis_code_compares_tokens_by_index(path: Path) -> None:
    found = identity_comparisons(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: identity comparison on lines {found}; compare spaCy tokens by .i or =="


def test_an_infinitive_at_the_root_of_a_headline_is_analysed(analyzer: Analyzer) -> None:
    from models.domain import Document

    text = "Russian markets to remain closed until Friday\n"
    analysis = analyzer.analyze(Document(text=text, date="2008-09-18"))
    assert analysis.document.text == text
