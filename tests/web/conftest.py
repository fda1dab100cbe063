"""The workbench under test: the real `asistents serve` in a subprocess on 127.0.0.1 (a free port) over a real
SQLite file, spoken to over HTTP (httpx) and through Debian's Chromium (Playwright, never its own browsers).

The register holds one user per role, a person whose surname has an apostrophe (O'Konnore), a decision
PDF and DOCX rendered by LibreOffice and recorded on that case, and a file in review whose parsed given name
is `<script>alert(1)</script>` (the register's records refuse such a name; a reading in review keeps it). The server's stderr (its log) is kept in a
file so tests can read what it wrote.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "pareiza-parole-2026"
USERS = {"anna": "clerk", "vaditaja": "head", "auditore": "auditor", "admins": "admin"}
HOSTILE = "<script>alert(1)</script>"
SURNAME = "O'Konnore"
REVIEW_SHA = "ab12" * 16
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
SCREENSHOTS = Path(__file__).with_name("screenshots")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Workbench:
    url: str
    root: Path
    db_url: str
    log: Path
    case_id: int
    document_id: int
    docx_id: int
    personal_codes: list[str]

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, follow_redirects=False, timeout=30)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def login(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"csrftoken": token, "username": username, "password": password,
                                       "next": "/"})


def login_by_keyboard(page, url: str, username: str, landing: str = r".*/(cases|due)$") -> None:
    """Log in as a person would: the page's autofocus puts the caret in the name field, Tab, the password, Enter.

    Chromium applies `autofocus` at a rendering step after the load event, so the test waits for the focus
    (and fails if it never comes) instead of typing into a page that has not focused the field yet."""
    page.goto(f"{url}/login")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'username'", timeout=10_000)
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(landing))


def logged_in_page(browser, url: str, username: str):
    """A fresh browser context (downloads allowed, 1280×900) and a page logged in by keyboard."""
    ctx = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    login_by_keyboard(page, url, username)
    return ctx, page


def _seed(root: Path, db_url: str) -> tuple[int, int, int, list[str]]:
    import registry
    from registry import users
    from regulation.records import Application

    record = json.loads((ROOT / "samples/records/assess/adult_work_25h.json").read_text(encoding="utf-8"))
    record["applicant"]["given_name"] = "Žanna"
    record["applicant"]["surname"] = SURNAME
    pdf, docx = root / "lemums.pdf", root / "lemums.docx"
    for out in (pdf, docx):
        subprocess.run([sys.executable, "-c", "import sys; from asistents.cli import main; sys.exit(main())",
                        "render", "decision", str(ROOT / "templates/lv/examples/decision.json"), "-o", str(out)],
                       check=True, capture_output=True, timeout=180, cwd=root)
    with registry.open(db_url) as reg:
        for name, role in USERS.items():
            users.add_user(reg, name, f"{name.capitalize()} Testa", role, PASSWORD)
        users.add_user(reg, "lauzejs", "Paroles Minētājs", "clerk", PASSWORD)
        app = Application.model_validate(record)
        case_id = reg.add_application(app, "ab" * 32, case_number="AS-2019/001")
        document_id = reg.add_document(case_id, "decision", str(pdf), "0" * 64, "1" * 64, "MK942 test")
        docx_id = reg.add_document(case_id, "decision", str(docx), "0" * 64, "1" * 64, "MK942 test")
        _hostile_review(reg, root)
    return case_id, document_id, docx_id, [record["applicant"]["personal_code"]]


def _hostile_review(reg, root: Path) -> None:
    """A file in review whose given name was read as `<script>alert(1)</script>` (a real fillable sample's
    reading with that one field changed and flagged as uncertain)."""
    from intake.register import review_reading
    from parser import parse_file

    sample = ROOT / "samples/applications/fillable/01.pdf"
    copy = root / "review" / "01.pdf"
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(sample.read_bytes())
    reading = review_reading(parse_file(str(sample)), root, copy)
    field = reading["fields"]["applicant.given_name"]
    field.update(value=HOSTILE, raw=HOSTILE, confidence=0.3)
    reading["issues"].append({"field": "applicant.given_name", "severity": "warning", "code": "uncertain",
                              "message_lv": f"vārds nolasīts nedroši ({HOSTILE})", "message_en": "uncertain",
                              "page": 0})
    reading["needs_review"], reading["record"] = True, None
    with reg.transaction() as tx:
        tx.journal_claim(REVIEW_SHA, "01.pdf", len(sample.read_bytes()))
        tx.journal_set(REVIEW_SHA, "needs_review")
        tx.add_review(REVIEW_SHA, "application", dt.date(2019, 3, 4), reading)


@contextlib.contextmanager
def serving(root: Path, db_url: str, *extra: str):
    """`asistents serve` on a free port over `db_url` (DIR `root`), its output in root/server.log; the URL."""
    port = _free_port()
    log = root / "server.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("ASISTENTS_DB_URL", None)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from asistents.cli import main; sys.exit(main())", "serve",
             "--host", "127.0.0.1", "--port", str(port), "--dir", str(root), "--db", db_url, *extra],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/login", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def workbench(tmp_path_factory):
    root = tmp_path_factory.mktemp("workbench")
    db_url = f"sqlite:///{root / 'asistents.db'}"
    case_id, document_id, docx_id, codes = _seed(root, db_url)
    with serving(root, db_url, "--max-upload-mb", "1") as url:
        yield Workbench(url, root, db_url, root / "server.log", case_id, document_id, docx_id, codes)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup --test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS

