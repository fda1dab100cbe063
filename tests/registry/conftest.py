"""Register tests run on a real SQLite file and on a real PostgreSQL server started here.

The server: `initdb` + `pg_ctl` from the installed PostgreSQL in a temporary directory, on a free loopback port,
as the `postgres` user when the tests run as root (PostgreSQL refuses to run as root). One server per test
process (safe under `pytest -n 2`), one fresh database per test, stopped at the end. Where no server binary is
installed the PostgreSQL half is skipped, saying so.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

import registry


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="asistents-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else None
        self._names = itertools.count()
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "test", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        opts = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.root / "log"),
                  "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            # immediate: no shutdown checkpoint — the cluster is thrown away
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, schema: str | None = None) -> str:
        url = f"postgresql+psycopg://test@127.0.0.1:{self.port}/{database}"
        return url if schema is None else f"{url}?options=-csearch_path%3D{schema}"

    def new_database(self) -> str:
        """An empty register of its own: a fresh schema, first on the search path. (A database per test left
        thousands of catalog files that took ~30 s to delete at the end; a schema is a few catalog rows.)"""
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=test dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE SCHEMA "{name}"')
        return self.url("postgres", name)


@pytest.fixture(scope="session")
def pg_server():
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("no PostgreSQL server installed (/usr/lib/postgresql/*/bin/initdb not found)")
    server = PgServer(bin_dir)
    try:
        server.start()
    except subprocess.CalledProcessError as e:
        server.stop()
        pytest.fail(f"could not start PostgreSQL: {e.stderr.decode(errors='replace')[-2000:]}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A URL of an empty database: a SQLite file in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.db'}"
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def reg(db_url):
    r = registry.open(db_url)
    yield r
    r.close()


# ---------------------------------------------------------------- records to store


import datetime as dt  # noqa: E402
from decimal import Decimal  # noqa: E402

from regulation import personal_code as pk  # noqa: E402
from regulation.records import Application, Contract, Timesheet, load  # noqa: E402


class Build:
    """Synthetic, valid records (personal codes from `personal_code.make`)."""

    def person(self, n: int, given: str = "Anna", surname: str | None = None) -> dict:
        return {"given_name": given, "surname": surname or f"Kalniņa{n}",
                "personal_code": pk.make(dt.date(1970, 1, 1) + dt.timedelta(days=37 * n), 100 + n)}

    def code(self, n: int) -> str:
        return self.person(n)["personal_code"]

    def assistant(self, name: str = "Ilze Ozola", code_n: int | None = None, minor: bool = False) -> dict:
        given, surname = name.split(" ", 1)
        out = {"given_name": given, "surname": surname, "is_minor": minor}
        if code_n is not None:
            out["personal_code"] = pk.make(dt.date(1990, 1, 1) + dt.timedelta(days=41 * code_n), 500 + code_n)
        return out

    def application(self, n: int, received: str = "2019-03-01", representative: int | None = None) -> Application:
        data = {"received_on": received, "applicant": self.person(n),
                "activities": [{"annex1_point": 1, "hours_per_week": 10}]}
        if representative is not None:
            data["representative"] = self.person(representative, given="Pēteris")
        return load(Application, data)

    def contract(self, number: str, recipient: int, assistant: dict | None = None, start: str = "2019-01-01",
                 end: str = "2019-12-31", hours: int | str = 20, engagement: str = "employment",
                 activities: list[tuple[int, int]] | None = None) -> Contract:
        return load(Contract, {
            "number": number, "recipient": self.person(recipient), "assistant": assistant or self.assistant(),
            "start": start, "end": end, "hours_per_week": hours, "engagement": engagement,
            "activities": [{"annex1_point": p, "hours_per_week": h} for p, h in (activities or [(1, hours)])]})

    def timesheet(self, month: str, recipient: int, assistant: dict | None = None,
                  days: list[tuple[str, int | str]] = (), point: int = 1, transport: str = "0") -> Timesheet:
        entries = []
        for day, hours in days:
            h = Decimal(str(hours))
            end_minutes = 8 * 60 + int(h * 60)
            entries.append({"date": day, "start": "08:00", "end": f"{end_minutes // 60:02d}:{end_minutes % 60:02d}",
                            "hours": str(h), "annex1_point": point, "transport_eur": transport})
        return load(Timesheet, {"month": month, "recipient": self.person(recipient),
                                "assistant": assistant or self.assistant(), "entries": entries,
                                "signed_by_assistant": True, "signed_by_recipient": True})


@pytest.fixture
def build() -> Build:
    return Build()
