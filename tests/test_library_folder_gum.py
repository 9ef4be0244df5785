"""A folder of 50 GUM documents (24 news articles, 26 of other genres) added to the library: one actor each.

The texts (CC BY) are read from ../shared/eval at test time and written to a temporary folder; the
folder goes through the same code as Library › Add Folder… and `main.py add` (two analysis processes),
then the actor index is read. Every name checked below was verified by reading the documents: each
real place, organisation and person must be one library actor, found in at least the documents named.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from models.batch.add import add_files, collect_files
from models.library import Library
from models.library.actor_index import index_pending
from models.library.actor_keys import name_words
from models.library.actor_listing import LibraryActorRow, list_actors
from models.library.actor_page import actor_names_of
from models.version import ANALYZER_VERSION
from tests.conftest import EVAL_DIR

SHARED = EVAL_DIR.parent
# Every fourth GUM document of the other genres, in name order: academic, biography, interview, speech,
# travel guide and how-to texts alike (26 of them).
MORE_STRIDE, MORE_COUNT = 4, 26

# Name -> the fewest documents it is found in (counted by reading them; the analyser may miss a mention or two).
PLACES_AND_ORGANISATIONS = {
    "California": 6,
    "New York": 4,
    "Canada": 3,
    "Poland": 3,
    "Texas": 3,
    "Florida": 3,
    "Massachusetts": 3,
    "China": 3,
    "Germany": 3,
    "England": 3,
    "Malaysia": 3,
    "South Korea": 2,  # the country, and its national team (an organisation in one article); "the South" of
    # the interview with a poet is the American South, not South Korea
    "United States": 10,  # also "U.S." and "America"
    "Afghanistan": 2,
    "Libya": 2,
    "Syria": 2,
    "Yemen": 2,
    "Illinois": 2,
    "Ohio": 2,
    "Russia": 2,
    "Switzerland": 2,
    "India": 2,
    "France": 2,
    "Paris": 2,
    "Mecca": 2,
    "New Zealand": 2,
    "Australia": 2,
    "Johnson Space Center": 2,  # a place in one article, an organisation in another
    "NASA": 3,
    "Google": 2,
    "Microsoft": 2,
    "United Nations": 2,
    "Church of Scientology": 3,  # also "Scientology"
    "Wikinews": 4,
    "BBC News": 2,
}
PEOPLE = {
    "Noam Chomsky": 2,  # interviewed in one document, cited in a linguist's biography
    "Zaha Hadid": 1,
    "Jared Padalecki": 1,
    "Otto Jespersen": 1,
    "Charles J. Fillmore": 1,
}


def write_documents(folder: Path) -> int:
    if not (SHARED / "gum_news").is_dir() or not (SHARED / "gum_more").is_dir():
        pytest.skip("the GUM eval data (../shared/eval/gum_news and gum_more) is not available")
    news = sorted((SHARED / "gum_news").glob("*.json"))
    more = sorted((SHARED / "gum_more").glob("*.json"))[::MORE_STRIDE][:MORE_COUNT]
    folder.mkdir(parents=True)
    for path in [*news, *more]:
        data = json.loads(path.read_text(encoding="utf-8"))
        (folder / f"{data['doc_id']}.txt").write_text(data["text"], encoding="utf-8")
    return len(news) + len(more)


def named(actors: list[LibraryActorRow], names: dict[int, set[str]], name: str, types: set[str]) -> list[str]:
    key = " ".join(name_words(name, "PERSON" if "PERSON" in types else "PLACE"))
    return [
        f"{a.name} [{a.type}, {a.documents} documents]"
        for a in actors
        if a.type in types and key in {" ".join(name_words(n, a.type)) for n in names[a.id]}
    ]


@pytest.mark.slow
def test_a_folder_of_gum_documents_gives_one_library_actor_per_real_actor(tmp_path: Path) -> None:
    folder = tmp_path / "gum"
    count = write_documents(folder)
    assert count == 50
    files = collect_files([folder])
    assert len(files) == 50
    started = time.monotonic()
    with Library(tmp_path / "library.sqlite3") as lib:
        progress = add_files(lib, files, jobs=2)
        assert (progress.added, progress.failed) == (50, 0)
        index_pending(lib, ANALYZER_VERSION)
        actors = list_actors(lib.conn)
        names = {a.id: {a.name, *actor_names_of(lib.conn, a.id)} for a in actors}
    elapsed = time.monotonic() - started
    problems = []
    for group, types in ((PLACES_AND_ORGANISATIONS, {"PLACE", "ORG"}), (PEOPLE, {"PERSON"})):
        for name, fewest in group.items():
            found = named(actors, names, name, types)
            if len(found) != 1:
                problems.append(f"{name}: {len(found)} library actors {found}")
                continue
            documents = int(found[0].split(", ")[1].split()[0])
            if documents < fewest:
                problems.append(f"{name}: in {documents} documents, expected at least {fewest}")
    assert not problems, "\n".join(problems)
    # Same surname, different people: Jared Padalecki's relatives stay apart from him.
    padaleckis = [a.name for a in actors if a.type == "PERSON" and a.name.endswith("Padalecki")]
    assert len(padaleckis) >= 3 and padaleckis.count("Jared Padalecki") == 1
    print(f"50 documents added and indexed in {elapsed:.0f} s")
