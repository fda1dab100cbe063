"""Private by default: with the usual umask 022 everything holding personal data is 0600 / 0700, and the
`files.group` setting of asistents.yaml gives 0640 / 0750 and that group (`privacy`)."""
from __future__ import annotations

import grp
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

import registry

APPLICATION = Path(__file__).resolve().parents[2] / "samples" / "applications" / "fillable" / "01.pdf"
FOLDERS = ("outbox", "archive", "review", "quarantine")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _umask_022():
    os.umask(0o022)


def _pass(h, root: Path, env: dict[str, str]) -> None:
    # assessed on an earlier case, so the new application gets a proposal and its draft letters (8.3)
    h.assessed(root, json.loads(APPLICATION.with_suffix(".expected.json").read_text(encoding="utf-8")))
    shutil.copy(APPLICATION, root / "inbox" / "iesniegums.pdf")
    h.age(root / "inbox" / "iesniegums.pdf")
    p = subprocess.run(h.inbox_cmd("process", root, "--json"), capture_output=True, text=True, env=env,
                       cwd=h.ROOT, timeout=600, preexec_fn=_umask_022)
    assert p.returncode == 0, p.stderr


def _written(root: Path) -> list[Path]:
    letters = sorted((root / "outbox").rglob("*.docx"))
    assert letters, "the pass rendered no letter"
    return [root / "asistents.db", root / "intake.log.jsonl", *letters, *(root / "archive").glob("*.pdf")]


def test_umask_022_register_wal_letter_and_folders_are_owner_only(h, intake_dir, tmp_path):
    env = {k: v for k, v in h.env().items() if k != "ASISTENTS_CONFIG"}  # no asistents.yaml at the checkout
    _pass(h, intake_dir, env)
    for path in _written(intake_dir):
        assert _mode(path) == 0o600, path
    for name in FOLDERS:
        assert _mode(intake_dir / name) == 0o700, name
    for case in (intake_dir / "outbox").iterdir():
        assert _mode(case) == 0o700, case

    # the WAL and shared-memory files exist while the register is open
    old = os.umask(0o022)
    try:
        reg = registry.open(f"sqlite:///{tmp_path / 'open' / 'r.db'}")
        try:
            reg.journal_claim("a" * 64, "x.pdf", 1)
            files = [tmp_path / "open" / n for n in ("r.db", "r.db-wal", "r.db-shm")]
            assert [_mode(p) for p in files] == [0o600] * 3
            assert _mode(tmp_path / "open") == 0o700
        finally:
            reg.close()
    finally:
        os.umask(old)


def _a_group() -> grp.struct_group:
    """A group this process may give files to, other than its own primary group."""
    if os.geteuid() == 0:
        for name in ("users", "nogroup", "daemon"):
            try:
                return grp.getgrnam(name)
            except KeyError:
                continue
    others = [g for g in os.getgroups() if g != os.getegid()]
    if not others:
        pytest.skip("this account is in no second group to share the files with")
    return grp.getgrgid(others[0])


def test_group_setting_gives_group_modes_and_the_group(h, intake_dir, tmp_path):
    group = _a_group()
    config = tmp_path / "asistents.yaml"
    example = (Path(h.ROOT) / "asistents.example.yaml").read_text(encoding="utf-8")
    config.write_text(f"{example}\nfiles:\n  group: {group.gr_name}\n", encoding="utf-8")
    env = {**h.env(), "ASISTENTS_CONFIG": str(config)}
    _pass(h, intake_dir, env)
    for path in _written(intake_dir):
        assert (_mode(path), path.stat().st_gid) == (0o640, group.gr_gid), path
    for name in FOLDERS:
        assert (_mode(intake_dir / name), (intake_dir / name).stat().st_gid) == (0o750, group.gr_gid), name

    old_umask, old_env = os.umask(0o022), os.environ.get("ASISTENTS_CONFIG")
    os.environ["ASISTENTS_CONFIG"] = str(config)
    try:
        reg = registry.open(f"sqlite:///{tmp_path / 'open' / 'r.db'}")
        try:
            reg.journal_claim("a" * 64, "x.pdf", 1)
            for n in ("r.db", "r.db-wal", "r.db-shm"):
                p = tmp_path / "open" / n
                assert (_mode(p), p.stat().st_gid) == (0o640, group.gr_gid), n
        finally:
            reg.close()
    finally:
        os.umask(old_umask)
        if old_env is None:
            del os.environ["ASISTENTS_CONFIG"]
        else:
            os.environ["ASISTENTS_CONFIG"] = old_env


