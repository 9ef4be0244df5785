"""Time expressions: find them with the parse, normalise them in text order.

Candidates are spaCy's DATE/TIME entities plus a few token patterns the statistical model misses
(clock times, years after a preposition, weekday names). `collect` keeps only offsets, the phrase
and the tense of the clause it sits in; `finish` normalises in reading order, so "two days later"
can anchor on the last date the text established.

Over 400 lines because finding and anchoring share the reading-order state of one document.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from models.analysis.paragraphs import doc_text
from models.analysis.timex import (
    _AGE,
    _MONTH_RE,
    FUTURE,
    GENERIC,
    HOLIDAY_RE,
    MONTHS,
    PAST,
    PLANNED,
    PRESENT,
    Context,
    TimexValue,
    normalize_phrase,
)
from models.domain import TimeExpression
from models.filters import parse_day, parse_moment

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# doc.user_data key under which the token spans of time candidates are shared with the event stage.
USER_DATA_KEY = "dramatis.times"
# Every TIMEX3 type is kept: durations ("three years", P3Y) and sets ("every week", P1W) are highlighted too,
# though only dates and times anchor events and the timeline.
KEPT_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})

_DATELINE = re.compile(
    r"(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?P<date>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,  # press releases print "MARCH 3, 2021"
)
_DATELINE_WINDOW = 600
# What may stand before a dateline on its line: nothing, a lead word ("Published", "Posted on", "Updated:"),
# a wire-service place ("OSLO,"), a byline ("By Ann Lee on") or a byline separator ("By Ann Lee |").
_DATELINE_LEAD = re.compile(
    r"(?:(?:Last\s+)?(?:Published|Posted|Updated|Dated|Date|Filed|Released|Issued|Written)(?:\s+on)?\s*:?"
    r"|(?-i:[A-Z][A-Z.'’ -]{1,40}),"
    r"|(?-i:By(?:\s+[A-Z][\w.'’-]*){1,4})(?:,|\s+on)?"
    r"|.*[|·•])?",
    re.IGNORECASE,
)
# What may follow a dateline on its line: nothing, a separator, a clock time, the author or a label in
# capitals ("MARCH 3, 2021 PRESS RELEASE").
_DATELINE_TAIL = re.compile(
    r"\s*(?:$|[-–—:|·•/]|(?:,\s*)?(?:at\s+)?T?\d{1,2}[:.]\d{2}|by\s|(?-i:[A-Z][A-Z ]*[A-Z])\s*$)", re.IGNORECASE
)
_RANGE_WORDS = frozenset({"to", "through", "thru", "-", "–", "—", "until", "till", "and", "or"})
_EDGE_WORDS = frozenset(
    {"on", "in", "at", "during", "by", "from", "since", "until", "till", "of", "between", "as", "for", "before",
     "after", "around", "about", "within", "over", "throughout", "into", "'s", "’s"}
)  # fmt: skip
_FUTURE_MARKERS = frozenset({"will", "'ll", "shall", "wo"})
_FUTURE_VERBS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "hope", "aim", "prepare"})
_LEFT_WORDS = frozenset(
    {"this", "last", "next", "early", "late", "mid", "earlier", "later", "past", "recent", "coming", "every", "each"}
)
# Phrases TimeML marks that the entity recogniser rarely does: vague references, quarters, halves, fiscal
# years, parts of days and recurring sets. Each is still normalised by the one normaliser; no value, no time.
# Every alternative opens on a word boundary before a letter or digit: the leading `\b(?=\w)` lets the scan skip
# the other positions at once instead of trying each alternative there (a third faster on a book, same matches).
_PHRASES = re.compile(
    r"\b(?=\w)(?:\b(?:now|currently|recently|nowadays|these days|at present|the (?:near )?future"
    r"|the (?:near|short|long) term|as soon as possible)\b"
    r"|\bthe past\b(?!\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|fifty"
    r"|hundred|week|month|year|day|decade|quarter|centur|hour|couple|dozen|half))"
    r"|\b(?:(?:the|this|that|its) )?(?:(?:latest|current|most recent|just-ended|same|comparable|fiscal|year-earlier"
    r"|year-ago|\d{4}(?:'s)?|this year's|last year's|next year's) )*(?:(?:first|second|third|fourth)[- ]"
    r"(?:fiscal )?)?quarter\b(?!-to-)(?: of (?:fiscal )?\d{4})?"  # "a quarter-to-quarter comparison" is a kind
    r"|\b(?:the|its) (?:\d{4}|latest) (?:fiscal )?period\b"
    r"|\bthe full (?:fiscal |calendar )?year\b"
    r"|\b(?:the )?(?:comparable |same )?(?:year-earlier|year-ago)(?: (?:(?:first|second|third|fourth) )?"
    r"(?:fiscal )?(?:quarter|period))?"
    r"|\b(?:the )?(?:first|second|last|latter) half of (?:the year|(?:fiscal )?\d{4}|this year|last year|next year)\b"
    r"|\b(?:the )?(?:(?:latest|current|last|next|previous|this|past|coming|prior) )?fiscal (?:year(?: \d{4})?|\d{4}"
    r"|'\d{2})\b"
    r"|\bthe year\b(?!\s*(?:\d|-|'s|of\b))"
    r"|\bthe prior (?:year|month|week|day)\b|\b(?:that|that same|the same|that very) year\b"
    r"|\b(?:yesterday|tomorrow|this|that|last|the) (?:morning|afternoon|evening)\b|\b(?:last night|tonight)\b"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)-"
    r"(?:year|month|week|day|hour|minute)\b(?!-old)|\b(?:hour|day|week|month|year)-?long\b"
    r"|\b(?:every|each) (?:other )?(?:day|week|month|quarter|year|morning|evening|night|summer|winter|spring|fall)\b)",
    re.IGNORECASE,
)
# A word or words of each of `_PHRASES`' alternatives that every match of it holds: a paragraph holding none of
# them (most do not) is not searched. Lower case is what IGNORECASE compares, except for the letters that match
# the pattern's "i", "s" and "k" without lowering to them (`_OTHER_CASES`): a text holding one is searched.
_OTHER_CASES = ("\u0130", "\u0131", "\u017f", "\u212a")  # İ, dotless ı, long ſ, the Kelvin sign
_PHRASE_UNITS = ("day", "week", "month", "quarter", "year", "morning", "evening", "night", "summer", "winter", "spring",
                 "fall", "other ")  # fmt: skip
_PHRASE_WORDS = (
    "currently", "recently", "these days", "at present", "the future", "near future", "near term", "short term",
    "long term", "as soon as possible", "the past", "quarter", "period", "the full ", "year-", "half of ", "fiscal ",
    "the year", "the prior ", "morning", "afternoon", "evening", "last night", "tonight", "-year", "-month", "-week",
    "-day", "-hour", "-minute", "-long", "hourlong", "daylong", "weeklong", "monthlong", "yearlong",
    "that year", "same year",
    *(f"{each} {unit}" for each in ("every", "each") for unit in _PHRASE_UNITS),
)  # fmt: skip


def _holds_now(lower: str) -> bool:
    """Whether "now" starts a word of the lower-case text ("now", "nowadays"; not "know" or "snow")."""
    at = lower.find("now")
    while at >= 0:
        if at == 0 or not (lower[at - 1].isalnum() or lower[at - 1] == "_"):
            return True
        at = lower.find("now", at + 3)
    return False


def _phrases(text: str) -> Iterator[re.Match[str]]:
    """`_PHRASES`' matches in a paragraph, searched only when it holds one of `_PHRASE_WORDS`."""
    if not any(letter in text for letter in _OTHER_CASES):
        lower = text.lower()
        if not (any(word in lower for word in _PHRASE_WORDS) or _holds_now(lower)):
            return iter(())
    return _PHRASES.finditer(text)


