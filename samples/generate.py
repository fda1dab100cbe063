"""Synthetic filled forms with their expected records: applications and timesheets in three shapes.

    .venv/bin/python samples/generate.py --seed 942 --out samples [--count 12] [--kinds application timesheet]
        [--shapes fillable flattened scanned]

writes OUT/applications/<shape>/NN.pdf and OUT/timesheets/<shape>/NN.pdf, each with NN.expected.json beside
it (the record as `regulation.records.dumps` writes it); a scan also gets NN.scan.json (its dpi, skew,
rotation, faintness). People are fictitious: Latvian names, valid synthetic personal codes
(`regulation.personal_code.make`), addresses in Latvian towns. Every sample draws from its own random
stream keyed by (seed, kind, shape, number), so the same seed gives the same records, and a larger --count
only adds samples.
"""
from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from the checkout
    sys.path.insert(0, str(ROOT))

from forms.build import fill, scan  # noqa: E402
from generator.atomic import write_bytes, write_text  # noqa: E402
from regulation.personal_code import make  # noqa: E402
from regulation.records import Application, Timesheet, dumps, load  # noqa: E402

DEFAULT_SEED = 942
SHAPES = ("fillable", "flattened", "scanned")
FOLDERS = {"application": "applications", "timesheet": "timesheets"}

# (masculine, feminine) surname forms
SURNAMES = [("Bērziņš", "Bērziņa"), ("Kalniņš", "Kalniņa"), ("Ozols", "Ozola"), ("Jansons", "Jansone"),
            ("Liepiņš", "Liepiņa"), ("Krūmiņš", "Krūmiņa"), ("Zariņš", "Zariņa"), ("Vītols", "Vītola"),
            ("Kļaviņš", "Kļaviņa"), ("Šmits", "Šmite"), ("Eglītis", "Eglīte"), ("Pētersons", "Pētersone"),
            ("Žagars", "Žagare"), ("Ķēniņš", "Ķēniņa"), ("Circenis", "Circene"), ("Grīnbergs", "Grīnberga"),
            ("Lūsis", "Lūse"), ("Dūmiņš", "Dūmiņa"), ("Ābols", "Ābola"), ("Čakste", "Čakste"),
            ("Ņikitins", "Ņikitina"), ("Gaiļums", "Gaiļuma"), ("Siliņš", "Siliņa"), ("Rozenbergs", "Rozenberga")]
MALE = ["Jānis", "Andris", "Mārtiņš", "Edgars", "Ēriks", "Kārlis", "Pēteris", "Oļegs", "Raimonds", "Uģis",
        "Gatis", "Aivars", "Valdis", "Dāvis", "Rūdolfs", "Juris", "Ilmārs", "Armands"]
FEMALE = ["Anna", "Līga", "Ilze", "Dace", "Inese", "Māra", "Zane", "Agnese", "Ērika", "Sandra", "Anete",
          "Laura", "Kristīne", "Gunta", "Solvita", "Ieva", "Dzintra", "Ņina", "Santa", "Rūta"]
TOWNS = [("Rīga", "LV-1011"), ("Jelgava", "LV-3001"), ("Liepāja", "LV-3401"), ("Daugavpils", "LV-5401"),
         ("Ventspils", "LV-3601"), ("Rēzekne", "LV-4601"), ("Valmiera", "LV-4201"), ("Jēkabpils", "LV-5201"),
         ("Ogre", "LV-5001"), ("Tukums", "LV-3101"), ("Cēsis", "LV-4101"), ("Kuldīga", "LV-3301"),
         ("Sigulda", "LV-2150"), ("Smiltene", "LV-4729"), ("Ludza", "LV-5701"), ("Bauska", "LV-3901")]
STREETS = ["Brīvības iela", "Rīgas iela", "Skolas iela", "Dzirnavu iela", "Lāčplēša iela", "Ganību iela",
           "Pils iela", "Zemgales iela", "Ozolu iela", "Kr. Valdemāra iela", "Dārza iela", "Jūras iela",
           "Stacijas iela", "Miera iela", "Tērbatas iela", "Ūdens iela"]
