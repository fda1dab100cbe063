"""The case list narrowed to one state (issue 11, item 5: the applications waiting for the service's
assessment, 8.3), over HTTP against the real server."""
from __future__ import annotations

import pytest

from tests.web.conftest import login

pytestmark = pytest.mark.slow


def test_8_3_the_case_list_narrowed_to_a_state(workbench):
    with workbench.client() as c:
        assert login(c, "anna").status_code == 303
        everything = c.get("/cases").text
        assert "AS-2019/001" in everything and 'href="/cases?stavoklis=awaiting_assessment"' in everything
        received = c.get("/cases", params={"stavoklis": "received"}).text
        assert "AS-2019/001" in received and "Lietas: saņemts" in received and "saņemts</td>" in received
        waiting = c.get("/cases", params={"stavoklis": "awaiting_assessment"})
        assert waiting.status_code == 200 and "AS-2019/001" not in waiting.text
        assert "Lietas: gaida izvērtējumu" in waiting.text and "Šajā stāvoklī lietu nav." in waiting.text
        assert 'aria-current="page">Gaida izvērtējumu' in waiting.text
        unknown = c.get("/cases", params={"stavoklis": "<script>"}).text  # no such state: the whole list
        assert "AS-2019/001" in unknown and "<script>" not in unknown