# What the text of a paragraph must hold for `_extra_matches` to match in it (a token is a piece of the
# text, and each pattern's first token is one of these): a year, a clock time ("10:30", "5 p.m.", "5pm") or a
# deictic word. Half the paragraphs of a book hold none, and the matcher's regular-expression predicates, run on
# every token, were the time stage's biggest cost there. Case-insensitive, so it finds more, never less.
_EXTRA_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_EXTRA_CLOCK = re.compile(r"\d:\d\d|\d\s*[ap]\.?m", re.IGNORECASE)
_EXTRA_WORDS = re.compile(
    r"today|yesterday|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday", re.IGNORECASE
)


def _may_match_extra(text: str) -> bool:
    return bool(_EXTRA_YEAR.search(text) or _EXTRA_CLOCK.search(text) or _EXTRA_WORDS.search(text))


# The token patterns of `_extra_matches`: a year after a preposition, a clock time, a deictic word.
_YEAR_PREPOSITIONS = ("in", "to", "from", "since", "until", "by", "and", "through", "of", "before", "after", "during",
                      "-", "–")  # fmt: skip
_YEAR_TEXT = re.compile(r"^(1[89]|20)\d\d$")
_CLOCK_TEXT = re.compile(r"^\d{1,2}:\d{2}$")
_CLOCK_ZONES = ("gmt", "utc", "a.m.", "p.m.", "am", "pm", "est", "edt", "pst", "pdt", "bst", "cet")
_HOUR_TEXT = re.compile(r"^\d{1,2}(:\d{2})?$")
_HOUR_HALVES = ("a.m.", "p.m.", "am", "pm")
_HOUR_HALF_TEXT = re.compile(r"^\d{1,2}(:\d{2})?(am|pm)$")
_DEICTIC_WORDS = ("today", "yesterday", "tomorrow", "tonight")


@lru_cache(maxsize=1)
def _extra_ids() -> tuple[
    frozenset[int], frozenset[int], frozenset[int], frozenset[int], frozenset[int], int, int, int
]:
    """The string ids the patterns compare a token's lower-case form or text with, that of the shape "dddd", and
    those of the parentheses."""
    from spacy.strings import get_string_id

    def ids(words: Iterable[str]) -> frozenset[int]:
        return frozenset(get_string_id(word) for word in words)

    return (ids(_YEAR_PREPOSITIONS), ids(_CLOCK_ZONES), ids(_HOUR_HALVES), ids(_DEICTIC_WORDS), ids(_WEEKDAY_NAMES),
            get_string_id("dddd"), get_string_id("("), get_string_id(")"))  # fmt: skip