PLACES = {
    1: ["SIA „Koka māja”", "Pašvaldības aģentūra", "SIA „Ķīmija un Ko”", "veikals „Elvi”", "darbnīca „Rūķis”"],
    2: ["Rīgas Valsts 3. ģimnāzija", "Valmieras tehnikums", "Jelgavas 4. vidusskola", "valodu kursi „Lingva”"],
    3: ["Latvijas Universitāte", "Rīgas Stradiņa universitāte", "Liepājas Universitāte", "Vidzemes Augstskola"],
    4: ["dienas centrs „Saulespuķe”", "dienas aprūpes centrs „Cerība”", "rehabilitācijas centrs „Jaunķemeri”"],
    5: ["poliklīnika „Ķengarags”", "sociālais dienests", "Valsts ieņēmumu dienests", "slimnīca „Gaiļezers”"],
    6: ["biedrība „Sustento”", "koris „Dziesmu vītols”", "sporta klubs „Ratiņi”", "Latvijas Neredzīgo biedrība"],
    7: ["t/c „Origo”", "Lielā ģilde (koncerts)", "tirgus", "Dailes teātris", "Nacionālā bibliotēka"],
}
ABROAD = ["Tallina (Igaunija)", "Viļņa (Lietuva)", "Pērnava (Igaunija)", "Šauļi (Lietuva)"]
CAPS = {1: 20, 2: 20, 3: 40, 4: 20, 5: 20, 6: 20, 7: 2}  # Annex 1 hours a week, to make most requests fit
PROVIDERS = [("SIA „Palīgs tev”", "40103123456"), ("Biedrība „Ratiņi”", "40008123457"),
             ("Nodibinājums „Asistents un Ko”", "50008123458")]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _person(rng: random.Random, born_from: int, born_to: int, *, address: bool = True) -> dict[str, Any]:
    female = rng.random() < 0.5
    given = rng.choice(FEMALE if female else MALE)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    birth = dt.date(rng.randint(born_from, born_to), rng.randint(1, 12), rng.randint(1, 28))
    person = {"given_name": given, "surname": surname, "personal_code": make(birth, rng.randint(0, 999))}
    if address:
        town, post = rng.choice(TOWNS)
        flat = f"-{rng.randint(1, 60)}" if rng.random() < 0.6 else ""
        person["address"] = f"{rng.choice(STREETS)} {rng.randint(1, 120)}{flat}, {town}, {post}"
        if rng.random() < 0.85:
            person["phone"] = f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.5 else f"2{rng.randint(0, 9999999):07d}"
        if rng.random() < 0.6:
            person["email"] = f"{_ascii(given)}.{_ascii(surname)}{rng.randint(1, 99)}@example.lv"
    return person


def _hours(rng: random.Random, point: int) -> Decimal:
    if point == 7:
        return Decimal(rng.choice([1, 2, 2, 2, 3]))
    whole = rng.randint(2, CAPS[point] + (4 if rng.random() < 0.15 else 0))
    return Decimal(whole) + (Decimal("0.5") if rng.random() < 0.25 else 0)


def application(seed: int, shape: str, n: int) -> Application:
    rng = random.Random(f"{seed}:application:{shape}:{n}")
    received = dt.date(rng.randint(2019, 2021), rng.randint(1, 12), rng.randint(1, 28))
    child = rng.random() < 0.3
    year = received.year
    applicant = _person(rng, year - 17, year - 6) if child else _person(rng, year - 80, year - 19)
    representative = None
    if child or rng.random() < 0.15:
        representative = _person(rng, year - 70, year - 25)
        if child and rng.random() < 0.7:  # a parent: the child's surname, in the parent's gender
            pair = next(pair for pair in SURNAMES if applicant["surname"] in pair)
            representative["surname"] = pair[1 if representative["given_name"] in FEMALE else 0]
    points = sorted(rng.sample(range(1, 8), rng.choice([1, 1, 2, 2, 3, 4])))
    if child:
        points = sorted({2, *(p for p in points if p in (4, 5, 6, 7))})
    activities = []
    for point in points:
        days = sorted(rng.sample(range(1, 8), rng.randint(1, 5))) if rng.random() < 0.85 else []
        outside = rng.random() < 0.12
        place = rng.choice(ABROAD) if outside else rng.choice(PLACES[point])
        activities.append({
            "annex1_point": point, "hours_per_week": str(_hours(rng, point)), "weekdays": days,
            "place": place if rng.random() < 0.9 else None,
            "institution_transport": point in (1, 2, 4) and rng.random() < 0.2, "outside_latvia": outside,
        })
    attachments = ["7.2"] if rng.random() < 0.8 else []
    if representative:
        attachments.append("7.1")
    for point, code in ((6, "7.3"), (1, "7.4"), (2, "7.5"), (3, "7.5"), (4, "7.6")):
        if point in points and code not in attachments and rng.random() < 0.8:
            attachments.append(code)
    preferred = None
    if rng.random() < 0.5:
        helper = _person(rng, 1950, 2000, address=False)
        preferred = {"given_name": helper["given_name"], "surname": helper["surname"]}
    return load(Application, {
        "received_on": received.isoformat(), "applicant": applicant, "representative": representative,
        "activities": activities, "visual_benefit": rng.random() < 0.15, "preferred_assistant": preferred,
        "attachments": sorted(attachments)})


def _route(rng: random.Random, point: int, outside: bool) -> str:
    if outside:
        return f"{rng.choice(TOWNS)[0]} – {rng.choice(ABROAD)}"
    if rng.random() < 0.4:
        return f"{rng.choice(TOWNS)[0]} – {rng.choice(TOWNS)[0]}"
    return rng.choice(PLACES[point])


