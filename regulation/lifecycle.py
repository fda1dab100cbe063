"""The life of a case under MK 942: which step is allowed in which state, as data and small pure functions.

A case is one application (5–7). Its states, in order:

    received → awaiting_assessment ⇄ proposal → adopted → notified → in_service ⇄ suspended → terminated → closed

A refusal ends after its notification (10): `notify` of a refusal closes the case. A new application (12)
starts a new case for the same person; nothing here moves an old case back. The register keeps the state
and refuses any step `step_allowed` refuses.

>>> next_state("proposal", "adopt")
'adopted'
>>> step_allowed("awaiting_assessment", "adopt").message_en
'the proposal still waits for the service’s assessment (8.3): it cannot be adopted'
>>> next_state("notified", "close", outcome="refuse")
'closed'
>>> step_allowed("in_service", "adopt") is not None
True
"""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from regulation import parameters

State = Literal["received", "awaiting_assessment", "proposal", "adopted", "notified", "in_service", "suspended",
                "terminated", "closed"]
Step = Literal["register", "assess", "adopt", "notify", "contract", "suspend", "resume", "terminate",
               "change_assistant", "close"]

STATES: tuple[str, ...] = ("received", "awaiting_assessment", "proposal", "adopted", "notified", "in_service",
                           "suspended", "terminated", "closed")

STATE_LV = {"received": "saņemts", "awaiting_assessment": "gaida izvērtējumu", "proposal": "lēmuma projekts",
            "adopted": "lēmums pieņemts", "notified": "paziņots", "in_service": "pakalpojums tiek sniegts",
            "suspended": "pārtraukts uz laiku", "terminated": "izbeigts", "closed": "slēgts"}

STEP_LV = {"register": "reģistrēt", "assess": "izvērtēt", "adopt": "pieņemt lēmumu", "notify": "paziņot lēmumu",
           "contract": "noslēgt līgumu", "suspend": "pārtraukt uz laiku", "resume": "atsākt",
           "terminate": "izbeigt", "change_assistant": "mainīt asistentu", "close": "slēgt lietu"}

# (step, from state) → to state. A state not listed for a step means the step is refused there.
# "assess" goes to "proposal" or "awaiting_assessment" by whether the proposal still waits (8.3).
TRANSITIONS: dict[tuple[str, str], str] = {
    ("assess", "received"): "proposal",
    ("assess", "awaiting_assessment"): "proposal",
    ("assess", "proposal"): "proposal",
    ("adopt", "proposal"): "adopted",          # 9: the service decides
    ("notify", "adopted"): "notified",         # 10: within 10 days of the decision
    ("contract", "notified"): "in_service",    # 14: the contract after a grant
    ("suspend", "in_service"): "suspended",    # 18
    ("resume", "suspended"): "in_service",     # 18: the suspension's cause has ended
    ("change_assistant", "in_service"): "in_service",  # 16
    ("terminate", "in_service"): "terminated",  # 17.1–17.5
    ("terminate", "suspended"): "terminated",
    ("close", "terminated"): "closed",
    ("close", "notified"): "closed",           # a refusal ends after its notification
}

# 16: "ne biežāk kā divas reizes gadā"
ASSISTANT_CHANGES_PER_YEAR = 2
# 17: the grounds of termination
TERMINATION_GROUNDS = {
    "17.1": "persona iesniedz sociālajā dienestā iesniegumu par atteikšanos no asistenta pakalpojuma",
    "17.2": "persona dzīvesvietu deklarējusi citas pašvaldības administratīvajā teritorijā",
    "17.3": "beidzies 8.1.1. vai 8.1.2. apakšpunktā minētā atzinuma derīguma termiņš",
    "17.4": "iestājies kāds no 9.2.1., 9.2.2., 9.2.3. vai 9.2.4. apakšpunktā minētajiem apstākļiem",
    "17.5": "asistenta pakalpojums faktiski netiek izmantots, izņemot 18. punktā minētos gadījumus",
}
NOTIFICATION_METHODS = {"in_person": "personīgi", "post": "pa pastu", "registered_post": "ierakstītā vēstulē",
                        "e_address": "e-adresē"}


@dataclass(frozen=True)
class Refusal:
    """Why a step is not allowed, in Latvian and English, with the point that forbids it."""

    point: str
    message_lv: str
    message_en: str


