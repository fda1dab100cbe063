"""Reliability of the inbox with real processes on real folders: writers still at work, placeholders, files
and folders moved in, hostile files, kill -9 at random moments, a read-only or full outbox."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def _watch(h, root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(h.inbox_cmd("watch", root, "--interval", "0.5", *args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=h.env(), cwd=h.ROOT)


def _until(condition, timeout: float = 120.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise


def test_slow_writer_and_placeholder_are_waited_for(h, filler, intake_dir, tmp_path):
    inbox = intake_dir / "inbox"
    data = filler.fill("application", h.corpus.application(51))
    placeholder = inbox / "skeneris.pdf"
    placeholder.touch()  # the copier's zero-byte placeholder, filled a moment later
    stale = inbox / "pamests.pdf"
    stale.touch()
    h.age(stale)  # a placeholder nobody filled: set aside after the empty limit
    source = tmp_path / "src.pdf"
    source.write_bytes(filler.fill("application", h.corpus.application(52)))
    watcher = _watch(h, intake_dir, "--no-render", "--settle", "1.0")
    try:
        # a writer appending the file in 8 pieces over ~3 s
        writer = subprocess.Popen([sys.executable, "-c", (
            "import sys, time\n"
            "data = open(sys.argv[1], 'rb').read(); n = 8\n"
            "with open(sys.argv[2], 'wb') as f:\n"
            "    for i in range(n):\n"
            "        f.write(data[i * len(data) // n:(i + 1) * len(data) // n]); f.flush(); time.sleep(0.4)\n"),
            str(source), str(inbox / "lēni.pdf")])
        time.sleep(1.0)
        placeholder.write_bytes(data)
        assert writer.wait(timeout=30) == 0
        assert _until(lambda: h.files_under(inbox) == [], 90), h.files_under(inbox)
    finally:
        assert _stop(watcher) == 0
    assert len(h.files_under(intake_dir / "archive")) == 2
    [q] = (intake_dir / "quarantine").glob("*.pdf")
    assert q.name.endswith("-pamests.pdf")
    assert json.loads(q.with_name(q.name + ".reason.json").read_text())["code"] == "empty"
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 2


def test_renamed_and_whole_folders_moved_in(h, filler, intake_dir, tmp_path):
    inbox = intake_dir / "inbox"
    lock = inbox / ".~lock.iesniegums.pdf#"
    lock.write_text("lietotājs")
    hidden = inbox / ".slēpts.pdf"
    hidden.write_bytes(filler.fill("application", h.corpus.application(60)))
    partial = inbox / "iesniegums.pdf.part"
    partial.write_bytes(filler.fill("application", h.corpus.application(61)))
    outside = tmp_path / "Marta mape"
    (outside / "iekšā").mkdir(parents=True)
    for i, rel in enumerate(["a.pdf", "b.pdf", "iekšā/c.pdf"]):
        (outside / rel).write_bytes(filler.fill("timesheet", h.corpus.timesheet(62 + i)))
    watcher = _watch(h, intake_dir, "--no-render")
    try:
        time.sleep(1.0)
        partial.rename(inbox / "iesniegums.pdf")  # the download finished
        os.rename(outside, inbox / "Marta mape")  # a whole folder moved in at once
        assert _until(lambda: sorted(p.name for p in h.files_under(inbox)) == sorted([lock.name, hidden.name]), 90)
        assert _until(lambda: not (inbox / "Marta mape").exists(), 30)  # emptied folders are tidied away
    finally:
        assert _stop(watcher) == 0
    placed = [p for place in ("archive", "review") for p in h.files_under(intake_dir / place) if p.suffix == ".pdf"]
    assert len(placed) == 4  # the timesheets in review/ (no contract registered), the application archived
    assert lock.exists() and hidden.exists()  # tools' own files are never touched


def test_poison_corpus_is_quarantined_and_the_rest_processed(h, filler, intake_dir):
    inbox = intake_dir / "inbox"
    expected = h.hostile.build_all(inbox)
    (inbox / "labs-1.pdf").write_bytes(filler.fill("application", h.corpus.application(70)))
    (inbox / "labs-2.pdf").write_bytes(filler.fill("timesheet", h.corpus.timesheet(71)))
    for p in h.files_under(inbox):
        h.age(p)
    summary = h.run_process(intake_dir, "--no-render")
    assert summary["processed"] + summary["needs_review"] == 2
    assert summary["quarantined"] == len(expected)
    assert h.files_under(inbox) == []
    codes = {}
    for reason in (intake_dir / "quarantine").glob("*.reason.json"):
        data = json.loads(reason.read_text(encoding="utf-8"))
        codes[Path(data["file"]).name] = data["code"]
        text = reason.with_name(reason.name.replace(".json", ".txt")).read_text(encoding="utf-8")
        assert "Iemesls:" in text and "Reason:" in text and data["sha256"] in text
    for path, code in expected.items():
        assert codes[path.name] == (code or "unknown_form"), path.name
    assert {codes["bomb.pdf"], codes["image-20000px.pdf"]} == {"too_large"}


def _accounting(h, root: Path, inputs: dict[str, int]) -> None:
    """Every input is in exactly one place; copies beyond the first are duplicates; nothing pending or half."""
    found = h.originals(root)
    assert h.files_under(root / "inbox") == []
    for sha, copies in inputs.items():
        places = found.get(sha, [])
        assert len(places) == copies, (sha[:12], places)
        primary = [p for p in places if p.parent.name != "duplicates" and not p.name[:-4].endswith(("-2", "-3"))]
        assert len(primary) == 1, (sha[:12], places)
    assert set(found) == set(inputs)
    journal = h.journal(root)
    assert set(journal) >= set(inputs)
    assert all(journal[s]["state"] in ("processed", "needs_review", "quarantined") for s in inputs)
    # one case per application file, one timesheet per timesheet file
    assert h.scalar(root, "SELECT count(*) FROM applications") == h.scalar(
        root, "SELECT count(DISTINCT source_sha256) FROM applications")
    assert h.scalar(root, "SELECT count(*) FROM timesheets") == h.scalar(
        root, "SELECT count(DISTINCT source_sha256) FROM timesheets")
    assert h.scalar(root, "SELECT count(*) FROM (SELECT path FROM documents GROUP BY path HAVING count(*) > 1)") == 0
    # no half-written output: no temporary names, every draft matches its sidecar
    leftovers = [p for p in root.rglob(".*.tmp")]
    assert leftovers == []
    for sidecar in (root / "outbox").rglob("*.json"):
        meta = json.loads(sidecar.read_text())
        import hashlib

        assert hashlib.sha256(sidecar.with_suffix(".docx").read_bytes()).hexdigest() == meta["docx_sha256"]


def _kill_run(h, filler, root: Path, files: int, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    inbox = root / "inbox"
    inputs: dict[str, int] = {}
    import hashlib

    hostile = h.hostile.build_all(root.parent / "poison")
    poison = sorted(hostile)[: max(2, files // 10)]
    good: set[str] = set()
    for i in range(files):
        if i < len(poison):
            data = poison[i].read_bytes()
        elif i % 4 == 0:
            data = filler.fill("application", h.corpus.application(1000 + i))
        else:
            data = filler.fill("timesheet", h.corpus.timesheet(1000 + i))
        copies = 2 if i % 13 == 5 else 1  # some files dropped twice
        for c in range(copies):
            p = inbox / (f"d{i % 3}" if c else "") / f"f{i:04d}{'-kopija' if c else ''}.pdf"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(data)
            h.age(p)
        sha = hashlib.sha256(data).hexdigest()
        inputs[sha] = inputs.get(sha, 0) + copies
        if i >= len(poison):
            good.add(sha)
    during = 0  # kills that hit while files were still waiting in the inbox
    log = root / "intake.log.jsonl"

    def logged() -> int:
        return len(log.read_bytes().splitlines()) if log.exists() else 0

    for _ in range(kills):
        before = logged()
        proc = _watch(h, root)
        # Kill at a random moment after this run has finished at least one file (so the kills land in the
        # middle of the pass — claim, parse, commit, drafts, move — not while the interpreter starts).
        # Files are stored and moved in rounds of several, so the log grows in bursts: look often, and kill
        # within 0.15 s of the first burst (a few files per run; the pass must not end before most kills).
        _until(lambda: logged() > before or proc.poll() is not None, 120, step=0.02)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.kill()  # SIGKILL: no cleanup of any kind
        proc.wait()
        if not h.files_under(inbox):
            break
        during += 1
    print(f"kill -9 during the pass: {during} of {kills}; files left for the final pass: "
          f"{len(h.files_under(inbox))}")
    assert during >= kills // 2, "the pass finished before most kills: kills came too late to test anything"
    summary = h.run_process(root, timeout=1200)
    assert summary.get("failed", 0) == 0, summary
    _accounting(h, root, inputs)
    journal = h.journal(root)
    blamed = {sha[:12]: journal[sha] for sha in good if journal[sha]["state"] == "quarantined"}
    assert blamed == {}, "good files set aside for kills that were not theirs"


def test_kill_9_during_a_pass_10_kills_40_files(h, filler, intake_dir):
    _kill_run(h, filler, intake_dir, files=40, kills=10, seed=942)


@pytest.mark.slow
def test_kill_9_during_a_pass_50_kills_200_files(h, filler, intake_dir, request):
    """The issue's full figure. Runs only when asked for (`-m slow` or INTAKE_SLOW=1): it takes many minutes
    on two cores, and the suite's default run (CI) must stay well under its time limit."""
    if "slow" not in (request.config.getoption("-m") or "") and not os.environ.get("INTAKE_SLOW"):
        pytest.skip("long run: select it with -m slow or INTAKE_SLOW=1")
    _kill_run(h, filler, intake_dir, files=200, kills=50, seed=2015)


