"""Annex 2 (point 24) from the register: counts once from the start of the year, paid hours only, sums, 22.4."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest

from generator import spreadsheet
from registry import annex2
from regulation.rates import rate

CENT = Decimal("0.01")
CONTRIBUTIONS_2019 = Decimal("0.2409")  # employer's rate 2018–2020 (REGULATION.md, 22.2)


def line(month: str, hours: str, contributions: bool = True) -> tuple[Decimal, Decimal]:
    """One timesheet's remuneration and contributions, rounded to cents as the law rounds (ROUND_HALF_UP)."""
    remuneration = (Decimal(hours) * rate(month).rate).quantize(CENT, ROUND_HALF_UP)
    paid = (remuneration * CONTRIBUTIONS_2019).quantize(CENT, ROUND_HALF_UP) if contributions else Decimal("0.00")
    return remuneration, paid


@pytest.fixture
def year_2019(reg, build):
    """Assistant Ilze serves persons 1 and 2; person 3 has two contracts (Rita, then Juris) in January;
    person 4 starts in February; a December 2018 sheet stays out of 2019."""
    ilze, rita, juris = build.assistant("Ilze Ozola"), build.assistant("Rita Liepa"), build.assistant("Juris Kalns")
    reg.add_contract(build.contract("L-1", 1, ilze, start="2018-12-01", end="2019-12-31", hours=20))
    reg.add_contract(build.contract("L-2", 2, ilze, start="2019-01-01", end="2019-12-31", hours=10))
    reg.add_contract(build.contract("L-3", 3, rita, start="2019-01-01", end="2019-01-13", hours=20))
    reg.add_contract(build.contract("L-4", 3, juris, start="2019-01-14", end="2019-12-31", hours=20,
                                    engagement="self_employed"))
    reg.add_contract(build.contract("L-5", 4, rita, start="2019-02-01", end="2019-12-31", hours=20))
    sheets = [
        build.timesheet("2018-12", 1, ilze, [("2018-12-03", 5)]),
        build.timesheet("2019-01", 1, ilze, [("2019-01-07", 4), ("2019-01-08", 4)], transport="1.50"),
        build.timesheet("2019-01", 2, ilze, [("2019-01-09", 3)]),
        build.timesheet("2019-01", 3, rita, [("2019-01-07", 6)]),
        build.timesheet("2019-01", 3, juris, [("2019-01-15", "2.5")]),
        build.timesheet("2019-02", 4, rita, [("2019-02-04", 5)]),
        build.timesheet("2019-02", 1, ilze, [("2019-02-05", 2)]),
    ]
    for i, ts in enumerate(sheets):
        reg.add_timesheet(ts, f"{i:064d}")
    return reg


def test_24_january_counts_each_assistant_and_person_once(year_2019):
    report = annex2.compute(year_2019, 2019, 1, "Jelgavas novada", administration_eur=Decimal("1"))
    jan = report.month_values
    # Ilze serves two persons: one assistant; person 3 has two contracts: one person.
    assert (jan.assistants, jan.recipients) == (3, 3)
    assert jan.hours == Decimal("19.50")
    lines = [line("2019-01", "8"), line("2019-01", "3"), line("2019-01", "6"), line("2019-01", "2.5", False)]
    assert jan.remuneration == sum(r for r, _ in lines)
    assert jan.contributions == sum(c for _, c in lines)
    assert jan.transport == Decimal("3.00")  # 1.50 on each of the two days
    assert report.year_to_date == jan  # January: the month is the year so far
    assert (report.period_start, report.period_end, report.due_on) == (
        dt.date(2019, 1, 1), dt.date(2019, 1, 31), dt.date(2019, 2, 15))


