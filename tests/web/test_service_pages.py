"""The case page's later parts in Debian's Chromium and over HTTP, against the real server and a real SQLite
register filled through `casework` (the committed sample records): a case in service with a timesheet whose
check finds errors (its findings, payable amounts marked provisional), the "timesheets with errors" worklist,
a document made again as a new version, the change of assistant (16) with its refusal, adoption refused
while the person's views have no answer (APL 67(2)), a file in review whose names the register confirmed, and
the auditor who reads the review queue but changes nothing. Each new POST: refused without the CSRF token,
403 for a role that may not."""
from __future__ import annotations

import datetime as dt
import json
import re

import httpx
import pdfplumber
import pytest

from tests.web.conftest import PASSWORD, ROOT, csrf_of, logged_in_page, login, login_by_keyboard, serving

# The tests share one server and go on from each other's steps: scripts/test keeps a module on one worker
# (--dist loadscope), in order.
pytestmark = pytest.mark.slow
RECORDS = ROOT / "samples/records"
CONFIRMED_SHA = "cd34" * 16


def _record(name: str) -> dict:
    return json.loads((RECORDS / name).read_text(encoding="utf-8"))


def _seed(root, db_url) -> dict[str, int]:
    import casework as cw
    import registry
    from intake.register import register_application
    from registry import users
    from regulation.records import Application, Assessment, Assistant, Timesheet, load

    out = root / "outbox"
    app = load(Application, _record("assess/adult_work_25h.json"))
    assessment = load(Assessment, _record("assess/adult_eligible.json"))
    with registry.open(db_url) as reg:
        for name, role in (("anna", "clerk"), ("vaditaja", "head"), ("auditore", "auditor"), ("admins", "admin")):
            users.add_user(reg, name, f"{name.capitalize()} Testa", role, PASSWORD)
        with reg.transaction() as tx:
            served = register_application(tx, app, "c1" * 32, None).case_id
        cw.assess(reg, served, assessment, by="anna", out=out)
        cw.adopt(reg, served, by="vaditaja", on=dt.date(2019, 3, 20), out=out)
        cw.notify(reg, served, by="anna", how="post", on=dt.date(2019, 3, 22), out=out)
        cw.register_contract(reg, served, by="anna", start=dt.date(2019, 4, 1), out=out, assistant=Assistant(
            given_name="Jānis", surname="Bērziņš", personal_code="200190-10030"))
        sheet = _record("timesheet/timesheet_errors_2019-10.json")
        sheet["recipient"] = json.loads(app.applicant.model_dump_json())
        sheet_id, _ = reg.add_timesheet(load(Timesheet, sheet), "d1" * 32)
        # a second person whose views were heard: the proposal waits for the service's answer (APL 67(2))
        other = _record("assess/child_school.json")
        with reg.transaction() as tx:
            heard = register_application(tx, load(Application, other), "c2" * 32, None).case_id
        cw.assess(reg, heard, load(Assessment, _record("assess/child_assessment.json")), by="anna",
                  views="Lūdzu piešķirt arī stundas pulciņam.", out=out)
        _confirmed_review(reg, root)
    return {"served": served, "heard": heard, "sheet": sheet_id}


