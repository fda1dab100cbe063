"""Point 6: a person's grammatical gender is shown (set, or inferred from the name and from which) and changed in
the case — audited — and the letters made after the change agree with it. A real register, real DOCX read back."""
from __future__ import annotations

import datetime as dt
import json

import docx
import pytest

import casework as cw
from casework import gender
from regulation.personal_code import make
from regulation.records import Application, Assessment, load

DACE = {"given_name": "Dace", "surname": "Šķēle", "personal_code": make(dt.date(1970, 4, 4), 321),
        "address": "Rīgas iela 1, Valmiera"}


def _text(path: str) -> str:
    d = docx.Document(path)
    return " ".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells])


def _case(reg, h, n: int) -> int:
    from intake.register import register_application

    raw = {**h.application(n), "representative": DACE}
    raw["attachments"] = sorted({*raw.get("attachments", []), "7.1"})
    with reg.transaction() as tx:
        case_id = register_application(tx, load(Application, raw), f"{n:064d}", None).case_id
    cw.assess(reg, case_id, load(Assessment, h.assessment()), by="klerks")
    return case_id


def test_6_gender_changed_in_the_case_is_audited_and_the_next_letter_agrees(reg, h, tmp_path):
    case_id = _case(reg, h, 901)
    shown = {p.person: p for p in gender.case_genders(reg, case_id)}
    assert (shown["representative"].gender, shown["representative"].source) == ("f", "vārds")
    people = {p.person: p for p in gender.set_gender(reg, case_id, by="klerks", person="representative", gender="m")}
    assert (people["representative"].gender, people["representative"].source) == ("m", "iestatīts")
    line = [a for a in cw.case_show(reg, case_id).audit if a.action == "gender"]
    assert len(line) == 1 and line[0].by == "klerks"
    step = cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), out=tmp_path / "outbox")
    text = _text(step.documents[0])
    assert "likumiskais pārstāvis Dace Šķēle" in text and "likumiskā pārstāve Dace" not in text
    with pytest.raises(cw.CaseworkError) as e:  # no contract yet: no assistant to set
        gender.set_gender(reg, case_id, by="klerks", person="assistant", gender="f")
    assert e.value.field == "person"


def test_6_a_letter_regenerated_after_the_change_agrees_with_it(reg, h, tmp_path):
    case_id = _case(reg, h, 905)
    out = tmp_path / "outbox"
    first = cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), out=out).documents[0]
    assert "likumiskā pārstāve Dace Šķēle" in _text(first)
    gender.set_gender(reg, case_id, by="klerks", person="representative", gender="m")
    [doc] = [d for d in cw.case_show(reg, case_id).documents if d.kind == "decision"]
    again = cw.regenerate(reg, case_id, doc.id, by="klerks", out=out).documents[0]
    assert "likumiskais pārstāvis Dace Šķēle" in _text(again) and "likumiskā pārstāve Dace" not in _text(again)
    assert "likumiskā pārstāve Dace Šķēle" in _text(first)  # the letter made before stays as it was


def test_6_assistants_gender_is_kept_on_the_contracts(reg, h):
    from regulation.records import Assistant

    case_id = _case(reg, h, 902)
    gender.set_gender(reg, case_id, by="klerks", person="representative", gender="f")
    cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20))
    cw.notify(reg, case_id, by="klerks", how="post", on=dt.date(2019, 3, 22))
    cw.register_contract(reg, case_id, by="klerks", assistant=Assistant(given_name="Kim", surname="Lī"),
                         start=dt.date(2019, 4, 1))
    assert {p.person: p.source for p in gender.case_genders(reg, case_id)}["assistant"] == "nav nosakāms"
    gender.set_gender(reg, case_id, by="klerks", person="assistant", gender="f")
    assert cw.case_show(reg, case_id).contracts[-1].assistant.gender == "f"


def test_6_case_gender_on_the_command_line(tmp_path, h):
    import registry

    with registry.open(f"sqlite:///{tmp_path / 'asistents.db'}") as reg:
        case_id = _case(reg, h, 903)
    shown = json.loads(h.asistents("case", "gender", str(case_id), "--json", cwd=tmp_path).stdout)
    assert [(p["person"], p["gender"]) for p in shown][1] == ("representative", "f")
    done = json.loads(h.asistents("case", "gender", str(case_id), "--person", "representative", "--gender", "m",
                                  "--by", "Klerks", "--json", cwd=tmp_path).stdout)
    assert done[1]["gender"] == "m" and done[1]["source"] == "iestatīts"
    p = h.asistents("case", "gender", str(case_id), "--person", "assistant", "--gender", "f", cwd=tmp_path,
                    check=False)
    assert p.returncode == 2 and "līguma" in p.stderr
    p = h.asistents("case", "gender", str(case_id), "--person", "assistant", cwd=tmp_path, check=False)
    assert p.returncode == 2 and "--gender" in p.stderr


def test_6_gender_set_in_the_verification_station_goes_on_with_the_file(reg, h, filler, tmp_path):
    from forms.definition import load as load_form
    from intake.register import review_reading
    from parser import parse_bytes
    from parser.assemble import result as assemble

    record = h.application(904)  # Pēteris …
    read = parse_bytes(filler.fill("application", record), "iesniegums.pdf", sandbox=False)
    misread = read.fields["applicant.surname"].model_copy(update={"value": "Berzins", "confidence": 0.5})
    doubtful = assemble({"file": read.file, "sha256": read.sha256, "pages": read.pages}, load_form("application"),
                        "scanned", {**read.fields, "applicant.surname": misread})
    with reg.transaction() as tx:
        tx.journal_claim(read.sha256, "iesniegums.pdf", 1000)
        tx.add_review(read.sha256, "application", doubtful.record.received_on, review_reading(doubtful, tmp_path))
    [shown] = gender.review_genders(reg, read.sha256)
    assert (shown.person, shown.gender, shown.source) == ("recipient", "m", "vārds")
    [changed] = gender.review_set_gender(reg, read.sha256, by="klerks", person="recipient", gender="f")
    assert (changed.gender, changed.source) == ("f", "iestatīts")
    cw.review_set(reg, read.sha256, "applicant.surname", record["applicant"]["surname"], by="klerks")
    cw.review_confirm(reg, read.sha256, "activities.0.hours_per_week", by="klerks")
    done = cw.review_done(reg, read.sha256, by="klerks")
    assert cw.case_show(reg, done.details["case_id"]).application.applicant.gender == "f"
    with pytest.raises(cw.CaseworkError):
        gender.review_set_gender(reg, read.sha256, by="klerks", person="assistant", gender="f")
