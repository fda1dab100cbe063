"""The README's opening commands are what CI runs, and the set-up command itself runs to its end."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```\n(.*?)```", text, re.S)
    assert block, "README.md has no code block"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_commands_that_ci_runs_in_order():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith(("#", "set ", "cd "))]
    assert ci == commands, f".ci/run runs {ci}, the README says {commands}"


def test_setup_without_options_runs_to_its_end():
    # The defect of issue 8: under set -e a failing `$( [ … ] && … )` in an assignment ended every call
    # without --test at exit 1, printing nothing.
    r = subprocess.run(["bash", "scripts/setup"], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ready: .venv/bin/asistents --help" in r.stdout


def test_no_script_assigns_from_a_substitution_that_may_fail():
    pattern = re.compile(r"=\S*\$\(\s*\[[^)]*&&")
    for script in [*ROOT.joinpath("scripts").iterdir(), ROOT / "bench" / "run", ROOT / ".ci" / "run"]:
        for n, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            assert not pattern.search(line), f"{script.relative_to(ROOT)}:{n}: {line}"
