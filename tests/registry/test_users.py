"""`registry.users` on SQLite and PostgreSQL: argon2id hashes, the login throttle, sessions."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from registry import users

UTC = dt.timezone.utc


def test_password_is_stored_as_an_argon2id_hash(reg):
    users.add_user(reg, "anna", "Anna", "clerk", "garā-parole-123")
    with reg.reading() as tx:
        stored = tx.session.scalar(select(users.UserRow.password_hash))
    assert stored.startswith("$argon2id$") and "garā-parole-123" not in stored
    assert users.authenticate(reg, "anna", "garā-parole-123").user.username == "anna"
    assert users.authenticate(reg, "ANNA ", "garā-parole-123").user is not None  # as typed at a login form
    assert users.authenticate(reg, "anna", "garā-parole-124").user is None


def test_refused_users(reg):
    with pytest.raises(users.UserError, match="vismaz 12"):
        users.add_user(reg, "anna", "Anna", "clerk", "īsa")
    with pytest.raises(users.UserError, match="loma"):
        users.add_user(reg, "anna", "Anna", "boss", "garā-parole-123")
    with pytest.raises(users.UserError, match="lietotājvārdā"):
        users.add_user(reg, "Anna Bērziņa", "Anna", "clerk", "garā-parole-123")
    users.add_user(reg, "anna", "Anna", "clerk", "garā-parole-123")
    with pytest.raises(users.UserError, match="jau ir"):
        users.add_user(reg, "anna", "Anna", "head", "garā-parole-123")


def test_lock_after_five_failures_lifts_after_the_window(reg):
    users.add_user(reg, "anna", "Anna", "clerk", "garā-parole-123")
    t0 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    for i in range(users.MAX_FAILURES):
        result = users.authenticate(reg, "anna", "nē", now=t0 + dt.timedelta(seconds=i))
    assert result.locked_until == t0 + dt.timedelta(seconds=users.MAX_FAILURES - 1) + users.LOCK_WINDOW
    during = users.authenticate(reg, "anna", "garā-parole-123", now=t0 + dt.timedelta(minutes=10))
    assert during.user is None and during.locked_until is not None
    after = users.authenticate(reg, "anna", "garā-parole-123", now=t0 + dt.timedelta(minutes=16))
    assert after.user is not None


def test_passwd_lifts_the_lock_and_ends_sessions(reg):
    u = users.add_user(reg, "anna", "Anna", "clerk", "garā-parole-123")
    token = users.start_session(reg, u.id)
    assert users.session_user(reg, token) == u
    for _ in range(users.MAX_FAILURES):
        users.authenticate(reg, "anna", "nē")
    assert users.locked_until(reg, "anna") is not None
    users.set_password(reg, "anna", "jaunā-parole-456")
    assert users.locked_until(reg, "anna") is None
    assert users.session_user(reg, token) is None
    assert users.authenticate(reg, "anna", "jaunā-parole-456").user is not None


def test_sessions_end_when_idle_or_disabled(reg):
    u = users.add_user(reg, "anna", "Anna", "clerk", "garā-parole-123")
    token = users.start_session(reg, u.id)
    later = dt.datetime.now(UTC) + users.IDLE + dt.timedelta(minutes=1)
    assert users.session_user(reg, token, now=later) is None
    assert users.session_user(reg, token) is None  # ended, not only refused once
    token = users.start_session(reg, u.id)
    users.set_active(reg, "anna", False)
    assert users.session_user(reg, token) is None
    assert users.authenticate(reg, "anna", "garā-parole-123").user is None
