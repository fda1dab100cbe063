"""One field of the verification station: the value as typed (the reading unchanged confirms it)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldForm:
    value: str
    back: str  # the page the clerk works on (a file or a group)


def parse_field(form) -> FieldForm:
    back = str(form.get("back", "/review"))[:300]
    if not back.startswith("/review") or "//" in back:
        back = "/review"
    return FieldForm(str(form.get("value", "")).strip()[:500], back)