def _extra_matches(doc: Doc) -> list[tuple[str, int, int]]:
    """(label, start, end) of the time expressions the recogniser misses, in order of start, then end:
    YEAR ("in 1998", the preposition included), PAREN_YEAR ("Burning Man (2011)", the parentheses included: the
    recogniser often runs a title into its year), CLOCK ("10:30", "10:30 GMT", "5 p.m.", "5pm") and DEICTIC
    ("today", "Monday"); a clock time with its zone is also matched without it, the shorter first.

    The same matches, in the same order, as spaCy's `Matcher` with one token pattern per case gave, read from the
    tokens' string ids in one `Doc.to_array`: only a token that starts with a digit is read as text.
    """
    from spacy.attrs import LOWER, ORTH, SHAPE

    preps, zones, halves, deictic, weekdays, four_digits, open_paren, close_paren = _extra_ids()
    rows: list[list[int]] = doc.to_array([ORTH, LOWER, SHAPE]).tolist() if len(doc) else []
    strings = doc.vocab.strings
    found: list[tuple[str, int, int]] = []
    last = len(rows) - 1
    for i, (orth, lower, _shape) in enumerate(rows):
        if lower in preps:
            if i < last and rows[i + 1][2] == four_digits and _YEAR_TEXT.search(strings[rows[i + 1][0]]):
                found.append(("YEAR", i, i + 2))
            continue
        if lower in deictic or orth in weekdays:
            found.append(("DEICTIC", i, i + 1))
            continue
        if orth == open_paren and i + 2 <= last and rows[i + 2][0] == close_paren and rows[i + 1][2] == four_digits:
            if _YEAR_TEXT.search(strings[rows[i + 1][0]]):
                found.append(("PAREN_YEAR", i, i + 3))
            continue
        text = strings[orth]
        if not text[:1].isdigit():  # every clock pattern opens with a digit (\d is a kind of isdigit)
            continue
        after = rows[i + 1][1] if i < last else None
        if _CLOCK_TEXT.search(text):
            found.append(("CLOCK", i, i + 1))
            if after in zones:
                found.append(("CLOCK", i, i + 2))
        elif _HOUR_HALF_TEXT.search(text):
            found.append(("CLOCK", i, i + 1))
        elif after in halves and _HOUR_TEXT.search(text):
            found.append(("CLOCK", i, i + 2))
    return found


_SET_ADVERBS = frozenset({"daily", "weekly", "monthly", "hourly", "nightly", "annually", "yearly"})
_SET_ADVERB_TEXT = re.compile("|".join(sorted(_SET_ADVERBS)), re.IGNORECASE)


def _has_set_adverb(text: str) -> bool:
    """Whether a paragraph may hold one of `_SET_ADVERBS` (a token's lower case is a piece of the text's)."""
    if not any(letter in text for letter in _OTHER_CASES):
        lower = text.lower()
        return any(word in lower for word in _SET_ADVERBS)
    return _SET_ADVERB_TEXT.search(text) is not None


_SET_WORDS = _SET_ADVERBS | {"annual", "quarterly", "biweekly", "biennially"}
_SEASON_WORDS = frozenset({"spring", "summer", "fall", "autumn", "winter"})
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def detect_document_date(text: str) -> str | None:
    """The document's own date, from a dateline near the top; None when there is none.

    Only a date standing as a dateline counts: biographies open with life dates and reports mention past
    events near the top, and taking those as the document's date anchors the whole text wrongly.
    """
    for match in _DATELINE.finditer(text[:_DATELINE_WINDOW]):
        day = _dateline_day(match.group("date")) if _is_dateline(text, match) else None
        if day is not None:
            return day
    return None


def _is_dateline(text: str, match: re.Match[str]) -> bool:
    """A date standing as the document's dateline or byline, not one inside a sentence telling of an event."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    before = text[line_start : match.start()].strip()
    after = text[match.end() : len(text) if line_end < 0 else line_end]
    if _DATELINE_LEAD.fullmatch(before) and _DATELINE_TAIL.match(after):
        return True
    if match.group("weekday") is None:
        return False
    if not before:
        # "Thursday, May 7, 2015 On Tuesday, ...": a weekday dateline the story runs on from.
        return not after.lstrip().startswith((",", ")", ";"))
    # "... tells Wikinews about ants Tuesday, September 1, 2015": a headline closed by its dateline.
    last_word = before.split()[-1].lower()
    return not after.strip() and before[-1] not in "(,;" and last_word not in _EDGE_WORDS


def _dateline_day(raw: str) -> str | None:
    """The ISO day a dateline's date names, read by the one date parser."""
    try:
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    from models.analysis.timex import _dateparser_day

    day = _dateparser_day(raw)
    return day.isoformat() if day is not None else None


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    text: str
    tense: str | None
    # A phrase to normalise in place of `text`, e.g. the first half of a range borrowing the second's year.
    phrase: str | None = None
    # Token boundaries (absolute), to fall back on a shorter part when the whole phrase does not normalise.
    tokens: tuple[tuple[int, int], ...] = ()


def clause_verb(token: Token) -> Token | None:
    """The verb (or auxiliary-headed predicate) that governs `token`'s clause."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("aux", "auxpass"):
            return current
        if current.head.i == current.i:
            return current if current.pos_ in ("VERB", "AUX") else None
        current = current.head
    return None


def clause_tense(verb: Token | None) -> str | None:
    """past / present / future from the verb's tag and its auxiliaries."""
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_MARKERS:
        return FUTURE
    if any(a.lemma_ == "go" and a.tag_ == "VBG" for a in auxes):
        return FUTURE
    # A bare participle is a plan only with what it is planned for ("the vote scheduled for Friday",
    # "set to expire"); "its record high set on Aug. 6" tells when something happened.
    planned = verb.tag_ != "VBN" or bool(auxes) or _plan_complement(verb)
    if (
        verb.lemma_ in _FUTURE_VERBS
        and verb.tag_ in ("VBZ", "VBP", "VBN")
        and not any(a.tag_ == "VBD" for a in auxes)
        and planned
    ):
        return FUTURE
    if _past_perfect_plan(verb):
        return PAST
    # "are to travel": a present form of "be" heading an infinitive.
    if verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP") and any(c.dep_ == "xcomp" for c in verb.children):
        return FUTURE
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        outer = clause_tense(head)
        if outer == FUTURE or head.lemma_ in _FUTURE_VERBS:
            return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and (lowers & {"has", "have", "had", "'s", "'ve"}):
        return PAST
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return PAST
    if verb.tag_ == "VBG" and not auxes and verb.dep_ == "advcl" and head.i != verb.i:
        # A participle clause has no tense of its own: "the stock has fluctuated, rising from $29 in March"
        # tells of the past like the clause it hangs on.
        outer = clause_tense(head)
        if outer is not None:
            return outer
    if verb.tag_ in ("VBZ", "VBP", "VBG"):
        return PRESENT
    if verb.tag_ == "VB":
        if not lowers & {"to"} or verb.head.i == verb.i:  # the root has no clause above it
            return None
        return FUTURE if clause_tense(verb.head) == FUTURE else None
    return None


