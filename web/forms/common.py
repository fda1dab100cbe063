"""Small parsers shared by the pages' forms and query strings."""
from __future__ import annotations


def page_number(value: str | None) -> int:
    """`?lapa=N`: a positive page number (anything else is the first page)."""
    return int(value) if value and value.isdigit() and 0 < int(value) < 1_000_000 else 1
