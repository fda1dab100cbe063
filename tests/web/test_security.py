"""The security set of the workbench, over HTTP against the real server (see conftest)."""
from __future__ import annotations

import re

import pytest

from tests.web.conftest import HOSTILE, PASSWORD, REVIEW_SHA, csrf_of, login

pytestmark = pytest.mark.slow


def test_post_without_csrf_token_is_refused(workbench):
    with workbench.client() as c:
        assert login(c, "anna").status_code == 303
        assert c.get("/cases").status_code == 200
        # logout without the token: refused, and the session is still there
        assert c.post("/logout").status_code == 403
        assert c.post("/logout", data={"csrftoken": "x" + csrf_of(c.get("/cases").text)}).status_code == 403
        assert c.get("/cases").status_code == 200
        # an upload without the token, even a real PDF, is refused and nothing lands in the inbox
        before = sorted((workbench.root / "inbox").glob("*")) if (workbench.root / "inbox").exists() else []
        r = c.post("/inbox", files={"fails": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})
        assert r.status_code == 403
        after = sorted((workbench.root / "inbox").glob("*")) if (workbench.root / "inbox").exists() else []
        assert after == before
        # with the token it goes through
        token = csrf_of(c.get("/cases").text)
        assert c.post("/logout", data={"csrftoken": token}).status_code == 303
        assert c.get("/cases").status_code == 303


def test_login_without_csrf_token_is_refused_even_without_cookies(workbench):
    with workbench.client() as c:
        r = c.post("/login", data={"username": "anna", "password": PASSWORD})
        assert r.status_code == 403
        assert "asistents_session" not in r.headers.get("set-cookie", "")


def test_clerk_cannot_reach_admin(workbench):
    with workbench.client() as c:
        login(c, "anna")
        assert c.get("/admin/users").status_code == 403
        token = csrf_of(c.get("/cases").text)
        r = c.post("/admin/users", data={"csrftoken": token, "username": "ielauzies", "full_name": "X",
                                         "role": "admin", "password": "a" * 20})
        assert r.status_code == 403
    with workbench.client() as c:
        login(c, "admins")
        assert "ielauzies" not in c.get("/admin/users").text


def test_auditor_cannot_change_anything(workbench):
    with workbench.client() as c:
        login(c, "auditore")
        assert c.get(f"/cases/{workbench.case_id}").status_code == 200
        page = c.get("/cases").text
        token = csrf_of(page)
        assert 'action="/inbox"' not in page and 'href="/inbox"' not in page
        r = c.post("/inbox", data={"csrftoken": token},
                   files={"fails": ("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")})
        assert r.status_code == 403
        assert c.post("/admin/users", data={"csrftoken": token, "username": "x1", "role": "clerk",
                                            "password": "b" * 20}).status_code == 403


def test_admin_sees_no_case(workbench):
    with workbench.client() as c:
        login(c, "admins")
        assert c.get(f"/cases/{workbench.case_id}").status_code == 403
        assert c.get("/cases").status_code == 403
        assert c.get(f"/cases/{workbench.case_id}/documents/{workbench.document_id}").status_code == 403


def test_copied_case_and_document_urls_answer_only_to_a_logged_in_user_with_the_right_role(workbench):
    case_url = f"/cases/{workbench.case_id}"
    doc_url = f"{case_url}/documents/{workbench.document_id}"
    with workbench.client() as clerk:
        login(clerk, "anna")
        assert clerk.get(case_url).status_code == 200
        r = clerk.get(doc_url)
        assert r.status_code == 200 and r.content.startswith(b"%PDF-")
        assert r.headers["content-disposition"].startswith("attachment")
        cookie = clerk.cookies["asistents_session"]
        # the same document id under another case is not served
        assert clerk.get(f"/cases/{workbench.case_id + 1}/documents/{workbench.document_id}").status_code == 404
        assert clerk.post("/logout", data={"csrftoken": csrf_of(clerk.get("/cases").text)}).status_code == 303
    for url in (case_url, doc_url):
        with workbench.client() as stranger:  # no session at all
            r = stranger.get(url)
            assert r.status_code == 303 and r.headers["location"].startswith("/login")
            assert workbench.personal_codes[0] not in r.text
        with workbench.client() as replay:  # the cookie of a session that has ended
            replay.cookies.set("asistents_session", cookie)
            assert replay.get(url).status_code == 303
        with workbench.client() as forged:
            forged.cookies.set("asistents_session", "A" * 43)
            assert forged.get(url).status_code == 303


