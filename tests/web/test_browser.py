"""The workbench in Debian's Chromium (Playwright with `executable_path`): keyboard-only login, the case page
with a hostile parsed name shown as text, the decision PDF downloaded and read, the auditor who can look but
not change, and the pages at 200 % zoom. Screenshots go to tests/web/screenshots/."""
from __future__ import annotations

import pdfplumber
import pytest

from tests.web.conftest import HOSTILE, REVIEW_SHA, SURNAME, login_by_keyboard

pytestmark = pytest.mark.slow


def _login_by_keyboard(page, url, username):
    login_by_keyboard(page, url, username, landing=r".*/cases$")


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, locale="lv-LV", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_clerk_by_keyboard_sees_the_case_and_downloads_the_decision(workbench, context, screenshots, tmp_path):
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    _login_by_keyboard(page, workbench.url, "anna")

    assert page.get_by_role("link", name="AS-2019/001").is_visible()
    assert page.get_by_text(f"Žanna {SURNAME}").is_visible()
    # keyboard: the skip link comes first and its focus is visible
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return [e.textContent, s.outlineStyle, s.outlineWidth]; }""")
    assert focused[0] == "Pāriet uz saturu" and focused[1] != "none" and focused[2] != "0px"
    # to the case by keyboard: focus its link and press Enter
    page.get_by_role("link", name="AS-2019/001").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{workbench.url}/cases/{workbench.case_id}")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == f"Lieta AS-2019/001: Žanna {SURNAME}"
    assert page.get_by_text("120685-11236").is_visible()  # the personal code, to a logged-in clerk
    page.screenshot(path=screenshots / "case_page_hostile_name.png", full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="lēmums (PDF)").first.click()
    saved = tmp_path / "lemums.pdf"
    info.value.save_as(saved)
    with pdfplumber.open(saved) as pdf:
        text = pdf.pages[0].extract_text()
    assert "LĒMUMS" in text and "par asistenta pakalpojuma piešķiršanu" in text
    # a reading in review that is a script: shown as text in the reading and in the field, never run
    page.goto(f"{workbench.url}/review/{REVIEW_SHA}")
    page.wait_for_load_state("networkidle")
    assert page.get_by_text(f"Nolasīts: {HOSTILE}").is_visible()
    assert page.locator("li[data-open] input[name=value]").input_value() == HOSTILE
    assert dialogs == [] and errors == []


def test_auditor_sees_the_case_but_cannot_change_it(workbench, context):
    page = context.new_page()
    _login_by_keyboard(page, workbench.url, "auditore")
    page.goto(f"{workbench.url}/cases/{workbench.case_id}")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Lieta AS-2019/001")
    # the only form on the page is the logout button
    assert page.locator("form").count() == 1 and page.locator("form[action='/logout']").count() == 1
    assert page.get_by_role("link", name="Iesūtne").count() == 0
    # a change sent from the page itself, with the page's own CSRF token, is refused by role
    status = page.evaluate("""async () => {
        const token = JSON.parse(document.body.getAttribute('hx-headers'))['x-csrftoken'];
        const body = new FormData(); body.append('csrftoken', token);
        body.append('fails', new Blob(['%PDF-1.4'], {type: 'application/pdf'}), 'a.pdf');
        return (await fetch('/inbox', {method: 'POST', body})).status; }""")
    assert status == 403


def test_pages_reflow_at_200_percent_zoom(workbench, browser, screenshots):
    # 200 % zoom of a 1280 px window: 640 CSS pixels, each drawn as two
    ctx = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    try:
        page = ctx.new_page()
        _login_by_keyboard(page, workbench.url, "anna")
        for path in ("/cases", f"/cases/{workbench.case_id}", "/inbox"):
            page.goto(f"{workbench.url}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 200 %"
        page.goto(f"{workbench.url}/cases/{workbench.case_id}")
        page.screenshot(path=screenshots / "case_page_hostile_name_200.png", full_page=True)
    finally:
        ctx.close()