_DEADLINE_VERBS = frozenset({"extend", "give", "postpone", "delay", "adjourn", "defer", "grant", "push", "suspend"})
_DEADLINE_PREPS = frozenset({"until", "till", "through", "to"})


def _deadline(part: Span) -> bool:
    """'effective Feb. 1', 'extended the loans through January', 'gave them until Tuesday': a term set for
    later, so the date lies ahead of the document even in a past-tense clause."""
    if part.start == 0:
        return False
    before = part.doc[part.start - 1]
    if before.lower_ == "effective":
        return True
    if before.lower_ not in _DEADLINE_PREPS:
        return False
    verb = clause_verb(before)
    return verb is not None and verb.lemma_ in _DEADLINE_VERBS


_BARE_WEEKDAY = re.compile(rf"^(?:{'|'.join(_WEEKDAY_NAMES)})$", re.IGNORECASE)
# Verbs of meetings, trips and sessions that news puts in the simple present when they are scheduled.
_SCHEDULED_VERBS = frozenset(
    {"meet", "resume", "begin", "start", "open", "reopen", "arrive", "leave", "depart", "visit", "travel", "vote",
     "convene", "return", "expire", "fly", "host"}
)  # fmt: skip


def _scheduled_present(part: Span) -> bool:
    """'The talks resume Monday', 'the panel meets Thursday': a scheduled event told in the simple present,
    so a bare weekday with it is the coming one."""
    if not _BARE_WEEKDAY.match(part.text):
        return False
    verb = clause_verb(part.root)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ not in _SCHEDULED_VERBS:
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _past_plan(part: Span) -> bool:
    """'Protesters planned a rally on Saturday', 'a service planned for Saturday was canceled': a plan told in
    the past tense, whose weekday may lie just before the report or just after it."""
    if not _BARE_WEEKDAY.match(part.text.removeprefix("on ")):
        return False
    verb = clause_verb(part.root)
    return verb is not None and verb.lemma_ in ("plan", "schedule") and verb.tag_ in ("VBD", "VBN")


_SEASON_TEXT = re.compile(rf"^(?:the )?(?:{'|'.join(_SEASON_WORDS)})s?(?: months)?$", re.IGNORECASE)
_BARE_CLOCK = re.compile(
    r"^(?:(?:at )?around |about )?(?:\d{1,2}:\d\d(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.?m\.?|noon|midnight)"
    r"(?:\s(?:[a-z]{2,3}t|gmt|utc))?$",
    re.IGNORECASE,
)
_BARE_MONTH = re.compile(
    rf"^(?:(?:early|mid|late|the end of|the beginning of|the start of|the middle of)-? ?)?{_MONTH_RE}$", re.IGNORECASE
)
# Words that make a present clause tell of what recurs: "monsoon rains occur regularly from July to September".
_HABITUAL_WORDS = frozenset(
    {"usually", "regularly", "typically", "generally", "normally", "often", "always", "annually"}
)
_MONTH_RANGE_WORDS = frozenset({"to", "through", "till", "until", "and", "-", "–", "—", "thru"})


def _every_year(part: Span) -> bool:
    """'Summers can be very warm', 'store hours: 08:30 am - 7 pm', 'whales come between June and November': a
    season, a clock time without a day, or a month in a range of months or in a habit, told in the present (or with
    no tense, as in a list of opening hours), is of every year or day, not of one."""
    text = part.text
    month = _BARE_MONTH.match(text) is not None
    if not (month or _SEASON_TEXT.match(text) or _BARE_CLOCK.match(text)):
        return False
    doc = part.doc
    sent = part.root.sent
    if _tells_of_future(sent):
        return False  # "the sector is going to get beaten up in the spring": one spring, the coming one
    if not month:
        return True
    if any(t.lower_ in _HABITUAL_WORDS for t in sent):
        return True
    if part.root.dep_ in ("nsubj", "nsubjpass") and part.root.head.lemma_ == "be":
        return True  # "April is the most ideal month"
    # A range of months: "between June and November", "from May to September", "October to late April".
    before = doc[max(sent.start, part.start - 3) : part.start]
    after = doc[part.end : min(sent.end, part.end + 4)]
    left = len(before) > 0 and before[-1].lower_ in _MONTH_RANGE_WORDS and any(_is_month(t) for t in before)
    right = len(after) > 0 and after[0].lower_ in _MONTH_RANGE_WORDS and any(_is_month(t) for t in after)
    return left or right


def _tells_of_future(sent: Span) -> bool:
    """A sentence with 'will', 'shall' or 'going to' in it."""
    return any(
        t.lower_ in _FUTURE_MARKERS or (t.lower_ == "going" and t.i + 1 < sent.end and t.nbor().lower_ == "to")
        for t in sent
    )


def _is_month(token: Token) -> bool:
    return token.lower_.rstrip(".") in MONTHS and token.text[:1].isupper()


def _since(part: Span) -> bool:
    """'The change is since year-end': what a span starts from lies behind the moment of writing, whatever
    the tense of the clause."""
    return part.start > 0 and part.doc[part.start - 1].lower_ == "since"


