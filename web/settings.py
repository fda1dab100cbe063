"""What the workbench runs on: the register's URL, the inbox folder, cookie and upload limits."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    db_url: str | None = None  # None: $ASISTENTS_DB_URL, else the register's default
    root: Path | None = None  # the inbox folder's root (DIR of `asistents inbox`): uploads go to DIR/inbox
    # Secure cookies: "auto" sets them when the request came over https (directly or, from a proxy on this
    # machine, by X-Forwarded-Proto), "always" behind any TLS proxy, "never" only for plain-http tests.
    secure_cookies: str = "auto"
    max_upload_bytes: int = 20 * 1024 * 1024
    page_size: int = 50
