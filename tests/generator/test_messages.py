"""Point 16 of the letters issue: errors name what the clerk typed and where (the form's label, the column), a
date typed the Latvian way (23.11.2021.) is accepted wherever dates are typed, and a day the calendar lacks is
"no such date"; re-rendering after a change of the municipality's settings never keeps the old signatory
silently and never overwrites an earlier file without keeping it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from asistents.cli import main
from generator.config import EXAMPLE
from generator.documents import EXAMPLES_DIR
from generator.render import docx_text
from regulation.personal_code import make
from regulation.records import RecordError

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


# ---------------------------------------------------------------- 16 messages


def _sheet(tmp_path, rows, name="ligumi.csv"):
    import csv

    headers = ["Līguma Nr.", "Lietas Nr.", "Vārds", "Uzvārds", "Personas kods", "Stundas nedēļā", "Pasākums",
               "Sākuma datums", "Beigu datums", "Asistenta vārds", "Asistenta uzvārds", "Lēmuma Nr.", "Lēmuma datums"]
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([headers, *rows])
    return path


def _row(i, start="01.03.2021."):
    return [f"AS-2026/{i:03d}", f"L-{i}", "Līga", f"Bērziņa{i}", make(dt.date(1985, 6, 12), 100 + i), "20", "1",
            start, "28.02.2022.", "Jānis", "Kalniņš", f"2-7/2021/{i}", "15.02.2021."]


def test_16_no_such_date_names_the_column_the_excel_row_and_what_was_typed(tmp_path):
    from generator.mailmerge import mailmerge

    _, report = mailmerge(_sheet(tmp_path, [_row(1), _row(2, start="31.02.2020.")]), "contract", tmp_path / "out",
                          municipality=EXAMPLE, progress=False)
    bad = [o for o in report.outcomes if o.status == "failed"]
    assert len(bad) == 1 and bad[0].row == 3 and bad[0].column == "Sākuma datums"  # header is Excel row 1
    assert "šāda datuma nav: 31.02.2020." in bad[0].error_lv and "GGGG" not in bad[0].error_lv
    assert "3. rinda" in report.text() and "kolonna 'Sākuma datums'" in report.text()


def test_16_allowed_values_in_latvian_only():
    from regulation.records import Assessment, load

    with pytest.raises(RecordError) as e:
        load(Assessment, {"disability_group": "IV"})
    assert e.value.problems[0].message_lv == "neatļauta vērtība (atļauts: I, II vai III)"


def test_16_a_configuration_change_makes_the_documents_again_and_keeps_the_previous_aside(tmp_path, capsys):
    from asistents.cli import main

    sheet = _sheet(tmp_path, [_row(i) for i in range(1, 4)])
    out = tmp_path / "out"
    assert main(["mailmerge", str(sheet), "--template", "contract", "-o", str(out), "--json"]) == 0
    capsys.readouterr()
    first = {p.name: p.read_bytes() for p in out.glob("*.docx")}
    cfg = tmp_path / "asistents.yaml"
    cfg.write_text((EXAMPLES_DIR.parents[2] / "asistents.example.yaml").read_text(encoding="utf-8")
                   .replace("Anna Paraudziņa", "Inta Jaunā"), encoding="utf-8")
    args = ["mailmerge", str(sheet), "--template", "contract", "-o", str(out), "--config", str(cfg)]
    assert main(args) == 0
    said = capsys.readouterr().out
    assert "izlaisti (jau ir): 0" in said and "No jauna (mainīti dati, veidne vai iestatījumi" in said
    for p in out.glob("*.docx"):
        t = " ".join(docx_text(p.read_bytes()))
        assert "Inta Jaunā" in t and "Anna Paraudziņa" not in t
    kept = list(out.glob("previous-*/*.docx"))
    assert {p.name: p.read_bytes() for p in kept} == first  # the earlier ones, byte for byte, with their sidecars
    assert all((p.parent / (p.name + ".json")).is_file() for p in kept)
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"] == 3  # now current: nothing made again
    assert main([*args, "--force", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["made"] == 3 and again["remade"] == 3 and len(list(out.glob("previous-*"))) == 2


def test_16_render_keeps_an_earlier_output_aside(tmp_path, capsys):
    from asistents.cli import main

    data = EXAMPLES_DIR / "notice_suspension.json"
    target = tmp_path / "pazinojums.docx"
    assert main(["render", "notice_suspension", str(data), "-o", str(target)]) == 0
    target.write_bytes(target.read_bytes() + b"edited")  # as a clerk may have left it
    edited = target.read_bytes()
    capsys.readouterr()
    assert main(["render", "notice_suspension", str(data), "-o", str(target)]) == 0
    said = capsys.readouterr().out
    kept = list(tmp_path.glob("previous-*/pazinojums.docx"))
    assert len(kept) == 1 and kept[0].read_bytes() == edited and str(kept[0]) in said
