"""Benchmark: check many realistic monthly timesheets against their contracts (target < 5 ms each, one core).

    .venv/bin/python bench/bench_timesheet.py [--count 10000] [--seed 942]

Prints the time per timesheet of `check_timesheet` and, as the baseline measured in the same run, of the bare
work every caller does anyway: pydantic validating the same timesheet and contract from plain data.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from regulation import calendar as cal  # noqa: E402
from regulation.personal_code import make  # noqa: E402
from regulation.records import Contract, Timesheet, load  # noqa: E402
from regulation.timesheet import check_timesheet  # noqa: E402

GIVEN = ["Anna", "Jānis", "Ilze", "Pēteris", "Līga", "Māris", "Zane", "Kārlis", "Inese", "Edgars"]
SURNAMES = ["Kalniņa", "Bērziņš", "Ozola", "Zariņš", "Liepiņa", "Krūmiņš", "Vītola", "Eglītis", "Siliņa", "Ločs"]
MONTHS = [f"{y}-{m:02d}" for y in range(2016, 2021) for m in range(1, 13)] + [f"2021-{m:02d}" for m in range(1, 7)]


def person(rng: random.Random, serial: int) -> dict:
    birth = dt.date(rng.randint(1950, 2003), rng.randint(1, 12), rng.randint(1, 28))
    return {"given_name": rng.choice(GIVEN), "surname": rng.choice(SURNAMES), "personal_code": make(birth, serial)}


def case(rng: random.Random, i: int) -> tuple[dict, dict]:
    """A contract and a month's timesheet: weekday activities, a pooled point 7 outing, sometimes a fault."""
    month = rng.choice(MONTHS)
    year, mon = int(month[:4]), int(month[5:])
    recipient, assistant = person(rng, i % 1000), person(rng, (i + 500) % 1000)
    points = rng.sample([1, 2, 4, 5, 6], rng.randint(1, 3))
    activities = {p: rng.choice([4, 6, 8, 10, 12, 20]) for p in points}
    activities[7] = 2
    total = min(40, sum(activities.values()))
    first = dt.date(year, mon, 1)
    contract = {"number": f"AP-{i}", "recipient": recipient, "assistant": {**assistant, "is_minor": False},
                "start": (first - dt.timedelta(days=rng.randint(0, 200))).isoformat(),
                "end": (first + dt.timedelta(days=rng.randint(40, 300))).isoformat(),
                "concluded_on": None,  # taken as the start
                "hours_per_week": total, "engagement": rng.choice(["employment", "service_contract", "self_employed"]),
                "activities": [{"annex1_point": p, "hours_per_week": h} for p, h in activities.items()],
                "suspensions": ([{"start": f"{month}-10", "end": f"{month}-14", "reason": "hospital"}]
                                if rng.random() < 0.03 else [])}
    # A weekly pattern within the grant: each activity on fixed weekdays, in its own time slot of the day.
    plan = []
    for slot, p in enumerate(points):
        length = rng.choice([60, 90, 120])
        days = rng.sample(range(5), max(1, min(5, activities[p] * 60 // length)))
        plan.append((p, 7 * 60 + slot * 180 + rng.choice([0, 15, 30]), length, set(days)))
    entries = []
    for day in cal.month_days(year, mon):
        if not cal.is_working_day(day):
            continue
        for p, start, length, days in plan:
            if day.weekday() in days and rng.random() < 0.9:  # now and then a day is missed
                entries.append({"date": day.isoformat(), "start": f"{start // 60:02d}:{start % 60:02d}",
                                "end": f"{(start + length) // 60:02d}:{(start + length) % 60:02d}",
                                "hours": f"{length / 60:.2f}", "annex1_point": p, "place": "Rīga",
                                "outside_latvia": False, "transport_eur": rng.choice(["0", "0", "1.60", "3.20"])})
    fault = rng.random()
    if entries and fault < 0.05:  # a wrong sum
        entries[rng.randrange(len(entries))]["hours"] = "3.00"
    elif entries and fault < 0.08:  # abroad
        entries[rng.randrange(len(entries))]["outside_latvia"] = True
    saturday = next(d for d in cal.month_days(year, mon) if d.weekday() == 5)
    entries.append({"date": saturday.isoformat(), "start": "11:00", "end": "15:00", "hours": "4", "annex1_point": 7,
                    "place": "koncerts", "outside_latvia": False, "transport_eur": "2.00"})
    timesheet = {"month": month, "recipient": recipient, "assistant": assistant, "entries": entries,
                 "signed_by_assistant": True, "signed_by_recipient": rng.random() > 0.02}
    return contract, timesheet


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=942)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    data = [case(rng, i) for i in range(args.count)]
    entries = sum(len(t["entries"]) for _, t in data)

    t0 = time.perf_counter()
    records = [(load(Contract, c), load(Timesheet, t)) for c, t in data]
    bare = time.perf_counter() - t0

    check_timesheet(records[0][1], records[0][0])  # warm the parameter and calendar caches
    t0 = time.perf_counter()
    results = [check_timesheet(t, c) for c, t in records]
    checked = time.perf_counter() - t0

    errors = sum(1 for r in results if r.errors)
    paid = sum(r.hours_paid for r in results)
    provided = sum(r.hours_provided for r in results)
    n = args.count
    print(f"{n} timesheets, {entries} entries ({entries / n:.1f} per sheet), seed {args.seed}")
    print(f"pydantic validation alone (contract + timesheet): {bare / n * 1000:.3f} ms per timesheet")
    print(f"check_timesheet:                                  {checked / n * 1000:.3f} ms per timesheet "
          f"(target < 5 ms) — {checked / bare:.2f}× the validation")
    print(f"sheets with errors: {errors}; hours paid {paid} of {provided} provided")
    return 0


if __name__ == "__main__":
    sys.exit(main())