def test_a_parsed_script_name_shows_as_text(workbench):
    with workbench.client() as c:
        login(c, "anna")
        for url in (f"/review/{REVIEW_SHA}", "/review/group/application%3Aapplicant.given_name"):
            html = c.get(url).text
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
            assert HOSTILE not in html
            scripts = re.findall(r"<script[^>]*>", html)
            assert all(re.fullmatch(r'<script src="/static/(htmx\.min|workbench)\.js\?v=\w+" defer>', t) for t in scripts)
        for url in ("/cases", f"/cases/{workbench.case_id}"):  # a name with an apostrophe, escaped as well
            html = c.get(url).text
            assert "O&#39;Konnore" in html and "O'Konnore" not in html


def test_session_id_changes_at_login(workbench):
    with workbench.client() as c:
        login(c, "anna")
        first = c.cookies["asistents_session"]
        login(c, "anna")  # logging in again from the same browser, with the old cookie
        second = c.cookies["asistents_session"]
        assert second != first
    with workbench.client() as old:
        old.cookies.set("asistents_session", first)
        assert old.get("/cases").status_code == 303  # the earlier id no longer opens anything
    with workbench.client() as new:
        new.cookies.set("asistents_session", second)
        assert new.get("/cases").status_code == 200


def test_session_cookie_flags(workbench):
    with workbench.client() as c:
        r = login(c, "anna")
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    with workbench.client() as c:  # behind a TLS proxy on the same machine
        c.headers["x-forwarded-proto"] = "https"
        r = c.get("/login")
        assert "Secure" in r.headers["set-cookie"]
        c.cookies.set("asistents_csrf", r.cookies["asistents_csrf"])  # httpx keeps Secure cookies off http
        r = c.post("/login", data={"csrftoken": csrf_of(r.text), "username": "anna", "password": PASSWORD})
        assert r.status_code == 303
        assert "Secure" in r.headers["set-cookie"] and "HttpOnly" in r.headers["set-cookie"]


def test_ten_wrong_passwords_lock_the_account(workbench):
    with workbench.client() as c:
        codes = [login(c, "lauzejs", f"nepareiza-{i}").status_code for i in range(10)]
        assert codes[:4] == [401] * 4
        assert codes[4:] == [429] * 6  # the fifth wrong one locks the account
        r = login(c, "lauzejs", PASSWORD)  # the right password does not open it while locked
        assert r.status_code == 429 and "bloķēts" in r.text
        assert "asistents_session" not in r.headers.get("set-cookie", "")
    with workbench.client() as c:  # other accounts are not affected
        assert login(c, "anna").status_code == 303


def test_disabled_user_is_out_at_once(workbench):
    from registry import open as open_register
    from registry import users

    with open_register(workbench.db_url) as reg:
        users.add_user(reg, "pagaidu", "Pagaidu Lietotājs", "clerk", PASSWORD)
    with workbench.client() as c:
        login(c, "pagaidu")
        assert c.get("/cases").status_code == 200
        with workbench.client() as admin:
            login(admin, "admins")
            page = admin.get("/admin/users").text
            user_id = re.search(r'action="/admin/users/(\d+)/active">\s*<input[^>]*>\s*'
                                r'<input type="hidden" name="aktivs" value="0">\s*<button[^>]*>Atslēgt'
                                r'<span class="visually-hidden"> pagaidu', page).group(1)
            assert admin.post(f"/admin/users/{user_id}/active",
                              data={"csrftoken": csrf_of(page), "aktivs": "0"}).status_code == 303
        assert c.get("/cases").status_code == 303
        assert login(c, "pagaidu").status_code == 401


