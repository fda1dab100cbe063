"""The login form."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoginForm:
    username: str
    password: str
    next: str


def parse_login(form) -> LoginForm:
    return LoginForm(str(form.get("username", ""))[:100].strip(), str(form.get("password", ""))[:1000],
                     str(form.get("next", "/"))[:500])
