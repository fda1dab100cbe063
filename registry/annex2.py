"""The Annex 2 monthly report (MK 942 point 24) computed from the register.

24: "Sociālais dienests … līdz nākamā mēneša piecpadsmitajam datumam iesniedz Labklājības ministrijā pārskatu
par finanšu izlietojumu asistenta pakalpojuma nodrošināšanai (2. pielikums)."

How the figures are made (the table body of Annex 2 is not in the seeds, REGULATION.md marks it L):
- Each accepted timesheet of the month is checked with `regulation.timesheet.check_timesheet` against its contract
  and the assistant's other timesheets of that and the previous month — the same check `check-timesheet` does —
  so only hours paid count: never above the contract's granted hours, 40 h a week per assistant (3, 20, 22.1).
- One timesheet is one line: remuneration (22.1), employer contributions (22.2) and transport (22.3) are rounded
  to cents per line (ROUND_HALF_UP, by `regulation.rates.payable`), then the lines are summed. The year-to-date
  column is the sum of the monthly columns, so the columns always agree.
- Assistants* and recipients** are those with paid hours under a contract; each is counted once in the month
  and once from 1 January (the footnotes of Annex 2).
- Administration (22.4) is entered by the service: the `administration_eur` given for the month, else the figure
  stored with `Registry.set_administration`; months with none count as 0 and are named in a finding.
Timesheets are streamed from the database one at a time, ordered by assistant; only per-person id sets and
one assistant's sheets of two months are kept.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select

from registry import models as m
from registry.identity import assistant_key
from registry.store import Registry, Transaction
from regulation import annex2 as law
from regulation import parameters as _parameters
from regulation import rates
from regulation.parameters import OutOfForce, Parameters
from regulation.records import Finding, Timesheet, load
from regulation.timesheet import check_timesheet

ZERO = Decimal("0.00")
FIRST_MONTH = dt.date(2016, 1, 1)  # the first month whose rules are encoded
LAST_MONTH = dt.date(2021, 12, 1)  # old contracts run on after the repeal, not past 2021


class ReportPeriodError(ValueError):
    """The month is outside the months the report can be made for; said in Latvian and English."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


@dataclass
class MonthTotals:
    """One month's figures before administration, and who had paid hours."""

    hours: Decimal = ZERO
    remuneration: Decimal = ZERO
    contributions: Decimal = ZERO
    transport: Decimal = ZERO
    assistants: set[int] = field(default_factory=set)
    recipients: set[int] = field(default_factory=set)
    timesheets: int = 0
    without_contract: list[int] = field(default_factory=list)  # timesheet ids
    not_priced: list[int] = field(default_factory=list)  # rules of the month not encoded for the contract
    hours_cut: Decimal = ZERO
    conflicts: int = 0


def check_period(year: int, month: int) -> dt.date:
    """The first day of the month, or ReportPeriodError outside 2016-01..2021-12."""
    try:
        first = dt.date(year, month, 1)
    except ValueError:
        raise ReportPeriodError(f"nav tāda mēneša: {year}-{month:02d}", f"no such month: {year}-{month:02d}") from None
    if not FIRST_MONTH <= first <= LAST_MONTH:
        raise ReportPeriodError(
            f"2. pielikuma pārskatu var sagatavot par mēnešiem no 2016-01 līdz 2021-12, ne {first:%Y-%m} "
            "(MK 942 redakcijas pirms 2016. gada nav iekodētas; no 2021-07-01 piemēro MK 316, vecie līgumi — "
            "ne ilgāk kā līdz 2021-12-31)",
            f"the Annex 2 report can be made for months 2016-01 to 2021-12, not {first:%Y-%m} (wordings before "
            "2016 are not encoded; from 2021-07-01 MK 316 applies, old contracts not past 2021-12-31)")
    return first