def step_allowed(state: str, step: str, *, outcome: str | None = None) -> Refusal | None:
    """None when `step` may be taken in `state` (of a case whose latest decision has `outcome`), else why not.

    9: a decision is adopted only on a proposal whose assessment (8.3) is complete ("Sociālais dienests ...
    pieņem vienu no šādiem lēmumiem"); 10: only an adopted decision is notified; 14: a contract only after a
    decision to grant ("Pēc lēmuma pieņemšanas par asistenta pakalpojuma piešķiršanu sociālais dienests slēdz
    līgumu"); 18: suspended only while the service runs; 17: terminated only while it runs or is suspended;
    a refusal's case closes after its notification."""
    if step == "adopt" and state == "awaiting_assessment":
        return Refusal("8.3", "lēmuma projekts vēl gaida sociālā dienesta izvērtējumu (8.3): to nevar pieņemt",
                       "the proposal still waits for the service’s assessment (8.3): it cannot be adopted")
    if step == "contract" and state == "notified" and outcome == "refuse":
        return Refusal("14", "līgumu slēdz tikai pēc lēmuma par pakalpojuma piešķiršanu (14); šis lēmums ir atteikums",
                       "a contract follows only a decision to grant (14); this decision is a refusal")
    if step == "close" and state == "notified" and outcome != "refuse":
        return Refusal("14", "piešķīruma lietu neslēdz pirms līguma un pakalpojuma izbeigšanas (14, 17)",
                       "a granted case is not closed before its contract and termination (14, 17)")
    if (step, state) in TRANSITIONS:
        return None
    return Refusal(_POINT.get(step, "9"),
                   f"darbību “{STEP_LV.get(step, step)}” nevar veikt, kad lieta ir stāvoklī “{STATE_LV.get(state, state)}”",
                   f"the step '{step}' is not allowed while the case is '{state}'")


_POINT = {"assess": "8.3", "adopt": "9", "notify": "10", "contract": "14", "suspend": "18", "resume": "18",
          "terminate": "17", "change_assistant": "16", "close": "10"}


def next_state(state: str, step: str, *, outcome: str | None = None, pending: bool = False) -> str:
    """The state after `step` (call `step_allowed` first). An assessment that leaves findings pending (8.3)
    leaves the case awaiting assessment; notifying a refusal (10) closes the case."""
    if step == "assess" and pending:
        return "awaiting_assessment"
    if step == "notify" and outcome == "refuse":
        return "closed"
    return TRANSITIONS[(step, state)]


def assistant_change_allowed(changes_this_year: int) -> Refusal | None:
    """16: "Persona ne biežāk kā divas reizes gadā ir tiesīga atteikties no asistenta pakalpojuma sniedzēja un
    izvēlēties citu" — a third change in the same calendar year is refused.

    >>> assistant_change_allowed(1) is None, assistant_change_allowed(2).point
    (True, '16')
    """
    if changes_this_year < ASSISTANT_CHANGES_PER_YEAR:
        return None
    return Refusal("16", f"asistentu var mainīt ne biežāk kā {ASSISTANT_CHANGES_PER_YEAR} reizes gadā (16); šogad tas "
                         f"jau darīts {changes_this_year} reizes",
                   f"the assistant may be changed at most {ASSISTANT_CHANGES_PER_YEAR} times a year (16); it was "
                   f"changed {changes_this_year} times this year")


def contract_within_decision(decision_hours: Decimal, decision_points: dict[int, Decimal], start: dt.date,
                             end: dt.date, decision_start: dt.date | None, decision_end: dt.date | None,
                             hours: Decimal, points: dict[int, Decimal]) -> list[Refusal]:
    """14: "Līgumā nosaka asistenta pakalpojuma apjomu, tā sniegšanas ilgumu" — the volume and term the
    decision set (9.1.1, 9.1.2): the contract's hours per week, and per Annex 1 point, at most the decision's,
    and its term inside the decision's.

    >>> [r.point for r in contract_within_decision(Decimal(20), {1: Decimal(20)}, dt.date(2019, 4, 1),
    ...     dt.date(2019, 12, 31), dt.date(2019, 4, 1), dt.date(2020, 3, 31), Decimal(25), {1: Decimal(25)})]
    ['9.1.1', '9.1.1']
    """
    out: list[Refusal] = []
    if hours > decision_hours:
        out.append(Refusal("9.1.1", f"līgumā {hours} stundas nedēļā, lēmumā piešķirtas {decision_hours}",
                           f"the contract has {hours} hours a week, the decision granted {decision_hours}"))
    for point, h in sorted(points.items()):
        granted = decision_points.get(point, Decimal(0))
        if h > granted:
            out.append(Refusal("9.1.1", f"1. pielikuma {point}. punktam līgumā {h} stundas nedēļā, lēmumā piešķirtas "
                                        f"{granted}",
                               f"Annex 1 point {point}: the contract has {h} hours a week, the decision granted "
                               f"{granted}"))
    if decision_start is not None and decision_end is not None and (start < decision_start or end > decision_end):
        out.append(Refusal("9.1.2", f"līguma termiņš {start.isoformat()}–{end.isoformat()} iziet ārpus lēmumā "
                                    f"noteiktā {decision_start.isoformat()}–{decision_end.isoformat()}",
                           f"the contract term {start.isoformat()}–{end.isoformat()} is outside the decision's "
                           f"{decision_start.isoformat()}–{decision_end.isoformat()}"))
    return out