def test_a_register_made_0644_before_is_tightened_on_its_next_use(tmp_path):
    import sqlite3

    db = tmp_path / "old.db"
    sqlite3.connect(db).close()
    os.chmod(db, 0o644)
    with registry.open(f"sqlite:///{db}") as reg:
        reg.counts()
        assert _mode(db) == 0o600


def test_an_unknown_group_is_refused_saying_which(tmp_path, monkeypatch):
    import privacy

    config = tmp_path / "asistents.yaml"
    config.write_text("files:\n  group: nav-tadas-grupas\n", encoding="utf-8")
    monkeypatch.setenv("ASISTENTS_CONFIG", str(config))
    with pytest.raises(privacy.ModesError, match="nav-tadas-grupas"):
        privacy.load()


def _as_account(user: str, groups: list[int], work) -> str:
    """Run `work()` in a forked child as `user` (with `groups`), umask 022; its error text, '' when it passed."""
    import pwd
    import traceback

    pw = pwd.getpwnam(user)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read)
            os.setgroups(groups)
            os.setgid(pw.pw_gid)
            os.setuid(pw.pw_uid)
            os.umask(0o022)
            work()
        except BaseException:
            os.write(write, traceback.format_exc().encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        err = f.read().decode()
    os.waitpid(pid, 0)
    return err


def test_a_service_account_in_the_group_shares_and_one_outside_it_is_told(tmp_path):
    """Not root: the files go to the configured group only because the account is in it; a group it is not in
    is refused with the group named (as `inbox watch` under a service account would meet it)."""
    import pwd
    import tempfile

    if os.geteuid() != 0:
        pytest.skip("switching to a service account needs root")
    try:
        pw, group = pwd.getpwnam("postgres"), grp.getgrnam("ssl-cert")
        other = grp.getgrnam("users")
    except KeyError:
        pytest.skip("no postgres account with the ssl-cert group here (the test setup's PostgreSQL makes them)")
    # everything the child needs imported here: this interpreter's own files may be closed to the account
    from generator import atomic  # noqa: F401
    from intake.layout import Layout  # noqa: F401

    with registry.open(f"sqlite:///{tmp_path / 'warm.db'}") as reg:
        reg.journal_claim("b" * 64, "x.pdf", 1)
    root = Path(tempfile.mkdtemp(prefix="asistents-account-"))  # 0700; handed to the account
    try:
        os.chown(root, pw.pw_uid, pw.pw_gid)

        def work() -> None:
            import privacy
            from generator import atomic
            from intake.layout import Layout

            modes = privacy.Modes.shared_with("ssl-cert")
            Layout(root).ensure(modes)
            letter = root / "outbox" / "case-000001" / "lemums.docx"
            with atomic.replacing(letter, modes=modes) as tmp:
                tmp.write_bytes(b"x")
            config = root / "asistents.yaml"
            config.write_text("files:\n  group: ssl-cert\n", encoding="utf-8")
            os.environ["ASISTENTS_CONFIG"] = str(config)  # this child's own environment
            with registry.open(f"sqlite:///{root / 'r.db'}") as reg:
                reg.journal_claim("a" * 64, "x.pdf", 1)
                for p in [letter, root / "r.db", root / "r.db-wal", root / "r.db-shm"]:
                    st = p.stat()
                    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o640, pw.pw_uid, group.gr_gid), p
            for name in FOLDERS + ("outbox/case-000001",):
                st = (root / name).stat()
                assert (stat.S_IMODE(st.st_mode), st.st_gid) == (0o750, group.gr_gid), name
            try:
                Layout(root / "cits").ensure(privacy.Modes.shared_with("users"))
            except privacy.ModesError as e:
                assert "'users'" in e.message_en and "not in it" in e.message_en
            else:
                raise AssertionError("a group the account is not in was not refused")

        assert _as_account("postgres", [pw.pw_gid, group.gr_gid], work) == ""
        assert other.gr_gid not in os.getgrouplist("postgres", pw.pw_gid)
    finally:
        shutil.rmtree(root, ignore_errors=True)
