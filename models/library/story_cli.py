"""`main.py story` and `main.py ask`: stories and questions across the library, without a window."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from models.library import Library
from models.library.actor_index import index_pending
from models.library.questions import Answer, Question, answers_json, ask
from models.library.stories import (
    StoryError,
    StoryTimeline,
    add_to_story,
    create_story,
    delete_story,
    dumps,
    list_stories,
    remove_from_story,
    set_story_notes,
    story_timeline,
    suggest_stories,
    timeline_json,
)
from models.paths import AppPaths
from models.version import ANALYZER_VERSION


def open_library(data_dir: str | None) -> Library:
    """The library of `data_dir`, its actor index brought up to date (older libraries, imports)."""
    library = Library(AppPaths.resolve(data_dir).ensure().db_path)
    if not library.read_only:
        index_pending(library, ANALYZER_VERSION)
    return library


def _documents(library: Library, keys: Sequence[str]) -> list[str]:
    hashes = []
    for key in keys:
        found = library.find_document(key)
        if found is None:
            raise StoryError(
                f"The library has no document {key}; add it first (`main.py add {key}`) or give its text hash."
            )
        hashes.append(found)
    return hashes


def story_command(
    action: str,
    name: str | None,
    docs: Sequence[str],
    data_dir: str | None,
    out: TextIO,
    *,
    as_json: bool = False,
    notes: str = "",
    accept: int | None = None,
) -> int:
    """Run one `main.py story` action (list, suggest, create, add, remove, delete, notes, show)."""
    with open_library(data_dir) as library:
        if action == "list":
            stories = list_stories(library.conn)
            if as_json:
                rows = [{"name": s.name, "documents": s.documents, "notes": s.notes} for s in stories]
                out.write(dumps({"schema": "dramatis.stories/1", "stories": rows}))
            elif not stories:
                out.write("No stories yet: `main.py story create NAME DOC...` or `main.py story suggest`.\n")
            for story in [] if as_json else stories:
                out.write(f"{story.name}: {story.documents} document{'s' if story.documents != 1 else ''}\n")
            return 0
        if action == "suggest":
            return _suggest(library, as_json, accept, out)
        assert name is not None
        if action == "create":
            story = create_story(library, name, _documents(library, docs), notes)
            out.write(f"Created the story “{story.name}” with {story.documents} documents.\n")
        elif action == "add":
            added = add_to_story(library, name, _documents(library, docs))
            out.write(f"Added {added} document{'s' if added != 1 else ''} to “{name}”.\n")
        elif action == "remove":
            removed = remove_from_story(library, name, _documents(library, docs))
            out.write(f"Took {removed} document{'s' if removed != 1 else ''} out of “{name}”.\n")
        elif action == "delete":
            delete_story(library, name)
            out.write(f"Deleted the story “{name}” (its documents stay in the library).\n")
        elif action == "notes":
            set_story_notes(library, name, " ".join(docs))
            out.write(f"Saved the notes of “{name}”.\n")
        elif action == "show":
            timeline = story_timeline(library, name, ANALYZER_VERSION)
            out.write(dumps(timeline_json(timeline)) if as_json else timeline_text(timeline))
    return 0


def _suggest(library: Library, as_json: bool, accept: int | None, out: TextIO) -> int:
    suggestions = suggest_stories(library.conn)
    if accept is not None:
        if not 1 <= accept <= len(suggestions):
            raise StoryError(f"There is no suggestion {accept}; `main.py story suggest` lists them.")
        chosen = suggestions[accept - 1]
        story = create_story(library, chosen.name, chosen.doc_hashes)
        out.write(f"Created the story “{story.name}” with {story.documents} documents.\n")
        return 0
    if as_json:
        rows = [
            {"name": s.name, "documents": list(s.doc_hashes), "titles": list(s.titles), "shared_actors": list(s.shared)}
            for s in suggestions
        ]
        out.write(dumps({"schema": "dramatis.story-suggestions/1", "suggestions": rows}))
        return 0
    if not suggestions:
        out.write("No suggestions: no documents share two actors within a week of each other.\n")
    for number, suggestion in enumerate(suggestions, 1):
        out.write(f"{number}. {suggestion.name} ({len(suggestion.doc_hashes)} documents; ")
        out.write(f"shared: {', '.join(suggestion.shared)})\n")
        for title in suggestion.titles:
            out.write(f"   {title}\n")
    if suggestions:
        out.write("Accept one with `main.py story suggest --accept N`.\n")
    return 0


def timeline_text(timeline: StoryTimeline) -> str:
    """The story as a reader scans it in a terminal: actors, then one block per timeline row."""
    story = timeline.story
    lines = [f"{story.name}: {len(timeline.documents)} documents, {len(timeline.rows)} events"]
    if story.notes:
        lines.append(f"Notes: {story.notes}")
    if timeline.actors:
        lines.append("Actors: " + "; ".join(f"{a.name} ({a.documents})" for a in timeline.actors[:12]))
    for missing in timeline.unanalysed:
        lines.append(f"Not analysed yet (open it once or `main.py add` it): {missing.title}")
    for row in timeline.rows:
        sources = len(row.documents)
        lines.append(f"{row.date_label}  {row.type}  {row.who}  [{sources} source{'s' if sources != 1 else ''}]")
        lines.extend(f"  ! {said}" for said in row.disagreements)
        lines.extend(f"  - {r.title}: {r.sentence}" for r in row.reports)
    return "\n".join(lines) + "\n"


def load_story(name: str, data_dir: str | None) -> StoryTimeline:
    """The story called `name`, with its merged timeline, actors and notes."""
    with open_library(data_dir) as library:
        return story_timeline(library, name, ANALYZER_VERSION)


def story_report_command(name: str, fmt: str, out: Path | None, data_dir: str | None, stdout: TextIO) -> int:
    """`main.py report --story NAME` in a text format: actors, merged timeline with sources, and notes."""
    from models.export import ExportFormat, encode, write_bytes
    from models.library.story_report import render_story_text

    text = render_story_text(load_story(name, data_dir), fmt)
    if out is None:
        stdout.write(text)
    else:
        write_bytes(out, encode(ExportFormat(fmt), text))
    return 0


def ask_command(question: Question, data_dir: str | None, as_json: bool, out: TextIO) -> int:
    """Print every sentence of the library answering `question`; 1 when there is none."""
    with open_library(data_dir) as library:
        answers = ask(library, question, ANALYZER_VERSION)
    if as_json:
        out.write(json.dumps(answers_json(answers), ensure_ascii=False, indent=1) + "\n")
        return 0
    if not answers:
        out.write("No sentence in the library answers that question.\n")
        return 1
    for answer in answers:
        out.write(answer_line(answer) + "\n")
    return 0


def answer_line(answer: Answer) -> str:
    """One answer as a line of plain text: date, document, event type, who, sentence."""
    report = answer.report
    return f"{answer.date or 'undated'}  {report.title}  {report.type}  {report.who}: {report.sentence}"
