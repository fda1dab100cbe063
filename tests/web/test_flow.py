"""A clerk's morning in Debian's Chromium, keyboard only, over a register the real inbox filled from two copier
scans (samples/applications/scanned/01–03 — 02 upside down): group verification of one kind of field
across both files, the rest of one file field by field (each value typed as the sample generator wrote it,
samples/…/NN.expected.json), the assessment entered, the decision adopted by the head and downloaded as PDF,
and an auditor who sees the case and its log but cannot change it. Screenshots of the verification station,
the case page and the due list go to tests/web/screenshots/."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import httpx
import pdfplumber
import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.web.conftest import PASSWORD, ROOT, csrf_of, logged_in_page, login, serving

# The tests share one server and go on from each other's steps: scripts/test keeps a module on one worker
# (--dist loadscope), in order.
pytestmark = pytest.mark.slow
SCANNED = ROOT / "samples/applications/scanned"


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "import sys; from asistents.cli import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})


def expected_text(expected: dict, name: str) -> str | None:
    """What the generator wrote in form field `name`, as a clerk types it (None: the field was left empty)."""
    parts = name.split(".")
    if parts[0] == "activities":
        point = int(parts[1]) + 1  # the form's activity rows are Annex 1 points 1–7
        found = next((a for a in expected["activities"] if a["annex1_point"] == point), None)
        value = found.get(parts[2]) if found else None
    else:
        value = expected
        for p in parts:
            value = value.get(p) if isinstance(value, dict) else None
    if value is None:
        return None
    if isinstance(value, bool):
        return "jā" if value else "nē"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
        return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
    return str(value)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    root = tmp_path_factory.mktemp("office")
    (root / "inbox").mkdir()
    for n in ("01", "02", "03"):
        (root / "inbox" / f"skenets-{n}.pdf").write_bytes((SCANNED / f"{n}.pdf").read_bytes())
    db = f"sqlite:///{root / 'asistents.db'}"
    done = _cli("inbox", "process", str(root), "--db", db)
    assert done.returncode in (0, 1), done.stderr
    for name, role in (("anna", "clerk"), ("vaditaja", "head"), ("auditore", "auditor")):
        assert _cli("users", "add", name, "--role", role, "--db", db, "--password-stdin",
                    stdin=PASSWORD + "\n").returncode == 0
    with serving(root, db) as url:
        yield url, root, db



def _settle_open_fields(page, expected_of) -> int:
    """Type each open field's right value (or keep the reading) and press Enter, moving only by keyboard."""
    settled = 0
    while True:
        row = page.locator("li[data-open]").first
        if row.count() == 0:
            return settled
        field_input = row.locator("input[name=value]")
        # the focus is there without a click: autofocus on a new page (applied a frame after load), or the
        # previous row's answer moving it on
        page.wait_for_function("document.activeElement && document.activeElement.name === 'value'", timeout=10_000)
        row_id = row.get_attribute("id")  # (the locator moves on to the next open row once this one is settled)
        name = row.locator("form").get_attribute("action").rsplit("/", 1)[1]
        file_label = row.locator("label").inner_text()
        want = expected_of(name, file_label)
        if want is not None and field_input.input_value() != want:
            page.keyboard.press("Control+A")
            page.keyboard.type(want)
        page.keyboard.press("Enter")
        try:  # the row comes back settled and the focus moves on to the next open one (or the page moves on)
            page.wait_for_function("""(id) => { const row = document.getElementById(id);
                if (row && row.dataset.open) return false;
                const a = document.activeElement;
                return !document.querySelector('li[data-open]') || (a && a.closest && a.closest('li[data-open]')); }""",
                                   arg=row_id)
        except PlaywrightError:  # the page went on to the queue while waiting: the file is done
            page.wait_for_load_state()
        settled += 1
        if page.url.endswith("/review") or "pabeigts" in page.url:
            return settled


