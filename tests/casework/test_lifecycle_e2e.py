"""A case's whole life, end to end, on SQLite and PostgreSQL: a scanned application through the inbox and review,
assessment (8.3), adoption (9), notification (10), contract (14), two monthly timesheets (20), a suspension (18)
and a termination (17, 19) — every step's documents rendered, the audit log complete, and Annex 2 (24) for those
months counting the person and the assistant. And a refusal: adopted, notified, closed."""
from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import casework as cw
from regulation.records import Assessment, Assistant, load

ASSISTANT = {"given_name": "Ilze", "surname": "Ozola", "personal_code": "030975-10027"}


def _wrong_check_digit(code: str) -> str:
    from regulation import personal_code as pk

    for d in "0123456789":
        bad = code[:-1] + d
        if d != code[-1] and not pk.check(bad).valid:
            return bad
    raise AssertionError("no wrong check digit")


def _inbox(h, root: Path, url: str, *extra: str) -> dict:
    p = h.asistents("inbox", "process", str(root), "--settle", "0.3", "--db", url, "--json", *extra, cwd=root,
                    check=False)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def _correct_against_original(reg, sha: str, record: dict, by: str) -> set[str]:
    """What a clerk does with the original beside them: every flagged field confirmed when it was read right,
    set to what the paper says otherwise. Returns the fields set."""
    from forms.definition import from_record

    on_paper = from_record("application", record)
    item = cw.review_show(reg, sha)
    changed = set()
    for f in item.fields:
        if not f.issues:
            continue
        truth = on_paper.get(f.name)
        if f.value is not None and str(f.value) == str(truth):
            cw.review_confirm(reg, sha, f.name, by=by)
        else:
            cw.review_set(reg, sha, f.name, truth, by=by)
            changed.add(f.name)
    return changed


@pytest.mark.slow
def test_scanned_application_through_its_whole_life(h, filler, db_url, tmp_path):
    import registry
    from forms.build import fill, scan
    from forms.definition import from_record
    from registry import annex2

    root = tmp_path / "darbs"
    (root / "inbox").mkdir(parents=True)
    record = h.application(501)
    truth_code = record["applicant"]["personal_code"]
    on_paper = from_record("application", record)
    on_paper["applicant.personal_code"] = _wrong_check_digit(truth_code)  # a slip of the pen on the form
    pdf = scan(fill("application", on_paper, "flattened"), dpi=300, skew_deg=0.4, noise=0.0003, seed=501)
    (root / "inbox" / "iesniegums-skenets.pdf").write_bytes(pdf)
    h.age(root / "inbox" / "iesniegums-skenets.pdf")

    # the inbox: unreadable as a record → review/, and registered for review so its deadline (9) is tracked
    summary = _inbox(h, root, db_url)
    assert summary["needs_review"] == 1, summary
    reg = registry.open(db_url)
    try:
        [item] = cw.review_list(reg)
        assert item.kind == "application" and item.decide_by == dt.date(2019, 4, 4)
        assert any(d.what == "review" and d.sha256 == item.sha256 for d in cw.due(reg, dt.date(2019, 3, 10)))
        flagged = {f.name for f in item.fields if f.issues}
        assert "applicant.personal_code" in flagged
        page_box = next(f for f in item.fields if f.name == "applicant.personal_code")
        assert page_box.page == 1 and page_box.box is not None

        # review: the code corrected against the original (what was read and who corrected it kept)
        changed = _correct_against_original(reg, item.sha256, record, by="klerks")
        assert "applicant.personal_code" in changed
        done = cw.review_done(reg, item.sha256, by="klerks")
        case_id = done.details["case_id"]
        assert done.details["outcome"] == "pending"  # not assessed yet (8.3): never a refusal
        assert list((root / "review").glob("*.pdf")) == [] and len(list((root / "archive").glob("*.pdf"))) == 1
        view = cw.case_show(reg, case_id)
        assert view.application.applicant.personal_code == truth_code
        assert view.summary.state == "awaiting_assessment" and view.pending
        corrected = [a for a in view.audit if a.action == "review_set" and a.entity_id.endswith("applicant.personal_code")]
        assert corrected and corrected[0].before["value"] != truth_code and corrected[0].after["value"] == truth_code
        assert corrected[0].by == "klerks"

        out = tmp_path / "outbox"
        step = cw.assess(reg, case_id, load(Assessment, h.assessment()), by="klerks", out=out)
        assert step.state == "proposal" and step.details["outcome"] == "grant"
        step = cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20), out=out)
        assert step.state == "adopted" and step.details["number"] == f"AS-2019-{case_id:06d}"
        cw.notify(reg, case_id, by="klerks", how="registered_post", on=dt.date(2019, 3, 22), out=out)
        step = cw.register_contract(reg, case_id, by="klerks", assistant=Assistant(**ASSISTANT),
                                    start=dt.date(2019, 4, 1), out=out)
        assert step.state == "in_service"
        number = step.details["contract"]

        # two monthly timesheets through the inbox: each checked against the registered contract (20)
        for month in ("2019-04", "2019-05"):
            ts = h.timesheet(record, ASSISTANT, month, h.weekdays(month))
            (root / "inbox" / f"uzskaite-{month}.pdf").write_bytes(filler.fill("timesheet", ts))
            h.age(root / "inbox" / f"uzskaite-{month}.pdf")
        summary = _inbox(h, root, db_url)
        assert summary["processed"] == 2, summary

        cw.suspend(reg, case_id, by="klerks", reason="hospital", start=dt.date(2019, 6, 3),
                   facts="Slimnīcas izziņa.", out=out)
        step = cw.terminate(reg, case_id, by="klerks", ground="17.1", on=dt.date(2019, 6, 30),
                            refund=("19.1", Decimal("12.40"), dt.date(2019, 7, 31)), facts="iesniegums par atteikšanos",
                            out=out)
        assert step.state == "terminated"
        assert cw.close(reg, case_id, by="klerks").state == "closed"

        view = cw.case_show(reg, case_id)
        assert [s.step for s in view.timeline] == ["register", "assess", "assess", "adopt", "notify", "contract",
                                                   "suspend", "terminate", "close"]
        assert view.contracts[0].number == number and view.contracts[0].end == dt.date(2019, 6, 30)
        kinds = [d.kind for d in view.documents]
        for kind in ("decision", "notice_decision", "contract", "decision_suspension", "notice_suspension",
                     "decision_termination", "notice_termination"):
            assert kind in kinds
        for d in view.documents:
            with zipfile.ZipFile(d.path) as z:
                assert "word/document.xml" in z.namelist()
            # private whatever the umask: the letter and its case folder (its file names carry the person's name)
            assert stat.S_IMODE(os.stat(d.path).st_mode) == 0o600
            assert stat.S_IMODE(os.stat(os.path.dirname(d.path)).st_mode) == 0o700
        actions = {a.action for a in view.audit}
        assert {"review_set", "review_done", "register", "assess", "adopt", "notify", "contract", "suspend",
                "terminate", "close"} <= actions
        assert all(a.by for a in view.audit)

        for month in (4, 5):
            report = annex2.compute(reg, 2019, month, "Parauga novada")
            assert report.month_values.recipients == 1 and report.month_values.assistants == 1
            assert report.month_values.hours == Decimal(2 * len(h.weekdays(f"2019-{month:02d}")))
    finally:
        reg.close()


def test_refusal_adopted_notified_and_closed(reg, tmp_path, h):
    from intake.register import register_application
    from regulation.records import Application

    app = load(Application, h.application(502))
    with reg.transaction() as tx:
        case_id = register_application(tx, app, "d" * 64, None).case_id
    moves_alone = {**h.assessment(), "can_move_without_assistant": True}
    step = cw.assess(reg, case_id, load(Assessment, moves_alone), by="klerks", out=tmp_path)
    assert step.details["outcome"] == "refuse" and step.state == "proposal"
    cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 25), out=tmp_path)
    with pytest.raises(cw.CaseworkError) as e:  # 14: no contract after a refusal
        cw.register_contract(reg, case_id, by="klerks", assistant=Assistant(**ASSISTANT))
    assert e.value.forbidden
    step = cw.notify(reg, case_id, by="klerks", how="e_address", on=dt.date(2019, 3, 28), out=tmp_path)
    assert step.state == "closed"
    view = cw.case_show(reg, case_id)
    assert view.decision["outcome"] == "refuse" and view.decision["grounds"] == ["9.2.3"]
    assert view.decision["notified_how"] == "e_address"
    assert [d.kind for d in view.documents] == ["decision", "decision", "notice_decision"]
    assert [s.state for s in view.timeline][-2:] == ["adopted", "closed"]
    assert cw.due(reg, dt.date(2019, 3, 29)) == []  # nothing left to do on a closed case