def _mount(target: Path, options: str) -> None:
    target.mkdir(exist_ok=True)
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({p.stderr.strip()}): needs root")


def _umount(target: Path) -> None:
    subprocess.run(["umount", str(target)], check=False)


@pytest.mark.parametrize("trouble", ["read_only", "full"])
def test_outbox_read_only_or_full_is_retried_without_losing_the_input(h, filler, intake_dir, trouble):
    outbox = intake_dir / "outbox"
    _mount(outbox, "ro,size=1m" if trouble == "read_only" else "size=16k")
    try:
        p = intake_dir / "inbox" / "iesniegums.pdf"
        h.assessed(intake_dir, h.corpus.application(90))
        data = filler.fill("application", h.corpus.application(90))
        p.write_bytes(data)
        h.age(p)
        summary = h.run_process(intake_dir)
        assert summary["failed"] == 1, summary
        reason = summary["files"][0]
        assert reason["state"] == "failed" and ("Read-only" in reason["reason_en"] or "space" in reason["reason_en"])
        assert p.read_bytes() == data  # the input stays where it was
        [entry] = h.journal(intake_dir).values()
        assert entry["state"] == "failed"
        subprocess.run(["mount", "-o", "remount,rw,size=10m", "tmpfs", str(outbox)], check=True)
        summary = h.run_process(intake_dir)
        assert summary["processed"] == 1 and summary["failed"] == 0, summary
        assert len(list(outbox.rglob("*.docx"))) == 2
        assert list(outbox.rglob(".*.tmp")) == []
        assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 2  # the earlier, assessed one too
        assert h.scalar(intake_dir, "SELECT count(*) FROM decisions") == 1
        assert h.files_under(intake_dir / "inbox") == []
    finally:
        _umount(outbox)
