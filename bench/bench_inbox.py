"""Benchmark: a month at national scale through the inbox, then the Annex 2 report from the register.

    .venv/bin/python bench/bench_inbox.py [--files 1000] [--workers 2] [--keep DIR]

The 2015 figures (seed 000): about 9,000 recipients and 8,700 assistants, so N fillable timesheets of 2019-03
come from 0.9·N recipients (the rest have a second assistant) and 0.87·N assistants (some serve two people).
Each person's contract is put in the register first, so every sheet is checked against it (22.1, 3, 20).
The files go through one `intake.process` pass without drafts (what `asistents inbox process DIR --no-render`
does), then `registry.annex2.compute` makes the month's report.

Printed: files per second and the process's peak RSS (`resource.getrusage`) at 1,000 / 5,000 / 10,000 files
(memory stays flat when the pass streams), the Annex 2 time, and as the baseline from the same run the bare
library doing the reading alone: pypdf `get_fields()` on the same files in one process. Target: ≥ 50 files/s
end to end without rendering.

Where the time goes: the median and mean of each file's step times (`Outcome.ms`: hash, claim, parse, register,
move; register and claim include their round's commit), and CPU milliseconds per file of the pass's main thread
(claims, register, moves), of the whole parent process (the parser threads' reading of answers too) and of the
sandboxed parser children. On a shared machine the wall-clock figures move with the load; the CPU ones less.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _corpus():
    spec = importlib.util.spec_from_file_location("intake_bench_corpus", ROOT / "tests" / "intake" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def generate(root: Path, files: int) -> tuple[list[dict], float]:
    """N timesheets as fillable PDFs in root/inbox, and their contracts; returns (contracts, seconds)."""
    corpus = _corpus()
    filler = corpus.Filler()
    inbox = root / "inbox"
    inbox.mkdir(parents=True)
    recipients = max(1, round(files * 0.9))
    assistants = max(1, round(files * 0.87))
    t = time.monotonic()
    contracts, old = [], time.time() - 3600
    for i in range(files):
        recipient = i % recipients
        assistant = i % assistants if i < recipients else (i + recipients // 2) % assistants
        ts = corpus.timesheet(recipient, assistant)
        path = inbox / f"{i // 1000:02d}" / f"uzskaites-lapa-{i:05d}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(filler.fill("timesheet", ts))
        os.utime(path, (old, old))
        c = corpus.contract(recipient, assistant)
        c["number"] = f"AP-2019/{i:05d}"
        contracts.append(c)
        if (i + 1) % 1000 == 0:
            print(f"  sagatavoti {i + 1} faili ({time.monotonic() - t:.0f} s)", file=sys.stderr)
    return contracts, time.monotonic() - t


def bare_read(paths: list[Path]) -> float:
    """Files per second of pypdf reading every field of each file (the reading work alone, one process)."""
    from pypdf import PdfReader

    t = time.monotonic()
    for p in paths:
        PdfReader(p).get_fields()
    return len(paths) / (time.monotonic() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = ap.parse_args(argv)

    import registry
    from generator.config import load_municipality
    from intake.pipeline import Options, process
    from registry import annex2
    from regulation.records import Contract, load

    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-inbox-"))
    if work.exists() and any(work.iterdir()):
        raise SystemExit(f"{work} is not empty")
    try:
        print(f"Ģenerē {args.files} aizpildāmas uzskaites lapas mapē {work} …", file=sys.stderr)
        contracts, gen_s = generate(work, args.files)
        reg = registry.open(f"sqlite:///{work / 'asistents.db'}")
        with reg.transaction() as tx:
            for c in contracts:
                tx.add_contract(load(Contract, c))
        sample = sorted((work / "inbox").rglob("*.pdf"))[:200]
        bare_copy = work / "bare"
        bare_copy.mkdir()
        for p in sample:
            shutil.copy(p, bare_copy / p.name)
        bare = bare_read(sorted(bare_copy.iterdir()))

        # the marks, and a few fractions of the run so a short run shows the trend too
        marks = sorted({m for m in (1000, 5000, 10000) if m <= args.files}
                       | {max(1, args.files * k // 10) for k in (1, 2, 5, 10)})
        rows: list[tuple[int, float, float, float]] = []
        done = {"n": 0, "states": {}}
        steps: dict[str, list[float]] = {}
        children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        main0, process0 = time.thread_time(), time.process_time()
        t0 = time.monotonic()

        def on_file(outcome) -> None:
            done["n"] += 1
            done["states"][outcome.state] = done["states"].get(outcome.state, 0) + 1
            for step, ms in outcome.ms.items():
                steps.setdefault(step, []).append(ms)
            if done["n"] in marks:
                rows.append((done["n"], done["n"] / (time.monotonic() - t0), peak_rss_mb(), current_rss_mb()))

        summary = process(work, registry=reg, progress=False,
                          options=Options(render=False, settle=0.0, max_wait=0.0, workers=args.workers,
                                          on_file=on_file))
        total_s = time.monotonic() - t0
        main_cpu, process_cpu = time.thread_time() - main0, time.process_time() - process0
        children1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the parser children have been waited for
        children_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
        t = time.monotonic()
        report = annex2.compute(reg, 2019, 3, load_municipality().genitive)
        annex_s = time.monotonic() - t
        reg.close()

        print(f"\nIesūtne: {summary.text_lv()}")
        print(f"Stāvokļi: {done['states']}")
        print(f"{'faili':>7}  {'faili/s':>8}  {'maks. RSS MB':>12}  {'RSS MB':>7}")
        for n, rate, peak, cur in rows:
            print(f"{n:>7}  {rate:>8.1f}  {peak:>12.1f}  {cur:>7.1f}")
        rate = summary.total / total_s
        print(f"kopā: {summary.total} faili {total_s:.1f} s = {rate:.1f} faili/s (mērķis ≥ 50); "
              f"ģenerēšana {gen_s:.0f} s")
        print(f"bāze: pypdf get_fields() vienā procesā {bare:.1f} faili/s; iesūtne / bāze = {rate / bare:.2f}")
        n = max(1, summary.total)
        print("solis (ms uz failu)  mediāna   vidēji")
        for step in ("hash", "claim", "parse", "register", "move", "total"):
            if steps.get(step):
                print(f"  {step:<18} {statistics.median(steps[step]):>8.2f} {statistics.fmean(steps[step]):>8.2f}")
        print(f"CPU ms uz failu: galvenais pavediens {main_cpu / n * 1e3:.1f}, viss process "
              f"{process_cpu / n * 1e3:.1f}, parsētāju bērnprocesi {children_cpu / n * 1e3:.1f}; "
              f"slodze (1 min) {os.getloadavg()[0]:.2f} uz {os.cpu_count()} kodoliem")
        values = report.values if hasattr(report, "values") else None
        print(f"2. pielikums (2019-03): {annex_s:.2f} s" + (f"; {values}" if values is not None else ""))
        return 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