def test_24_year_to_date_counts_people_once_across_months(year_2019):
    report = annex2.compute(year_2019, 2019, 2, "Jelgavas novada")
    feb, ytd = report.month_values, report.year_to_date
    assert (feb.assistants, feb.recipients) == (2, 2)  # Rita (person 4) and Ilze (person 1)
    assert (ytd.assistants, ytd.recipients) == (3, 4)  # Ilze, Rita, Juris; persons 1–4; December 2018 not counted
    assert feb.hours == Decimal("7.00") and ytd.hours == Decimal("26.50")
    january = annex2.compute(year_2019, 2019, 1, "Jelgavas novada").month_values
    assert ytd.remuneration == january.remuneration + feb.remuneration
    assert feb.remuneration == line("2019-02", "5")[0] + line("2019-02", "2")[0]
    assert ytd.total == january.total + feb.total


def test_20_hours_above_the_granted_hours_are_not_reported(reg, build):
    reg.add_contract(build.contract("L-1", 1, start="2019-01-01", end="2019-12-31", hours=10))
    reg.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 8), ("2019-03-05", 6)]), "a" * 64)
    report = annex2.compute(reg, 2019, 3, "Jelgavas novada")
    assert report.month_values.hours == Decimal("10.00")  # 14 reported in one week, 10 granted
    assert report.month_values.remuneration == line("2019-03", "10")[0]
    assert any(f.rule == "MK942 20" and "4.00 h" in f.message_lv for f in report.findings)


def test_3_assistant_paid_at_most_40_hours_a_week_across_persons(reg, build):
    ilze = build.assistant("Ilze Ozola")
    reg.add_contract(build.contract("L-1", 1, ilze, hours=30))
    reg.add_contract(build.contract("L-2", 2, ilze, hours=30))
    reg.add_timesheet(build.timesheet("2019-03", 1, ilze, [("2019-03-04", 10), ("2019-03-05", 10),
                                                          ("2019-03-06", 5)]), "a" * 64)
    reg.add_timesheet(build.timesheet("2019-03", 2, ilze, [("2019-03-07", 10), ("2019-03-08", 10)]), "b" * 64)
    report = annex2.compute(reg, 2019, 3, "Jelgavas novada")
    assert report.month_values.hours == Decimal("40.00")
    assert report.month_values.assistants == 1 and report.month_values.recipients == 2


def test_timesheets_without_contract_or_in_conflict_are_not_counted(reg, build):
    reg.add_contract(build.contract("L-1", 1))
    reg.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 3)]), "a" * 64)
    reg.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 9)]), "b" * 64)  # conflict
    reg.add_timesheet(build.timesheet("2019-03", 7, days=[("2019-03-04", 5)]), "c" * 64)  # no contract
    report = annex2.compute(reg, 2019, 3, "Jelgavas novada")
    assert report.month_values.hours == Decimal("3.00")
    rules = {(f.rule, f.severity) for f in report.findings}
    assert ("MK942 14", "warning") in rules and ("MK942 20", "warning") in rules


def test_22_4_administration_above_ten_percent_is_a_finding(year_2019):
    service = annex2.compute(year_2019, 2019, 1, "Jelgavas novada").month_values
    limit = ((service.remuneration + service.contributions + service.transport) * Decimal("0.10")).quantize(CENT)
    within = annex2.compute(year_2019, 2019, 1, "Jelgavas novada", administration_eur=limit)
    assert not [f for f in within.findings if f.rule == "MK942 22.4" and f.severity == "warning"]
    over = annex2.compute(year_2019, 2019, 1, "Jelgavas novada", administration_eur=limit + CENT)
    assert [f.severity for f in over.findings if f.rule == "MK942 22.4"] == ["warning", "warning"]  # month and ytd
    assert over.month_values.total == service.total + limit + CENT


def test_22_4_stored_administration_adds_up_from_the_start_of_the_year(year_2019):
    year_2019.set_administration(2019, 1, Decimal("2.00"))
    report = annex2.compute(year_2019, 2019, 2, "Jelgavas novada", administration_eur=Decimal("1.25"))
    assert report.month_values.administration == Decimal("1.25")
    assert report.year_to_date.administration == Decimal("3.25")
    assert not [f for f in report.findings if f.rule == "MK942 22.4" and f.severity == "info"]
    missing = annex2.compute(year_2019, 2019, 3, "Jelgavas novada")
    assert any(f.rule == "MK942 22.4" and "2019-02" in f.message_lv for f in missing.findings)


