"""One pass end to end through `asistents inbox process`: real forms, real register, real drafts."""
from __future__ import annotations

import json
import os
import subprocess
import zipfile

import pytest


def test_application_and_timesheet_end_to_end(h, filler, intake_dir):
    inbox = intake_dir / "inbox"
    (inbox / "iesniegumi").mkdir()
    (inbox / "iesniegumi" / "Iesniegums Bērziņa.pdf").write_bytes(filler.fill("application", h.corpus.application(1)))
    (inbox / "uzskaite-2019-03.pdf").write_bytes(filler.fill("timesheet", h.corpus.timesheet(7)))
    for p in h.files_under(inbox):
        h.age(p)
    summary = h.run_process(intake_dir)
    assert (summary["processed"], summary["needs_review"], summary["quarantined"]) == (1, 1, 0), summary
    # the timesheet has no contract in the register: stored, archived, flagged for the clerk
    [flagged] = [f for f in summary["files"] if f["state"] == "needs_review"]
    assert "contract" in flagged["reason_en"]
    assert h.files_under(inbox) == []
    archived = h.files_under(intake_dir / "archive")
    assert len(archived) == 2 and all(p.name[12] == "-" for p in archived)
    assert any(p.name.endswith("-iesniegums-berzina.pdf") for p in archived)
    # each file named with its new place (both registered, neither read with doubt: archive/)
    assert {(f["name"], f["path"]) for f in summary["files"]} == {
        (name, f"archive/{p.name}") for name, p in zip(["iesniegumi/Iesniegums Bērziņa.pdf", "uzskaite-2019-03.pdf"],
                                                        sorted(archived, key=lambda p: "uzskaite" in p.name))}
    # 8.3: no assessment by the service yet — the proposal is pending, never a refusal, and has no letter:
    # the case waits on the worklist (`asistents due`)
    assert not list((intake_dir / "outbox").glob("case-*/*.docx"))
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 1
    assert h.scalar(intake_dir, "SELECT outcome FROM decisions") == "pending"
    assert h.scalar(intake_dir, "SELECT state FROM applications") == "awaiting_assessment"
    assert h.scalar(intake_dir, "SELECT count(*) FROM documents") == 0
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets") == 1
    states = sorted(e["state"] for e in h.journal(intake_dir).values())
    assert states == ["needs_review", "processed"]


def test_log_has_no_names_or_personal_codes(h, filler, intake_dir):
    rec = h.corpus.application(2)
    path = intake_dir / "inbox" / f"{rec['applicant']['surname']} {rec['applicant']['personal_code']}.pdf"
    path.write_bytes(filler.fill("application", rec))
    h.age(path)
    h.run_process(intake_dir, "--no-render")
    log = (intake_dir / "intake.log.jsonl").read_text(encoding="utf-8")
    line = json.loads(log.splitlines()[0])
    assert line["state"] == "processed" and line["case_id"] == 1 and "total" in line["ms"]
    for secret in (rec["applicant"]["surname"], rec["applicant"]["personal_code"],
                   rec["applicant"]["personal_code"].replace("-", ""), rec["applicant"]["given_name"]):
        assert secret not in log


def test_same_bytes_again_is_a_duplicate_kept_in_archive(h, filler, intake_dir):
    data = filler.fill("application", h.corpus.application(3))
    first = intake_dir / "inbox" / "a.pdf"
    first.write_bytes(data)
    h.age(first)
    assert h.run_process(intake_dir, "--no-render")["processed"] == 1
    again = intake_dir / "inbox" / "vēlreiz" / "b.pdf"
    again.parent.mkdir()
    again.write_bytes(data)
    h.age(again)
    summary = h.run_process(intake_dir, "--no-render")
    assert summary["duplicates"] == 1 and summary["processed"] == 0
    assert [p.parent.name for p in h.files_under(intake_dir / "archive")] == ["archive", "duplicates"]
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 1


def test_two_copies_at_once_by_two_processes(h, filler, intake_dir):
    """The same file dropped twice at the same moment, and two `inbox process` runs started together."""
    data = filler.fill("timesheet", h.corpus.timesheet(11))
    for name in ("x.pdf", "kopija/x.pdf"):
        p = intake_dir / "inbox" / name
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(data)
        h.age(p)
    procs = [subprocess.Popen(h.inbox_cmd("process", intake_dir, "--json", "--no-render"), stdout=subprocess.PIPE,
                              text=True, env=h.env(), cwd=h.ROOT) for _ in range(2)]
    outs = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert sum(o["needs_review"] + o["processed"] for o in outs) == 1
    assert sum(o["duplicates"] for o in outs) == 1
    assert len(h.files_under(intake_dir / "archive")) == 2
    assert len(h.files_under(intake_dir / "archive" / "duplicates")) == 1
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets") == 1


