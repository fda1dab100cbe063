"""`asistents report annex2` as a clerk runs it (a real process, a SQLite register file)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import registry

ROOT = Path(__file__).resolve().parents[2]


def asistents(*args: str, db: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ASISTENTS_DB_URL": f"sqlite:///{db}"}
    env.pop("ASISTENTS_CONFIG", None)
    return subprocess.run([sys.executable, "-m", "asistents.cli", "report", "annex2", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def db(tmp_path, build) -> Path:
    path = tmp_path / "register.db"
    with registry.open(f"sqlite:///{path}") as reg:
        reg.add_contract(build.contract("L-1", 1, hours=20))
        reg.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 4), ("2019-03-05", 4)]), "a" * 64)
    return path


def test_xlsx_and_json_from_the_register(db, tmp_path):
    out = tmp_path / "out" / "parskats.xlsx"
    done = asistents("--month", "2019-03", "-o", str(out), "--administration", "1,20", "--municipality",
                     "Jelgavas novada", "--json", db=db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["month_values"]["hours"] == 8 and report["month_values"]["administration"] == 1.2
    assert report["due_on"] == "2019-04-15"
    ws = openpyxl.load_workbook(out).active
    assert ws["C9"].value == 8
    with registry.open(f"sqlite:///{db}") as reg:
        trail = reg.documents()
        assert [(d.kind, d.path, d.rules_version) for d in trail] == [
            ("annex2_xlsx", str(out), "MK942 2016-01-01 redakcija")]
        assert reg.administration(2019, [3]) == {3: Decimal("1.20")}


def test_text_output_names_the_month_and_due_date(db, tmp_path):
    done = asistents("--month", "2019-03", "--municipality", "Jelgavas novada", db=db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2019. gada marts" in done.stdout and "15.04.2019." in done.stdout


@pytest.mark.parametrize("args, says", [
    (["--month", "2023-01"], "2016-01 līdz 2021-12"),
    (["--month", "2019-3"], "GGGG-MM"),
    (["--month", "2019-03", "--administration", "daudz"], "administrēšanas"),
    (["--month", "2019-03", "-o", "x.odt"], "formāts"),
])
def test_bad_input_exits_2_with_a_message(db, tmp_path, args, says):
    done = asistents(*args, "--municipality", "Jelgavas novada", db=db, cwd=tmp_path)
    assert done.returncode == 2
    assert says in done.stderr and "Error:" in done.stderr


def test_empty_or_missing_register_is_a_clear_message(tmp_path):
    missing = asistents("--month", "2019-03", "--municipality", "X", db=tmp_path / "nav.db", cwd=tmp_path)
    assert missing.returncode == 2 and "nav atrasts" in missing.stderr
    assert not (tmp_path / "nav.db").exists()
    empty = tmp_path / "empty.db"
    registry.open(f"sqlite:///{empty}").close()
    done = asistents("--month", "2019-03", "--municipality", "X", "--json", db=empty, cwd=tmp_path)
    assert done.returncode == 2 and "nothing to report" in done.stderr
    assert json.loads(done.stdout)["error"]["field"] == "--db"


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_docx_and_pdf_through_the_templates(db, tmp_path, suffix):
    out = tmp_path / f"parskats{suffix}"
    done = asistents("--month", "2019-03", "-o", str(out), "--municipality", "Jelgavas novada", db=db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    if suffix == ".docx":
        from generator.render import docx_text

        text = "\n".join(docx_text(out.read_bytes()))
        # The title names the municipality whose letterhead the report carries (the configured one, here the
        # example); a report made for another is said to the preparer, never printed into the report.
        assert "Parauga novada pašvaldības" in text and "Katru asistentu uzskaita vienu reizi" in text
        assert "Jelgavas novada" not in text and "Jelgavas novada" in done.stderr
    else:
        import pypdf

        text = pypdf.PdfReader(out).pages[0].extract_text()
        assert out.read_bytes().startswith(b"%PDF") and "Asistentu skaits" in text
    with registry.open(f"sqlite:///{db}") as reg:
        assert [d.kind for d in reg.documents()] == [f"annex2_{suffix[1:]}"]
