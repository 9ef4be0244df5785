"""spaCy imported without its command-line interface: the model loads and parses, the interface still works later."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from models.spacy_import import import_spacy

ROOT = Path(__file__).resolve().parents[2]
FRESH = r"""
import json, sys
from models.nlp import load_pipeline
nlp, _info = load_pipeline()
seen = {"cli_at_load": "spacy.cli" in sys.modules, "typer_at_load": "typer" in sys.modules,
        "ents": [(e.text, e.label_) for e in nlp("Angela Merkel met officials in Paris on Monday.").ents]}
import spacy
import spacy.cli
seen["download"] = callable(getattr(spacy.cli, "download", None))
seen["version"] = spacy.info(silent=True)["spacy_version"] == spacy.__version__
print(json.dumps(seen))
"""


def test_a_fresh_process_loads_the_model_without_spacys_command_line() -> None:
    out = subprocess.run(
        [sys.executable, "-c", FRESH],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["cli_at_load"] is False and seen["typer_at_load"] is False
    assert seen["ents"] == [["Angela Merkel", "PERSON"], ["Paris", "GPE"], ["Monday", "DATE"]]
    assert seen["download"] is True  # `import spacy.cli` afterwards gives spaCy's own package
    assert seen["version"] is True  # and spacy.info still answers


def test_spacy_imported_already_is_returned() -> None:
    import spacy

    assert import_spacy() is spacy