def test_different_scan_of_same_month_is_flagged_not_merged(h, filler, intake_dir):
    rec = h.corpus.timesheet(21)
    (intake_dir / "inbox" / "aizpildama.pdf").write_bytes(filler.fill("timesheet", rec))
    (intake_dir / "inbox" / "drukata.pdf").write_bytes(filler.fill("timesheet", rec, "flattened"))
    for p in h.files_under(intake_dir / "inbox"):
        h.age(p)
    summary = h.run_process(intake_dir, "--no-render")
    reasons = " ".join(f["reason_en"] for f in summary["files"])
    assert "not merged" in reasons
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets WHERE state = 'conflict'") == 1
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets WHERE state = 'accepted'") == 1


def test_timesheet_with_contract_is_checked_and_processed(h, filler, intake_dir):
    import registry
    from regulation.records import Contract, load

    reg = registry.open(f"sqlite:///{intake_dir / 'asistents.db'}")
    reg.add_contract(load(Contract, h.corpus.contract(31)))
    reg.close()
    p = intake_dir / "inbox" / "lapa.pdf"
    p.write_bytes(filler.fill("timesheet", h.corpus.timesheet(31)))
    h.age(p)
    summary = h.run_process(intake_dir)
    assert summary["processed"] == 1, summary
    assert h.scalar(intake_dir, "SELECT state FROM timesheets") == "accepted"


def test_incomplete_form_goes_to_review_with_reason(h, filler, intake_dir):
    rec = h.corpus.timesheet(41)
    rec["entries"][0]["hours"] = 7  # does not match 07:30–09:30: the parser will not build a record
    p = intake_dir / "inbox" / "kluda.pdf"
    p.write_bytes(filler.fill("timesheet", rec))
    h.age(p)
    summary = h.run_process(intake_dir, "--no-render")
    assert summary["needs_review"] == 1
    [pdf] = (intake_dir / "review").glob("*.pdf")
    text = pdf.with_name(pdf.name + ".reason.txt").read_text(encoding="utf-8")
    assert "Iemesls:" in text and "Reason:" in text and "entries.0.hours" in text
    assert h.journal(intake_dir)[json.loads(pdf.with_name(pdf.name + ".reason.json").read_text())["sha256"]][
        "state"] == "needs_review"


def test_original_whose_last_steps_did_not_happen_is_finished_without_a_second_case(h, filler, intake_dir):
    """The state a crash between the register's commit and the move leaves: journal final, file in the inbox,
    no archived original. The next pass finishes it: one case, drafts not doubled, original archived."""
    p = intake_dir / "inbox" / "iesniegums.pdf"
    h.assessed(intake_dir, h.corpus.application(95))
    p.write_bytes(filler.fill("application", h.corpus.application(95)))
    h.age(p)
    h.run_process(intake_dir)
    [archived] = h.files_under(intake_dir / "archive")
    os.rename(archived, p)  # back where it was before the move
    summary = h.run_process(intake_dir)
    assert summary["processed"] == 1 and summary["duplicates"] == 0
    assert [x.name for x in h.files_under(intake_dir / "archive")] == [archived.name]
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 2  # the earlier, assessed one too
    assert h.scalar(intake_dir, "SELECT count(*) FROM decisions") == 1
    assert h.scalar(intake_dir, "SELECT count(*) FROM documents") == 2
    assert len(list((intake_dir / "outbox").rglob("*.docx"))) == 2


@pytest.mark.postgres
def test_register_on_postgresql(h, filler, intake_dir, pg_server):
    url = pg_server.new_database()
    for i, kind in enumerate(["application", "timesheet", "application"]):
        record = h.corpus.application(200 + i) if kind == "application" else h.corpus.timesheet(200 + i)
        p = intake_dir / "inbox" / f"{i}.pdf"
        p.write_bytes(filler.fill(kind, record))
        h.age(p)
    (intake_dir / "inbox" / "kopija.pdf").write_bytes((intake_dir / "inbox" / "0.pdf").read_bytes())
    h.age(intake_dir / "inbox" / "kopija.pdf")
    summary = h.run_process(intake_dir, "--db", url, "--no-render")
    assert summary["processed"] + summary["needs_review"] == 3 and summary["duplicates"] == 1, summary
    assert not (intake_dir / "asistents.db").exists()  # --db wins over the default file
    import registry

    reg = registry.open(url)
    try:
        assert reg.counts()["applications"] == 2 and reg.counts()["timesheets"] == 1
        assert reg.journal_pending() == []
    finally:
        reg.close()


