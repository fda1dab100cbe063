"""Point 16 of the letters issue: errors name what the clerk typed and where (the form's label, the column), a
date typed the Latvian way (23.11.2021.) is accepted wherever dates are typed, and a day the calendar lacks is
"no such date"; re-rendering after a change of the municipality's settings never keeps the old signatory
silently and never overwrites an earlier file without keeping it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from asistents.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "records"


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_16_dates_typed_the_latvian_way_are_accepted_in_json_yaml_and_options(tmp_path, capsys):
    app = json.loads((SAMPLES / "assess" / "adult_work_25h.json").read_text(encoding="utf-8"))
    iso = app["received_on"]
    y, m, d = iso.split("-")
    code, out, err = _run(capsys, "assess", str(SAMPLES / "assess" / "adult_work_25h.json"), "--json")
    assert code == 0, err
    expected = json.loads(out)
    for name, typed, write in (("a.json", f"{d}.{m}.{y}.", json.dumps), ("a.yaml", f"{d}.{m}.{y}", yaml.safe_dump)):
        (tmp_path / name).write_text(write({**app, "received_on": typed}), encoding="utf-8")
        code, out, err = _run(capsys, "assess", str(tmp_path / name), "--json", "--on", f"{d}.{m}.{y}.")
        assert code == 0, err
        assert json.loads(out) == expected


def test_16_no_such_date_in_a_record_names_the_forms_label_and_what_was_typed(tmp_path, capsys):
    app = json.loads((SAMPLES / "assess" / "adult_work_25h.json").read_text(encoding="utf-8"))
    (tmp_path / "a.json").write_text(json.dumps({**app, "received_on": "31.02.2020."}), encoding="utf-8")
    code, out, err = _run(capsys, "assess", str(tmp_path / "a.json"))
    assert code == 2
    lv, en = err.splitlines()[:2]
    assert "„Iesniegums saņemts" in lv and "šāda datuma nav: 31.02.2020." in lv and "GGGG" not in lv
    assert "no such date: 31.02.2020." in en and "Iesniegums" not in en and "šāda" not in en


def test_16_no_such_date_in_an_option_names_the_option(capsys):
    code, out, err = _run(capsys, "assess", str(SAMPLES / "assess" / "adult_work_25h.json"), "--on", "31.02.2020.")
    assert code == 2 and "--on: šāda datuma nav: 31.02.2020." in err and "no such date" in err


def test_16_a_timesheet_and_a_contract_name_the_forms_label_and_the_column_header(tmp_path, capsys):
    sheet = json.loads((SAMPLES / "timesheet" / "timesheet_2019-03.json").read_text(encoding="utf-8"))
    sheet["entries"][1]["date"] = "30.02.2019."
    (tmp_path / "t.json").write_text(json.dumps(sheet), encoding="utf-8")
    code, out, err = _run(capsys, "check-timesheet", str(tmp_path / "t.json"), "--contract",
                          str(SAMPLES / "timesheet" / "contract_2019-03.json"))
    assert code == 2 and "„Datums” (entries.1.date): šāda datuma nav: 30.02.2019." in err
    contract = json.loads((ROOT / "templates" / "lv" / "examples" / "contract.json").read_text(encoding="utf-8"))
    contract["contract"]["start"] = "31.04.2021."
    contract["contract"]["assistant"]["personal_code"] = "010101-12345"
    (tmp_path / "c.json").write_text(json.dumps(contract), encoding="utf-8")
    code, out, err = _run(capsys, "render", "contract", str(tmp_path / "c.json"), "-o", str(tmp_path / "c.docx"))
    lv = err.splitlines()[0]
    assert code == 2 and "„Sākuma datums” (contract.start): šāda datuma nav: 31.04.2021." in lv
    assert "„Asistenta personas kods” (contract.assistant.personal_code)" in lv
    assert not (tmp_path / "c.docx").exists()
