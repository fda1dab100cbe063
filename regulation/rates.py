"""The hourly remuneration rate of point 22.1 and the money a number of hours costs (22.1–22.3).

22.1 (MK 814 redakcijā, from 2021): "asistentu atlīdzībai atbilstoši vienas pakalpojuma sniegšanas stundas
izcenojumam šo noteikumu 4. pielikumā noteiktajā apmērā, bet kopā ne vairāk kā par 40 stundām nedēļā vienam
asistentam" — the Annex 4 table, verbatim from the parameters.

2016–2020 (MK 592 redakcijā) the hour was paid at the minimum hourly tariff rate; the ministry's deck: "2016.gadā
mainās minimālā stundas tarifa likme. Aprēķina katru mēnesi, atbilstoši 24.11.2015. MK noteikumiem Nr.656 …
TLmin = 370 / 168 = 2,2024 kur; … 168 - normālā darba laika stundu skaits mēnesī."

>>> rate("2016-01").rate
Decimal('2.2024')
>>> rate("2021-03", minor=True).rate
Decimal('3.1056')
>>> payable(Decimal("10"), "2016-01").total
Decimal('27.21')
>>> rate("2022-01")
Traceback (most recent call last):
...
regulation.parameters.OutOfForce: MK 942 zaudēja spēku 2021-07-01; ...
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import PlainSerializer

from regulation import calendar as cal
from regulation import parameters as _parameters
from regulation.parameters import OutOfForce, Parameters
from regulation.records import Record

RATE_PLACES = Decimal("0.0001")  # "Money" in REGULATION.md: the tariff rate has 4 decimals
CENT = Decimal("0.01")
ADULT_DAY_HOURS = 8  # Darba likums 131: normal daily working time 8 hours
MINOR_DAY_HOURS = 7  # Darba likums 132: a person under 18 works at most 7 hours a day

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _fixed(places: Decimal) -> PlainSerializer:
    """Dumped as an exact decimal string with its places ("2.3370", "25.60"): JSON numbers are floats to most
    readers, and money and rates must not be."""
    return PlainSerializer(lambda v: None if v is None else format(Decimal(v).quantize(places, ROUND_HALF_UP), "f"),
                           return_type=str | None)


MoneyText = Annotated[Decimal, _fixed(CENT)]
RateText = Annotated[Decimal, _fixed(RATE_PLACES)]


class RateDerivation(Record):
    """How the hourly rate of one month was found: inputs, counts, method and its legal basis."""

    month: str  # "YYYY-MM"
    minor: bool
    rate: RateText  # EUR per hour, 4 decimals
    method: Literal["mk656_minimum_tariff", "annex4_table"]
    minimum_wage: MoneyText
    day_hours: int  # 8, or 7 for a minor assistant
    working_days: int
    working_day_hours: int
    holidays_mon_fri: int  # public holidays falling Monday–Friday
    holiday_hours: int
    normal_hours: int  # the divisor (2016–2020) or the cross-check's hours (2021)
    pre_holiday_days: int
    cross_check_rate: RateText | None = None  # 2021: minimum wage / hours actually worked
    sources: list[str]
    notes_lv: list[str]
    notes_en: list[str]
    rules_version: str


class Payable(Record):
    """What a number of service hours of one month costs the state budget (22.1–22.3)."""

    month: str
    minor: bool
    hours: Decimal
    rate: RateText
    remuneration: MoneyText  # 22.1
    contributions_apply: bool
    contribution_rate: RateText
    contributions: MoneyText  # 22.2
    transport: MoneyText  # 22.3
    total: MoneyText
    rules_version: str


def parse_month(month: str | dt.date) -> dt.date:
    """The first day of a "YYYY-MM" month (or of a date's month); ValueError in both languages otherwise."""
    if isinstance(month, dt.date):
        return month.replace(day=1)
    m = _MONTH.match(str(month).strip())
    if not m:
        raise ValueError(f"mēnesim jābūt formā GGGG-MM (piemēram, 2016-01), nevis '{month}' / "
                         f"the month must be YYYY-MM (e.g. 2016-01), not '{month}'")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def _last_day(first: dt.date) -> dt.date:
    return cal.add_month(first) - dt.timedelta(days=1)


def _counts(first: dt.date) -> tuple[int, int, int, list[dt.date]]:
    """(working days, public holidays Mon–Fri, pre-holiday days, observed Mondays) of the month."""
    days = cal.month_days(first.year, first.month)
    working = [d for d in days if cal.is_working_day(d)]
    holidays_weekdays = [d for d in days if d.weekday() < 5 and cal.is_public_holiday(d)]
    pre = [d for d in working if cal.is_pre_holiday(d)]
    observed = sorted(d for d in cal.year_calendar(first.year).observed if d.month == first.month)
    return len(working), len(holidays_weekdays), len(pre), observed


def _in_force(first: dt.date, params: Parameters) -> str:
    """The rules version for the month, or OutOfForce saying what applies instead.

    Months from the repeal to 2021-12-31 are priced only for contracts concluded before the repeal.
    """
    last = _last_day(first)
    if first >= params.repealed_from:
        return params.rules_version(first, contract_concluded_on=params.repealed_from - dt.timedelta(days=1))
    params.redaction(first)
    return params.rules_version(last)


def rate(month: str | dt.date, minor: bool = False, params: Parameters | None = None) -> RateDerivation:
    """The hourly rate of point 22.1 for `month`, with its derivation; OutOfForce outside 2016-01..2021-12."""
    first = parse_month(month)
    if params is None:
        return _rate_default(first, minor)
    return _derive(first, minor, params)


@lru_cache(maxsize=256)
def _rate_default(first: dt.date, minor: bool) -> RateDerivation:
    # The parameter file is immutable once loaded, so the derivation of a month never changes.
    return _derive(first, minor, _parameters.load())


def _derive(first: dt.date, minor: bool, params: Parameters) -> RateDerivation:
    version = _in_force(first, params)
    method = params.param("hourly_rate_method", first)
    wage = params.param("minimum_monthly_wage", first)
    day_hours = MINOR_DAY_HOURS if minor else ADULT_DAY_HOURS
    working, holidays_weekdays, pre, observed = _counts(first)
    key = first.strftime("%Y-%m")
    notes_lv: list[str] = []
    notes_en: list[str] = []
    sources = [method.ref, wage.ref]
    if first >= params.repealed_from:
        notes_lv.append(f"MK 942 zaudēja spēku {params.repealed_from.isoformat()}; šī likme piemērojama tikai līgumiem, "
                        f"kas noslēgti pirms tam (ne ilgāk kā līdz {params.old_contracts_run_until.isoformat()})")
        notes_en.append(f"MK 942 was repealed on {params.repealed_from.isoformat()}; this rate applies only to contracts "
                        f"concluded before then (not past {params.old_contracts_run_until.isoformat()})")
    if method.value == "annex4_table":
        table = params.param("annex4_hourly_rate", first)
        row = table.value.get(key)
        if row is None:
            raise OutOfForce(f"4. pielikumā nav likmes mēnesim {key}", f"Annex 4 has no rate for {key}")
        value = Decimal(row["minor" if minor else "adult"]).quantize(RATE_PLACES)
        sources.insert(0, table.ref)
        # Cross-check only: the table equals the wage divided by the hours actually worked in the month.
        worked = day_hours * working - pre
        check = (wage.value / worked).quantize(RATE_PLACES, ROUND_HALF_UP)
        normal_hours = worked
        notes_lv.append(f"likme ņemta no 4. pielikuma tabulas ({'nepilngadīgs' if minor else 'pilngadīgs'} asistents); "
                        f"pārbaude: {wage.value} / ({day_hours} × {working} − {pre} pirmssvētku st.) = {check}")
        notes_en.append(f"rate taken from the Annex 4 table ({'minor' if minor else 'adult'} assistant); "
                        f"cross-check: {wage.value} / ({day_hours} × {working} − {pre} pre-holiday h) = {check}")
        if check != value:
            notes_lv.append("pārbaudes aprēķins nesakrīt ar tabulu: piemērota tabulas vērtība")
            notes_en.append("the cross-check differs from the table: the table's value applies")
    elif method.value == "mk656_minimum_tariff":
        normal_hours = day_hours * (working + holidays_weekdays)
        value = (wage.value / normal_hours).quantize(RATE_PLACES, ROUND_HALF_UP)
        check = None
        notes_lv.append(f"minimālā stundas tarifa likme = {wage.value} / ({day_hours} × {working} darbdienas + "
                        f"{day_hours} × {holidays_weekdays} svētku dienas darbdienās) = {wage.value} / {normal_hours} = {value}")
        notes_en.append(f"minimum hourly tariff = {wage.value} / ({day_hours} × {working} working days + "
                        f"{day_hours} × {holidays_weekdays} public holidays on weekdays) = {wage.value} / {normal_hours} = {value}")
        if minor:
            notes_lv.append("nepilngadīgam asistentam pieņemta 7 stundu darba diena (Darba likuma 132. pants); "
                            "ticamība: vidēja — oficiāla tabula nepilngadīgajiem 2016.–2020. gadam nav pārbaudīta")
            notes_en.append("a minor assistant is taken to work 7-hour days (Labour Law s. 132); confidence: medium — "
                            "no official 2016–2020 table for minors was verified")
        for day in observed:
            alt = (wage.value / (normal_hours + day_hours)).quantize(RATE_PLACES, ROUND_HALF_UP)
            notes_lv.append(f"{day.isoformat()} ir brīvdiena, jo 4. maijs vai 18. novembris iekrita brīvdienā; tās stundas "
                            f"nav ieskaitītas normālajā darba laikā (ja tās ieskaitītu kā svētku stundas, likme būtu {alt}) — "
                            "pret oficiālu tabulu nav pārbaudīts")
            notes_en.append(f"{day.isoformat()} is a day off because 4 May or 18 November fell on a weekend; its hours are "
                            f"not counted as normal hours (counted as holiday hours the rate would be {alt}) — "
                            "not verified against an official table")
    else:
        raise ValueError(f"unknown hourly_rate_method '{method.value}' in the parameters")
    return RateDerivation(
        month=key, minor=minor, rate=value, method=method.value, minimum_wage=wage.value, day_hours=day_hours,
        working_days=working, working_day_hours=day_hours * working, holidays_mon_fri=holidays_weekdays,
        holiday_hours=day_hours * holidays_weekdays, normal_hours=normal_hours, pre_holiday_days=pre,
        cross_check_rate=check, sources=sources, notes_lv=notes_lv, notes_en=notes_en, rules_version=version,
    )


def employer_contribution_rate(on: dt.date, params: Parameters | None = None) -> Decimal:
    """22.2: "darba devēja valsts sociālās apdrošināšanas obligātajām iemaksām, ja darba devējam šādas iemaksas
    jāveic" — the employer's rate for a normally insured employee on `on` (a fraction, e.g. 0.2359)."""
    return (params or _parameters.load()).value("employer_contribution_rate", on)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def payable(hours: Decimal, month: str | dt.date, minor: bool = False, contributions_apply: bool = True,
            transport_eur: Decimal = Decimal("0"), params: Parameters | None = None) -> Payable:
    """The cost of `hours` of one month: remuneration (22.1), employer contributions (22.2), transport (22.3).

    Remuneration = hours × rate, contributions = remuneration × the employer's rate, each rounded to cents
    (ROUND_HALF_UP); `contributions_apply` is False where the employer need not pay them (e.g. a
    self-employed assistant pays their own).
    """
    hours = Decimal(hours)
    if hours < 0:
        raise ValueError("stundu skaits nevar būt negatīvs / hours cannot be negative")
    derivation = rate(month, minor, params)
    first = parse_month(month)
    remuneration = _cents(hours * derivation.rate)
    contribution_rate = employer_contribution_rate(first, params) if contributions_apply else Decimal("0")
    contributions = _cents(remuneration * contribution_rate)
    transport = _cents(Decimal(transport_eur))
    return Payable(
        month=derivation.month, minor=minor, hours=hours, rate=derivation.rate, remuneration=remuneration,
        contributions_apply=contributions_apply, contribution_rate=contribution_rate, contributions=contributions,
        transport=transport, total=remuneration + contributions + transport, rules_version=derivation.rules_version,
    )