def _confirmed_review(reg, root) -> None:
    """A fillable sample read again with its applicant's surname as a scan loses the marks ("Silins"); the
    register knows the personal code as Siliņš, so the intake's `settle_with_register` confirms it; the phone
    number stays uncertain (the file is in review)."""
    from intake.register import register_application, review_reading
    from parser import parse_file
    from parser.crosscheck import settle_with_register
    from regulation.records import Application, load

    sample = ROOT / "samples/applications/fillable/01.pdf"
    expected = json.loads(sample.with_suffix(".expected.json").read_text(encoding="utf-8"))["applicant"]
    earlier = _record("assess/adult_work_25h.json")
    earlier["applicant"] = {**earlier["applicant"], "personal_code": expected["personal_code"],
                            "birth_date": expected["birth_date"], "given_name": expected["given_name"],
                            "surname": expected["surname"]}
    with reg.transaction() as tx:
        register_application(tx, load(Application, earlier), "e1" * 32, None)
    copy = root / "review" / "01.pdf"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(sample.read_bytes())
    result = parse_file(str(sample))
    seen = result.fields["applicant.surname"].model_copy(update={"value": "Silins", "raw": "Silins",
                                                                  "confidence": 0.5})
    result = result.model_copy(update={"fields": {**result.fields, "applicant.surname": seen}})
    with reg.reading() as tx:
        result = settle_with_register(result, tx.known_names([expected["personal_code"]]))
    reading = review_reading(result, root, copy)
    reading["fields"]["applicant.phone"]["confidence"] = 0.3
    reading["issues"].append({"field": "applicant.phone", "severity": "warning", "code": "uncertain",
                              "message_lv": "tālrunis nolasīts nedroši", "message_en": "uncertain", "page": 0})
    reading["needs_review"], reading["record"] = True, None
    with reg.transaction() as tx:
        tx.journal_claim(CONFIRMED_SHA, "01.pdf", len(sample.read_bytes()))
        tx.journal_set(CONFIRMED_SHA, "needs_review")
        tx.add_review(CONFIRMED_SHA, "application", dt.date(2019, 8, 4), reading)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("service")
    db = f"sqlite:///{root / 'asistents.db'}"
    ids = _seed(root, db)
    with serving(root, db) as url:
        yield url, root, ids



def _post(c: httpx.Client, page_url: str, action: str, **data) -> httpx.Response:
    return c.post(action, data={"csrftoken": csrf_of(c.get(page_url).text), **data})


def _alert(r: httpx.Response) -> str:
    found = re.search(r'role="alert">([^<]*)<', r.text)
    return found.group(1) if found else ""


def test_20_22_timesheets_on_the_case_page_and_the_worklist_by_keyboard(service, browser, screenshots):
    url, root, ids = service
    ctx, page = logged_in_page(browser, url, "anna")
    try:
        page.goto(f"{url}/cases/{ids['served']}")
        section = page.locator("section[aria-labelledby=uzskaite]")
        text = section.inner_text()
        assert "2019. gada oktobris: asistents Jānis Bērziņš" in text
        assert "MK942 9.1.1" in text and "nav parakstījis pakalpojuma saņēmējs" in text
        assert "provizoriski" in text
        total = section.locator("table.payable tr", has_text="Kopā").locator("td").inner_text()
        assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})*,\d\d\u00a0EUR", total), total
        # to the worklist from the navigation, keyboard only
        page.get_by_role("link", name="Lapas ar kļūdām").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/timesheets/errors$"))
        assert page.get_by_role("heading", level=1).inner_text() == "Uzskaites lapas ar kļūdām: 2019. gada oktobris"
        assert page.locator("article.timesheet").count() == 1
        assert "Saņēmējs: Līga Bērziņa" in page.locator("article.timesheet").inner_text()
        page.screenshot(path=screenshots / "timesheets_with_errors.png", full_page=True)
        page.get_by_label("Mēnesis").fill("2019-09")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*menesis=2019-09$"))
        assert page.get_by_text("Šī mēneša uzskaites lapās kļūdu nav.").is_visible()
    finally:
        ctx.close()
    with httpx.Client(base_url=url) as c:
        login(c, "auditore")
        assert c.get("/timesheets/errors?menesis=oktobris").status_code == 400
        login(c, "admins")
        assert c.get("/timesheets/errors").status_code == 403


def test_a_document_made_again_is_a_new_version_beside_the_old(service, browser, tmp_path):
    url, root, ids = service
    case_url = f"{url}/cases/{ids['served']}"
    ctx, page = logged_in_page(browser, url, "anna")
    try:
        page.goto(case_url)
        docs = page.locator("section[aria-labelledby=dokumenti] li")
        before = docs.count()
        old_links = page.locator("section[aria-labelledby=dokumenti] a").evaluate_all("as => as.map(a => a.href)")
        # the adopted decision (the second document): its button, by keyboard
        page.get_by_role("button", name=re.compile(r"Izveidot no jauna: lēmums")).nth(1).focus()
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        status = page.get_by_role("status").inner_text()
        assert status.startswith("dokuments izveidots no jauna: decision-lemums-as-2019-000001-berzina-2.docx")
        assert docs.count() == before + 1
        links = page.locator("section[aria-labelledby=dokumenti] a").evaluate_all("as => as.map(a => a.href)")
        assert set(old_links) < set(links)  # every earlier version is still listed
        with page.expect_download() as info:
            docs.last.get_by_role("link", name="lēmums (PDF)").click()
        saved = tmp_path / "lemums-2.pdf"
        info.value.save_as(saved)
        with pdfplumber.open(saved) as pdf:
            text = "\n".join(p.extract_text() for p in pdf.pages)
        assert "LĒMUMS" in text and "AS-2019-000001" in text and "Bērziņa" in text
    finally:
        ctx.close()
    folder = root / "outbox" / f"case-{ids['served']:06d}"
    assert (folder / "decision-lemums-as-2019-000001-berzina.docx").is_file()
    assert (folder / "decision-lemums-as-2019-000001-berzina-2.docx").is_file()


