"""The five seed documents, read once through the real pipeline (goldens are not used here)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from models import Document
from pipeline import file_to_document
from tests.conftest import ROOT, SEEDS


@cache
def _seed(prefix: str) -> Document:
    path = next(path for path in SEEDS if path.name.startswith(prefix))
    return file_to_document(Path(path.relative_to(ROOT)))  # relative, as the goldens record it


@pytest.fixture
def seed() -> Callable[[str], Document]:
    """seed("002") -> the Document of samples/seeds/002_….txt, as the pipeline reads it today."""
    return _seed