def test_clerk_verifies_the_scans_by_keyboard_with_group_verification(office, browser, screenshots):
    url, root, db = office
    expected = {n: json.loads((SCANNED / f"{n}.expected.json").read_text()) for n in ("01", "02", "03")}

    def expected_of(name, label, file="02"):
        # a group's labels name their file; a single file's page does not (`file`)
        n = re.search(r"skenets-(\d\d)", label).group(1) if "skenets-" in label else file
        return expected_text(expected[n], name)

    ctx, page = logged_in_page(browser, url, "anna")
    try:
        page.goto(f"{url}/review")
        assert page.get_by_role("link", name="skenets-02.pdf").is_visible()
        # group verification: the representative's e-mail as read on two scans, on one screen
        group = page.get_by_role("link", name="Likumiskā pārstāvja e-pasta adrese")
        group.focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r".*/review/group/.*"))
        labels = page.locator("li[data-open] label").all_inner_texts()
        assert any("skenets-02" in t for t in labels) and any("skenets-03" in t for t in labels)
        assert page.locator("li[data-open] img").count() == len(labels)
        assert _settle_open_fields(page, expected_of) == len(labels)

        # one file, field by field, with the crop of the scan beside each reading
        page.goto(f"{url}/review")
        page.get_by_role("link", name="skenets-02.pdf").focus()
        page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
        first_crop = page.locator("li[data-open] img").first
        # the crop is drawn on request and loaded lazily (once in view): it may still be on its way after
        # "networkidle"
        first_crop.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=first_crop.element_handle(),
                               timeout=30_000)
        assert first_crop.evaluate("img => img.complete && img.naturalWidth > 100")
        page.screenshot(path=screenshots / "verification_station.png")
        _settle_open_fields(page, expected_of)
        page.wait_for_url(re.compile(r".*/review\?pabeigts=skenets-02\.pdf$"))
        assert page.get_by_role("status").inner_text().startswith("Fails „skenets-02.pdf” pārbaudīts")
        # and what is left of the third — if anything: when group verification settled its last open field,
        # it went on there and then, as a clean file would
        third = page.get_by_role("link", name="skenets-03.pdf")
        if third.count():
            third.focus()
            page.keyboard.press("Enter")
            page.wait_for_load_state("networkidle")
            _settle_open_fields(page, lambda name, label: expected_of(name, label, "03"))
            page.wait_for_url(re.compile(r".*/review\?pabeigts=skenets-03\.pdf$"))
        assert page.get_by_role("link", name="skenets-03.pdf").count() == 0
    finally:
        ctx.close()

    # the corrected file went on as a clean one: a case with the values typed
    with httpx.Client(base_url=url) as c:
        login(c, "anna")
        cases = c.get("/cases").text
        assert "Uģis Žagars" in cases and "Aivars Ozols" in cases


def _case_id(url, name):
    with httpx.Client(base_url=url) as c:
        login(c, "anna")
        html = c.get("/cases").text
    row = next(r for r in html.split("<tr>") if name in r)
    return int(re.search(r'href="/cases/(\d+)"', row).group(1))


