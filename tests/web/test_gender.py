"""Point 6 in the workbench: each person's grammatical gender is shown on the case page and in the verification
station and changed there by a clerk or head (CSRF, audited); an auditor sees it and cannot change it; a decision
made after the change agrees with it. A real server over a real SQLite register, plain HTTP."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import docx
import httpx
import pytest

from tests.web.conftest import PASSWORD, csrf_of, login, serving

# The tests share one server and go on from each other's steps: scripts/test keeps a module on one worker
# (--dist loadscope), in order.
DACE = {"given_name": "Dace", "surname": "Šķēle", "address": "Rīgas iela 1, Valmiera"}


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from asistents.cli import main; sys.exit(main())",
                           *args], capture_output=True, text=True, input=stdin, timeout=300)


def _row(html: str, role: str) -> str:
    found = re.search(rf"<dt>{role}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert found, f"no row for {role}"
    return found.group(1)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    import registry
    import casework as cw
    from forms.definition import load as load_form
    from intake.register import register_application, review_reading
    from parser import parse_bytes
    from parser.assemble import result as assemble
    from regulation.personal_code import make
    from regulation.records import Application, Assessment, load
    from tests.intake.corpus import Filler, application
    from tests.casework.conftest import assessment

    root = tmp_path_factory.mktemp("office")
    db = f"sqlite:///{root / 'asistents.db'}"
    raw = {**application(911), "representative": {**DACE, "personal_code": make(dt.date(1970, 4, 4), 322)}}
    raw["attachments"] = sorted({*raw.get("attachments", []), "7.1"})
    read = parse_bytes(Filler().fill("application", application(912)), "iesniegums.pdf", sandbox=False)
    doubtful = assemble({"file": read.file, "sha256": read.sha256, "pages": read.pages}, load_form("application"),
                        "scanned", {**read.fields, "applicant.surname": read.fields["applicant.surname"].model_copy(
                            update={"confidence": 0.5})})
    with registry.open(db) as reg:
        with reg.transaction() as tx:
            case_id = register_application(tx, load(Application, raw), "9" * 64, None).case_id
            tx.journal_claim(read.sha256, "iesniegums.pdf", 1000)
            tx.add_review(read.sha256, "application", doubtful.record.received_on, review_reading(doubtful, root))
        cw.assess(reg, case_id, load(Assessment, assessment()), by="anna")
    for name, role in (("anna", "clerk"), ("vaditaja", "head"), ("auditore", "auditor")):
        assert _cli("users", "add", name, "--role", role, "--db", db, "--password-stdin",
                    stdin=PASSWORD + "\n").returncode == 0
    with serving(root, db) as url:
        yield url, root, db, case_id, read.sha256


def test_9_an_adoption_date_typed_wrong_is_refused_not_taken_as_today(office):
    """The head's adoption date "31.02.2019" is no date: the page says so (400) and nothing is adopted — the
    form used to take any date it could not read as today."""
    import registry

    url, root, db, case_id, _ = office
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "vaditaja")
        page = c.get(f"/cases/{case_id}").text
        r = c.post(f"/cases/{case_id}/adopt", data={"csrftoken": csrf_of(page), "on": "31.02.2019"})
        assert r.status_code == 400 and "šāda datuma nav: 31.02.2019" in r.text
    with registry.open(db) as reg:
        assert reg.case_state(case_id) == "proposal"


def test_6_gender_shown_and_changed_on_the_case_page_and_the_decision_agrees(office):
    import registry

    url, root, db, case_id, _ = office
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "anna")
        page = c.get(f"/cases/{case_id}").text
        assert "Gramatiskā dzimte vēstulēs" in page
        assert "sieviešu dzimte" in _row(page, "likumiskais pārstāvis") and "vārds" in _row(page, "likumiskais pārstāvis")
        data = {"case_id": str(case_id), "person": "representative", "gender": "m"}
        assert c.post("/gender", data=data).status_code == 403  # no CSRF token
        r = c.post("/gender", data={"csrftoken": csrf_of(page), **data})
        assert r.status_code == 200 and "vīriešu dzimte" in _row(r.text, "likumiskais pārstāvis")
        assert "iestatīta" in _row(r.text, "likumiskais pārstāvis")
        bad = c.post("/gender", data={"csrftoken": csrf_of(r.text), **data, "gender": "x"})
        assert bad.status_code == 400 and "dzimte jānorāda" in bad.text
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "vaditaja")
        page = c.get(f"/cases/{case_id}").text
        r = c.post(f"/cases/{case_id}/adopt", data={"csrftoken": csrf_of(page), "on": "20.03.2019."})  # as typed
        assert r.status_code == 200, r.text[-500:]
    with registry.open(db) as reg:
        [decision] = [d for d in reg.documents(case_id) if d.kind == "decision"]
        assert any(a.action == "gender" and a.actor == "anna" for a in reg.audit_log(case_id))
    text = " ".join(p.text for p in docx.Document(decision.path).paragraphs)
    assert "likumiskais pārstāvis Dace Šķēle" in text and "likumiskā pārstāve Dace" not in text


def test_6_an_auditor_sees_the_gender_and_cannot_change_it(office):
    url, root, db, case_id, _ = office
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "auditore")
        page = c.get(f"/cases/{case_id}").text
        assert "Gramatiskā dzimte vēstulēs" in page and 'action="/gender"' not in page
        r = c.post("/gender", data={"csrftoken": csrf_of(page), "case_id": str(case_id), "person": "recipient",
                                    "gender": "m"})
        assert r.status_code == 403


def test_6_gender_changed_in_the_verification_station(office):
    url, root, db, _, sha = office
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "anna")
        page = c.get(f"/review/{sha}").text
        assert "Gramatiskā dzimte vēstulēs" in page and "sieviešu dzimte" in _row(page, "pakalpojuma saņēmējs")
        r = c.post("/gender", data={"csrftoken": csrf_of(page), "sha256": sha, "person": "recipient", "gender": "m"},
                   follow_redirects=True)
        assert r.status_code == 200 and "vīriešu dzimte" in _row(r.text, "pakalpojuma saņēmējs")
        assert "iestatīta" in _row(r.text, "pakalpojuma saņēmējs")
