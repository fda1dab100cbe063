"""The due list a page at a time: 120 cases waiting for a decision (9) on pages of 50, soonest first,
with the total and the overdue count, through the real server."""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from regulation.personal_code import make
from regulation.records import Application, load
from tests.web.conftest import PASSWORD, login, serving


def _seed(db_url: str) -> None:
    import registry
    from registry import users

    with registry.open(db_url) as reg:
        users.add_user(reg, "anna", "Anna Testa", "clerk", PASSWORD)
        with reg.transaction() as tx:
            for i in range(120):
                app = load(Application, {
                    "received_on": (dt.date(2019, 1, 1) + dt.timedelta(days=i)).isoformat(),
                    "applicant": {"given_name": "Līga", "surname": f"Bērziņa{i}",
                                  "personal_code": make(dt.date(1960, 1, 1) + dt.timedelta(days=i), 100),
                                  "address": "Brīvības iela 1, Rīga"},
                    "activities": [{"annex1_point": 1, "hours_per_week": 10}]})
                tx.add_application(app, hashlib.sha256(f"d{i}".encode()).hexdigest(), case_number=f"AS-{i:03d}")


def _case_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'href="/cases/(\d+)"', html)]


def test_9_due_list_comes_a_page_at_a_time_soonest_first(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'asistents.db'}"
    _seed(db_url)
    with serving(tmp_path, db_url) as url:
        import httpx
        with httpx.Client(base_url=url, follow_redirects=False, timeout=30) as client:
            login(client, "anna")
            first = client.get("/due")
            assert first.status_code == 200
            assert "Kopā: 120, no tiem nokavēti: 120." in first.text
            assert "1. lapa no 3" in first.text and 'href="/due?lapa=2"' in first.text
            ids = _case_ids(first.text)
            assert len(ids) == 50 and ids == sorted(ids)  # received one day apart: the oldest is due first
            last = client.get("/due?lapa=3")
            assert len(_case_ids(last.text)) == 20 and "3. lapa no 3" in last.text
            assert not set(ids) & set(_case_ids(last.text))
            beyond = client.get("/due?lapa=99")  # past the end: the last page
            assert "3. lapa no 3" in beyond.text
