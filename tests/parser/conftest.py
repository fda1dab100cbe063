"""Fixtures for the parser tests: the hostile corpus and the samples built by `forms/`."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SAMPLES = ROOT / "samples"


def _load_hostile():
    spec = importlib.util.spec_from_file_location("parser_hostile_corpus", HERE / "hostile.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


hostile = _load_hostile()


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> dict[Path, str | None]:
    return hostile.build_all(tmp_path_factory.mktemp("hostile"))


def sample_files(kind: str, shape: str) -> list[Path]:
    return sorted((SAMPLES / kind / shape).glob("*.pdf"))
