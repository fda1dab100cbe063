"""`asistents parse` as a person runs it: text and JSON output, exit codes 0 / 1 / 2."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asistents.cli", "parse", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)


def _first(kind_dir: str, shape: str) -> Path:
    return sorted((SAMPLES / kind_dir / shape).glob("*.pdf"))[0]


def test_json_lists_results_and_errors_exit_1(hostile_corpus, tmp_path):
    good = _first("applications", "fillable")
    broken = next(p for p, code in hostile_corpus.items() if code == "truncated")
    done = _run("--json", str(good), str(broken))
    assert done.returncode == 1, done.stderr
    out = json.loads(done.stdout)
    assert out[0]["kind"] == "application" and out[0]["shape"] == "fillable"
    assert out[0]["record"]["applicant"]["personal_code"]
    assert out[1]["error"]["code"] == "truncated" and out[1]["file"] == str(broken)


def test_text_table_in_latvian_exit_0():
    done = _run(str(_first("timesheets", "flattened")))
    assert done.returncode == 0, done.stderr
    assert "Veids: uzskaites lapa" in done.stdout
    assert "Ticamība" in done.stdout and "entries.0.hours" in done.stdout


def test_unknown_document_is_read_not_an_error(hostile_corpus):
    letter = next(p for p in hostile_corpus if p.name == "letter.pdf")
    done = _run("--json", str(letter))
    assert done.returncode == 0
    out = json.loads(done.stdout)[0]
    assert out["kind"] == "unknown" and "vēstule" in out["text"]
    assert out["issues"][0]["message_lv"].startswith("dokuments nav atpazīts")


def test_no_files_is_bad_usage():
    assert _run().returncode == 2