def test_assessment_adoption_download_and_the_auditor(office, browser, screenshots, tmp_path):
    url, root, db = office
    case_id = _case_id(url, "Aivars Ozols")  # received 2020-09-06, under MK 942 (02 came after its repeal)
    ctx, page = logged_in_page(browser, url, "anna")
    try:
        page.goto(f"{url}/cases/{case_id}")
        state = page.locator("p.state").inner_text()
        assert state in ("Stāvoklis: gaida izvērtējumu", "Stāvoklis: saņemts"), state
        page.get_by_role("link", name="Ievadīt izvērtējumu").click()
        # a child's assessment (as samples/records/assess/child_assessment.json), by label
        page.get_by_label("VDEĀVK atzinums").select_option("special_care")
        page.get_by_label("Atzinums izdots").fill("2020-06-20")
        page.get_by_label("Atzinums derīgs līdz").fill("2022-06-19")
        page.get_by_label("Var pārvietoties ārpus mājas bez asistenta").select_option("no")
        page.get_by_label("Nevar pārvietoties arī ar asistentu").select_option("no")
        page.get_by_label("Personas iesaiste pasākumos atbilst 1. pielikuma kritērijiem").select_option("yes")
        page.get_by_role("button", name="Saglabāt izvērtējumu").click()
        page.wait_for_url(re.compile(rf".*/cases/{case_id}(#lemums)?$"))
        assert page.get_by_text("Lēmumu pieņem vadītājs.").is_visible()  # a clerk cannot adopt
        page.screenshot(path=screenshots / "case_page.png", full_page=True)
        page.goto(f"{url}/due")
        page.screenshot(path=screenshots / "due_list.png", full_page=True)
    finally:
        ctx.close()

    ctx, page = logged_in_page(browser, url, "vaditaja")
    try:
        page.goto(f"{url}/cases/{case_id}")
        page.get_by_label("Lēmuma numurs").fill("2-7/2020/15")
        page.get_by_role("button", name="Pieņemt lēmumu").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("status").is_visible()
        assert "Nr. 2-7/2020/15" in page.locator("#lemums ~ p").first.inner_text()
        link = page.get_by_role("link", name=re.compile(r"lēmums.*\(PDF\)"))
        with page.expect_download() as info:
            link.last.click()  # the newest: made at the adoption
        saved = tmp_path / "lemums.pdf"
        info.value.save_as(saved)
        with pdfplumber.open(saved) as pdf:
            text = "\n".join(p.extract_text() for p in pdf.pages)
        assert "LĒMUMS" in text and "Aivars Ozols" in text and "2-7/2020/15" in text
    finally:
        ctx.close()

    ctx, page = logged_in_page(browser, url, "auditore")
    try:
        page.goto(f"{url}/cases/{case_id}")
        assert "Nr. 2-7/2020/15" in page.content()
        assert page.locator("form").count() == 1  # logout only: no assessment, adoption or notification
        page.goto(f"{url}/audit?lieta={case_id}")
        rows = page.locator("tbody tr").all_inner_texts()
        assert any("vaditaja" in r and "adopt" in r for r in rows)
        assert any("anna" in r and "view" in r for r in rows)  # views are logged too
        assert any("vaditaja" in r and "download" in r for r in rows)
        status = page.evaluate("""async (id) => {
            const token = JSON.parse(document.body.getAttribute('hx-headers'))['x-csrftoken'];
            const body = new URLSearchParams({csrftoken: token, disability_group: 'I'});
            return (await fetch(`/cases/${id}/assessment`, {method: 'POST', body})).status; }""", case_id)
        assert status == 403
    finally:
        ctx.close()


def test_notify_contract_suspend_resume_terminate_from_the_case_page(office):
    """After the adoption above: the rest of the case's life through the case page's forms (HTTP, the same
    POSTs the browser sends), each step answered with the new state, a refused one with its point."""
    import registry

    url, root, db = office
    case_id = _case_id(url, "Aivars Ozols")
    with httpx.Client(base_url=url, timeout=120) as c:
        login(c, "anna")

        def step(action, **data):
            page = c.get(f"/cases/{case_id}").text
            return c.post(f"/cases/{case_id}/{action}", data={"csrftoken": csrf_of(page), **data})

        def alert(r):
            found = re.search(r'role="alert">([^<]*)<', r.text)
            return found.group(1) if found else ""

        r = step("notify", how="registered_post")  # today, as the form's empty date means
        assert r.status_code == 200 and "Stāvoklis: <strong>paziņots</strong>" in r.text, alert(r)
        r = step("contract", given_name="Rūta", surname="Pētersone", number="L-2020/7")
        assert r.status_code == 200 and "Stāvoklis: <strong>pakalpojums tiek sniegts</strong>" in r.text, alert(r)
        with registry.open(db) as reg:
            start = reg.contract("L-2020/7").start
        r = step("resume", on=(start + dt.timedelta(days=5)).isoformat())
        assert r.status_code == 409 and "18" in r.text  # nothing suspended: the step is refused
        r = step("suspend", reason="hospital", facts="Slimnīcas izziņa.", start=(start + dt.timedelta(days=10)).isoformat())
        assert "Stāvoklis: <strong>pārtraukts uz laiku</strong>" in r.text, alert(r)
        r = step("resume", on=(start + dt.timedelta(days=20)).isoformat())
        assert "Stāvoklis: <strong>pakalpojums tiek sniegts</strong>" in r.text, alert(r)
        r = step("terminate", ground="17.1", facts="Persona atteicās.", on=(start + dt.timedelta(days=40)).isoformat())
        assert "Stāvoklis: <strong>izbeigts</strong>" in r.text, alert(r)
        timeline = r.text.split('id="gaita"')[1].split("</ol>")[0]
        for label in ("paziņots (10)", "līgums noslēgts (14)", "apturēts (18)", "atsākts (18)", "izbeigts (17)"):
            assert label in timeline
