"""Time the workbench's pages on a register of 10,000 cases: the real `asistents serve` pinned to one core
(taskset), asked over HTTP by a logged-in client, against the bare parts in the same run.

    .venv/bin/python bench/bench_web.py [--cases 10000] [--fields 1000] [--requests 200] [--db URL]

Prints p50 and p95 (ms) per page: the case list (first and last page), a case page, a document download, the
due list, the review queue holding `--fields` uncertain fields (copies of one real scan's reading, parsed once
here from samples/applications/scanned/02.pdf), one group-verification page over the whole queue, and the
login page (the framework and template with no register work: the floor). Ratios: against `Registry.case(id)`
and `casework.due` / `casework.review_queue` called in this process, and against the login page.
Target (issue 11): < 200 ms at p95 for the case page, the worklists and the review queue on one core.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import registry  # noqa: E402
from registry import users  # noqa: E402
from regulation.personal_code import make  # noqa: E402
from regulation.records import Application, load  # noqa: E402

PASSWORD = "bench-parole-2026"


def application(i: int) -> Application:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=i % 20000)
    return load(Application, {
        "received_on": (dt.date(2019, 1, 1) + dt.timedelta(days=i % 700)).isoformat(),
        "applicant": {"given_name": "Līga", "surname": f"Bērziņa{i}", "personal_code": make(birth, 100 + i // 20000),
                      "address": "Brīvības iela 1, Rīga"},
        "activities": [{"annex1_point": 1, "hours_per_week": 10}, {"annex1_point": 7, "hours_per_week": 2}],
    })


def seed_review(url: str, fields: int, folder: Path) -> tuple[int, str]:
    """Files in review holding about `fields` uncertain fields: one real scan's reading, stored under new
    SHA-256s. The number of files and the group key of the commonest field kind."""
    from intake.register import review_reading
    from parser import parse_file

    scan = ROOT / "samples/applications/scanned/02.pdf"
    result = parse_file(str(scan))
    copy = folder / "review.pdf"
    copy.write_bytes(scan.read_bytes())
    reading = review_reading(result, folder, copy)
    per_file = max(1, sum(1 for i in result.issues if i.field))
    files = max(1, fields // per_file)
    with registry.open(url) as reg:
        with reg.transaction() as tx:
            for k in range(files):
                sha = hashlib.sha256(f"review{k}".encode()).hexdigest()
                tx.journal_claim(sha, f"skenets-{k}.pdf", 1)
                tx.journal_set(sha, "needs_review")
                tx.add_review(sha, "application", dt.date(2019, 3, 1), {**reading, "sha256": sha})
    kinds = {}
    for issue in result.issues:
        if issue.field:
            key = "application:" + re.sub(r"\.\d+(?=\.|$)", ".*", issue.field)
            kinds[key] = kinds.get(key, 0) + 1
    return files, max(kinds, key=kinds.get)


def seed(url: str, n: int, folder: Path) -> tuple[int, int]:
    doc = folder / "lemums.pdf"
    doc.write_bytes(b"%PDF-1.4\n" + b"0" * 50_000 + b"\n%%EOF\n")
    with registry.open(url) as reg:
        users.add_user(reg, "bench", "Bench", "clerk", PASSWORD)
        t = time.perf_counter()
        last = 0
        for start in range(0, n, 1000):
            with reg.transaction() as tx:
                for i in range(start, min(n, start + 1000)):
                    last = tx.add_application(application(i), hashlib.sha256(f"b{i}".encode()).hexdigest(),
                                              case_number=f"AS-{i:05d}")
        doc_id = reg.add_document(last, "decision", str(doc), "0" * 64, "1" * 64, "bench")
        print(f"register: {n} cases in {time.perf_counter() - t:.1f} s")
    return last, doc_id


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(client: httpx.Client, path: str, count: int) -> list[float]:
    out = []
    for _ in range(count):
        t = time.perf_counter()
        r = client.get(path)
        out.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (path, r.status_code)
    return out


def p(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--fields", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--slow-requests", type=int, default=3,
                    help="requests for the due list and the review pages (each may take seconds)")
    ap.add_argument("--db", help="register URL (default: a SQLite file in a temporary folder)")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    url = args.db or f"sqlite:///{folder / 'asistents.db'}"
    try:
        case_id, doc_id = seed(url, args.cases, folder)
        files, group = seed_review(url, args.fields, folder)
        print(f"review queue: {files} files, about {args.fields} uncertain fields")
        port = free_port()
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        log = open(folder / "server.log", "wb")
        proc = subprocess.Popen(pin + [sys.executable, "-c", "import sys; from asistents.cli import main; "
                                       "sys.exit(main())", "serve", "--port", str(port), "--db", url],
                                stdout=log, stderr=subprocess.STDOUT, cwd=folder)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            with httpx.Client(base_url=base, timeout=900) as c:
                token = re.search(r'name="csrftoken" value="([^"]+)"', c.get("/login").text).group(1)
                c.post("/login", data={"csrftoken": token, "username": "bench", "password": PASSWORD})
                pages = c.get("/cases").text
                last_page = int(re.search(r"(\d+)\. lapa no (\d+)", pages).group(2))
                rng = random.Random(7)
                n = args.requests
                for path in ("/login", "/cases", f"/cases/{case_id}"):  # warm up templates and caches
                    timed(c, path, 10)
                results = {
                    "login page (floor)": timed(c, "/login", n),
                    "case list, page 1": timed(c, "/cases", n),
                    f"case list, page {last_page}": timed(c, f"/cases?lapa={last_page}", n),
                    "case page": [x for _ in range(n) for x in timed(c, f"/cases/{rng.randint(1, case_id)}", 1)],
                    "document download (50 kB)": timed(c, f"/cases/{case_id}/documents/{doc_id}", n),
                    "due list": timed(c, "/due", args.slow_requests),
                    "review queue": timed(c, "/review", args.slow_requests),
                    "group verification page": timed(c, f"/review/group/{quote(group)}", args.slow_requests),
                }
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:  # still inside a long request
                proc.kill()
                proc.wait()
        import casework

        with registry.open(url) as reg:
            bare = []
            for _ in range(n):
                t = time.perf_counter()
                reg.case(rng.randint(1, case_id))
                bare.append((time.perf_counter() - t) * 1000)
            bare_due, bare_review = [], []
            for _ in range(args.slow_requests):
                t = time.perf_counter()
                casework.due(reg)
                bare_due.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                casework.review_queue(reg)
                bare_review.append((time.perf_counter() - t) * 1000)
        floor = p(results["login page (floor)"], 95)
        print(f"server pinned to one core: {'yes (taskset -c 0)' if pin else 'no (taskset missing)'}; "
              f"{n} requests per page, one client")
        for name, values in results.items():
            print(f"{name:32s} p50 {p(values, 50):7.1f} ms  p95 {p(values, 95):7.1f} ms  "
                  f"(×{p(values, 95) / floor:.1f} the login page)")
        print(f"{'Registry.case(id), in process':32s} p50 {p(bare, 50):7.1f} ms  p95 {p(bare, 95):7.1f} ms  "
              f"(case page p95 ×{p(results['case page'], 95) / p(bare, 95):.1f} of it)")
        print(f"{'casework.due, in process':32s} p50 {p(bare_due, 50):7.1f} ms  p95 {p(bare_due, 95):7.1f} ms  "
              f"(due list p95 ×{p(results['due list'], 95) / p(bare_due, 95):.1f} of it)")
        print(f"{'casework.review_queue, in process':32s} p50 {p(bare_review, 50):7.1f} ms  p95 "
              f"{p(bare_review, 95):7.1f} ms  (queue p95 ×{p(results['review queue'], 95) / p(bare_review, 95):.1f} of it)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