def test_bad_usage_exits_2_naming_what_to_fix(h, tmp_path):
    not_a_folder = tmp_path / "fails.txt"
    not_a_folder.write_text("x")
    p = subprocess.run(h.inbox_cmd("process", not_a_folder), capture_output=True, text=True, env=h.env(), cwd=h.ROOT)
    assert p.returncode == 2 and "nav mape" in p.stderr and "is not a folder" in p.stderr
    p = subprocess.run(h.inbox_cmd("process", tmp_path / "jauna", "--on", "31.02.2019", "--json"),
                       capture_output=True, text=True, env=h.env(), cwd=h.ROOT)  # 15.03.2019 is a date, this none
    err = json.loads(p.stdout)["error"]
    assert p.returncode == 2 and err["field"] == "--on" and "šāda datuma nav: 31.02.2019" in err["message_lv"]


def test_empty_inbox_pass_creates_the_layout(h, tmp_path):
    root = tmp_path / "jauna mape"
    summary = h.run_process(root)
    assert summary["processed"] == 0 and summary["failed"] == 0
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["archive", "inbox", "outbox", "quarantine",
                                                                   "review"]
    assert (root / "asistents.db").exists()


def test_a_file_the_register_refuses_fails_alone_its_round_is_stored(h, filler, intake_dir):
    """Files are stored in rounds (one transaction for several files). A file whose register work fails must
    not take the others of its round with it: they are stored and archived, it stays in the inbox as failed
    and the next pass stores it."""
    import hashlib
    import sqlite3

    import registry

    inbox = intake_dir / "inbox"
    data = [filler.fill("timesheet", h.corpus.timesheet(300 + i)) for i in range(6)]
    for i, d in enumerate(data):
        (inbox / f"lapa-{i}.pdf").write_bytes(d)
        h.age(inbox / f"lapa-{i}.pdf")
    registry.open(f"sqlite:///{intake_dir / 'asistents.db'}").close()  # the schema, to put a trigger on
    refused = hashlib.sha256(data[2]).hexdigest()
    con = sqlite3.connect(intake_dir / "asistents.db")
    con.execute(f"CREATE TRIGGER refuse BEFORE INSERT ON timesheets WHEN NEW.source_sha256 = '{refused}' "
                "BEGIN SELECT RAISE(ABORT, 'refused by a trigger'); END")
    con.commit()
    con.close()
    summary = h.run_process(intake_dir, "--no-render")
    assert summary["failed"] == 1 and summary["processed"] + summary["needs_review"] == 5, summary
    assert [p.name for p in h.files_under(inbox)] == ["lapa-2.pdf"]
    assert h.journal(intake_dir)[refused]["state"] == "failed"
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets") == 5
    assert h.scalar(intake_dir, f"SELECT count(*) FROM timesheets WHERE source_sha256 = '{refused}'") == 0
    con = sqlite3.connect(intake_dir / "asistents.db")
    con.execute("DROP TRIGGER refuse")
    con.commit()
    con.close()
    summary = h.run_process(intake_dir, "--no-render")
    assert summary["failed"] == 0 and summary["processed"] + summary["needs_review"] == 1, summary
    assert h.files_under(inbox) == [] and len(h.files_under(intake_dir / "archive")) == 6
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets") == 6


def test_files_read_with_doubt_go_to_review_applications_and_timesheets_alike(h, filler, intake_dir):
    """One rule for both kinds: a file on the review list (fields read with doubt) is in review/ with its
    reason files, registered or not; the end-of-pass text names each file and its new place."""
    from forms.build import scan

    inbox = intake_dir / "inbox"
    (inbox / "Iesniegums skenēts.pdf").write_bytes(scan(filler.fill("application", h.corpus.application(410))))
    (inbox / "Uzskaite skenēta.pdf").write_bytes(scan(filler.fill("timesheet", h.corpus.timesheet(411))))
    for p in h.files_under(inbox):
        h.age(p)
    p = subprocess.run(h.inbox_cmd("process", intake_dir, "--no-render"), capture_output=True, text=True,
                       env=h.env(), cwd=h.ROOT, timeout=600)
    assert p.returncode == 0, p.stderr
    reviewed = sorted(x for x in h.files_under(intake_dir / "review") if x.suffix == ".pdf")
    assert [x.name[13:] for x in reviewed] == ["iesniegums-skenets.pdf", "uzskaite-skeneta.pdf"], p.stdout
    for x in reviewed:
        assert "Iemesls:" in x.with_name(x.name + ".reason.txt").read_text(encoding="utf-8")
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 1  # registered, and in review/
    assert h.scalar(intake_dir, "SELECT count(*) FROM timesheets") == 1
    for name, x in zip(["Iesniegums skenēts.pdf", "Uzskaite skenēta.pdf"], reviewed):
        assert f"[jāpārbauda] {name} → review/{x.name}" in p.stdout, p.stdout