def test_inbox_upload_takes_a_pdf_and_refuses_others(workbench):
    with workbench.client() as c:
        login(c, "anna")
        token = csrf_of(c.get("/inbox").text)
        pdf = (workbench.root / "lemums.pdf").read_bytes()
        r = c.post("/inbox", data={"csrftoken": token}, files={"fails": ("Iesniegums Nr 5.pdf", pdf, "application/pdf")})
        assert r.status_code == 200 and "iesniegums-nr-5.pdf" in r.text
        assert (workbench.root / "inbox" / "iesniegums-nr-5.pdf").read_bytes() == pdf
        assert (workbench.root / "inbox" / "iesniegums-nr-5.pdf").stat().st_mode & 0o777 == 0o600  # private
        r = c.post("/inbox", data={"csrftoken": token}, files={"fails": ("Iesniegums Nr 5.pdf", pdf, "application/pdf")})
        assert "iesniegums-nr-5-2.pdf" in r.text  # never over the first
        r = c.post("/inbox", data={"csrftoken": token}, files={"fails": ("x.pdf", b"MZ\x90\x00", "application/pdf")})
        assert r.status_code == 400 and "nav PDF" in r.text
        big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
        r = c.post("/inbox", data={"csrftoken": token}, files={"fails": ("big.pdf", big, "application/pdf")})
        assert r.status_code == 413
        names = sorted(p.name for p in (workbench.root / "inbox").iterdir())
        assert names == ["iesniegums-nr-5-2.pdf", "iesniegums-nr-5.pdf"]


def test_no_personal_code_in_server_logs(workbench):
    code = workbench.personal_codes[0]
    with workbench.client() as c:
        login(c, "anna")
        c.get(f"/cases?q={code}")
        c.get(f"/cases/{code}")
        c.get(f"/cases/{workbench.case_id}")
        c.get(f"/cases/{workbench.case_id}/documents/{workbench.document_id}")
        login(c, code)  # typed into the user name field
    log = workbench.log_text()
    assert "GET /cases/{case_id:int} 200" in log  # the log is there and names routes
    for variant in (code, code.replace("-", "")):
        assert variant not in log


def test_annex2_page_and_download(workbench):
    import io

    import openpyxl

    with workbench.client() as c:
        login(c, "auditore")
        r = c.get("/annex2?menesis=2019-03")
        assert r.status_code == 200 and "2019. gada marts" in r.text and "Asistentu skaits" in r.text
        assert c.get("/annex2?menesis=2030-01").status_code == 400
        assert c.get("/annex2?menesis=marts").status_code == 400
        r = c.get("/annex2/2019/3.xlsx")
        assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
        book = openpyxl.load_workbook(io.BytesIO(r.content))
        assert "2019" in " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value)
        assert c.get("/annex2/2019/3.exe").status_code == 404
    with workbench.client() as c:
        login(c, "admins")
        assert c.get("/annex2/2019/3.xlsx").status_code == 403


def test_a_docx_document_downloads_as_pdf_too(workbench):
    import io

    import pdfplumber

    with workbench.client() as c:
        login(c, "auditore")
        url = f"/cases/{workbench.case_id}/documents/{workbench.docx_id}"
        assert c.get(url).content[:2] == b"PK"  # the DOCX itself
        r = c.get(f"{url}.pdf", timeout=180)
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        with pdfplumber.open(io.BytesIO(r.content)) as pdf:
            assert "LĒMUMS" in pdf.pages[0].extract_text()
    with workbench.client() as c:
        assert c.get(f"/cases/{workbench.case_id}/documents/{workbench.docx_id}.pdf").status_code == 303
