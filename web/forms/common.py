"""Small parsers shared by the pages' forms and query strings."""
from __future__ import annotations


def page_number(value: str | None) -> int:
    """`?lapa=N`: a positive page number (anything else is the first page)."""
    return int(value) if value and value.isdigit() and 0 < int(value) < 1_000_000 else 1


def month_of(text: str) -> tuple[int, int] | None:
    """`GGGG-MM` as (year, month), or None."""
    text = text.strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        return int(text[:4]), int(text[5:])
    return None
