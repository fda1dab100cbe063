"""`asistents users` on a real SQLite file."""
from __future__ import annotations

import subprocess
import sys


def _cli(*args, stdin=""):
    return subprocess.run([sys.executable, "-c", "import sys; from asistents.cli import main; sys.exit(main())",
                           *args], input=stdin, capture_output=True, text=True, timeout=120)


def test_cli_users_add_list_disable(tmp_path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = _cli("users", "add", "vadītāja", "--role", "head", "--db", db, "--password-stdin", stdin="garā-parole-123\n")
    assert r.returncode == 2 and "lietotājvārdā" in r.stderr
    r = _cli("users", "add", "vaditaja", "--role", "head", "--name", "Ilze Ozola", "--db", db, "--password-stdin",
             "--json", stdin="garā-parole-123\n")
    assert r.returncode == 0, r.stderr
    assert '"role": "head"' in r.stdout and "garā-parole" not in r.stdout
    assert _cli("users", "disable", "vaditaja", "--db", db).returncode == 0
    listed = _cli("users", "list", "--db", db)
    assert "vaditaja\thead\tatslēgts\tIlze Ozola" in listed.stdout
    assert _cli("users", "passwd", "nav-tada", "--db", db, "--password-stdin", stdin="garā-parole-123\n").returncode == 2
