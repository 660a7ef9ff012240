"""Shared fixtures: where the real list snapshots are, and a fresh store per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _lists_dir() -> Path:
    env = os.environ.get("FRONTWATCH_LISTS")
    if env:
        return Path(env)
    return (ROOT.parent / "shared" / "data" / "lists").resolve()


LISTS = _lists_dir()


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    """The folder with the real list snapshots (../shared/data/lists)."""
    if not LISTS.is_dir():
        pytest.fail(f"real list snapshots not found at {LISTS}; set FRONTWATCH_LISTS")
    return LISTS


@pytest.fixture()
def fixtures_dir() -> Path:
    """Small fixtures written for this project (tests/fixtures)."""
    return FIXTURES
