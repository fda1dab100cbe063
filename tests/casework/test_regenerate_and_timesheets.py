"""A case's document made again (a new version; the old one stays; the person's details as the register holds
them now), a case's timesheets checked (20, 22: findings, payable amounts provisional while errors stand), a
month's timesheets with errors, and names on a file in review confirmed from the register. A real register
(SQLite and PostgreSQL), real DOCX read back, the committed sample records."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import docx
import pytest

import casework as cw
from regulation.records import Application, Assessment, Assistant, Timesheet, load

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "records"
A1 = Assistant(given_name="Jānis", surname="Bērziņš", personal_code="200190-10030")


def _text(path: str) -> str:
    d = docx.Document(path)
    return "\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


def _in_service(reg, out: Path | None) -> tuple[int, Application]:
    from intake.register import register_application

    app = load(Application, json.loads((SAMPLES / "assess/adult_work_25h.json").read_text(encoding="utf-8")))
    with reg.transaction() as tx:
        case_id = register_application(tx, app, "c1" * 32, None).case_id
    cw.assess(reg, case_id, load(Assessment, json.loads((SAMPLES / "assess/adult_eligible.json").read_text())),
              by="klerks", out=out)
    cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), out=out)
    cw.notify(reg, case_id, by="klerks", how="post", on=dt.date(2019, 3, 22), out=out)
    cw.register_contract(reg, case_id, by="klerks", assistant=A1, start=dt.date(2019, 4, 1), out=out)
    return case_id, app


def test_regenerate_makes_a_new_version_with_the_current_name_and_keeps_the_old(reg, tmp_path):
    out = tmp_path / "outbox"
    case_id, app = _in_service(reg, out)
    before = reg.documents(case_id)
    contract = next(d for d in before if d.kind == "contract")
    old_bytes = Path(contract.path).read_bytes()
    assert "Bērziņa" in _text(contract.path)
    # the person's surname corrected in the register after the contract was made
    with reg.transaction() as tx:
        tx.replace_application(case_id, app.model_copy(update={
            "applicant": app.applicant.model_copy(update={"surname": "Bērziņa-Kalna"})}))
    done = cw.regenerate(reg, case_id, contract.id, by="klerks", out=out)
    after = reg.documents(case_id)
    assert len(after) == len(before) + 1 and after[-1].kind == "contract"
    new = Path(after[-1].path)
    assert done.documents == [str(new)] and new != Path(contract.path) and new.parent == Path(contract.path).parent
    assert new.name == "contract-ligums-lig-000001-1-berzina-kalna.docx"  # named after the person as now
    assert "Bērziņa-Kalna" in _text(str(new))
    assert Path(contract.path).read_bytes() == old_bytes  # never overwritten
    assert any(a.action == "regenerate" and a.entity_id == str(contract.id) and a.by == "klerks"
               for a in cw.audit_log(reg, case=case_id))
    # every kind a step made can be made again
    for d in before:
        cw.regenerate(reg, case_id, d.id, by="klerks", out=out)
    assert len(reg.documents(case_id)) == len(before) * 2 + 1
    again = cw.regenerate(reg, case_id, contract.id, by="klerks", out=out)
    assert Path(again.documents[0]).name == "contract-ligums-lig-000001-1-berzina-kalna-3.docx"  # the next version
    assert len({d.path for d in reg.documents(case_id)}) == len(before) * 2 + 2


def test_regenerate_refuses_an_altered_data_file_or_another_case_s_document(reg, tmp_path):
    out = tmp_path / "outbox"
    case_id, _ = _in_service(reg, out)
    doc = reg.documents(case_id)[0]
    with pytest.raises(cw.CaseworkError) as e:
        cw.regenerate(reg, case_id + 1, doc.id, by="klerks", out=out)
    sidecar = Path(doc.path + ".json")
    body = json.loads(sidecar.read_text(encoding="utf-8"))
    body["input"]["case_number"] = "CITS-1"
    sidecar.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    count = len(reg.documents(case_id))
    with pytest.raises(cw.CaseworkError) as e:
        cw.regenerate(reg, case_id, doc.id, by="klerks", out=out)
    assert "neatbilst" in e.value.message_lv
    assert len(reg.documents(case_id)) == count


def test_20_22_case_timesheets_carry_findings_and_provisional_payable(reg, tmp_path):
    case_id, app = _in_service(reg, None)
    ts = json.loads((SAMPLES / "timesheet/timesheet_errors_2019-10.json").read_text(encoding="utf-8"))
    ts["recipient"] = json.loads(app.applicant.model_dump_json())
    reg.add_timesheet(load(Timesheet, ts), "d1" * 32)
    [t] = cw.case_timesheets(reg, case_id)
    assert t.month == "2019-10" and t.contract == "LIG-000001-1" and t.state == "accepted"
    rules = {f.rule for f in t.errors}
    assert "MK942 20" in rules and "MK942 9.1.1" in rules  # unsigned; more than the contract's 20 h a week
    assert t.hours_paid == 20 and t.hours_provided > t.hours_paid
    assert t.provisional and t.payable is not None and t.payable.total > 0
    month, items = cw.timesheet_errors(reg)
    assert month == "2019-10" and [i.id for i in items] == [t.id]
    assert cw.timesheet_errors(reg, "2019-09") == ("2019-09", [])
    with pytest.raises(cw.CaseworkError):
        cw.timesheet_errors(reg, "oktobris")


def test_names_confirmed_from_the_register_are_listed_with_what_was_seen(reg, tmp_path):
    from intake.register import register_application, review_reading
    from parser import parse_file
    from parser.crosscheck import settle_with_register

    sample = Path(__file__).resolve().parents[2] / "samples/applications/fillable/01.pdf"
    expected = json.loads(sample.with_suffix(".expected.json").read_text(encoding="utf-8"))
    # the register knows the applicant (an earlier case) with marks the scan lost
    earlier = json.loads((SAMPLES / "assess/adult_work_25h.json").read_text(encoding="utf-8"))
    earlier["applicant"] = {**earlier["applicant"], **{k: expected["applicant"][k] for k in ("personal_code",
                                                                                           "birth_date")},
                            "given_name": expected["applicant"]["given_name"], "surname": "Siliņš"}
    with reg.transaction() as tx:
        register_application(tx, load(Application, earlier), "e1" * 32, None)
    result = parse_file(str(sample))
    seen = result.fields["applicant.surname"].model_copy(update={"value": "Silins", "raw": "Silins",
                                                                        "confidence": 0.5})
    result = result.model_copy(update={"fields": {**result.fields, "applicant.surname": seen}})
    with reg.reading() as tx:
        settled = settle_with_register(result, tx.known_names([expected["applicant"]["personal_code"]]))
    assert settled.fields["applicant.surname"].value == "Siliņš"
    reading = review_reading(settled, tmp_path, None)
    reading["needs_review"] = True
    with reg.transaction() as tx:
        tx.journal_claim("f1" * 32, "01.pdf", 1)
        tx.journal_set("f1" * 32, "needs_review")
        tx.add_review("f1" * 32, "application", dt.date(2019, 8, 4), reading)
    confirmed = {c.field: c for c in cw.review_register_confirmed(reg, "f1" * 32)}
    assert confirmed["applicant.surname"].seen == "Silins" and confirmed["applicant.surname"].known == "Siliņš"
    assert confirmed["applicant.given_name"].known == expected["applicant"]["given_name"]
    # a name a clerk settled is theirs, not the register's
    cw.review_confirm(reg, "f1" * 32, "applicant.surname", by="klerks")
    assert "applicant.surname" not in {c.field for c in cw.review_register_confirmed(reg, "f1" * 32)}
