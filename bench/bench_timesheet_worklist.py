"""Time the "timesheets with errors" worklist (`casework.timesheet_errors`, the page /timesheets/errors) for
one month against the same month's Annex 2 figures (`registry.annex2.compute`, which checks every accepted
sheet the same way) and against bare `regulation.timesheet.check_timesheet` on the records held in memory.

    .venv/bin/python bench/bench_timesheet_worklist.py [--n 1000] [--months 36] [--db URL]

The first visit checks every sheet and keeps the checks (`registry.checks`); later visits read them (p50/p95
over 20 visits), which is what the page does until a change forgets a check.
The sheets are `bench_registry.records` (every assistant serves two persons at the same hours, an error of
point 20 on both sheets), so every sheet of the month is on the worklist: the page's worst case.
Also the case page's part: `casework.case_timesheets` for one person with `--months` monthly sheets.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import casework  # noqa: E402
import registry  # noqa: E402
from bench.bench_registry import records, sha  # noqa: E402
from registry import annex2  # noqa: E402
from regulation.timesheet import check_timesheet  # noqa: E402


def bench_case(months: int) -> None:
    from intake.register import register_application
    from regulation.records import Application, Contract, Timesheet, load

    app = load(Application, json.loads((ROOT / "samples/records/assess/adult_work_25h.json").read_text()))
    person = json.loads(app.applicant.model_dump_json())
    assistant = {"given_name": "Ilze", "surname": "Ozola"}
    with tempfile.TemporaryDirectory() as d, registry.open(f"sqlite:///{Path(d) / 'case.db'}") as reg:
        with reg.transaction() as tx:
            case_id = register_application(tx, app, "c1" * 32, None).case_id
            tx.add_contract(load(Contract, {
                "number": "L-1", "recipient": person, "assistant": assistant, "start": "2016-01-01",
                "end": "2020-12-31", "hours_per_week": 10, "activities": [{"annex1_point": 1, "hours_per_week": 10}]}),
                case_id)
            for k in range(months):
                y, m = 2017 + k // 12, k % 12 + 1  # at most 48 months: 2017–2020, within the contract
                days = [x for x in (dt.date(y, m, j) for j in range(1, 29)) if x.weekday() < 5][:12]
                tx.add_timesheet(load(Timesheet, {
                    "month": f"{y}-{m:02d}", "recipient": person, "assistant": assistant,
                    "entries": [{"date": x.isoformat(), "start": "09:00", "end": "11:00", "hours": 2,
                                 "annex1_point": 1} for x in days],
                    "signed_by_assistant": True, "signed_by_recipient": True}), f"{k:064d}")
        casework.case_timesheets(reg, case_id)
        times = []
        for _ in range(20):
            t = time.perf_counter()
            casework.case_timesheets(reg, case_id)
            times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"case_timesheets, one person with {months} monthly sheets: p50 {times[10]:.1f} ms, "
          f"max {times[-1]:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--db", help="an empty database (default: a SQLite file in a temporary folder)")
    args = ap.parse_args()
    n = args.n
    contracts, sheets = records(n)
    with tempfile.TemporaryDirectory() as d:
        url = args.db or f"sqlite:///{Path(d) / 'worklist.db'}"
        with registry.open(url) as reg:
            with reg.transaction() as tx:
                for i, (c, ts) in enumerate(zip(contracts, sheets)):
                    tx.add_contract(c)
                    tx.add_timesheet(ts, sha(f"w{i}"))
            t = time.perf_counter()
            month, items = casework.timesheet_errors(reg, "2019-03")
            ours = time.perf_counter() - t  # the first visit: every sheet checked and its check kept
            visits = []
            for _ in range(20):  # later visits read the kept checks, a page of 50 as the workbench shows
                t = time.perf_counter()
                casework.timesheet_errors_page(reg, "2019-03", 1, 50)
                visits.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            annex2.compute(reg, 2019, 3, "Parauga novada")
            report = time.perf_counter() - t
    assert month == "2019-03" and items
    by_assistant: dict[str, list] = {}
    for ts in sheets:
        by_assistant.setdefault(ts.assistant.surname, []).append(ts)
    t = time.perf_counter()
    for c, ts in zip(contracts, sheets):
        check_timesheet(ts, c, [o for o in by_assistant[ts.assistant.surname] if o is not ts])
    bare = time.perf_counter() - t
    print(f"timesheet_errors, first visit: {n} sheets in {ours:.2f} s ({ours / n * 1e3:.2f} ms/sheet), "
          f"{len(items)} with errors")
    visits.sort()
    print(f"timesheet_errors_page, later visits (checks kept, 50 a page): p50 {visits[10]:.1f} ms, p95 {visits[18]:.1f} ms "
          f"(×{visits[18] / 1000 / bare:.2f} of bare check_timesheet)")
    print(f"annex2.compute, same month: {report:.2f} s (worklist ×{ours / report:.2f} of it)")
    print(f"bare check_timesheet in memory: {bare:.2f} s (worklist ×{ours / bare:.1f} of it)")
    bench_case(min(args.months, 48))


if __name__ == "__main__":
    main()
