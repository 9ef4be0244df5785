"""The model's attribute rules matched by table look-ups instead of spaCy's general `Matcher`.

Why: en_core_web_sm's `attribute_ruler` (tag → part of speech, pronoun morphology, lemma exceptions) ran
179 token patterns through the `Matcher` at every token, which took 13-17% of the whole pipeline's time,
more than the tagger and the parser together. Its patterns are plain conditions on a few token attributes
(the tag, the lower-case form, the dependency, "is space"), so the tokens that meet each pattern can be
looked up by those attributes, once per distinct combination. The ruler keeps setting the attributes
itself; only its `match` is replaced, and it returns exactly the list spaCy's would (tested against it).
A pipeline whose rules use anything else (operators, other predicates) keeps spaCy's matcher.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.strings import StringStore
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# The token attributes a rule may test, by the name a `Matcher` pattern uses.
SUPPORTED_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "IS_SPACE"})
_ALIASES = {"TEXT": "ORTH"}

Predicate = Callable[[int], bool]
# The conditions a token meets, the one-token patterns it matches, the longer ones it begins (and their rest).
_TokenRules = tuple[frozenset[int], tuple[tuple[int, int], ...], tuple[tuple[int, int, tuple[int, ...]], ...]]


class _Unsupported(Exception):
    """A rule this index cannot match the way spaCy's `Matcher` does."""


class AttributeRuleIndex:
    """The matches of an `AttributeRuler`'s patterns, found through per-attribute tables."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import IDS

        strings = ruler.vocab.strings
        # Each pattern: (rule number, match id, [token condition number, ...]); conditions are numbered once.
        conditions: list[dict[str, Any]] = []
        self._patterns: list[tuple[int, int, tuple[int, ...]]] = []
        for number in range(len(ruler.attrs)):
            key = str(number)
            _on_match, patterns = ruler.matcher.get(key)
            for pattern in patterns:
                specs: list[int] = []
                for spec in pattern:
                    if spec not in conditions:
                        conditions.append(spec)
                    specs.append(conditions.index(spec))
                if not specs:
                    raise _Unsupported("empty pattern")
                self._patterns.append((number, strings.add(key), tuple(specs)))
        names = sorted({name for spec in conditions for name in _checked(spec)})
        self._attr_ids = [IDS[name] for name in names]
        self._count = len(conditions)
        # Per attribute: the conditions that want one of some exact values, and those that need a predicate on
        # the value's string. A token meets a condition when it meets all of the condition's tests.
        self._tests = [len(spec) for spec in conditions]
        self._always = frozenset(number for number, tests in enumerate(self._tests) if not tests)
        self._exact: list[dict[int, set[int]]] = []
        self._tested: list[list[tuple[int, Predicate]]] = []
        for name in names:
            exact: dict[int, set[int]] = {}
            tested: list[tuple[int, Predicate]] = []
            for number, spec in enumerate(conditions):
                for spec_name, wanted in spec.items():
                    if _ALIASES.get(spec_name.upper(), spec_name.upper()) != name:
                        continue
                    values = _exact_values(wanted, strings)
                    if values is not None:
                        for value in values:
                            exact.setdefault(value, set()).add(number)
                    else:
                        tested.append((number, _predicate(wanted, strings)))
            self._exact.append(exact)
            self._tested.append(tested)
        # A value's class: which of the attribute's tests it passes, numbered (most values pass none: class 0).
        # Tokens are then looked up by their classes, a few hundred combinations however large the vocabulary.
        self._class_of: list[dict[int, int]] = [{} for _ in names]
        self._classes: dict[frozenset[int], int] = {frozenset(): 0}
        self._passed: list[frozenset[int]] = [frozenset()]
        self._by_classes: dict[tuple[int, ...], _TokenRules] = {}
        # By a pattern's first condition: the one-token patterns, and the longer ones with their other conditions.
        self._single: list[list[tuple[int, int]]] = [[] for _ in range(self._count)]
        self._first: list[list[tuple[int, int, tuple[int, ...]]]] = [[] for _ in range(self._count)]
        for number, match_id, conditions_met in self._patterns:
            if len(conditions_met) == 1:
                self._single[conditions_met[0]].append((number, match_id))
            else:
                self._first[conditions_met[0]].append((number, match_id, conditions_met[1:]))

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule number, match id, start, end) of every match, sorted as `AttributeRuler.match` sorts them."""
        size = len(doc)
        if not size:
            return []
        columns = cast("list[list[int]]", doc.to_array(self._attr_ids).reshape(size, -1).T.tolist())
        classed = [
            [table[value] if value in table else self._classify(position, value) for value in column]
            for position, (table, column) in enumerate(zip(self._class_of, columns, strict=True))
        ]
        known = self._by_classes
        tokens = [known.get(key) or self._rules(key) for key in zip(*classed, strict=True)]
        found: list[tuple[int, int, int, int]] = []
        for start, (_met, single, first) in enumerate(tokens):
            found.extend((number, match_id, start, start + 1) for number, match_id in single)
            for number, match_id, rest in first:
                end = start + 1 + len(rest)
                if end <= size and all(c in tokens[start + 1 + k][0] for k, c in enumerate(rest)):
                    found.append((number, match_id, start, end))
        return sorted(set(found))

    def _rules(self, key: tuple[int, ...]) -> _TokenRules:
        """The conditions a token of these value classes meets, and the patterns it matches or may begin."""
        hits: dict[int, int] = {}
        for value_class in key:
            for condition in self._passed[value_class]:
                hits[condition] = hits.get(condition, 0) + 1
        met = self._always.union(c for c, count in hits.items() if count == self._tests[c])
        single = tuple(pattern for condition in met for pattern in self._single[condition])
        first = tuple(pattern for condition in met for pattern in self._first[condition])
        rules = self._by_classes[key] = (met, single, first)
        return rules

    def _classify(self, position: int, value: int) -> int:
        """The class of an attribute's value, remembered (the vocabulary's strings stay, so may their class)."""
        passed = set(self._exact[position].get(value, ()))
        passed.update(number for number, predicate in self._tested[position] if predicate(value))
        frozen = frozenset(passed)
        value_class = self._classes.get(frozen)
        if value_class is None:
            value_class = self._classes[frozen] = len(self._passed)
            self._passed.append(frozen)
        self._class_of[position][value] = value_class
        return value_class