def assistant_total(others: Sequence[tuple[str, dt.date, dt.date, Decimal]], start: dt.date, end: dt.date,
                    hours: Decimal, params: "parameters.Parameters | None" = None) -> Refusal | None:
    """3: "Asistenta pakalpojumu persona var sniegt vairākām personām ar invaliditāti, nepārsniedzot 40 stundu
    nedēļā" — a contract (`start`–`end`, `hours` a week) that, with the assistant's other contracts in force at
    the same time (`others`: number, start, end, hours a week), would engage one assistant for more than
    40 hours a week is refused. The total is taken on each day a contract starts, where it can only grow.

    >>> others = [("L-1", dt.date(2019, 1, 1), dt.date(2019, 6, 30), Decimal(30))]
    >>> assistant_total(others, dt.date(2019, 7, 1), dt.date(2019, 12, 31), Decimal(20)) is None
    True
    >>> assistant_total(others, dt.date(2019, 3, 1), dt.date(2019, 12, 31), Decimal(20)).point
    '3'
    """
    from regulation import parameters as p

    params = params or p.load()
    limit = Decimal(str(params.value("assistant_weekly_max", start)))
    days = [start] + [o_start for _, o_start, _, _ in others if start < o_start <= end]
    peak, on, with_ = Decimal(0), start, []
    for day in days:
        running = [o for o in others if o[1] <= day <= o[2]]
        total = hours + sum((o[3] for o in running), Decimal(0))
        if total > peak:
            peak, on, with_ = total, day, running
    if peak <= limit or not with_:  # alone above the limit is the contract's own volume (11, `contract_volume`)
        return None
    names = ", ".join(f"Nr. {n} ({h} h)" for n, _, _, h in with_)
    return Refusal("3", f"asistents no {on.isoformat()} būtu nodarbināts {peak} stundas nedēļā kopā ar līgumiem "
                        f"{names} — viens asistents drīkst sniegt pakalpojumu, nepārsniedzot {limit} stundu nedēļā (3)",
                   f"from {on.isoformat()} the assistant would be engaged {peak} hours a week with contracts "
                   f"{names} — one assistant may provide at most {limit} hours a week (3)")


def contract_volume(hours_per_week: Decimal, points: dict[int, Decimal], on: dt.date,
                    params: "parameters.Parameters | None" = None) -> tuple[list[Refusal], list[Refusal]]:
    """The regulation's own limits on a contract's volume, as (errors, warnings), under the rules of `on`:

    - 11 and the Annex 1 total: "ne vairāk kā 40 stundas nedēļā" — a contract above it is an error;
    - Annex 1 caps per point: above a cap is a warning, since 11.3 lets the service grant more with a stated
      reason (the decision holds it; `contract_within_decision` checks the contract against the decision).

    >>> errors, warnings = contract_volume(Decimal(45), {1: Decimal(45)}, dt.date(2019, 5, 1))
    >>> [e.point for e in errors], [w.point for w in warnings]
    (['11'], ['11.3'])
    """
    from regulation import parameters as p

    params = params or p.load()
    limit = Decimal(str(params.value("weekly_total_max", on)))
    caps = params.value("annex1_caps", on)
    errors, warnings = [], []
    total = max(hours_per_week, sum(points.values(), Decimal(0)))
    if total > limit:
        errors.append(Refusal("11", f"{total} stundas nedēļā pārsniedz {limit} stundas nedēļā kopā (1. pielikums, 11. punkts)",
                              f"{total} hours a week exceed the total of {limit} hours a week (Annex 1, point 11)"))
    for point, h in sorted(points.items()):
        cap = caps.get(point, caps.get(str(point)))
        if cap is not None and h > Decimal(str(cap)):
            warnings.append(Refusal("11.3", f"1. pielikuma {point}. punktam {h} stundas nedēļā pārsniedz {cap}; tas "
                                            "atļauts tikai ar lēmumā norādītu pamatojumu (11.3)",
                                    f"Annex 1 point {point}: {h} hours a week exceed {cap}; allowed only with a "
                                    "reason stated in the decision (11.3)"))
    return errors, warnings


def decide_by(received_on: dt.date, params: "parameters.Parameters | None" = None) -> dt.date:
    """9: "mēneša laikā pēc iesnieguma saņemšanas" — the decision is due a month after receipt.

    >>> decide_by(dt.date(2019, 1, 31))
    datetime.date(2019, 2, 28)
    """
    if params is None:
        return _decide_by(received_on)
    from regulation import calendar

    return calendar.add_month(received_on, params.value("decision_term_months", received_on))


@functools.lru_cache(maxsize=4096)
def _decide_by(received_on: dt.date) -> dt.date:
    """`decide_by` under the parameter file (a pure function of the date: the worklist asks it for every open
    case on every visit, mostly for the same few hundred dates)."""
    from regulation import parameters as p

    return decide_by(received_on, p.load())


def notify_by(adopted_on: dt.date, params: "parameters.Parameters | None" = None) -> dt.date:
    """10: "10 dienu laikā pēc ... lēmuma pieņemšanas" — the notification is due 10 days after adoption.

    >>> notify_by(dt.date(2019, 4, 25))
    datetime.date(2019, 5, 5)
    """
    from regulation import calendar
    from regulation import parameters as p

    params = params or p.load()
    return calendar.add_days(adopted_on, params.value("notification_term_days", adopted_on))