def _plan_complement(verb: Token) -> bool:
    """'scheduled for Friday', 'set to expire', 'due on Monday' as a plan: the participle names what it is for."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "for") or c.dep_ == "xcomp" or (c.dep_ == "aux" and c.lower_ == "to")
        for c in verb.children
    )


def _past_perfect_plan(verb: Token) -> bool:
    """'It had been due to expire Friday': a plan told in the past perfect lies before a past moment."""
    current = verb
    for _ in range(3):
        if current.dep_ not in ("xcomp", "acomp") or current.head.i == current.i:
            return False
        current = current.head
        if current.lemma_ in _FUTURE_VERBS or current.lemma_ == "be":
            lowers = {c.lower_ for c in current.children if c.dep_ in ("aux", "auxpass")}
            if "had" in lowers or "'d" in lowers:
                return True
    return False


class TimeStage:
    """Collects time expressions and normalises them against the document date."""

    def __init__(self, document_date: str | None, text: str | None = None) -> None:
        """With the document's `text`, each paragraph's candidates are normalised as they are collected.

        Why: normalising depends only on the candidates before it, in order; done while a book's later
        paragraphs are still being parsed, it is no longer part of the join that waits for the last one.
        """
        self.document_date = document_date
        self._text = text
        self._candidates: list[_Candidate] = []
        self._context: Context | None = None
        self._normalised = 0  # candidates normalised so far
        self._result: list[TimeExpression] = []

    def _spans(self, doc: Doc) -> list[Span]:
        # A holiday is a date even where the recogniser calls it an event ("found Thanksgiving Day").
        spans = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME") or _is_holiday(ent)]
        taken = {i for span in spans for i in range(span.start, span.end)}
        blocked = {
            i
            for ent in doc.ents
            if ent.label_ not in ("DATE", "TIME", "CARDINAL") and not _is_holiday(ent)
            for i in range(ent.start, ent.end)
        }
        extra = _extra_matches(doc) if _may_match_extra(doc_text(doc)) else []
        for label, start, end in extra:
            if label == "YEAR":
                start += 1
            if label == "PAREN_YEAR":
                start, end = start + 1, end - 1
                if start in taken:  # a name entity may run into the parenthesis; only a date already there wins
                    continue
            elif any(i in taken or i in blocked for i in range(start, end)):
                continue
            spans.append(doc[start:end])
            taken.update(range(start, end))
        spans.extend(_elided_last(doc, taken | blocked))
        # A lone adjective ("annual report", "quarterly dividend") is no recurring time expression.
        spans = [s for s in spans if not (len(s) == 1 and s[0].pos_ == "ADJ" and s[0].lower_ in _SET_WORDS)]
        # Nor a season naming a kind of thing ("sunny winter weather", "summer school").
        spans = [s for s in spans if not (len(s) == 1 and s[0].lower_ in _SEASON_WORDS and s[0].dep_ == "compound")]
        spans = [s for s in _with_phrases(doc, spans, blocked) if not any(no(s) for no in _NO_TIME)]
        taken = {i for span in spans for i in range(span.start, span.end)}
        spans.sort(key=lambda s: s.start)
        merged: list[Span] = []
        for span in spans:
            start, end = span.start, span.end
            if _day_before_month(doc, start) and start - 1 not in taken:
                start -= 1  # "23 January 1928": the recogniser often leaves the day number out of the date
            while start > 0 and doc[start - 1].lower_ in _LEFT_WORDS and start - 1 not in taken:
                start -= 1
            if end < len(doc) and doc[end].lower_ == "evening" and doc[end - 1].text in _WEEKDAY_NAMES:
                end += 1  # "Thursday evening": the recogniser often tags the day and the evening apart
            if _two_digit_close(doc, end):
                end += 2  # "1890 – 91": the recogniser tags the year alone, the closing digits apart or not at all
            span = doc[start:end]
            if merged and merged[-1].end >= end:
                continue  # the evening just joined to its day
            if merged and (_is_clock_then_date(merged[-1], span) or _is_weekday_then_date(merged[-1], span)):
                merged[-1] = doc[merged[-1].start : span.end]
            else:
                merged.append(span)
        return merged

    def collect(self, doc: Doc, offset: int) -> None:
        shared: list[tuple[int, int]] = []
        for span in self._spans(doc):
            before: Span | None = None
            for part, period in (p for r in _split_range(_trim(span)) for p in _split_period(r)):
                if part is None or not part.text.strip():
                    continue
                tense = clause_tense(clause_verb(part.root))
                if _deadline(part) or (tense == PRESENT and _scheduled_present(part)):
                    tense = FUTURE
                elif _since(part):
                    tense = PAST
                elif _past_plan(part):
                    tense = PLANNED
                elif tense in (PRESENT, None) and _every_year(part):
                    tense = GENERIC
                phrase = (
                    period
                    or _borrowed_year(part, span)
                    or _borrowed_month(part, before)
                    or _borrowed_century(part, before)
                    or _elided_unit(part)
                )
                before = part
                tokens = tuple((offset + t.idx, offset + t.idx + len(t.text)) for t in part) if len(part) > 1 else ()
                self._candidates.append(
                    _Candidate(offset + part.start_char, offset + part.end_char, part.text, tense, phrase, tokens)
                )
                shared.append((part.start, part.end))
        doc.user_data[USER_DATA_KEY] = shared
        if self._text is not None:
            self._normalise(self._text)

    def finish(self, text: str) -> list[TimeExpression]:
        self._normalise(text)
        return self._result

    def _normalise(self, text: str) -> None:
        """Normalise the candidates collected since the last call, in document order (see `__init__`)."""
        ctx = self._context
        if ctx is None:
            moment = parse_moment(self.document_date)
            doc_date = moment[0] if moment else parse_day(self.document_date)
            ctx = self._context = Context(doc_date=doc_date, last_year=doc_date.year if doc_date else None)
            ctx.doc_time = moment[1] if moment else None
        result = self._result
        for cand in itertools.islice(self._candidates, self._normalised, None):
            ctx.tense = cand.tense
            start, end = cand.start, cand.end
            value = normalize_phrase(cand.phrase or cand.text, ctx)
            if value is None:
                start, end, value = _best_part(text, cand, ctx)
            if value is None or value.timex_type not in KEPT_TYPES:
                continue
            _remember(ctx, value, text[start:end])
            if value.day is not None and not value.refers_back:
                ctx.closing_day = value.day if _CLOSES.search(text, max(0, start - 12), start) else None
            result.append(
                TimeExpression(
                    id=f"t{len(result) + 1}",
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=value.value,
                    timex_type=value.timex_type,
                    mod=value.mod,
                    anchor=value.anchor,
                )
            )
        self._normalised = len(self._candidates)


_THIS_UNIT = re.compile(r"\bthis (year|month|week|quarter)\b", re.IGNORECASE)


def _elided_unit(part: Span) -> str | None:
    """'twice as high a dividend this year as last': 'last' stands for last year, the unit said before it."""
    if part.text.lower() != "last" or part.start < 2 or part.doc[part.start - 1].lower_ not in ("as", "than"):
        return None
    sentence = part[0].sent
    found = _THIS_UNIT.findall(part.doc.text[sentence.start_char : part.start_char])
    return f"last {found[-1].lower()}" if found else None


def _elided_last(doc: Doc, taken: set[int]) -> list[Span]:
    """The 'last' of 'this year as last' ('than last'), closing its clause: a time told by ellipsis."""
    found = []
    for token in doc:
        if token.lower_ != "last" or token.i in taken or token.i < 2 or doc[token.i - 1].lower_ not in ("as", "than"):
            continue
        if token.i + 1 < len(doc) and not doc[token.i + 1].is_punct:
            continue  # "as last year", "than last month" are whole phrases the recogniser finds
        span = doc[token.i : token.i + 1]
        if _elided_unit(span) is not None:
            found.append(span)
    return found


def _day_before_month(doc: Doc, start: int) -> bool:
    """A day number (1-31) just before a span that opens on a month name ('23 | January 1928')."""
    if start == 0 or doc[start].text.rstrip(".").lower() not in MONTHS:
        return False
    day = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", doc[start - 1].text)
    return day is not None and 1 <= int(day.group(1)) <= 31 and doc[start].text[0].isupper()


def _is_holiday(ent: Span) -> bool:
    return ent.label_ == "EVENT" and HOLIDAY_RE.match(ent.text.lower().replace("’", "'")) is not None


# Years of an era or told as approximate, which the recogniser rarely tags: "508 BC", "AD 842", "c. 347" (not
# "ca. 1000 authors"), "the year 71".
_ERA_YEARS = re.compile(
    r"\b(?:(?:c\.|ca\.|circa)\s)?\d{2,4}\s?(?:BC|BCE|B\.C\.|AD|A\.D\.|CE)(?!\w)|\b(?:AD|A\.D\.)\s?\d{1,4}\b"
    r"|(?<![\w.])(?:c\.|ca\.|circa)\s\d{3,4}\b(?!\s+[a-z])|\b[Tt]he year \d{1,4}\b"
    r"|(?<![\d/])9/11(?![\d/])"  # a day known by its date: the attacks of 11 September 2001
)


def _with_phrases(doc: Doc, spans: list[Span], blocked: set[int]) -> list[Span]:
    """Add the TimeML phrases the recogniser missed; a phrase that contains entity spans replaces them."""
    found: list[Span] = []
    text = doc_text(doc)
    for match in _phrases(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and span.text.strip():
            found.append(span)
    eras: set[tuple[int, int]] = set()  # an era's year wins over a name the recogniser made of it ("AD842")
    for match in _ERA_YEARS.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None:
            found.append(span)
            eras.add((span.start, span.end))
    if _has_set_adverb(text):  # a token is a piece of the text: without the word, no token is it
        found.extend(doc[t.i : t.i + 1] for t in doc if t.lower_ in _SET_ADVERBS and t.pos_ == "ADV")
    out = list(spans)
    for phrase in found:
        if (phrase.start, phrase.end) not in eras and any(i in blocked for i in range(phrase.start, phrase.end)):
            continue
        inside = [s for s in out if s.start < phrase.end and phrase.start < s.end]
        if all(phrase.start <= s.start and s.end <= phrase.end for s in inside) and not any(
            s.start == phrase.start and s.end == phrase.end for s in inside
        ):
            covered = {(s.start, s.end) for s in inside}
            out = [s for s in out if (s.start, s.end) not in covered]
            out.append(phrase)
    return out


def _discourse_now(span: Span) -> bool:
    """'Now, the mayor said, ...': a sentence opened by 'Now' and a comma turns the argument, it names no time."""
    if len(span) != 1 or span[0].lower_ != "now":
        return False
    doc, first = span.doc, span[0].sent.start
    while first < span.start and doc[first].is_quote:
        first += 1  # '"Now, he says, ...' opens a quotation
    return first == span.start and span.end < len(doc) and doc[span.end].text == ","


def _current_title(span: Span) -> bool:
    """'Stephen Akerfeldt, currently vice president, will succeed him': 'currently' qualifying a title or a
    number, not a clause, says who holds the post, not when anything happens."""
    return len(span) == 1 and span[0].lower_ == "currently" and span[0].head.pos_ not in ("VERB", "AUX")


def _titled_count(span: Span) -> bool:
    """'said on CBS's "60 Minutes"': a count whose unit is capitalised inside a sentence is a title, not a
    duration."""
    words = [t for t in span if not (t.is_punct or t.is_quote)]  # the recogniser may take in the closing quote
    return (
        len(words) == 2
        and words[0].like_num
        and words[1].text[:1].isupper()
        and not words[0].is_sent_start
        and _UNIT_WORD.match(words[1].text) is not None
    )


def _generic_tomorrow(span: Span) -> bool:
    """'the people of tomorrow', 'the cars of tomorrow': the future at large, no day after the report."""
    token = span[0]
    return (
        len(span) == 1
        and token.lower_ == "tomorrow"
        and token.i > 0
        and span.doc[token.i - 1].lower_ == "of"
        and token.head.lower_ == "of"
        and token.head.head.pos_ in ("NOUN", "PROPN")
    )


def _march_as_name(span: Span) -> bool:
    """'the annual March for Life', 'a March on Washington': a march named after its cause, not the month."""
    doc = span.doc
    if len(span) != 1 or span[0].text != "March" or span.start == 0 or span.end + 1 >= len(doc):
        return False
    return (
        doc[span.start - 1].pos_ in ("DET", "ADJ")
        and doc[span.end].lower_ in ("for", "on", "against")
        and doc[span.end + 1].text[:1].isupper()
    )


# What "today's" means as "present-day" before: the people or the world of the time, no day of it.
_PRESENT_DAY_NOUNS = frozenset({"world", "youth", "generation", "society", "child", "kid", "teenager"})


def _present_day_people(span: Span) -> bool:
    """'the case is for today's youth', 'in today's world': the present age, not the day of the report."""
    token = span[0]
    return (
        len(span) == 1 and token.lower_ == "today" and token.dep_ == "poss" and token.head.lemma_ in _PRESENT_DAY_NOUNS
    )


_KIND_OF_YEAR = re.compile(r"^an? (?:fiscal|calendar) year$", re.IGNORECASE)


def _kind_of_year(span: Span) -> bool:
    """'changed from a fiscal year to a calendar year': a way of counting years, no year in particular."""
    return _KIND_OF_YEAR.match(span.text) is not None


def _now_for_next_item(span: Span) -> bool:
    """'Now for today's geography quiz': a broadcast passing to its next item, no time."""
    doc = span.doc
    return (
        len(span) == 1
        and span[0].lower_ == "now"
        and bool(span[0].is_sent_start)
        and span.end < len(doc)
        and doc[span.end].lower_ == "for"
    )


