"""Importing spaCy without its command-line interface, which an analysis never uses.

`import spacy` runs `from .cli.info import info`, and `spacy.cli` imports every one of spaCy's commands with
their libraries (typer, weasel, requests, httpx...): 367 modules and about 0.35 s of a bare process'
1.2 s import, before the model can load. So while spaCy is imported here, `spacy.cli` stands for a package
that is found but not yet run and `spacy.cli.info` for a module whose `info` imports the real one when called;
both are taken out again once spaCy is imported, so any later `import spacy.cli` gets spaCy's own package.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from types import ModuleType

log = logging.getLogger(__name__)

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, importing spaCy's command-line interface when it is first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """`spacy`, imported (if it is not yet) without loading its command-line interface."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    spec = importlib.util.find_spec("spacy")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    cli_dirs = [str(Path(location) / "cli") for location in locations if (Path(location) / "cli" / "info.py").is_file()]
    if not cli_dirs or _CLI in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType(_CLI)
    cli.__path__ = cli_dirs  # a package found, its __init__ not run
    info = types.ModuleType(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[_CLI], sys.modules[_INFO] = cli, info
    try:
        import spacy
    finally:
        for name, stand_in in ((_CLI, cli), (_INFO, info)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        module = sys.modules.get("spacy")
        if module is not None and module.__dict__.get("cli") is cli:
            del module.__dict__["cli"]
    log.debug("spaCy imported without its command-line interface")
    return spacy
