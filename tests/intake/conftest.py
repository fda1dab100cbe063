"""Fixtures for the intake tests: real folders, real `asistents inbox` processes, forms filled by `forms/`."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load("intake_test_corpus", HERE / "corpus.py")
hostile = _load("intake_test_hostile", ROOT / "tests" / "parser" / "hostile.py")


@pytest.fixture(scope="session")
def filler():
    return corpus.Filler()


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k != "ASISTENTS_DB_URL"}
    e["PYTHONPATH"] = str(ROOT)
    return e


def inbox_cmd(action: str, root: Path, *args: str) -> list[str]:
    # the register beside the folder (the default is ./asistents.db, where the command runs)
    return [sys.executable, "-m", "asistents.cli", "inbox", action, str(root), "--settle", "0.3",
            "--db", f"sqlite:///{root / 'asistents.db'}", *args]


def assessed(root: Path, rec: dict) -> None:
    """The service has assessed this person (8.3) on an earlier case, so a new application of theirs gets a
    proposal with its drafts (without one it is `pending`, with no letter)."""
    import registry
    from regulation.records import Application, Assessment, load

    earlier = load(Application, {**rec, "received_on": "2019-01-07"})
    ok = load(Assessment, json.loads((ROOT / "samples/records/assess/adult_eligible.json").read_text(encoding="utf-8")))
    root.mkdir(parents=True, exist_ok=True)
    with registry.open(f"sqlite:///{root / 'asistents.db'}") as reg, reg.transaction() as tx:
        tx.add_assessment(tx.add_application(earlier, "0" * 63 + "1"), ok)


def run_process(root: Path, *args: str, check: bool = True, timeout: float = 600) -> dict:
    """One `asistents inbox process DIR --json` in a child process; its JSON summary."""
    p = subprocess.run(inbox_cmd("process", root, "--json", *args), capture_output=True, text=True, env=env(),
                       cwd=ROOT, timeout=timeout)
    if check and p.returncode not in (0, 1):
        raise AssertionError(f"exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return json.loads(p.stdout) if p.stdout.strip() else {"exit": p.returncode, "stderr": p.stderr}


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def originals(root: Path) -> dict[str, list[Path]]:
    """Every input file where it ended (reason files and sidecars left out), by SHA-256."""
    import hashlib

    out: dict[str, list[Path]] = {}
    for place in ("inbox", "archive", "review", "quarantine"):
        for p in files_under(root / place):
            if p.name.endswith((".reason.txt", ".reason.json")):
                continue
            out.setdefault(hashlib.sha256(p.read_bytes()).hexdigest(), []).append(p)
    return out


def journal(root: Path) -> dict[str, dict]:
    import sqlite3

    con = sqlite3.connect(root / "asistents.db")
    try:
        rows = con.execute("SELECT sha256, state, case_id, attempts, faults, name, raw_name FROM journal").fetchall()
    finally:
        con.close()
    return {r[0]: {"state": r[1], "case_id": r[2], "attempts": r[3], "faults": r[4], "name": r[5], "raw_name": r[6]}
            for r in rows}


def scalar(root: Path, sql: str):
    import sqlite3

    con = sqlite3.connect(root / "asistents.db")
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def age(path: Path, seconds: float = 3600) -> None:
    """Make a file look written `seconds` ago (settled)."""
    import time

    t = time.time() - seconds
    os.utime(path, (t, t))


@pytest.fixture
def h():
    """The helpers above, for the test modules (conftest is not importable under --import-mode=importlib)."""
    import types

    return types.SimpleNamespace(corpus=corpus, hostile=hostile, env=env, inbox_cmd=inbox_cmd,
                                 run_process=run_process, assessed=assessed, files_under=files_under, originals=originals,
                                 journal=journal, scalar=scalar, age=age, ROOT=ROOT)


@pytest.fixture
def intake_dir(tmp_path):
    root = tmp_path / "intake"
    (root / "inbox").mkdir(parents=True)
    return root


# The registry tests' own PostgreSQL server fixture (initdb/pg_ctl), shared as it is.
pg_server = _load("intake_test_pg", ROOT / "tests" / "registry" / "conftest.py").pg_server