@pytest.mark.parametrize("year, month", [(2015, 12), (2022, 1), (2019, 13)])
def test_24_months_outside_the_encoded_rules_are_refused(reg, year, month):
    with pytest.raises(annex2.ReportPeriodError):
        annex2.compute(reg, year, month, "Jelgavas novada")


def test_empty_register_reports_zeros(reg):
    report = annex2.compute(reg, 2019, 5, "Jelgavas novada")
    assert report.month_values.total == 0 and report.year_to_date.recipients == 0


def test_xlsx_opens_and_holds_the_figures(year_2019, tmp_path):
    report = annex2.compute(year_2019, 2019, 2, "Jelgavas novada", administration_eur=Decimal("1.10"),
                            prepared_by="Anna Paraudziņa")
    path = spreadsheet.annex2_xlsx(report, tmp_path / "parskats.xlsx")
    ws = openpyxl.load_workbook(path)["2. pielikums"]
    assert ws["A4"].value.startswith("Jelgavas novada pašvaldības sociālā dienesta pārskats par finanšu izlietojumu")
    assert ws["A4"].value.endswith("2019. gada februārī")
    assert (ws["C6"].value, ws["D6"].value) == ("Pārskata mēnesī", "No gada sākuma")
    by_heading = {ws.cell(row=r, column=2).value: (ws.cell(row=r, column=3).value, ws.cell(row=r, column=4).value)
                  for r in range(7, 15)}
    m, y = report.month_values, report.year_to_date
    assert by_heading["Asistentu skaits*"] == (m.assistants, y.assistants)
    assert by_heading["Personu skaits, kuras saņem asistenta pakalpojumu**"] == (m.recipients, y.recipients)
    assert by_heading["asistentu atlīdzībai (22.1. apakšpunkts)"] == (float(m.remuneration), float(y.remuneration))
    assert by_heading["Izlietotie finanšu līdzekļi kopā (EUR), tai skaitā:"] == (float(m.total), float(y.total))
    assert by_heading["administrēšanas izdevumiem (22.4. apakšpunkts)"] == (1.1, 1.1)
    assert ws["C9"].number_format == "#,##0.00" and ws["C7"].number_format == "0"
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "Katru asistentu uzskaita vienu reizi" in text and "neatkarīgi no noslēgto līgumu skaita" in text
    assert "15.03.2019." in text and "Anna Paraudziņa" in text
    checks = openpyxl.load_workbook(path)["Pārbaudes"]
    assert checks["A1"].value == "Norma"


def test_24_many_timesheets_are_streamed_and_all_counted(reg, build):
    """More timesheets than one fetch batch (yield_per), so the stream interleaves with the per-sheet look-ups
    (on PostgreSQL a server-side cursor)."""
    n = 230
    with reg.transaction() as tx:
        for i in range(n):
            assistant = build.assistant(f"Asistents Nr{i}")
            tx.add_contract(build.contract(f"L-{i}", i, assistant, hours=10))
            tx.add_timesheet(build.timesheet("2019-03", i, assistant, [("2019-03-04", 2)]), f"{i:064d}")
    report = annex2.compute(reg, 2019, 3, "Jelgavas novada")
    assert (report.month_values.assistants, report.month_values.recipients) == (n, n)
    assert report.month_values.hours == Decimal(2 * n)
    assert report.month_values.remuneration == n * line("2019-03", "2")[0]


def test_22_1_minor_assistant_is_paid_at_the_annex4_minor_rate(reg, build):
    minor = build.assistant("Marta Jaunā", minor=True)
    reg.add_contract(build.contract("L-1", 1, minor, start="2021-01-01", end="2021-06-30", hours=10))
    reg.add_timesheet(build.timesheet("2021-03", 1, minor, [("2021-03-02", 4)]), "a" * 64)
    report = annex2.compute(reg, 2021, 3, "Jelgavas novada")
    assert rate("2021-03", minor=True).rate == Decimal("3.1056")
    assert report.month_values.remuneration == (4 * Decimal("3.1056")).quantize(CENT, ROUND_HALF_UP)
    assert report.rules_version.startswith("MK942 2021-01-01")