class _AssistantSheets:
    """The accepted sheets of one assistant in the previous and the reporting month, read once per assistant
    (the stream is ordered by assistant) — the same `others` as `Transaction.timesheet_context` gives."""

    def __init__(self, tx: Transaction, first: dt.date):
        self.tx, self.first = tx, first
        self.previous = (first - dt.timedelta(days=1)).replace(day=1)
        self.key: str | None = None
        self.sheets: list[tuple[dt.date, str, Timesheet]] = []

    def others(self, ts: Timesheet, source_sha256: str) -> list[Timesheet]:
        key = assistant_key(ts.assistant.given_name, ts.assistant.surname, ts.assistant.personal_code)
        if key != self.key:
            q = (select(m.TimesheetRow.month, m.TimesheetRow.source_sha256, m.TimesheetRow.record)
                 .where(m.TimesheetRow.assistant_id.in_(self.tx._assistant_ids(ts.assistant)),
                        m.TimesheetRow.month.in_([self.previous, self.first]), m.TimesheetRow.state == "accepted")
                 .order_by(m.TimesheetRow.month, m.TimesheetRow.id))
            self.key = key
            self.sheets = [(r.month, r.source_sha256, load(Timesheet, r.record)) for r in self.tx.session.execute(q)]
        return [t for month, sha, t in self.sheets if not (month == self.first and sha == source_sha256)]


def month_totals(tx: Transaction, first: dt.date, params: Parameters | None = None) -> MonthTotals:
    """The paid hours and money of one month, one accepted timesheet at a time."""
    s = tx.session
    out = MonthTotals()
    q = (select(m.TimesheetRow.id, m.TimesheetRow.assistant_id, m.TimesheetRow.recipient_id,
                m.TimesheetRow.source_sha256, m.TimesheetRow.record)
         .where(m.TimesheetRow.month == first, m.TimesheetRow.state == "accepted")
         .order_by(m.TimesheetRow.assistant_id, m.TimesheetRow.id).execution_options(yield_per=100))
    sheets = _AssistantSheets(tx, first)
    for row in s.execute(q):
        ts = load(Timesheet, row.record)
        contract, others = tx.contract_for_timesheet(ts), sheets.others(ts, row.source_sha256)
        out.timesheets += 1
        if contract is None:
            out.without_contract.append(row.id)
            continue
        result = check_timesheet(ts, contract, others, params)
        if result.payable is None:
            out.not_priced.append(row.id)
            continue
        out.hours_cut += result.hours_cut
        pay = result.payable
        out.hours += pay.hours
        out.remuneration += pay.remuneration
        out.contributions += pay.contributions
        out.transport += pay.transport
        if pay.hours > 0:
            out.assistants.add(row.assistant_id)
            out.recipients.add(row.recipient_id)
    out.conflicts = s.scalar(select(func.count()).select_from(m.TimesheetRow).where(
        m.TimesheetRow.month == first, m.TimesheetRow.state == "conflict")) or 0
    return out


def _values(t: MonthTotals, assistants: int, recipients: int, administration: Decimal) -> law.Annex2Values:
    return law.Annex2Values(assistants=assistants, recipients=recipients, hours=t.hours.quantize(Decimal("0.01")),
                            remuneration=t.remuneration, contributions=t.contributions, transport=t.transport,
                            administration=administration)


