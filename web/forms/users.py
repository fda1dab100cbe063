"""The admin's form for a new user."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewUser:
    username: str
    full_name: str
    role: str
    password: str


def parse_new_user(form) -> NewUser:
    return NewUser(str(form.get("username", "")).strip().lower()[:40], str(form.get("full_name", "")).strip()[:200],
                   str(form.get("role", "")), str(form.get("password", ""))[:1000])