def timesheet(seed: int, shape: str, n: int) -> Timesheet:
    rng = random.Random(f"{seed}:timesheet:{shape}:{n}")
    year, month = rng.randint(2019, 2021), rng.randint(1, 12)
    days_in_month = calendar.monthrange(year, month)[1]
    rows = rng.randint(10, 31)
    # mostly one service a day; a few days with two (morning and afternoon)
    days = sorted(rng.sample(range(1, days_in_month + 1), min(rows, days_in_month)))
    points = sorted(rng.sample(range(1, 8), rng.choice([1, 2, 2, 3])))
    abroad_sheet = rng.random() < 0.25
    entries = []
    for day in days:
        sittings = 2 if rng.random() < 0.12 and len(entries) < 38 else 1
        start_min = rng.randint(7 * 4, 11 * 4) * 15
        for _ in range(sittings):
            point = rng.choice(points)
            minutes = rng.choice([60, 120, 180]) if point == 7 else rng.randint(2, 24) * 15
            end_min = min(start_min + minutes, 23 * 60 + 45)
            if end_min <= start_min:
                break
            outside = abroad_sheet and rng.random() < 0.15
            transport = Decimal(rng.randint(120, 1850)) / 100 if rng.random() < 0.3 else Decimal("0")
            entries.append({
                "date": dt.date(year, month, day).isoformat(),
                "start": f"{start_min // 60:02d}:{start_min % 60:02d}",
                "end": f"{end_min // 60:02d}:{end_min % 60:02d}",
                "hours": str(Decimal(end_min - start_min) / 60),
                "annex1_point": point, "place": _route(rng, point, outside), "outside_latvia": outside,
                "transport_eur": str(transport)})
            start_min = end_min + rng.randint(2, 12) * 15
            if start_min >= 22 * 60:
                break
    recipient = _person(rng, year - 75, year - 19, address=False)
    minor = rng.random() < 0.1
    assistant = _person(rng, year - 17 if minor else year - 65, year - 16 if minor else year - 19, address=False)
    if rng.random() < 0.2:
        del assistant["personal_code"]
    provider = None
    if rng.random() < 0.3:
        name, number = rng.choice(PROVIDERS)
        provider = {"name": name, "registration_number": number}
    return load(Timesheet, {
        "month": f"{year:04d}-{month:02d}", "recipient": recipient, "assistant": {**assistant, "is_minor": minor},
        "provider": provider, "entries": [{k: str(v) if isinstance(v, Decimal) else v for k, v in e.items()}
                                          for e in entries],
        "signed_by_assistant": rng.random() < 0.95, "signed_by_recipient": rng.random() < 0.9})


def scan_settings(seed: int, kind: str, n: int) -> dict[str, Any]:
    """How sample `n` is scanned: 200 or 300 dpi, skew up to ±3°, speckle, JPEG; one turned 180°, one faint."""
    rng = random.Random(f"{seed}:{kind}:scan:{n}")
    return {
        "dpi": 300 if n % 4 == 1 else 200,
        "skew_deg": round(rng.uniform(-3.0, 3.0), 2),
        "rotate": 180 if n == 2 else 0,
        "faint": n == 3,
        "noise": round(rng.uniform(0.0002, 0.0008), 5),
        "jpeg_quality": rng.choice([40, 45, 50]),
        "shift_pt": [round(rng.uniform(-6, 6), 1), round(rng.uniform(-6, 6), 1)],
        "scale": round(rng.uniform(0.985, 1.01), 3),
        "seed": rng.randint(0, 2**31),
    }


def generate(seed: int, out: Path, count: int, kinds: list[str], shapes: list[str], log=print) -> list[Path]:
    made = []
    for kind in kinds:
        make_record = application if kind == "application" else timesheet
        for shape in shapes:
            folder = out / FOLDERS[kind] / shape
            for n in range(1, count + 1):
                record = make_record(seed, shape, n)
                pdf = fill(kind, record, "fillable" if shape == "fillable" else "flattened")
                if shape == "scanned":
                    settings = scan_settings(seed, kind, n)
                    pdf = scan(pdf, **{**settings, "shift_pt": tuple(settings["shift_pt"])})
                    write_text(folder / f"{n:02d}.scan.json", json.dumps(settings, indent=2) + "\n")
                write_bytes(folder / f"{n:02d}.pdf", pdf)
                write_text(folder / f"{n:02d}.expected.json", dumps(record) + "\n")
                made.append(folder / f"{n:02d}.pdf")
                log(f"{folder / f'{n:02d}.pdf'} ({len(pdf) // 1024} kB)")
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Sintētiski aizpildītas veidlapas ar gaidītajiem ierakstiem / "
                                            "synthetic filled forms with their expected records")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, default=ROOT / "samples")
    p.add_argument("--count", type=int, default=12)
    p.add_argument("--kinds", nargs="+", choices=list(FOLDERS), default=list(FOLDERS))
    p.add_argument("--shapes", nargs="+", choices=SHAPES, default=list(SHAPES))
    args = p.parse_args(argv)
    if args.count < 1:
        p.error("--count must be at least 1")
    generate(args.seed, args.out, args.count, args.kinds, args.shapes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
