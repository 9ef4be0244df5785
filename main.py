"""Dramatis: read news with its actors and events highlighted.

Usage: see `python main.py --help`. The window is the default command; `analyze` and the
other commands run without one.

Over 400 lines because every command's arguments are declared in this one parser, as `--help` shows them.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from models.errors import AppError
from models.version import APP_NAME

COMMANDS = ("analyze", "report", "import", "add", "actors", "story", "ask")
log = logging.getLogger("dramatis")


def _qt_version() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    return f"Qt {qVersion()} (PySide6 {PySide6.__version__})"


def _base_parser(prog: str, description: str) -> argparse.ArgumentParser:
    # Installed, the command is `dramatis`: name it so in usage lines and errors.
    invoked = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if invoked and not invoked.endswith(".py"):
        prog = prog.replace("main.py", invoked, 1)
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--data-dir", metavar="DIR", help="keep the library, settings and logs in DIR")
    parser.add_argument("--verbose", "-v", action="store_true", help="log progress to stderr")
    return parser


def gui_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py",
        "Open FILE (or the bundled sample article) in the Dramatis window.\n\n"
        "Other commands:\n"
        "  main.py analyze FILE [--date YYYY-MM-DD[THH:MM]] [--json] analyse without a window\n"
        "  main.py report FILE --format FMT -o OUT             write a report (md, html, pdf, csv, json, jsonld)\n"
        "  main.py report --story NAME --format FMT -o OUT     write a story's report (md, html, pdf, csv, json)\n"
        "  main.py add PATH... [--jobs N] [--scheduler ADDR]   add files and folders to the library, analysed\n"
        "  main.py actors [--json]                             the library's actors across documents\n"
        "  main.py story list|show|create|add|suggest ...      stories: documents followed together, one timeline\n"
        "  main.py ask --actor A [--with B] [--type T] [--from D] [--to D]   sentences across the library\n"
        "  main.py import FILE.jsonld [--into DOC]              add W3C Web Annotations to the library",
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("file", nargs="?", help="document or dramatis:// link to open (default: the bundled sample)")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD[THH:MM]", help="document date (and time) for resolving relative dates"
    )
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the analysed window and exit")
    parser.add_argument("--size", default="1400x900", metavar="WxH", help="window size for --screenshot")
    parser.add_argument("--theme", choices=("light", "dark", "sepia"), help="colour theme to use")
    parser.add_argument("--version", action="store_true", help="print versions and the language model, then exit")
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Dramatis to the desktop's applications (launcher, icon, file types, dramatis:// links), then exit",
    )
    return parser


def analyze_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py analyze",
        "Analyse FILE without a window. FILE may be plain text, Markdown, a saved web page (HTML), a PDF with "
        "a text layer, an EPUB e-book or a Word (.docx) file; the content decides, not the extension.",
    )
    parser.add_argument("file", help="document to analyse")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD[THH:MM]", help="document date (and time) for resolving relative dates"
    )
    parser.add_argument("--json", action="store_true", help="print the analysis JSON (dramatis.analysis/1)")
    parser.add_argument("--force", action="store_true", help="analyse files over 50 MB too (refused otherwise)")
    return parser


def _setup(args: argparse.Namespace, gui: bool) -> None:
    from models.logging_setup import setup_logging
    from models.paths import AppPaths

    level = logging.INFO if args.verbose else logging.WARNING
    log_dir = AppPaths.resolve(args.data_dir).log_dir if gui else None
    setup_logging(log_dir, level)


def report_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py report",
        "Write a report of FILE: the reader's highlights, notes and corrections when the library knows "
        "the document, the automatic analysis otherwise.",
    )
    parser.add_argument("file", nargs="?", help="document to report on")
    parser.add_argument("--story", metavar="NAME", help="report on a story of the library instead of one document")
    parser.add_argument(
        "--format", required=True, choices=("md", "html", "pdf", "csv", "json", "jsonld"), help="report format"
    )
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write ('-' for standard output)")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD[THH:MM]", help="document date (and time) for resolving relative dates"
    )
    parser.add_argument("--article", action="store_true", help="include the whole article (html and pdf)")
    return parser


def run_report(argv: Sequence[str]) -> int:
    from models.cli_commands import parse_date
    from models.cli_report import check_output, prepare_report
    from models.errors import ExportError
    from models.export import ExportFormat, encode, render_text, write_bytes

    parser = report_parser()
    args = parser.parse_args(argv)
    if bool(args.file) == bool(args.story):
        parser.error("give either a FILE or --story NAME")
    date = parse_date(args.date)
    out = check_output(args.output)
    _setup(args, gui=False)
    if args.story and args.format == "pdf":
        if out is None:
            raise ExportError("A PDF report needs a file name after -o.")
        from gui.report_pdf import write_story_pdf
        from models.library.story_cli import load_story

        write_story_pdf(load_story(args.story, args.data_dir), out)
        return 0
    if args.story:
        from models.library.story_cli import story_report_command

        return story_report_command(args.story, args.format, out, args.data_dir, sys.stdout)
    if args.format == "pdf":
        if out is None:
            raise ExportError("A PDF report needs a file name after -o.")
        from gui.report_pdf import write_pdf

        write_pdf(prepare_report(args.file, date, args.data_dir), out, include_article=args.article)
        return 0
    report = prepare_report(args.file, date, args.data_dir)
    fmt = ExportFormat(args.format)
    text = render_text(report, fmt, include_article=args.article)
    if out is None:
        sys.stdout.write(text)
    else:
        write_bytes(out, encode(fmt, text))
    return 0


def import_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py import",
        "Add the highlights and notes of a W3C Web Annotation file (Dramatis, Hypothesis, Recogito...) to the "
        "library, in one step: all are written or none.",
    )
    parser.add_argument("file", help="annotation file (.jsonld or .json)")
    parser.add_argument(
        "--into",
        metavar="DOC",
        help="the document to add them to: a path it was opened from or its text hash "
        "(default: the document each annotation's source names)",
    )
    return parser


def run_import(argv: Sequence[str]) -> int:
    from models.errors import StorageError
    from models.library import Library
    from models.library.annotation_import import import_annotations, read_annotation_file
    from models.paths import AppPaths

    args = import_parser().parse_args(argv)
    _setup(args, gui=False)
    data = read_annotation_file(args.file)
    db_path = AppPaths.resolve(args.data_dir).db_path
    if not db_path.exists():
        raise StorageError(f"There is no library in {db_path.parent} yet; open the document in Dramatis first.")
    with Library(db_path, recover=False) as library:
        result = import_annotations(library, data, args.into)
    for line in result.lines():
        print(line)
    if result.analysis_line():
        print(result.analysis_line())
    for line in result.skipped[:20]:
        print(f"Skipped: {line}", file=sys.stderr)
    if len(result.skipped) > 20:
        print(f"Skipped: {len(result.skipped) - 20:,} more (see the log with --verbose).", file=sys.stderr)
    if not result.placed:
        print(f"{APP_NAME}: nothing was imported from {args.file}.", file=sys.stderr)
        return 1
    return 0


def run_analyze(argv: Sequence[str]) -> int:
    from models.cli_commands import analyze_file, parse_date, write_json, write_summary

    args = analyze_parser().parse_args(argv)
    _setup(args, gui=False)
    analysis = analyze_file(args.file, parse_date(args.date), force=args.force)
    (write_json if args.json else write_summary)(analysis, sys.stdout)
    return 0


def add_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py add",
        "Add files and folders (searched recursively) to the library and analyse them on every core. "
        "Texts already in the library are skipped; a cancelled or killed run keeps what it finished, "
        "and running it again adds the rest.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="document or folder to add")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="analysis processes (default: one per core)")
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="analyse on the Dask distributed cluster whose scheduler is at ADDRESS (e.g. tcp://host:8786); "
        "see docs/scaling.md",
    )
    return parser


def run_add(argv: Sequence[str]) -> int:
    from models.batch.cli import add_command

    args = add_parser().parse_args(argv)
    _setup(args, gui=False)
    return add_command(args.paths, args.jobs, args.data_dir, sys.stderr, args.scheduler)


def actors_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py actors",
        "Print the library's actor index: each actor found across documents, with its type and names, "
        "and its mentions per document (title, path, start and end in the document's text).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (dramatis.actors/1)")
    return parser


def run_actors(argv: Sequence[str]) -> int:
    from models.batch.cli import actors_command

    args = actors_parser().parse_args(argv)
    _setup(args, gui=False)
    return actors_command(args.data_dir, args.json, sys.stdout)


STORY_ACTIONS = {
    "list": "list the stories",
    "show": "print a story's documents, actors and merged timeline",
    "create": "make a story of the documents DOC... (paths or text hashes)",
    "add": "add documents to a story",
    "remove": "take documents out of a story (they stay in the library)",
    "delete": "forget a story (its documents stay in the library)",
    "notes": "set the story's notes to the words given",
    "suggest": "list groups of documents sharing actors and dates (--accept N makes one a story)",
}


def story_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py story",
        "Stories: documents the reader follows together. A story's timeline merges their events: the same "
        "event reported by several documents is one row listing its sources, and says where they disagree.",
    )
    parser.add_argument(
        "action", choices=tuple(STORY_ACTIONS), help="; ".join(f"{k}: {v}" for k, v in STORY_ACTIONS.items())
    )
    parser.add_argument("name", nargs="?", help="the story's name")
    parser.add_argument(
        "docs", nargs="*", metavar="DOC", help="documents (a path they were added from, or a text hash)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (show, list, suggest)")
    parser.add_argument("--notes", default="", help="the story's notes (create)")
    parser.add_argument("--accept", type=int, metavar="N", help="make suggestion N a story (suggest)")
    return parser


def run_story(argv: Sequence[str]) -> int:
    from models.library.story_cli import story_command

    parser = story_parser()
    args = parser.parse_args(argv)
    if args.action not in ("list", "suggest") and not args.name:
        parser.error(f"story {args.action} needs the story's NAME")
    if args.action in ("add", "remove") and not args.docs:
        parser.error(f"story {args.action} needs at least one DOC")
    _setup(args, gui=False)
    return story_command(
        args.action,
        args.name,
        args.docs,
        args.data_dir,
        sys.stdout,
        as_json=args.json,
        notes=args.notes,
        accept=args.accept,
    )


def ask_parser() -> argparse.ArgumentParser:
    parser = _base_parser(
        "main.py ask",
        "Every sentence of the library reporting an event with these actors, of this type, in this date range "
        '("every article in which Blinken meets Netanyahu in December": --actor Blinken --with Netanyahu '
        "--type meeting --from 2023-12 --to 2023-12).",
    )
    parser.add_argument("--actor", action="append", default=[], metavar="NAME", help="an actor taking part")
    parser.add_argument("--with", dest="with_", action="append", default=[], metavar="NAME", help="another actor")
    parser.add_argument("--type", metavar="TYPE", help="event type (meeting, call, attack, statement, ...)")
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first day: 2023, 'March 2023', 2023-03-05 or a range"
    )
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last day: 2023, 'March 2023' or 2023-03-05")
    parser.add_argument("--json", action="store_true", help="print JSON (dramatis.answers/1)")
    return parser


def run_ask(argv: Sequence[str]) -> int:
    from models.library.questions import Question
    from models.library.story_cli import ask_command

    parser = ask_parser()
    args = parser.parse_args(argv)
    if not (args.actor or args.with_ or args.type or args.date_from or args.date_to):
        parser.error("ask needs at least one of --actor, --with, --type, --from, --to")
    _setup(args, gui=False)
    question = Question(tuple(args.actor + args.with_), args.type, args.date_from, args.date_to)
    return ask_command(question, args.data_dir, args.json, sys.stdout)


def run_gui(argv: Sequence[str]) -> int:
    args = gui_parser().parse_args(argv)
    if args.version:
        from models.cli_commands import version_lines

        print("\n".join(version_lines(_qt_version)))
        return 0
    if args.install_desktop:
        from models.desktop_entry import install_desktop_entry

        installed = install_desktop_entry()
        print(f"Installed {installed.desktop_file} and {len(installed.icons)} icons.")
        return 0
    _setup(args, gui=True)
    from models.analysis.supervisor import start_shared

    # First of all, before Qt and the loaders are imported: the model loads in its own process meanwhile.
    start_shared()
    from models.cli_commands import parse_date

    date = parse_date(args.date)
    from gui.app import LaunchOptions, run

    return run(
        LaunchOptions(
            file=args.file,
            date=date,
            data_dir=args.data_dir,
            screenshot=args.screenshot,
            size=args.size,
            theme=args.theme,
        )
    )


def _reader_gone() -> int:
    """The reader of standard output left (`main.py analyze FILE | head`): stop quietly, as `yes | head` does.

    Standard output is pointed at the null device so the interpreter's final flush cannot fail again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "analyze":
            code = run_analyze(argv[1:])
        elif argv and argv[0] == "report":
            code = run_report(argv[1:])
        elif argv and argv[0] == "add":
            code = run_add(argv[1:])
        elif argv and argv[0] == "actors":
            code = run_actors(argv[1:])
        elif argv and argv[0] == "story":
            code = run_story(argv[1:])
        elif argv and argv[0] == "ask":
            code = run_ask(argv[1:])
        elif argv and argv[0] == "import":
            code = run_import(argv[1:])
        else:
            code = run_gui(argv)
        sys.stdout.flush()  # a closed pipe shows here, where it can be handled, not at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except AppError as exc:
        print(f"{APP_NAME}: {exc.user_message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