def test_16_change_of_assistant_from_the_case_page_and_its_refusal(service, browser):
    url, root, ids = service
    case_url = f"{url}/cases/{ids['served']}"
    ctx, page = logged_in_page(browser, url, "anna")
    try:
        page.goto(case_url)
        page.get_by_label("Jaunā asistenta vārds").fill("Rūta")
        page.get_by_label("Jaunā asistenta uzvārds").fill("Pētersone")
        page.get_by_label("Maiņa no").fill("2019-06-01")
        page.get_by_label("Personas pamatojums").fill("Iepriekšējais asistents pārcēlās.")
        page.get_by_label("Personas pamatojums").press("Tab")
        page.keyboard.press("Tab")  # past the contract number, onto the button
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("status").inner_text().startswith("asistents mainīts no 2019-06-01")
        assert "mainīts asistents (16)" in page.locator("ol.timeline").inner_text()
        assert "asistents Rūta Pētersone" in page.locator("section[aria-labelledby=ligumi]").inner_text()
    finally:
        ctx.close()
    with httpx.Client(base_url=url, timeout=60) as c:
        login(c, "anna")
        r = _post(c, case_url, f"/cases/{ids['served']}/assistant", given_name="Ilze", surname="Ozola",
                  on="2019-07-01")
        assert r.status_code == 200, _alert(r)
        r = _post(c, case_url, f"/cases/{ids['served']}/assistant", given_name="Anna", surname="Kalna",
                  on="2019-08-01")  # a third change in 2019
        assert r.status_code == 409 and "(16. punkts)" in _alert(r) and "2 reizes gadā" in _alert(r)
        r = _post(c, case_url, f"/cases/{ids['served']}/assistant", given_name="Anna", surname="Kalna", on="")
        assert r.status_code == 400 and "maiņas datumu" in _alert(r)


def test_apl_67_adoption_refused_plainly_until_the_views_are_answered(service, browser):
    url, root, ids = service
    ctx, page = logged_in_page(browser, url, "vaditaja")
    try:
        page.goto(f"{url}/cases/{ids['heard']}")
        assert "Lūdzu piešķirt arī stundas pulciņam." in page.locator("blockquote.views").inner_text()
        page.get_by_label("Lēmuma numurs").fill("2-7/2019/40")
        page.get_by_role("button", name="Pieņemt lēmumu").click()
        page.wait_for_load_state("networkidle")
        alert = page.get_by_role("alert").inner_text()
        assert "Atbilde uz personas viedokli" in alert and "--views-answer" not in alert
        assert "Stāvoklis: lēmuma projekts" in page.locator("p.state").inner_text()
        page.get_by_label("Lēmuma numurs").fill("2-7/2019/40")
        page.get_by_label("Lēmuma datums").fill("2019-04-02")
        page.get_by_label("Atbilde uz personas viedokli").fill("Pulciņš ir 7. punkta pasākums; stundas piešķirtas.")
        page.get_by_role("button", name="Pieņemt lēmumu").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("status").inner_text().startswith("lēmums Nr. 2-7/2019/40 pieņemts 2019-04-02")
    finally:
        ctx.close()
    with httpx.Client(base_url=url) as c:  # the assessment form has the views field, labelled
        login(c, "anna")
        html = c.get(f"/cases/{ids['heard']}/assessment").text
        assert '<label for="views">Personas viedoklis un argumenti</label>' in html
        assert "Lūdzu piešķirt arī stundas pulciņam." in html


