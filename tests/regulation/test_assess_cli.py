"""`asistents assess` through the installed command (subprocess)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "records" / "assess"
COMMAND = ROOT / ".venv" / "bin" / "asistents"
if not COMMAND.exists():  # another virtual environment: the command beside this interpreter
    COMMAND = Path(sys.executable).with_name("asistents")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(COMMAND), "assess", *map(str, args)], capture_output=True, text=True, cwd=ROOT,
                          timeout=60)


def test_cli_json_grants_20_hours():
    r = run(SAMPLES / "adult_work_25h.json", "--assessment", SAMPLES / "adult_eligible.json", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["outcome"] == "grant" and d["hours_per_week"] == 20
    assert d["activities"] == [{"annex1_point": 1, "requested": 25, "granted": 20,
                                "reason": d["activities"][0]["reason"]}]
    assert any(f["rule"] == "MK942 1. pielikums" for f in d["findings"])
    assert d["deadlines"] == {"decide_by": "2019-04-04", "notify_by": "2019-03-14"}
    assert d["rules_version"] == "MK942 2016-01-01 redakcija"


def test_cli_9_2_3_can_move_without_assistant():
    r = run(SAMPLES / "adult_work_25h.json", "--assessment", SAMPLES / "adult_moves_alone.json", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["outcome"] == "refuse" and d["grounds"] == ["9.2.3"] and d["hours_per_week"] == 0


def test_cli_text_summary_in_latvian():
    r = run(SAMPLES / "adult_work_25h.json", "--assessment", SAMPLES / "adult_eligible.json")
    assert r.returncode == 0, r.stderr
    assert "PIEŠĶIRT — 20 h nedēļā" in r.stdout
    assert "1. punkts „darbs”: pieprasītas 25, piešķirtas 20" in r.stdout
    assert "MK 942 1. pielikuma 1. punkts" in r.stdout and "2019-04-04" in r.stdout
    code = json.loads((SAMPLES / "adult_work_25h.json").read_text(encoding="utf-8"))["applicant"]["personal_code"]
    assert code not in r.stdout


def test_cli_without_assessment_is_pending():
    r = run(SAMPLES / "adult_work_25h.json")
    assert r.returncode == 0 and "gaida sociālā dienesta izvērtējumu" in r.stdout


def _bad(tmp_path, change) -> Path:
    data = json.loads((SAMPLES / "adult_work_25h.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_cli_invalid_personal_code_exit_2(tmp_path):
    path = _bad(tmp_path, lambda d: d["applicant"].update(personal_code="010190-10002"))
    r = run(path, "--assessment", SAMPLES / "adult_eligible.json")
    assert r.returncode == 2
    assert str(path) in r.stderr and "applicant.personal_code" in r.stderr and "kontrolcipars" in r.stderr


def test_cli_annex1_point_9_exit_2(tmp_path):
    path = _bad(tmp_path, lambda d: d["activities"][0].update(annex1_point=9))
    r = run(path, "--assessment", SAMPLES / "adult_eligible.json", "--json")
    assert r.returncode == 2
    err = json.loads(r.stdout)["error"]
    assert err["file"] == str(path) and err["field"] == "activities.0.annex1_point"


@pytest.mark.parametrize("on,word", [("2021-07-01", "316"), ("2015-12-31", "nav iekodēta")])
def test_cli_date_out_of_force_exit_2(on, word):
    r = run(SAMPLES / "adult_work_25h.json", "--assessment", SAMPLES / "adult_eligible.json", "--on", on)
    assert r.returncode == 2 and word in r.stderr and "--on" in r.stderr


def test_cli_bad_date_exit_2():
    r = run(SAMPLES / "adult_work_25h.json", "--on", "2019-02-30")
    assert r.returncode == 2 and "šāda datuma nav: 2019-02-30" in r.stderr
    r = run(SAMPLES / "adult_work_25h.json", "--on", "2019/02/03")
    assert r.returncode == 2 and "DD.MM.GGGG." in r.stderr


def test_cli_missing_assessment_file_exit_2(tmp_path):
    r = run(SAMPLES / "adult_work_25h.json", "--assessment", tmp_path / "nav.json")
    assert r.returncode == 2 and "nav.json" in r.stderr


def test_cli_pdf_that_is_not_a_pdf_exit_2(tmp_path):
    path = tmp_path / "iesniegums.pdf"
    path.write_text("nav PDF", encoding="utf-8")
    r = run(path)
    assert r.returncode == 2 and str(path) in r.stderr and "PDF" in r.stderr


def test_8_3_cli_without_assessment_never_refuses():
    r = run(SAMPLES / "adult_work_25h.json", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    d = d.get("decision", d)
    assert d["outcome"] == "pending" and d["grounds"] == []