def test_repeal_old_contract_runs_on_new_one_is_not_priced(reg, build):
    """After 2021-07-01 only contracts concluded before the repeal are paid under MK 942 (not past 2021-12-31)."""
    old = build.contract("L-1", 1, start="2021-05-01", end="2021-12-31", hours=10)
    new = build.contract("L-2", 2, build.assistant("Rita Liepa"), start="2021-07-15", end="2021-12-31", hours=10)
    reg.add_contract(old.model_copy(update={"concluded_on": dt.date(2021, 4, 28)}))
    reg.add_contract(new.model_copy(update={"concluded_on": dt.date(2021, 7, 14)}))
    reg.add_timesheet(build.timesheet("2021-08", 1, days=[("2021-08-02", 3)]), "a" * 64)
    reg.add_timesheet(build.timesheet("2021-08", 2, build.assistant("Rita Liepa"), [("2021-08-03", 5)]), "b" * 64)
    report = annex2.compute(reg, 2021, 8, "Jelgavas novada")
    assert report.month_values.hours == Decimal("3.00") and report.month_values.recipients == 1
    assert any(f.rule == "MK942 22.1" and f.severity == "error" for f in report.findings)


def test_29_1_contract_concluded_before_2016_is_not_priced_in_2016(reg, build):
    c = build.contract("L-1", 1, start="2015-11-01", end="2016-12-31", hours=10)
    reg.add_contract(c.model_copy(update={"concluded_on": dt.date(2015, 10, 30)}))
    reg.add_timesheet(build.timesheet("2016-02", 1, days=[("2016-02-02", 3)]), "a" * 64)
    reg.add_timesheet(build.timesheet("2016-07", 1, days=[("2016-07-05", 3)]), "b" * 64)
    february = annex2.compute(reg, 2016, 2, "Jelgavas novada")
    assert february.month_values.hours == 0
    assert any(f.rule == "MK942 22.1" and f.severity == "error" for f in february.findings)
    july = annex2.compute(reg, 2016, 7, "Jelgavas novada")  # from July 2016 the 2016 norms apply
    assert july.month_values.hours == Decimal("3.00") and july.year_to_date.hours == Decimal("3.00")


def test_report_agrees_with_check_timesheet_sheet_by_sheet(reg, build):
    """The report's money is the sum of what `check_timesheet` (given `timesheet_context`) finds payable for
    each sheet — including a week that crosses the month boundary and an assistant shared by two persons."""
    from regulation.timesheet import check_timesheet

    ilze = build.assistant("Ilze Ozola")
    reg.add_contract(build.contract("L-1", 1, ilze, hours=25))
    reg.add_contract(build.contract("L-2", 2, ilze, hours=25))
    # ISO week 9 of 2019: 25 Feb – 3 Mar
    sheets = {
        "a" * 64: build.timesheet("2019-02", 1, ilze, [("2019-02-25", 8), ("2019-02-26", 8), ("2019-02-27", 8)]),
        "b" * 64: build.timesheet("2019-03", 1, ilze, [("2019-03-01", 5), ("2019-03-04", 4)]),
        "c" * 64: build.timesheet("2019-03", 2, ilze, [("2019-03-02", 9), ("2019-03-03", 8), ("2019-03-05", 6)]),
    }
    for sha, ts in sheets.items():
        reg.add_timesheet(ts, sha)
    expected = Decimal("0")
    for sha in ("b" * 64, "c" * 64):
        contract, others = reg.timesheet_context(sheets[sha], sha)
        expected += check_timesheet(sheets[sha], contract, others).payable.remuneration
    report = annex2.compute(reg, 2019, 3, "Jelgavas novada")
    assert report.month_values.remuneration == expected
    # week 9: person 1 gets 1 of 5 (25 granted, 24 used in February), person 2 gets 11 of 17 (the assistant's
    # 40 h, counting the 29 declared before); week 10: 4 + 6
    assert report.month_values.hours == Decimal("22.00")
