"""The workbench's users, their sessions and the login throttle (tables of migration 0004).

- Users have one role: `clerk` (works cases and reviews), `head` (also adopts and signs decisions), `auditor`
  (reads everything, changes nothing), `admin` (users only). Passwords are argon2id hashes (argon2-cffi).
- `authenticate` refuses an account after `MAX_FAILURES` wrong passwords within `LOCK_WINDOW`, for
  `LOCK_WINDOW` after the last one, even with the right password (so guessing cannot go on at full speed);
  `asistents users passwd` lifts the lock.
- Sessions are rows keyed by the SHA-256 of a random token; only the token goes to the browser. A new token is
  made at every login (the id changes), sessions end at logout, after `IDLE` without a request, after `MAX_AGE`,
  and when the user is disabled or gets a new password.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, delete, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base

if TYPE_CHECKING:
    from registry.store import Registry

ROLES = ("clerk", "head", "auditor", "admin")
ROLE_LABELS = {"clerk": "lietvedis", "head": "vadītājs", "auditor": "auditors", "admin": "administrators"}
MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCK_WINDOW = dt.timedelta(minutes=15)
IDLE = dt.timedelta(hours=1)
MAX_AGE = dt.timedelta(hours=12)
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
_HASHER = PasswordHasher()  # argon2id with the library's current defaults
_DUMMY = _HASHER.hash("not a password of anyone")  # verified for unknown names, so timing does not tell them


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LoginAttemptRow(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    succeeded: Mapped[bool] = mapped_column(Boolean)


class WebSessionRow(Base):
    __tablename__ = "web_sessions"
    token_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class WebKeyRow(Base):
    """Secrets the workbench signs with (kept in the register, so every server on it agrees)."""

    __tablename__ = "web_keys"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserError(ValueError):
    """A refused user change, in Latvian and English."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


@dataclass(frozen=True)
class User:
    id: int
    username: str
    full_name: str
    role: str
    active: bool

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class LoginResult:
    """`user` when the password was right and the account open; else `locked_until` when the throttle holds."""

    user: User | None
    locked_until: dt.datetime | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)  # SQLite gives naive UTC back


def _user(row: UserRow) -> User:
    return User(row.id, row.username, row.full_name, row.role, row.active)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserError(f"parolei jābūt vismaz {MIN_PASSWORD} rakstzīmes garai",
                        f"the password must be at least {MIN_PASSWORD} characters long")


def _token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _row(s, username: str) -> UserRow:
    row = s.scalars(select(UserRow).where(UserRow.username == username)).first()
    if row is None:
        raise UserError(f"lietotājs '{username}' nav atrasts", f"no user '{username}'")
    return row


def add_user(reg: "Registry", username: str, full_name: str, role: str, password: str) -> User:
    """A new active user. Names are lower-case letters, digits, '.', '_' or '-' (2–40)."""
    if not _USERNAME.match(username):
        raise UserError("lietotājvārdā drīkst būt mazie latīņu burti, cipari, '.', '_' un '-' (2–40 rakstzīmes)",
                        "a user name is 2-40 lower-case letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise UserError(f"loma '{role}' nav zināma (der: {', '.join(ROLES)})",
                        f"unknown role '{role}' (use one of: {', '.join(ROLES)})")
    _check_password(password)
    with reg.transaction() as tx:
        s = tx.session
        if s.scalars(select(UserRow.id).where(UserRow.username == username)).first() is not None:
            raise UserError(f"lietotājs '{username}' jau ir", f"user '{username}' exists already")
        now = _now()
        row = UserRow(username=username, full_name=full_name.strip() or username, role=role,
                      password_hash=_HASHER.hash(password), active=True, created_at=now, updated_at=now)
        s.add(row)
        s.flush()
        return _user(row)


def set_password(reg: "Registry", username: str, password: str) -> User:
    """A new password; ends the user's sessions and lifts a login lock."""
    _check_password(password)
    with reg.transaction() as tx:
        s = tx.session
        row = _row(s, username)
        row.password_hash, row.updated_at = _HASHER.hash(password), _now()
        s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        s.execute(delete(LoginAttemptRow).where(LoginAttemptRow.username == username))
        return _user(row)


def set_active(reg: "Registry", username: str, active: bool) -> User:
    """Disable (or enable again) a user; disabling ends the user's sessions at once."""
    with reg.transaction() as tx:
        s = tx.session
        row = _row(s, username)
        row.active, row.updated_at = active, _now()
        if not active:
            s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == row.id))
        return _user(row)


