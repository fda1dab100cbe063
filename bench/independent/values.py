"""What a person writes on the two forms, chosen to stress a reader: capitals with marks at word starts,
decimal commas, e-mail addresses, routes with dashes, times without a leading zero.

Every form is a dict of form field name → the text as written ("7,5", "8:30", "Ūdens iela 4, Ērgļi") and
a dict of the same names → the canonical value a correct reading yields ("7.5", "08:30", …; checkboxes
True/False; None for an empty field). The canonical forms are worked out here by hand, not by the parser's
normalisers. Names, places and values are written for this set only; nothing is shared with
`samples/generate.py`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import random
import unicodedata
from decimal import Decimal

from regulation.personal_code import make as make_code

# (masculine, feminine); many start with a capital that carries a mark
SURNAMES = [("Ābelis", "Ābele"), ("Ūdris", "Ūdre"), ("Ērglis", "Ērgle"), ("Ēcis", "Ēce"), ("Ābols", "Ābola"),
            ("Šteins", "Šteina"), ("Žuburs", "Žubure"), ("Čakstiņš", "Čakstiņa"), ("Ģērmanis", "Ģērmane"),
            ("Ķiršs", "Ķirša"), ("Ļaksa", "Ļaksa"), ("Ņečajevs", "Ņečajeva"), ("Īvāns", "Īvāne"),
            ("Ozoliņš", "Ozoliņa"), ("Lapiņš", "Lapiņa"), ("Vilks", "Vilka"), ("Jurēvičs", "Jurēviča"),
            ("Sproģis", "Sproģe"), ("Kļaviņš", "Kļaviņa"), ("Krastiņš", "Krastiņa")]
MALE = ["Ēriks", "Ēvalds", "Āris", "Ādolfs", "Ādams", "Šarlis", "Žanis", "Česlavs", "Ģirts", "Ģederts",
        "Ķirills", "Ļevs", "Ņikita", "Īvars", "Jānis", "Oskars", "Didzis", "Roberts"]
FEMALE = ["Ērika", "Ārija", "Ūna", "Šarlote", "Žanete", "Česlava", "Ģertrūde", "Ķīra", "Ļena", "Ņina",
          "Īrisa", "Elīna", "Madara", "Baiba", "Linda", "Vija"]
TOWNS = [("Rīga", "LV-1050"), ("Ērgļi", "LV-4840"), ("Ādaži", "LV-2164"), ("Ķekava", "LV-2123"),
         ("Ķegums", "LV-5020"), ("Ļaudona", "LV-4862"), ("Īslīce", "LV-3901"), ("Jelgava", "LV-3002"),
         ("Cēsis", "LV-4101"), ("Ogre", "LV-5001"), ("Jēkabpils", "LV-5202"), ("Žīguri", "LV-4574"),
         ("Ūdrupe", "LV-4901"), ("Čiekurkalns", "LV-1026")]
STREETS = ["Ūdens iela", "Ābeļu iela", "Ērgļu iela", "Ēdoles iela", "Čiekuru iela", "Šķūņu iela",
           "Žagatu iela", "Ģertrūdes iela", "Ķiploku iela", "Ļaudonas iela", "Īslīces iela", "Jelgavas iela",
           "Rīgas iela", "Cēsu iela", "Ogres iela", "Ābeces iela"]
PLACES = {
    1: ["Ērgļu pagasta pārvalde", "SIA Ūdenssaimniecība", "Ādažu slimnīca", "Rīgas ostas birojs",
        "Jelgavas maiznīca"],
    2: ["Ērgļu vidusskola", "Ķekavas vidusskola", "Cēsu Valsts ģimnāzija", "Ādažu kursi"],
    3: ["Rīgas Tehniskā universitāte", "Jelgavas augstskola", "Ūdens akadēmija"],
    4: ["Ķekavas dienas centrs", "Ēdoles dienas centrs", "Cēsu rehabilitācijas centrs"],
    5: ["Ādažu poliklīnika", "Rīgas slimnīca", "Ogres sociālais dienests", "Ķeguma ambulance"],
    6: ["Ērgļu koris", "Ūdens sporta klubs", "Šķūņu biedrība", "Jelgavas teātris"],
    7: ["Ābeļu tirgus", "Žīguru veikals", "Cēsu koncertzāle", "Rīgas bibliotēka"],
}
ABROAD = ["Tartu, Igaunija", "Šauļi, Lietuva", "Pērnava, Igaunija"]
CAPS = {1: 20, 2: 20, 3: 40, 4: 20, 5: 20, 6: 20, 7: 2}  # Annex 1 hours a week (2016 onwards)
PROVIDERS = [("SIA Ērgļu palīgs", "40103999995"), ("Biedrība Ūdensroze", "40008777779")]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _comma(value: Decimal) -> tuple[str, str]:
    """(as written with a decimal comma, canonical with a point): 7.5 → ("7,5", "7.5"), 3 → ("3", "3")."""
    v = value.normalize()
    text = format(v, "f")
    return text.replace(".", ","), text


def _money(value: Decimal) -> tuple[str, str]:
    text = f"{value:.2f}"
    return text.replace(".", ","), text


def _time(minutes: int, rng: random.Random) -> tuple[str, str]:
    h, m = divmod(minutes, 60)
    written = f"{h}:{m:02d}" if h < 10 and rng.random() < 0.6 else f"{h:02d}:{m:02d}"
    return written, f"{h:02d}:{m:02d}"


def _date(day: dt.date) -> tuple[str, str]:
    return f"{day:%d.%m.%Y}", day.isoformat()


def _person(rng: random.Random, prefix: str, born_from: int, born_to: int, out: dict, want: dict,
            address: bool = True, contact: bool = True, code: bool = True) -> None:
    female = rng.random() < 0.5
    given = rng.choice(FEMALE if female else MALE)
    surname = rng.choice(SURNAMES)[1 if female else 0]
    for key, value in (("given_name", given), ("surname", surname)):
        out[f"{prefix}.{key}"] = want[f"{prefix}.{key}"] = value
    if code:
        birth = dt.date(rng.randint(born_from, born_to), rng.randint(1, 12), rng.randint(1, 28))
        pc = make_code(birth, rng.randint(0, 999))
        out[f"{prefix}.personal_code"] = want[f"{prefix}.personal_code"] = pc
    if address:
        town, post = rng.choice(TOWNS)
        flat = f"-{rng.randint(1, 40)}" if rng.random() < 0.5 else ""
        text = f"{rng.choice(STREETS)} {rng.randint(1, 99)}{flat}, {town}, {post}"
        out[f"{prefix}.address"] = want[f"{prefix}.address"] = text
    if contact:
        if rng.random() < 0.8:
            phone = f"+371 2{rng.randint(0, 9999999):07d}" if rng.random() < 0.5 else f"2{rng.randint(0, 9999999):07d}"
            out[f"{prefix}.phone"] = want[f"{prefix}.phone"] = phone
        if rng.random() < 0.7:
            host = rng.choice(["inbox.lv", "gmail.com", "example.lv", "apollo.lv"])
            sep = rng.choice([".", "_", ""])
            mail = f"{_ascii(given)}{sep}{_ascii(surname)}{rng.randint(1, 99) if rng.random() < 0.5 else ''}@{host}"
            out[f"{prefix}.email"] = want[f"{prefix}.email"] = mail


def application(rng: random.Random) -> tuple[dict[str, str], dict[str, object]]:
    """An application (points 5–7) as written on the form, and what a correct reading yields."""
    out: dict[str, str] = {}
    want: dict[str, object] = {}
    received = dt.date(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
    out["received_on"], want["received_on"] = _date(received)
    _person(rng, "applicant", received.year - 80, received.year - 20, out, want)
    if rng.random() < 0.35:
        _person(rng, "representative", received.year - 70, received.year - 25, out, want)
    points = sorted(rng.sample(range(1, 8), rng.choice([1, 2, 2, 3, 4])))
    for p in points:
        row = p - 1
        cap = CAPS[p]
        quarters = rng.randint(4, cap * 4) if p != 7 else rng.choice([4, 6, 8])
        if rng.random() < 0.6 and p != 7:
            quarters = quarters // 2 * 2 + 0  # mostly whole and half hours, some quarters
        written, canon = _comma(Decimal(quarters) / 4)
        out[f"activities.{row}.hours_per_week"], want[f"activities.{row}.hours_per_week"] = written, canon
        for d in sorted(rng.sample(range(1, 8), rng.randint(1, 5))):
            out[f"activities.{row}.weekdays.{d}"] = "X"
            want[f"activities.{row}.weekdays.{d}"] = True
        outside = rng.random() < 0.1
        if outside:
            out[f"activities.{row}.outside_latvia"] = "X"
            want[f"activities.{row}.outside_latvia"] = True
        if rng.random() < 0.9:
            place = rng.choice(ABROAD) if outside else rng.choice(PLACES[p])
            out[f"activities.{row}.place"] = want[f"activities.{row}.place"] = place
        if p in (1, 2, 4) and rng.random() < 0.2:
            out[f"activities.{row}.institution_transport"] = "X"
            want[f"activities.{row}.institution_transport"] = True
    benefit = rng.random() < 0.2
    key = "visual_benefit.yes" if benefit else "visual_benefit.no"
    out[key], want[key] = "X", True
    if rng.random() < 0.5:
        _person(rng, "preferred_assistant", 1960, 2000, out, want, address=False, contact=False, code=False)
    for n in ("7.1", "7.2", "7.3", "7.4", "7.5", "7.6"):
        if (n == "7.1" and "representative.given_name" in out) or (n != "7.1" and rng.random() < 0.4):
            out[f"attachments.{n}"], want[f"attachments.{n}"] = "X", True
    return out, want


def _route(rng: random.Random, point: int, outside: bool) -> str:
    if outside:
        return f"{rng.choice(TOWNS)[0]} – {rng.choice(ABROAD).split(',')[0]}"
    if rng.random() < 0.5:
        a, b = rng.sample(TOWNS, 2)
        return f"{a[0]} – {b[0]}"
    return rng.choice(PLACES[point])


def timesheet(rng: random.Random) -> tuple[dict[str, str], dict[str, object]]:
    """A monthly timesheet (point 20) as written, and what a correct reading yields; rows add up."""
    out: dict[str, str] = {}
    want: dict[str, object] = {}
    year, month = rng.randint(2020, 2025), rng.randint(1, 12)
    out["month"], want["month"] = f"{month:02d}.{year}", f"{year:04d}-{month:02d}"
    _person(rng, "recipient", year - 80, year - 20, out, want, address=False, contact=False)
    _person(rng, "assistant", year - 60, year - 20, out, want, address=False, contact=False,
            code=rng.random() < 0.8)
    out["assistant.is_minor.no"], want["assistant.is_minor.no"] = "X", True
    if rng.random() < 0.3:
        name, number = rng.choice(PROVIDERS)
        out["provider.name"] = want["provider.name"] = name
        out["provider.registration_number"] = want["provider.registration_number"] = number
    points = rng.sample(range(1, 8), rng.choice([1, 2, 3]))
    abroad = rng.random() < 0.2
    days = sorted(rng.sample(range(1, calendar.monthrange(year, month)[1] + 1), rng.randint(6, 16)))
    total_q, total_eur = 0, Decimal(0)
    for row, day in enumerate(days):
        point = rng.choice(points)
        start = rng.randint(7 * 4, 12 * 4) * 15
        quarters = rng.choice([4, 8]) if point == 7 else rng.randint(3, 28)
        end = start + quarters * 15
        p = f"entries.{row}"
        out[f"{p}.date"], want[f"{p}.date"] = _date(dt.date(year, month, day))
        out[f"{p}.start"], want[f"{p}.start"] = _time(start, rng)
        out[f"{p}.end"], want[f"{p}.end"] = _time(end, rng)
        out[f"{p}.hours"], want[f"{p}.hours"] = _comma(Decimal(quarters) / 4)
        out[f"{p}.annex1_point"] = want[f"{p}.annex1_point"] = str(point)
        outside = abroad and rng.random() < 0.3
        out[f"{p}.place"] = want[f"{p}.place"] = _route(rng, point, outside)
        if outside:
            out[f"{p}.outside_latvia"], want[f"{p}.outside_latvia"] = "X", True
        if rng.random() < 0.35:
            eur = Decimal(rng.randint(100, 2500)) / 100
            total_eur += eur
            out[f"{p}.transport_eur"], want[f"{p}.transport_eur"] = _money(eur)
        total_q += quarters
    out["totals.hours"], want["totals.hours"] = _comma(Decimal(total_q) / 4)
    if total_eur:
        out["totals.transport_eur"], want["totals.transport_eur"] = _money(total_eur)
    for key in ("signed_by_assistant", "signed_by_recipient"):
        if rng.random() < 0.95:
            out[key], want[key] = "X", True
    return out, want