def test_the_auditor_reads_the_review_queue_but_changes_nothing(service, browser):
    url, root, ids = service
    ctx, page = logged_in_page(browser, url, "auditore")
    try:
        page.goto(f"{url}/review")
        page.get_by_role("link", name="01.pdf").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf".*/review/{CONFIRMED_SHA}$"))
        page.wait_for_load_state("networkidle")
        assert page.locator("form").count() == 1  # logout only
        assert page.locator("input[name=value]").count() == 0
        assert page.locator("li.review-row img").first.evaluate("img => img.complete && img.naturalWidth > 50")
        table = page.locator("section[aria-labelledby=no-registra] table").inner_text()
        assert "Silins" in table and "Siliņš" in table and "apstiprināts no reģistra" in table
        assert page.locator("li.review-row", has_text="Uzvārds").count() == 0  # not an open field
        status = page.evaluate("""async (sha) => {
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['x-csrftoken'];
            const body = new URLSearchParams({csrftoken: token, value: '+371 20000000', back: '/review'});
            return (await fetch(`/review/${sha}/fields/applicant.phone`, {method: 'POST', body})).status; }""",
                               CONFIRMED_SHA)
        assert status == 403
        group = page.evaluate("() => [...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert "/review" in group
    finally:
        ctx.close()
    with httpx.Client(base_url=url) as c:
        login(c, "auditore")
        assert c.get("/review/group/application%3Aapplicant.phone").status_code == 200
        assert c.get(f"/review/{CONFIRMED_SHA}/crops/applicant.phone.png").headers["content-type"] == "image/png"
        login(c, "anna")  # the clerk still has the form
        assert 'name="value"' in c.get(f"/review/{CONFIRMED_SHA}").text


NEW_POSTS = ("/cases/{served}/assistant", "/cases/{served}/documents/1/regenerate")


@pytest.mark.parametrize("action", NEW_POSTS)
def test_new_posts_refuse_without_csrf_and_for_the_auditor(service, action):
    url, root, ids = service
    path = action.format(**ids)
    with httpx.Client(base_url=url) as c:
        login(c, "anna")
        before = c.get(f"/cases/{ids['served']}").text.count("<li>")
        assert c.post(path, data={"given_name": "X", "surname": "Y", "on": "2019-09-01"}).status_code == 403
        assert c.get(f"/cases/{ids['served']}").text.count("<li>") == before
    for role_user in ("auditore", "admins"):
        with httpx.Client(base_url=url) as c:
            login(c, role_user)
            token = csrf_of(c.get("/login").text) if role_user == "admins" else csrf_of(c.get("/cases").text)
            r = c.post(path, data={"csrftoken": token, "given_name": "X", "surname": "Y", "on": "2019-09-01"})
            assert r.status_code == 403, role_user
    with httpx.Client(base_url=url) as c:  # no session: nothing happens
        assert c.post(path, data={"on": "2019-09-01"}).status_code in (401, 403)


def test_a_document_without_its_data_is_not_made_again_and_says_why(workbench):
    """The shared workbench's decision was rendered by `asistents render`, outside the case's steps: no data
    kept beside it, so the page says so and nothing is added."""
    case_url = f"/cases/{workbench.case_id}"
    with workbench.client() as c:
        login(c, "anna")
        page = c.get(case_url).text
        before = page.count("/regenerate")
        r = c.post(f"{case_url}/documents/{workbench.docx_id}/regenerate", data={"csrftoken": csrf_of(page)})
        assert r.status_code == 400 and "nav saglabāti dati" in _alert(r)
        assert r.text.count("/regenerate") == before


def test_the_new_pages_reflow_at_200_percent_zoom(service, browser):
    url, root, ids = service
    ctx = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    try:
        page = ctx.new_page()
        login_by_keyboard(page, url, "anna")
        for path in (f"/cases/{ids['served']}", f"/cases/{ids['heard']}", "/timesheets/errors?menesis=2019-10",
                     f"/review/{CONFIRMED_SHA}"):
            page.goto(f"{url}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 200 %"
    finally:
        ctx.close()
