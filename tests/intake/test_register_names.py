"""Names read for a personal code the register knows (issue 9, item 3): a reading that matches the register's
spelling after folding what a scan confuses is stored with the register's spelling; one that does not match
goes to review/ with the mismatch named. Real inbox pass, real SQLite register."""
from __future__ import annotations

import copy
import json


def _stored_applicant(h, root) -> dict:
    return json.loads(h.scalar(root, "SELECT record FROM applications ORDER BY id DESC LIMIT 1"))["applicant"]


def test_a_name_read_without_its_marks_is_stored_as_the_register_spells_it(h, filler, intake_dir):
    known = h.corpus.application(131)
    known["applicant"].update(given_name="Ūna", surname="Ērgle")
    h.assessed(intake_dir, known)
    read = copy.deepcopy(known)
    read["applicant"].update(given_name="Una", surname="Ergle")  # the long marks lost
    p = intake_dir / "inbox" / "iesniegums.pdf"
    p.write_bytes(filler.fill("application", read))
    h.age(p)
    summary = h.run_process(intake_dir)
    assert summary["processed"] == 1, summary
    applicant = _stored_applicant(h, intake_dir)
    assert (applicant["given_name"], applicant["surname"]) == ("Ūna", "Ērgle")


def _surname_the_register_spells_otherwise(h, filler, intake_dir, n: int) -> None:
    """Ūna Ērgle known to the register; her next application read with the surname "Ozola", through the inbox."""
    known = h.corpus.application(n)
    known["applicant"].update(given_name="Ūna", surname="Ērgle")
    h.assessed(intake_dir, known)
    read = copy.deepcopy(known)
    read["applicant"]["surname"] = "Ozola"
    p = intake_dir / "inbox" / "iesniegums.pdf"
    p.write_bytes(filler.fill("application", read))
    h.age(p)
    h.run_process(intake_dir)


def test_a_name_the_register_spells_otherwise_goes_to_review(h, filler, intake_dir):
    _surname_the_register_spells_otherwise(h, filler, intake_dir, 132)
    [entry] = [e for e in h.journal(intake_dir).values() if e["state"] != "processed" or e["case_id"]][-1:]
    assert entry["state"] == "needs_review"
    [reason] = (intake_dir / "review").rglob("*.reason.txt")
    text = reason.read_text(encoding="utf-8")
    assert "Ozola" in text and "Ērgle" in text


def test_the_register_mismatch_stays_open_after_another_field_is_corrected(h, filler, intake_dir):
    """The review rebuilds the reading from the fields: a doubt the register check added (the surname the
    register spells otherwise) must not vanish when a person corrects some other field of the same file."""
    import casework
    import registry

    _surname_the_register_spells_otherwise(h, filler, intake_dir, 133)
    with registry.open(f"sqlite:///{intake_dir / 'asistents.db'}") as reg:
        [item] = casework.review_list(reg)
        [surname] = [f for f in item.fields if f.name == "applicant.surname"]
        assert any("Ērgle" in m for m in surname.issues)
        item = casework.review_set(reg, item.sha256, "applicant.given_name", "Ūna", by="anna")
        [surname] = [f for f in item.fields if f.name == "applicant.surname"]
        assert any("Ērgle" in m for m in surname.issues) and item.open_fields >= 1
        [listed] = casework.review_list(reg)
        assert listed.open_fields == item.open_fields
        try:
            casework.review_done(reg, item.sha256, by="anna")
        except casework.CaseworkError as e:
            assert "applicant.surname" in str(e) or "Ērgle" in e.message_lv
        else:
            raise AssertionError("the file went on with the surname the register spells otherwise unsettled")
        item = casework.review_set(reg, item.sha256, "applicant.surname", "Ērgle", by="anna")
        assert item.open_fields == 0
