"""The social service's own records for the synthetic sample people: what a clerk has entered, not on any form.

    .venv/bin/python samples/make_register.py [--samples samples] [--out samples/register]

writes `contracts.json` (a three-party contract, point 14, for the recipient and assistant of every sample
timesheet, so the monthly check has granted hours to compare against) and `assessments.json` (the service's
assessment, point 8, of every sample applicant, keyed by personal code). Choices are drawn from a random
stream keyed by the person's code, so the output depends only on the samples. Some contracts grant a little
less than the sheet reports and some assessments find that the person moves without help (9.2.3), so the
demo shows cuts and a refusal as well as grants.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections import defaultdict
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from the checkout
    sys.path.insert(0, str(ROOT))

from generator.atomic import write_text  # noqa: E402
from regulation.calendar import iso_week  # noqa: E402
from regulation.records import Application, Assessment, Contract, Opinion, Timesheet, dumps, load  # noqa: E402

REPEAL = dt.date(2021, 7, 1)
OLD_CONTRACTS_END = dt.date(2021, 12, 31)


def _rng(code: str) -> random.Random:
    return random.Random(int(hashlib.sha256(code.encode()).hexdigest()[:16], 16))


def contract_for(ts: Timesheet, number: int) -> Contract:
    """A contract covering the sheet's month whose grant per point is the sheet's largest week, rounded up —
    every fourth one granting 2 h less on its largest point, so the check has something to cut."""
    rng = _rng(ts.recipient.personal_code + ts.month)
    weekly: dict[tuple[int, int], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for e in ts.entries:
        weekly[iso_week(e.date)][e.annex1_point] += e.hours
    per_point: dict[int, Decimal] = defaultdict(Decimal)
    for week in weekly.values():
        for point, hours in week.items():
            if point != 7:
                per_point[point] = max(per_point[point], hours.to_integral_value(ROUND_CEILING))
    if any(e.annex1_point == 7 for e in ts.entries):
        per_point[7] = Decimal(2)  # Annex 1 point 7: 2 h a week, pooled over four weeks
    if number % 4 == 0 and per_point:
        largest = max(per_point, key=lambda p: per_point[p])
        per_point[largest] = max(Decimal(1), per_point[largest] - 2)
    total = min(Decimal(40), sum(per_point.values(), Decimal(0)))
    first = ts.first_day
    start = dt.date(first.year, 1, 1) if first < REPEAL else dt.date(2021, 1, 1)
    concluded = start - dt.timedelta(days=rng.randint(3, 20))
    if concluded < dt.date(2016, 1, 1):
        concluded = dt.date(2016, 1, 4)
        start = max(start, concluded)
    end = dt.date(start.year, 12, 31) if start.year < 2021 else OLD_CONTRACTS_END
    return load(Contract, {
        "number": f"AP-{first.year}-{number:04d}",
        "recipient": ts.recipient.model_dump(mode="json"),
        "assistant": ts.assistant.model_dump(mode="json"),
        "provider": ts.provider.model_dump(mode="json") if ts.provider else None,
        "start": start.isoformat(), "end": end.isoformat(), "concluded_on": concluded.isoformat(),
        "hours_per_week": str(total),
        "activities": [{"annex1_point": p, "hours_per_week": str(h)} for p, h in sorted(per_point.items())],
        "engagement": "employment" if ts.provider else rng.choice(["employment", "service_contract", "self_employed"]),
    })


def assessment_for(app: Application) -> Assessment:
    """Eligible by default (group I/II adult with the assistance-need opinion, a child with the special-care
    opinion); about one in six moves without an assistant (9.2.3)."""
    rng = _rng(app.applicant.personal_code)
    born = app.applicant.birth_date
    age = (app.received_on - born).days // 365 if born else 30
    child = age < 18
    issued = app.received_on - dt.timedelta(days=rng.randint(30, 400))
    return Assessment(
        disability_group=None if child else rng.choice(["I", "II"]),
        visual_impairment=any(a.annex1_point == 3 for a in app.activities) or app.visual_benefit,
        opinion=Opinion(kind="special_care" if child else "assistance_need", issued_on=issued,
                        valid_until=issued + dt.timedelta(days=rng.choice([730, 1095, 1825]))),
        can_move_without_assistant=rng.random() < 1 / 6,
        cannot_move_with_assistant=False,
        activities_meet_annex1=True,
        institution_transport_help=rng.random() < 0.5,
        opinion_in_information_system="7.2" not in app.attachments,
        hours_used_previous_months=[Decimal(rng.randint(0, 60)) for _ in range(3)],
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--out", type=Path, default=ROOT / "samples" / "register")
    args = ap.parse_args(argv)
    sheets = sorted((args.samples / "timesheets").glob("*/*.expected.json"))
    apps = sorted((args.samples / "applications").glob("*/*.expected.json"))
    contracts = [contract_for(load(Timesheet, p.read_text(encoding="utf-8")), i + 1) for i, p in enumerate(sheets)]
    assessments = {}
    for p in apps:
        app = load(Application, p.read_text(encoding="utf-8"))
        assessments[app.applicant.personal_code] = assessment_for(app)
    write_text(args.out / "contracts.json", dumps(contracts) + "\n")
    write_text(args.out / "assessments.json", dumps(assessments) + "\n")
    print(f"{len(contracts)} līgumi, {len(assessments)} izvērtējumi → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
