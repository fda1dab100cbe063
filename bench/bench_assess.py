"""Time `regulation.assess.assess` on generated applications against validating the same records with pydantic.

    .venv/bin/python bench/bench_assess.py [--n 10000] [--seed 942] [--repeat 3]

Prints the time per assessment (target: < 1 ms on one core) and its ratio to the bare work: turning the same
application and assessment dicts into pydantic records (`model_validate`), which every caller pays anyway.
Best of `--repeat` runs for each, in the same process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from regulation import parameters
from regulation.assess import assess
from regulation.personal_code import make
from regulation.records import Application, Assessment

FIRST, LAST = dt.date(2016, 1, 1), dt.date(2021, 6, 30)
GIVEN = ["Līga", "Jānis", "Ēriks", "Ģirts", "Ilze", "Kārlis", "Žanete", "Ņina"]
SURNAMES = ["Bērziņa", "Kalniņš", "Ozoliņa", "Šķēle", "Zariņš", "Ločmele", "Ķēniņš", "Lūse"]


def generate(rng: random.Random) -> tuple[dict, dict]:
    received = FIRST + dt.timedelta(days=rng.randrange((LAST - FIRST).days - 60))
    birth = received - dt.timedelta(days=rng.randrange(5 * 366, 80 * 365))
    adult = (received - birth).days >= 18 * 366
    activities = [{"annex1_point": rng.randint(1, 7), "hours_per_week": str(rng.choice([2, 4, 8, 10, 15, 20, 25, 30])),
                   "weekdays": sorted(rng.sample(range(1, 8), rng.randint(1, 5))),
                   "institution_transport": rng.random() < 0.1, "outside_latvia": rng.random() < 0.05}
                  for _ in range(rng.randint(1, 4))]
    application = {
        "received_on": received.isoformat(),
        "applicant": {"given_name": rng.choice(GIVEN), "surname": rng.choice(SURNAMES),
                      "personal_code": make(birth, rng.randrange(1000)), "address": "Brīvības iela 1, Rīga"},
        "activities": activities,
        "visual_benefit": rng.random() < 0.1,
        "attachments": sorted(rng.sample(["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"], rng.randint(0, 4))),
    }
    assessment = {
        "disability_group": rng.choice(["I", "II", "II", "III"]) if adult else None,
        "opinion": {"kind": "assistance_need" if adult else "special_care",
                    "issued_on": (received - dt.timedelta(days=rng.randrange(30, 900))).isoformat(),
                    "valid_until": (received + dt.timedelta(days=rng.randrange(-30, 900))).isoformat()},
        "residence_status": rng.choice(["home"] * 18 + ["hospital", "long_term_care"]),
        "can_move_without_assistant": rng.random() < 0.1,
        "cannot_move_with_assistant": rng.random() < 0.05,
        "activities_meet_annex1": rng.random() < 0.95,
        "increase_reason": "liels attālums" if rng.random() < 0.1 else None,
        "hours_used_previous_months": [str(rng.randint(0, 60)) for _ in range(3)] if rng.random() < 0.5 else None,
        "institution_transport_help": rng.choice([True, False]),
    }
    return application, assessment


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=942)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    raw = [generate(rng) for _ in range(args.n)]
    params = parameters.load()
    records = [(Application.model_validate(a), Assessment.model_validate(s)) for a, s in raw]

    def validate() -> None:
        for a, s in raw:
            Application.model_validate(a)
            Assessment.model_validate(s)

    outcomes: dict[str, int] = {}

    def run_assess() -> None:
        outcomes.clear()
        for app, asm in records:
            d = assess(app, asm, params=params)
            outcomes[d.outcome] = outcomes.get(d.outcome, 0) + 1

    t_validate = best(validate, args.repeat)
    t_assess = best(run_assess, args.repeat)
    per = t_assess / args.n * 1e3
    print(f"{args.n} generated applications (seed {args.seed}), best of {args.repeat}; outcomes {dict(sorted(outcomes.items()))}")
    print(f"pydantic validation of the same records: {t_validate / args.n * 1e3:.3f} ms per application")
    print(f"assess():                                 {per:.3f} ms per assessment "
          f"({'within' if per < 1 else 'ABOVE'} the 1 ms target)")
    print(f"ratio assess / validation: {t_assess / t_validate:.2f}×")


if __name__ == "__main__":
    main()
