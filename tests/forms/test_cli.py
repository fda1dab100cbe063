"""`asistents forms build` through the installed command."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from forms.build import build_blank

ASISTENTS = Path(sys.executable).with_name("asistents")


def test_forms_build_writes_both_blanks_and_says_so(tmp_path):
    done = subprocess.run([str(ASISTENTS), "forms", "build", "--json", "--out", str(tmp_path)],
                          capture_output=True, text=True, check=True)
    written = json.loads(done.stdout)["written"]
    assert [w["kind"] for w in written] == ["application", "timesheet"]
    for w in written:
        assert Path(w["file"]).read_bytes() == build_blank(w["kind"])
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_forms_build_refuses_a_file_as_folder(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    done = subprocess.run([str(ASISTENTS), "forms", "build", "--out", str(target)], capture_output=True, text=True)
    assert done.returncode == 2 and "nav mape" in done.stderr and "not a folder" in done.stderr