def users(reg: "Registry") -> list[User]:
    with reg.reading() as tx:
        return [_user(r) for r in tx.session.scalars(select(UserRow).order_by(UserRow.username))]


def user(reg: "Registry", user_id: int) -> User | None:
    with reg.reading() as tx:
        row = tx.session.get(UserRow, user_id)
        return _user(row) if row is not None else None


def locked_until(reg: "Registry", username: str, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the throttle lets `username` try again, or None if it may try now."""
    now = now or _now()
    with reg.reading() as tx:
        return _locked_until(tx.session, username, now)


def _locked_until(s, username: str, now: dt.datetime) -> dt.datetime | None:
    last_ok = s.scalar(select(func.max(LoginAttemptRow.at)).where(
        LoginAttemptRow.username == username, LoginAttemptRow.succeeded.is_(True)))
    since = now - LOCK_WINDOW
    if last_ok is not None and _aware(last_ok) > since:
        since = _aware(last_ok)
    failures = s.execute(select(func.count(), func.max(LoginAttemptRow.at)).where(
        LoginAttemptRow.username == username, LoginAttemptRow.succeeded.is_(False),
        LoginAttemptRow.at > since)).one()
    if failures[0] >= MAX_FAILURES:
        return _aware(failures[1]) + LOCK_WINDOW
    return None


def authenticate(reg: "Registry", username: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """Check a login. Every attempt is recorded (the name as typed, truncated; never the password)."""
    now = now or _now()
    username = username.strip().lower()[:40]
    with reg.transaction() as tx:
        s = tx.session
        until = _locked_until(s, username, now)
        if until is not None:  # not recorded: hammering a locked name neither grows the table nor moves the lock
            return LoginResult(None, until)
        row = s.scalars(select(UserRow).where(UserRow.username == username)).first()
        try:
            ok = _HASHER.verify(row.password_hash if row is not None else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            ok = False
        ok = ok and row is not None and row.active
        s.add(LoginAttemptRow(username=username, at=now, succeeded=ok))
        if not ok:
            return LoginResult(None, _locked_until(s, username, now + dt.timedelta(microseconds=1)))
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        return LoginResult(_user(row))


def start_session(reg: "Registry", user_id: int, ending: str | None = None) -> str:
    """A new session for the user (the token for the cookie); `ending`, the token of a session this browser had
    before, is ended in the same transaction, so the id always changes at login."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with reg.transaction() as tx:
        s = tx.session
        if ending:
            s.execute(delete(WebSessionRow).where(WebSessionRow.token_sha256 == _token_key(ending)))
        s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id,
                                              WebSessionRow.last_seen_at < now - IDLE))
        s.add(WebSessionRow(token_sha256=_token_key(token), user_id=user_id, created_at=now, last_seen_at=now))
    return token


def session_user(reg: "Registry", token: str, now: dt.datetime | None = None) -> User | None:
    """The active user of a live session (and the session's last request moved to now), or None."""
    now = now or _now()
    key = _token_key(token)
    with reg.reading() as tx:
        found = tx.session.execute(select(WebSessionRow, UserRow).join(UserRow).where(
            WebSessionRow.token_sha256 == key)).first()
        if found is None:
            return None
        sess, row = found
        alive = (row.active and _aware(sess.last_seen_at) > now - IDLE and _aware(sess.created_at) > now - MAX_AGE)
        seen = _aware(sess.last_seen_at)
        result = _user(row) if alive else None
    if result is None:
        end_session(reg, token)
    elif now - seen > dt.timedelta(minutes=1):  # write at most once a minute per session
        with reg.transaction() as tx:
            tx.session.execute(update(WebSessionRow).where(WebSessionRow.token_sha256 == key)
                               .values(last_seen_at=now))
    return result


def end_session(reg: "Registry", token: str) -> None:
    with reg.transaction() as tx:
        tx.session.execute(delete(WebSessionRow).where(WebSessionRow.token_sha256 == _token_key(token)))


def secret_key(reg: "Registry", name: str = "csrf") -> str:
    """A random secret kept in the register (made on first use)."""
    with reg.reading() as tx:
        value = tx.session.scalar(select(WebKeyRow.value).where(WebKeyRow.name == name))
    if value is not None:
        return value
    with reg.transaction() as tx:
        value = tx.session.scalar(select(WebKeyRow.value).where(WebKeyRow.name == name))
        if value is None:
            value = secrets.token_urlsafe(48)
            tx.session.add(WebKeyRow(name=name, value=value))
        return value