def _prospects(span: Span) -> bool:
    """'the future of ozone pollution', 'the future looks bleak': the fate of something, not a time."""
    if span[-1].lower_ != "future" or span[0].lower_ != "the":
        return False
    doc = span.doc
    followed_by_of = span.end < len(doc) and doc[span.end].lower_ == "of"
    return followed_by_of or span[-1].dep_ in ("nsubj", "nsubjpass")


# Phrases the recogniser or the phrase patterns take for times that name none, in the sense they have here.
_NO_TIME = (
    _discourse_now,
    _prospects,
    _current_title,
    _titled_count,
    _generic_tomorrow,
    _march_as_name,
    _present_day_people,
    _kind_of_year,
    _now_for_next_item,
)


def _best_part(text: str, cand: _Candidate, ctx: Context) -> tuple[int, int, TimexValue | None]:
    """The longest run of the candidate's tokens that normalises ('the end of the day Saturday' -> 'Saturday')."""
    tokens = cand.tokens[:8]
    if _AGE.search(cand.text):
        return cand.start, cand.end, None
    for length in range(len(tokens) - 1, 0, -1):
        for first in reversed(range(len(tokens) - length + 1)):
            start, end = tokens[first][0], tokens[first + length - 1][1]
            if not text[start].isalnum():
                continue
            value = normalize_phrase(text[start:end], ctx)
            if value is not None and value.timex_type in ("DATE", "TIME") and not value.value.endswith("_REF"):
                return start, end, value
    return cand.start, cand.end, None


