"""The command line over casework: `case`, `due`, `audit`, `review`, `mailmerge --register` — real processes,
a real SQLite register in the folder they run in (the one default register)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest

SAMPLES = "samples/records/assess"


@pytest.fixture
def office(tmp_path, h):
    """A folder whose ./asistents.db holds one registered application (as the inbox leaves it)."""
    import registry
    from intake.register import register_application
    from regulation.records import Application, load

    with registry.open(f"sqlite:///{tmp_path / 'asistents.db'}") as reg, reg.transaction() as tx:
        register_application(tx, load(Application, h.application(701)), "7" * 64, None)
    (tmp_path / "izvertejums.json").write_text(json.dumps(h.assessment()), encoding="utf-8")
    return tmp_path


def test_8_3_case_steps_on_the_command_line_and_a_refused_adoption_exits_2(office, h):
    p = h.asistents("case", "adopt", "1", "--by", "Vadītāja", cwd=office, check=False)
    assert p.returncode == 2
    assert "gaida sociālā dienesta izvērtējumu" in p.stderr and "waits for the service" in p.stderr
    assert "MK 942 8.3" in p.stderr
    p = h.asistents("case", "adopt", "1", "--json", cwd=office, check=False)
    assert p.returncode == 2 and json.loads(p.stdout)["error"]["message_en"].startswith("the proposal still waits")

    done = json.loads(h.asistents("case", "assess", "1", "izvertejums.json", "--by", "Klerks", "--json",
                                  cwd=office).stdout)
    assert done["state"] == "proposal" and done["details"]["outcome"] == "grant"
    assert all((office / d).exists() for d in done["documents"])
    h.asistents("case", "adopt", "1", "--on", "2019-03-20", "--by", "Vadītāja", cwd=office)
    h.asistents("case", "notify", "1", "--how", "registered_post", "--on", "2019-03-22", cwd=office)
    p = h.asistents("case", "contract", "1", "--assistant", "Ilze Ozola", "--hours", "1=25", cwd=office, check=False)
    assert p.returncode == 2 and "lēmumā piešķirtas 20" in p.stderr and "the decision granted 20" in p.stderr
    h.asistents("case", "contract", "1", "--assistant", "Ilze Ozola", "--start", "2019-04-01", cwd=office)
    show = h.asistents("case", "show", "1", cwd=office).stdout
    assert "pakalpojums tiek sniegts" in show and "Ilze Ozola" in show
    due = json.loads(h.asistents("due", "--on", "2019-05-03", "--json", cwd=office).stdout)
    assert [d["what"] for d in due] == ["timesheet", "annex2"]  # April's timesheet (20), the report by 15 May (24)
    log = json.loads(h.asistents("audit", "1", "--json", cwd=office).stdout)
    assert {"Klerks", "Vadītāja", "iesūtne"} <= {a["by"] for a in log}
    assert [a["action"] for a in log].count("contract") == 2  # the contract, and the case's step
    assert h.asistents("review", "list", cwd=office).stdout.strip().startswith("Pārbaudāmu failu nav")


def test_case_commands_name_a_missing_register(tmp_path, h):
    p = h.asistents("case", "list", cwd=tmp_path, check=False)
    assert p.returncode == 2 and "asistents.db" in p.stderr and "does not exist" in p.stderr


def test_8_3_assessment_asked_field_by_field_with_labels_and_points():
    from asistents.commands.assessment_prompt import ask
    from regulation.records import Assessment, load

    answers = iter(["II", "assistance_need", "2018-09-15", "", "nē", "nē", "mājās", "home", "nē", "nē", "jā", "",
                    "", "1=2", "1 4", "32 46,5 35", "", "", ""])
    asked: list[str] = []

    def line(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    said: list[str] = []
    data = ask(line, said.append)
    a = load(Assessment, data)
    assert a.disability_group == "II" and a.opinion.issued_on == dt.date(2018, 9, 15)
    assert a.residence_status == "home" and a.can_move_without_assistant is False and a.activities_meet_annex1
    assert a.technical_aids_reduction == {1: 2} and a.rehabilitation_plan == [1, 4]
    assert a.hours_used_previous_months == [32, Decimal("46.5"), 35]
    assert asked[0] == "Invaliditātes grupa (I, II, III) [8.1.1]: " and any("[9.2.3]" in q for q in asked)
    assert any("atļauts: home" in s for s in said)  # "mājās" was asked again


HEADERS = ["Līguma Nr.", "Lietas Nr.", "Vārds", "Uzvārds", "Personas kods", "Stundas nedēļā", "Pasākums", "Sākuma datums",
           "Beigu datums", "Noslēgšanas datums", "Asistenta vārds", "Asistenta uzvārds"]


def _sheet(path, rows):
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows([HEADERS, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_11_mailmerge_a_45_hour_row_is_an_error_for_that_row_and_the_batch_goes_on(office, h):
    from regulation.personal_code import make

    code = lambda i: make(dt.date(1985, 6, 12), 300 + i)  # noqa: E731
    rows = [[f"M-{i}", f"L-{i}", "Līga", f"Bērziņa{i}", code(i), hours, "1", "01.04.2019", "31.12.2019", "25.03.2019", "Jānis",
             "Kalniņš"] for i, hours in ((1, "20"), (2, "45"), (3, "20"))]
    sheet = _sheet(office / "ligumi.csv", rows)
    p = h.asistents("mailmerge", str(sheet), "--template", "contract", "-o", "out", "--json", cwd=office, check=False)
    assert p.returncode == 2
    r = json.loads(p.stdout)
    [bad] = r["refused"]
    assert bad["row"] == 3 and bad["column"] == "Stundas nedēļā" and "40" in bad["message_lv"]
    assert len(list((office / "out").glob("*.docx"))) == 2 and r["registered"] == []
    p = h.asistents("mailmerge", str(sheet), "--template", "contract", "-o", "out2", "--register", "--by", "Klerks",
                    "--json", cwd=office, check=False)
    r = json.loads(p.stdout)
    assert [x["contract"] for x in r["registered"]] == ["M-1", "M-3"] and all(x["state"] == "—" for x in r["registered"])
    import registry

    with registry.open(f"sqlite:///{office / 'asistents.db'}") as reg:
        assert reg.contract("M-1") is not None and reg.contract("M-2") is None


def test_20_a_timesheet_in_review_corrected_on_the_command_line_goes_on_as_a_clean_file(tmp_path, h, filler):
    import registry
    from regulation.records import Contract, load

    with registry.open(f"sqlite:///{tmp_path / 'asistents.db'}") as reg:
        reg.add_contract(load(Contract, h.corpus.contract(41)))
    rec = h.corpus.timesheet(41)
    rec["entries"][0]["hours"] = 7  # 07:30–09:30 is 2 h: the form contradicts itself, no record is built
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "lapa.pdf").write_bytes(filler.fill("timesheet", rec))
    h.age(tmp_path / "inbox" / "lapa.pdf")
    summary = json.loads(h.asistents("inbox", "process", ".", "--settle", "0.3", "--no-render", "--json",
                                     cwd=tmp_path, check=False).stdout)
    assert summary["needs_review"] == 1
    [item] = json.loads(h.asistents("review", "list", "--json", cwd=tmp_path).stdout)
    sha = item["sha256"][:12]
    shown = h.asistents("review", "show", sha, cwd=tmp_path).stdout
    assert "entries.0.hours" in shown and "1. lapa" in shown
    p = h.asistents("review", "done", sha, cwd=tmp_path, check=False)
    assert p.returncode == 2 and "entries.0.hours" in p.stderr  # still to correct
    h.asistents("review", "set", sha, "entries.0.hours", "2", "--by", "Klerks", cwd=tmp_path)
    p = h.asistents("review", "done", sha, cwd=tmp_path, check=False)  # re-validated: the total now disagrees
    assert p.returncode == 2 and "totals.hours" in p.stderr and "34.5" in p.stderr
    h.asistents("review", "set", sha, "totals.hours", "34,5", "--by", "Klerks", cwd=tmp_path)
    done = json.loads(h.asistents("review", "done", sha, "--by", "Klerks", "--json", cwd=tmp_path).stdout)
    assert done["details"]["timesheet_id"] == 1
    assert list((tmp_path / "review").glob("*.pdf")) == [] and len(list((tmp_path / "archive").glob("*.pdf"))) == 1
    with registry.open(f"sqlite:///{tmp_path / 'asistents.db'}") as reg:
        ts = reg.timesheet(1)
        assert ts.state == "accepted" and ts.timesheet.entries[0].hours == 2
        assert reg.journal_get(item["sha256"]).state == "processed"
    log = json.loads(h.asistents("audit", "--user", "Klerks", "--json", cwd=tmp_path).stdout)
    assert [a["action"] for a in log] == ["review_set", "review_set", "review_done"]
    assert log[0]["before"]["value"] == "7" and log[0]["after"]["value"] == "2"