def _findings(first: dt.date, t: MonthTotals) -> list[Finding]:
    out = []
    ym = f"{first:%Y-%m}"
    if t.without_contract:
        ids = ", ".join(map(str, t.without_contract))
        out.append(Finding(
            rule="MK942 14", severity="warning", field="timesheets",
            message_lv=f"{ym}: {len(t.without_contract)} uzskaites lapām nav līguma reģistrā (ieraksti {ids}); "
                       "to stundas pārskatā nav ieskaitītas — reģistrējiet līgumu un sagatavojiet pārskatu vēlreiz",
            message_en=f"{ym}: {len(t.without_contract)} timesheets have no contract in the register (entries {ids}); "
                       "their hours are not counted — register the contract and make the report again"))
    if t.not_priced:
        ids = ", ".join(map(str, t.not_priced))
        out.append(Finding(
            rule="MK942 22.1", severity="error", field="timesheets",
            message_lv=f"{ym}: {len(t.not_priced)} uzskaites lapām samaksu nevar aprēķināt, jo līgumam piemērojamā "
                       f"redakcija nav iekodēta (ieraksti {ids}; sk. check-timesheet)",
            message_en=f"{ym}: {len(t.not_priced)} timesheets cannot be priced: the rules that apply to their "
                       f"contract are not encoded (entries {ids}; see check-timesheet)"))
    if t.conflicts:
        out.append(Finding(
            rule="MK942 20", severity="warning", field="timesheets",
            message_lv=f"{ym}: {t.conflicts} uzskaites lapas gaida lēmumu (cits fails par to pašu personu, asistentu "
                       "un mēnesi) un pārskatā nav ieskaitītas",
            message_en=f"{ym}: {t.conflicts} timesheets await review (another file for the same person, assistant "
                       "and month) and are not counted"))
    if t.hours_cut > 0:
        out.append(Finding(
            rule="MK942 20", severity="info", field="hours",
            message_lv=f"{ym}: {t.hours_cut} h no uzskaitītajām stundām netiek apmaksātas (virs piešķirtā apjoma, "
                       "virs 40 h nedēļā vienam asistentam vai ārpus līguma) un pārskatā nav ieskaitītas",
            message_en=f"{ym}: {t.hours_cut} h of the reported hours are not paid (above the granted hours, above "
                       "40 h a week per assistant, or outside the contract) and are not counted"))
    return out


def compute(reg: Registry, year: int, month: int, municipality: str, params: Parameters | None = None,
            administration_eur: Decimal | None = None, prepared_by: str | None = None,
            prepared_on: dt.date | None = None) -> law.Annex2Report:
    """The Annex 2 report of `year`-`month` for `municipality` (as the title has it, e.g. "Jelgavas novada")."""
    first = check_period(year, month)
    params = params or _parameters.load()
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    try:
        version = rates.rate(first, params=params).rules_version
    except OutOfForce as e:
        raise ReportPeriodError(e.message_lv, e.message_en) from None
    findings: list[Finding] = []
    with reg.reading() as tx:
        stored = tx.administration(year, range(1, month + 1))
        months = [month_totals(tx, dt.date(year, k, 1), params) for k in range(1, month + 1)]
    admin_month = (Decimal(administration_eur).quantize(Decimal("0.01")) if administration_eur is not None
                   else stored.get(month, ZERO))
    missing = [k for k in range(1, month + 1) if k not in stored and not (k == month and administration_eur is not None)]
    if missing:
        names = ", ".join(f"{year}-{k:02d}" for k in missing)
        findings.append(Finding(
            rule="MK942 22.4", severity="info", field="administration",
            message_lv=f"administrēšanas izdevumi nav norādīti par {names}; pārskatā tie ir 0 EUR — norādiet tos "
                       "(--administration EUR)",
            message_en=f"administration costs are not given for {names}; they count as 0 EUR — give them "
                       "(--administration EUR)"))
    admin_ytd = sum((stored.get(k, ZERO) for k in range(1, month)), ZERO) + admin_month

    this = months[-1]
    ytd = MonthTotals()
    for t in months:
        ytd.hours += t.hours
        ytd.remuneration += t.remuneration
        ytd.contributions += t.contributions
        ytd.transport += t.transport
        ytd.assistants |= t.assistants
        ytd.recipients |= t.recipients
    for k, t in enumerate(months, start=1):
        findings += _findings(dt.date(year, k, 1), t)
    month_values = _values(this, len(this.assistants), len(this.recipients), admin_month)
    ytd_values = _values(ytd, len(ytd.assistants), len(ytd.recipients), admin_ytd)
    findings += law.check_administration_share(month_values, last)
    findings += [f.model_copy(update={
        "message_lv": f.message_lv + " (no gada sākuma)", "message_en": f.message_en + " (from the start of the year)"})
        for f in law.check_administration_share(ytd_values, last)]
    return law.Annex2Report(
        municipality=municipality, year=year, month=month, period_start=dt.date(year, 1, 1), period_end=last,
        due_on=law.due_date(year, month), month_values=month_values, year_to_date=ytd_values, findings=findings,
        rules_version=version, prepared_by=prepared_by, prepared_on=prepared_on)
