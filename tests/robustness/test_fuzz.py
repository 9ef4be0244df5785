"""Arbitrary input to the date normaliser, the Web Annotation importer (in-process, into the library and
through `main.py import`), the plain-text loader and report targets.

Each either gives a result that keeps its promises or raises a clean `AppError` subclass: never
another exception, never a hang (a per-example deadline catches runaway parsing). Examples are
derandomised so a failure in CI is the same failure on a developer's machine; DRAMATIS_SOAK=1
runs many more of them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.analysis.times import detect_document_date
from models.analysis.timex import MONTHS, NUMBER_WORDS, UNITS, WEEKDAYS, Context, TimexValue, normalize_phrase
from models.cli_commands import parse_date
from models.errors import DocumentError, InvalidDateError
from models.export.web_annotation_import import ImportedLayer, read_annotations
from models.loaders.registry import load_document
from models.loaders.text import load_text

SOAK = os.environ.get("DRAMATIS_SOAK") == "1"
FUZZ = settings(
    max_examples=2000 if SOAK else 150,
    deadline=dt.timedelta(seconds=3),
    derandomize=not SOAK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ----- the date normaliser ---------------------------------------------------------------------------

TIME_WORDS = sorted(
    {*MONTHS, *WEEKDAYS, *NUMBER_WORDS, *(u + "s" for u in UNITS), *UNITS}
    | {"ago", "later", "earlier", "last", "next", "this", "the", "of", "on", "in", "since", "until", "before"}
    | {"after", "mid", "early", "late", "noon", "midnight", "tonight", "today", "yesterday", "tomorrow", "a.m."}
    | {"p.m.", "GMT", "Christmas", "Easter", "Ramadan", "fiscal", "quarter", "Q3", "'90s", "1990s", "BC", "AD"}
)
time_token = st.one_of(
    st.sampled_from(TIME_WORDS),
    st.integers(-99999, 99999).map(str),
    st.from_regex(r"\d{1,4}([-/.:]\d{1,4}){0,3}", fullmatch=True),
    st.text(min_size=1, max_size=6),
)
phrases = st.one_of(
    st.text(max_size=60),
    st.lists(time_token, min_size=1, max_size=8).map(" ".join),
)
contexts = st.builds(
    Context,
    doc_date=st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    tense=st.sampled_from([None, "past", "present", "future"]),
    last_day=st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    last_day_text=st.none() | st.text(max_size=20),
    last_year=st.none() | st.integers(-10_000, 10_000),
)


@pytest.fixture(scope="module", autouse=True)
def _dateparser_loaded() -> None:
    """dateparser builds its language data on first use; keep that out of the per-example deadline."""
    normalize_phrase("last Tuesday", Context(doc_date=dt.date(2020, 5, 5)))
    detect_document_date("Friday, July 21, 2017\n\nText.")


@FUZZ
@given(phrase=phrases, ctx=contexts)
def test_date_normaliser_gives_a_value_or_nothing(phrase: str, ctx: Context) -> None:
    result = normalize_phrase(phrase, ctx)
    assert result is None or isinstance(result, TimexValue)
    if result is not None:
        assert isinstance(result.value, str) and result.value
        assert result.timex_type in {"DATE", "TIME", "DURATION", "SET"}


@FUZZ
@given(head=phrases, body=st.text(max_size=200))
def test_dateline_detection_gives_an_iso_date_or_nothing(head: str, body: str) -> None:
    found = detect_document_date(head + "\n\n" + body)
    assert found is None or dt.date.fromisoformat(found).isoformat() == found


@FUZZ
@given(value=st.one_of(st.text(max_size=30), st.from_regex(r"-?\d{1,6}-\d{1,3}-\d{1,3}", fullmatch=True)))
def test_user_dates_are_iso_or_a_plain_error(value: str) -> None:
    try:
        parsed = parse_date(value)
    except InvalidDateError as exc:
        assert "YYYY-MM-DD" in exc.user_message
    else:
        assert parsed is None or dt.date.fromisoformat(parsed).isoformat() == parsed


# ----- the W3C Web Annotation importer ---------------------------------------------------------------

TEXT = "Zoë met Ali in Paris 😀 on Monday.\nAli said “no” to Zoë, twice: no, no."

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
anything = st.one_of(json_values, st.sampled_from([TEXT[:3], "no", "Ali", "😀", ""]))
positions = st.one_of(st.integers(-5, len(TEXT) + 5), anything)
selector = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("TextQuoteSelector"), "exact": anything},
        optional={"prefix": anything, "suffix": anything},
    ),
    st.fixed_dictionaries({"type": st.just("TextPositionSelector"), "start": positions, "end": positions}),
    anything,
)
body = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("TextualBody"), "value": anything},
        optional={"purpose": st.sampled_from(["commenting", "tagging", "classifying", "identifying"]) | anything},
    ),
    st.fixed_dictionaries(
        {"purpose": st.just("identifying"), "source": st.sampled_from(["urn:dramatis:actor:a1", "urn:dramatis:x"])}
    ),
    st.text(max_size=20),
    st.dictionaries(st.text(max_size=10), json_values, max_size=3),
    anything,
)
annotation = st.fixed_dictionaries(
    {"type": st.sampled_from(["Annotation", ["Annotation"], "Other"])},
    optional={
        "id": anything,
        "body": st.one_of(body, st.lists(body, max_size=3)),
        "bodyValue": anything,
        "target": st.one_of(
            st.fixed_dictionaries(
                {"source": anything}, optional={"selector": st.lists(selector, max_size=3) | selector}
            ),
            st.lists(anything, max_size=2),
            anything,
        ),
        "stylesheet": st.fixed_dictionaries({"value": anything}) | anything,
    },
)
documents = st.one_of(
    annotation,
    st.lists(annotation, max_size=4),
    st.fixed_dictionaries(
        {
            "type": st.just("AnnotationCollection"),
            "first": st.fixed_dictionaries(
                {"type": st.just("AnnotationPage"), "items": st.lists(annotation, max_size=3)}
            ),
        }
    ),
    st.fixed_dictionaries({"@graph": st.lists(annotation, max_size=3)}),
    json_values,
)


def check_layer(layer: ImportedLayer, text: str) -> None:
    for highlight in layer.highlights:
        assert 0 <= highlight.start <= highlight.end <= len(text)
        assert isinstance(highlight.category, str) and highlight.category in layer.categories
    ids = [h.id for h in layer.highlights] + [n.id for n in layer.notes]
    assert len(ids) == len(set(ids))


@FUZZ
@given(data=documents)
def test_web_annotation_import_places_or_skips_every_annotation(data: object) -> None:
    layer = read_annotations(data, TEXT)
    check_layer(layer, TEXT)


@FUZZ
@given(data=documents)
def test_web_annotation_import_survives_a_json_round_trip(data: object) -> None:
    """What a file would hold: the document serialised and parsed again (floats, escapes, key order)."""
    layer = read_annotations(json.loads(json.dumps(data)), TEXT)
    check_layer(layer, TEXT)


@pytest.mark.parametrize("value", [False, 3, None, 2.5, ["nested"]])
def test_non_object_bodies_are_ignored(value: object) -> None:
    data = {"type": "Annotation", "body": [value, {"type": "TextualBody", "value": "kept"}]}
    layer = read_annotations(data, TEXT)
    assert [n.text for n in layer.notes] == ["kept"]


# ----- the plain-text loader -------------------------------------------------------------------------

raw_bytes = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(lambda s: s.encode("utf-8")),
    st.text(max_size=300).map(lambda s: s.encode("utf-16", errors="surrogatepass")),
    st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=300).map(lambda s: s.encode("latin-1")),
    st.tuples(
        st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b""]), st.binary(max_size=200)
    ).map(lambda t: t[0] + t[1]),
)


@FUZZ
@given(data=raw_bytes)
def test_text_loader_gives_a_document_or_a_plain_error(data: bytes) -> None:
    try:
        document = load_text(data, "fuzz.txt")
    except DocumentError as exc:
        assert exc.user_message.endswith(".")
        return
    assert document.text.strip()
    assert "\r" not in document.text
    assert document.title is None or 0 < len(document.title) <= 200


@settings(FUZZ, max_examples=40 if not SOAK else 400)
@given(data=raw_bytes)
def test_opening_a_file_gives_a_document_or_a_plain_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path: Path = tmp_path_factory.mktemp("fuzz") / "input.txt"
    path.write_bytes(data)
    try:
        document = load_document(path)
    except DocumentError:
        return
    assert document.source_path == str(path)
    assert "\r" not in document.text


# ----- the importer into the library, and through the command line ----------------------------------


def _library_with_text(folder: Path) -> tuple[Path, str]:
    from models.domain import Document
    from models.library import Library

    with Library(folder / "library.sqlite3") as lib:
        doc_hash = lib.add_document(Document(TEXT, title="Fuzz", source_path=str(folder / "fuzz.txt"))).hash
    return folder, doc_hash


@settings(FUZZ, max_examples=30 if not SOAK else 300)
@given(data=documents)
def test_importing_into_the_library_places_or_skips_and_the_document_still_opens(
    tmp_path_factory: pytest.TempPathFactory, data: object
) -> None:
    from models.errors import AppError
    from models.library import Library
    from models.library.annotation_import import import_annotations
    from models.reader import ReaderHighlight

    folder, doc_hash = _library_with_text(tmp_path_factory.mktemp("import"))
    with Library(folder / "library.sqlite3") as lib:
        try:
            result = import_annotations(lib, json.loads(json.dumps(data)), doc_hash)
        except AppError as exc:
            assert exc.user_message.endswith(".")
            return
        items = lib.load_items(doc_hash)  # what opening the document reads
        assert len(items) == result.placed
        for item in items:
            if isinstance(item, ReaderHighlight):
                assert 0 <= item.start < item.end <= len(TEXT) and item.quote == TEXT[item.start : item.end]


hostile_files = st.one_of(
    documents.map(lambda d: json.dumps(d).encode()),
    st.integers(1, 3000).map(lambda n: (b"[" * n) + (b"]" * n)),
    st.binary(max_size=200),
    st.sampled_from([b"", b"{", b"null", b"\xff\xfe{}", b'{"type": "AnnotationCollection", "first": 3}']),
)


@settings(FUZZ, max_examples=4 if not SOAK else 40, deadline=None)
@given(content=hostile_files)
def test_main_import_gives_a_result_or_one_sentence(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    """A real `main.py import` process on arbitrary files: exit 0 or 1 with a summary, or 2 with one sentence."""
    from tests.test_cli import run

    folder, doc_hash = _library_with_text(tmp_path_factory.mktemp("cli"))
    path = folder / "annotations.jsonld"
    path.write_bytes(content)
    result = run("import", str(path), "--into", doc_hash, data_dir=folder)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2), result.stderr
    if result.returncode == 2:
        assert len(result.stderr.strip().splitlines()) == 1


def test_main_import_with_nested_and_malformed_annotations(tmp_path: Path) -> None:
    from tests.test_cli import run

    folder, doc_hash = _library_with_text(tmp_path)
    nested: object = {"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector", "exact": "Ali"}}}
    for _ in range(500):
        nested = [nested]
    bad = {"type": "Annotation", "target": {"selector": {"type": "TextPositionSelector", "start": 3, "end": 3}}}
    path = tmp_path / "annotations.jsonld"
    path.write_text(json.dumps([nested, bad]), encoding="utf-8")
    result = run("import", str(path), "--into", doc_hash, data_dir=folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nested" in result.stderr and "refused" in result.stderr and "nothing was imported" in result.stderr


# ----- report targets -----------------------------------------------------------------------------------

TARGET_KINDS = ("missing", "file", "symlink", "dangling", "chain", "fifo", "device", "folder", "link-to-folder")


def _make_target(folder: Path, kind: str) -> Path:
    real = folder / "real.txt"
    target = folder / "out.txt"
    if kind == "file":
        target.write_text("old", encoding="utf-8")
    elif kind in ("symlink", "chain"):
        real.write_text("old", encoding="utf-8")
        if kind == "chain":
            (folder / "middle").symlink_to(real)
            target.symlink_to(folder / "middle")
        else:
            target.symlink_to(real)
    elif kind == "dangling":
        target.symlink_to(real)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/null")
    elif kind == "folder":
        target.mkdir()
    elif kind == "link-to-folder":
        (folder / "dir").mkdir()
        target.symlink_to(folder / "dir")
    return target


@settings(FUZZ, max_examples=60 if not SOAK else 600)
@given(kind=st.sampled_from(TARGET_KINDS), data=st.binary(max_size=300))
def test_a_report_target_is_written_through_or_refused_never_replaced(
    tmp_path_factory: pytest.TempPathFactory, kind: str, data: bytes
) -> None:
    import stat

    from models.errors import ExportError
    from models.export import write_bytes

    folder = tmp_path_factory.mktemp("target")
    target = _make_target(folder, kind)
    was_link = target.is_symlink()
    before = target.lstat().st_mode if was_link or target.exists() else None
    try:
        write_bytes(target, data)
    except ExportError as exc:
        assert kind in ("fifo", "device", "folder", "link-to-folder"), exc.user_message
        assert exc.user_message.endswith(".")
    else:
        assert kind in ("missing", "file", "symlink", "dangling", "chain")
        assert Path(os.path.realpath(target)).read_bytes() == data
    assert target.is_symlink() == was_link  # a link stays a link
    if before is not None:
        assert stat.S_IFMT(target.lstat().st_mode) == stat.S_IFMT(before)  # a FIFO stays a FIFO, a folder a folder
    assert not list(folder.glob(".dramatis-*"))