def _remember(ctx: Context, value: TimexValue, surface: str) -> None:
    """Dates pinned to a day become the anchor for the next anaphoric expression."""
    if value.refers_back:
        return
    if value.day is not None and value.timex_type in ("DATE", "TIME"):
        ctx.last_day = value.day
        ctx.last_day_text = surface
    if value.year is not None and value.timex_type == "DATE":
        ctx.last_year = value.year
    if value.timex_type == "DATE" and _QUARTER_VALUE.match(value.value):
        ctx.last_quarter = value.value
    elif value.day is not None:
        ctx.last_quarter = None


_CLOSES = re.compile(r"\b(?:ended|ending)\s+$")
_QUARTER_VALUE = re.compile(r"^\d{4}-Q[1-4]$")


def _is_weekday_then_date(first: Span, second: Span) -> bool:
    """'seeped out Friday Oct. 13': a weekday written just before its month-day, without the comma, is that one
    day, not a second date counted from the document's."""
    return (
        len(first) == 1
        and first[0].text in _WEEKDAY_NAMES
        and second.start == first.end
        and second[0].text.rstrip(".").lower() in MONTHS
    )


def _is_clock_then_date(first: Span, second: Span) -> bool:
    """'11 p.m. on Dec. 8' is one date-time."""
    doc = first.doc
    between = doc[first.end : second.start]
    if len(between) > 2 or any(t.lower_ not in ("on", ",", "of") for t in between):
        return False
    clock = r"(?:\d{1,2}:\d\d|\d\s*[ap]\.?m\.?|noon|midnight)(?:\s*(?:gmt|utc|[a-z]{1,3}t))?$"
    return bool(re.search(clock, first.text, re.IGNORECASE))


