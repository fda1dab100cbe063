"""Fixtures for the casework tests: a real register (SQLite file and PostgreSQL), real forms, real inbox runs."""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SAMPLES = ROOT / "samples" / "records"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("casework_test_corpus", ROOT / "tests" / "intake" / "corpus.py")
_pg = _load("casework_test_pg", ROOT / "tests" / "registry" / "conftest.py")


# The register's fixtures (a PostgreSQL server per test session, an empty register per test), shared as they are.
pg_server, db_url, reg = _pg.pg_server, _pg.db_url, _pg.reg


@pytest.fixture(scope="session")
def filler():
    return corpus.Filler()


def cli_env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "ASISTENTS_DB_URL"}
    e["OMP_THREAD_LIMIT"] = "1"
    return e


def asistents(*args: str, cwd: Path, check: bool = True, input: str | None = None) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "asistents.cli", *args], capture_output=True, text=True,
                       env=cli_env(), cwd=cwd, timeout=600, input=input)
    if check and p.returncode != 0:
        raise AssertionError(f"asistents {' '.join(args)} → {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def age(path: Path, seconds: float = 3600) -> None:
    import time

    t = time.time() - seconds
    os.utime(path, (t, t))


def application(i: int) -> dict:
    """An adult applying for 25 h/week of Annex 1 point 1 (work), received 2019-03-04."""
    return corpus.application(i)


def assessment() -> dict:
    return json.loads((SAMPLES / "assess" / "adult_eligible.json").read_text(encoding="utf-8"))


def timesheet(rec_app: dict, assistant: dict, month: str, days: list[int]) -> dict:
    """A month's timesheet: 2 h of point 1 (07:30–09:30) on the given days, signed by both."""
    return {"month": month, "recipient": {k: rec_app["applicant"][k] for k in ("given_name", "surname", "personal_code")},
            "assistant": {**assistant, "is_minor": False}, "provider": None,
            "entries": [{"date": f"{month}-{d:02d}", "start": "07:30", "end": "09:30", "hours": 2, "annex1_point": 1,
                         "place": "darbs", "outside_latvia": False, "transport_eur": 0} for d in days],
            "signed_by_assistant": True, "signed_by_recipient": True}


def weekdays(month: str) -> list[int]:
    y, m = map(int, month.split("-"))
    from regulation.calendar import working_days

    return [d.day for d in working_days(y, m)][::2][:10]


@pytest.fixture
def h():
    import types

    return types.SimpleNamespace(corpus=corpus, asistents=asistents, age=age, application=application,
                                 assessment=assessment, timesheet=timesheet, weekdays=weekdays, ROOT=ROOT,
                                 cli_env=cli_env, dt=dt)