def _checked(spec: dict[str, Any]) -> list[str]:
    """The attributes one token condition tests, each once; `_Unsupported` for anything the index cannot test."""
    names: list[str] = []
    for name, wanted in spec.items():
        upper = _ALIASES.get(name.upper(), name.upper())
        if upper not in SUPPORTED_ATTRS or upper in names:
            raise _Unsupported(f"attribute {name}")
        if isinstance(wanted, dict) and not set(wanted) <= {"IN", "NOT_IN", "REGEX"}:
            raise _Unsupported(f"predicate {sorted(wanted)}")
        names.append(upper)
    return names


def _value_id(value: Any, strings: StringStore) -> int:
    """The id a `Matcher` compares a pattern's value with: a string's hash, a flag as 0 or 1."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return int(strings.add(value)) if value else 0
    raise _Unsupported(f"value {value!r}")


def _exact_values(wanted: Any, strings: StringStore) -> list[int] | None:
    if not isinstance(wanted, dict):
        return [_value_id(wanted, strings)]
    if set(wanted) == {"IN"}:
        return [_value_id(value, strings) for value in wanted["IN"]]
    return None


def _predicate(wanted: dict[str, Any], strings: StringStore) -> Predicate:
    allowed = frozenset(_value_id(value, strings) for value in wanted["IN"]) if "IN" in wanted else None
    refused = frozenset(_value_id(value, strings) for value in wanted.get("NOT_IN", ()))
    regex = re.compile(wanted["REGEX"]) if "REGEX" in wanted else None

    def predicate(value: int) -> bool:
        if allowed is not None and value not in allowed:
            return False
        if value in refused:
            return False
        return regex is None or regex.search(strings[value] if value else "") is not None

    return predicate


def index_attribute_rules(nlp: Language) -> bool:
    """Match the pipeline's attribute rules through an `AttributeRuleIndex`; False where spaCy's must stay."""
    from spacy.pipeline import AttributeRuler

    for _name, component in nlp.pipeline:
        if isinstance(component, AttributeRuler):
            try:
                index = AttributeRuleIndex(component)
            except (_Unsupported, KeyError, TypeError) as exc:
                log.info("attribute rules left to spaCy's matcher: %s", exc)
                return False
            component.match = index.match  # type: ignore[method-assign]
    return True