def _trim(span: Span) -> Span:
    """Drop punctuation, spaces and leading prepositions that the entity recogniser sometimes includes."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in _EDGE_WORDS):
        if doc[start].lower_ == "as" and start + 1 < end and doc[start + 1].lower_ == "soon":
            break  # "as soon as possible" opens on its own "as"
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return doc[start:end]


def _split_range(span: Span) -> list[Span | None]:
    """'November 20 to December 11', '2000 - 2050', '1997 and 1998' are two expressions."""
    if len(span) < 3:
        return [span]
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        # "1994, 1995 and 1997": a comma after a year lists the next one ("Jan. 5, 1998" has its comma before).
        listed = doc[i].text == "," and _YEAR_TOKEN.match(doc[i - 1].text) is not None
        if doc[i].lower_ in _RANGE_WORDS or listed:
            left, right = doc[span.start : i], doc[i + 1 : span.end]
            if doc[i].text == "-" and _UNIT_WORD.match(right.text):
                continue  # "a 30-year bond": a compound duration, not a range
            if doc[i].text == "-" and doc[i - 1].lower_ == "year" and doc[i + 1].lower_ in ("earlier", "ago"):
                continue  # "the year-earlier nine months": the comparison period a year back, not a range
            if _looks_complete(left) and _looks_complete(right):
                return [*_split_range(_trim(left)), *_split_range(_trim(right))]
    return [span]


_COMPLETE = re.compile(
    r"\d|today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|year|month|week|"
    r"noon|midnight|january|february|march|april|may|june|july|august|september|october|november|december",
    re.IGNORECASE,
)


_UNIT_WORD = re.compile(r"^(?:year|month|week|day|hour|minute|second|decade|quarter)s?\b", re.IGNORECASE)


def _looks_complete(span: Span) -> bool:
    return bool(_COMPLETE.search(span.text)) and not (len(span) == 1 and span[0].is_punct)


_PERIOD_UNITS = frozenset({"days", "weeks", "months", "years", "quarters", "periods"})
# What an accounting period stands for when it is named by its unit alone: "the year ended June 30" is a year long.
# A quarter that closes on a date ("the third quarter ended Sept. 30") is the quarter itself, a date (1989-Q3),
# as earnings reports use it; the closing date is a second expression.
_PERIOD_PHRASES = {"year": "a year", "fiscal year": "a year"}
_QUARTER_WORDS = frozenset({"quarter", "qtr", "qtr."})


def _split_period(span: Span | None) -> list[tuple[Span | None, str | None]]:
    """'the year ended June 30' and 'the first nine months of 1997' are a period (a duration: P1Y, P9M) and the
    date that closes or holds it, two expressions as TimeML marks them. Returns each part with a phrase to
    normalise in its place, or None to normalise its own text."""
    if span is None or len(span) < 3:
        return [(span, None)]
    doc = span.doc
    for i in range(span.start + 1, span.end - 1):
        word = doc[i].lower_
        left, right = _trim(doc[span.start : i]), _trim(doc[i + 1 : span.end])
        if not left.text or not right.text:
            continue
        unit = re.sub(r"^(?:the|its|their) ", "", left.text.lower())
        closes = unit in _PERIOD_PHRASES or left[-1].lower_ in _PERIOD_UNITS or left[-1].lower_ in _QUARTER_WORDS
        if word in ("ended", "ending") and closes:
            return [(left, _PERIOD_PHRASES.get(unit)), (right, None)]
        if word == "of" and left[-1].lower_ in _PERIOD_UNITS and left[-1].lower_ != "periods" and len(left) > 1:
            return [(left, None), (right, None)]
    return [(span, None)]


_YEAR_TOKEN = re.compile(r"^(?:1[0-9]|20)\d\d$")
_DAY_NUMBER = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?P<year>,? \d{4})?$")
_MONTH_DAY_AT_START = re.compile(r"^(?P<month>[A-Z][a-z]+\.?) \d{1,2}(?:st|nd|rd|th)?(?P<year>,? \d{4})?$")


def _borrowed_month(part: Span, before: Span | None) -> str | None:
    """'April 24 and 25', 'March 3 and 4, 1999': a bare day number after a month-day is a day of that month."""
    day = _DAY_NUMBER.match(part.text)
    match = _MONTH_DAY_AT_START.match(before.text) if before is not None and day else None
    if match is None:
        return None
    year = "" if day is None or day.group("year") else match.group("year") or ""
    return f"{match.group('month')} {part.text}{year}"


def _two_digit_close(doc: Doc, end: int) -> bool:
    """A year followed by a dash and two digits ('1890 – 91') runs on to them."""
    return (
        end + 1 < len(doc)
        and _YEAR_TOKEN.match(doc[end - 1].text) is not None
        and doc[end].text in ("-", "–", "—")
        and re.fullmatch(r"\d\d", doc[end + 1].text) is not None
        and (end + 2 >= len(doc) or not (doc[end + 2].like_num or _UNIT_WORD.match(doc[end + 2].text)))
    )


def _borrowed_century(part: Span, before: Span | None) -> str | None:
    """'In 1890 – 91', 'the period (1892 – 94)': two digits after a year close the range in that year's century."""
    if before is None or not re.fullmatch(r"\d\d", part.text) or not _YEAR_TOKEN.match(before.text):
        return None
    year = before.text[:2] + part.text
    return year if year > before.text else None


_YEAR_AT_END = re.compile(r",?\s*(\d{4})$")
_MONTH_DAY = re.compile(r"^[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?$")


def _borrowed_year(part: Span, whole: Span) -> str | None:
    """'January 23 - March 9 2014': the first half takes the year written after the second."""
    if part.end >= whole.end or not _MONTH_DAY.match(part.text):
        return None
    match = _YEAR_AT_END.search(whole.text)
    return f"{part.text}, {match.group(1)}" if match else None
