"""The Annex 2 report (MK 942 point 24, 2. pielikums) as an XLSX workbook (openpyxl).

The title and the two footnotes are the Annex's own wording (seed 003). The table body of Annex 2 is not in
the seeds (REGULATION.md marks it L): its rows follow point 22 (22.1–22.4), each "pārskata mēnesī" and
"no gada sākuma"; the second sheet lists the register's findings so the clerk sees them before sending.
Figures are written as numbers (Decimal), with number formats, never as text.

>>> import datetime as dt, tempfile, pathlib
>>> from decimal import Decimal
>>> from regulation.annex2 import Annex2Report, Annex2Values
>>> v = Annex2Values(assistants=1, recipients=2, hours=Decimal("10"), remuneration=Decimal("25.60"),
...     contributions=Decimal("6.17"), transport=Decimal("0"), administration=Decimal("2"))
>>> r = Annex2Report(municipality="Parauga novada", year=2019, month=3, period_start=dt.date(2019, 1, 1),
...     period_end=dt.date(2019, 3, 31), due_on=dt.date(2019, 4, 15), month_values=v, year_to_date=v,
...     rules_version="MK942 2016-01-01 redakcija")
>>> title(r)
'Parauga novada pašvaldības sociālā dienesta pārskats par finanšu izlietojumu asistenta pakalpojuma nodrošināšanai 2019. gada martā'
>>> p = annex2_xlsx(r, pathlib.Path(tempfile.mkdtemp()) / "p.xlsx")
>>> import openpyxl; openpyxl.load_workbook(p).active["D10"].value
33.77
"""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from generator import atomic
from generator import lv
from regulation.annex2 import Annex2Report, Annex2Values

ANNEX_HEAD = ("2. pielikums", "Ministru kabineta 2012. gada 18. decembra noteikumiem Nr. 942")
# Piezīmes of Annex 2, verbatim (MK 13.10.2015. noteikumu Nr. 592 redakcijā).
FOOTNOTES = (
    "1. * Norāda asistentu kopējo skaitu, ar kuriem noslēgti līgumi un kas sniedz pakalpojumu no gada sākuma "
    "līdz pārskata perioda beigām. Katru asistentu uzskaita vienu reizi neatkarīgi no tā, cik personām asistents "
    "sniedz pakalpojumu.",
    "2. ** Norāda to personu kopējo skaitu, kuras noslēgušas līgumu un saņem pakalpojumu no gada sākuma līdz "
    "pārskata perioda beigām. Katru personu uzskaita vienu reizi neatkarīgi no noslēgto līgumu skaita.",
)
COUNT, HOURS, MONEY = "0", "#,##0.00", "#,##0.00"
# (number, heading, field of Annex2Values, format, bold)
ROWS = (
    ("1.", "Asistentu skaits*", "assistants", COUNT, False),
    ("2.", "Personu skaits, kuras saņem asistenta pakalpojumu**", "recipients", COUNT, False),
    ("3.", "Sniegtā un apmaksātā asistenta pakalpojuma apjoms (stundas)", "hours", HOURS, False),
    ("4.", "Izlietotie finanšu līdzekļi kopā (EUR), tai skaitā:", "total", MONEY, True),
    ("4.1.", "asistentu atlīdzībai (22.1. apakšpunkts)", "remuneration", MONEY, False),
    ("4.2.", "darba devēja valsts sociālās apdrošināšanas obligātajām iemaksām (22.2. apakšpunkts)",
     "contributions", MONEY, False),
    ("4.3.", "transporta izdevumiem, pavadot personu ar invaliditāti (22.3. apakšpunkts)", "transport", MONEY, False),
    ("4.4.", "administrēšanas izdevumiem (22.4. apakšpunkts)", "administration", MONEY, False),
)
FIRST_ROW = 7  # the first figure row (row 6 holds the column headings)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "informācija"}


def redaction_lv(on) -> str:
    from generator.documents.common import redaction_lv as words

    return words(on)


def title(report: Annex2Report) -> str:
    """The Annex 2 title filled in: municipality (genitive, e.g. "Jelgavas novada"), year and month."""
    return (f"{report.municipality} pašvaldības sociālā dienesta pārskats par finanšu izlietojumu asistenta "
            f"pakalpojuma nodrošināšanai {report.year}. gada {lv.month_locative(report.month)}")


def _value(values: Annex2Values, name: str) -> int | Decimal:
    return getattr(values, name)


def workbook(report: Annex2Report) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "2. pielikums"
    for letter, width in zip("ABCD", (8, 62, 18, 18)):
        ws.column_dimensions[letter].width = width
    ws["D1"], ws["D2"] = ANNEX_HEAD
    for cell in ("D1", "D2"):
        ws[cell].alignment = Alignment(horizontal="right")
    ws.merge_cells("A4:D4")
    ws["A4"] = title(report)
    ws["A4"].font = Font(bold=True, size=12)
    ws["A4"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[4].height = 48

    for col, text in enumerate(("Nr. p. k.", "Rādītājs", "Pārskata mēnesī", "No gada sākuma"), start=1):
        cell = ws.cell(row=6, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    for i, (number, heading, name, fmt, bold) in enumerate(ROWS):
        row = FIRST_ROW + i
        ws.cell(row=row, column=1, value=number)
        ws.cell(row=row, column=2, value=heading).alignment = Alignment(wrap_text=True, vertical="center")
        for col, values in ((3, report.month_values), (4, report.year_to_date)):
            cell = ws.cell(row=row, column=col, value=_value(values, name))
            cell.number_format = fmt
        for col in range(1, 5):
            ws.cell(row=row, column=col).border = _BOX
            if bold:
                ws.cell(row=row, column=col).font = Font(bold=True)

    row = FIRST_ROW + len(ROWS) + 1
    lines = [
        f"Pārskata periods: {lv.date_short(report.period_start)}–{lv.date_short(report.period_end)}",
        f"Iesniegt Labklājības ministrijā līdz {lv.date_short(report.due_on)} (MK 942 24. punkts)",
        f"Piemēroti MK 2012. gada 18. decembra noteikumi Nr. 942 {redaction_lv(report.period_end)}",
    ]
    for text in lines:
        ws.cell(row=row, column=1, value=text)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value="Piezīmes.").font = Font(bold=True)
    row += 1
    for note in FOOTNOTES:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell = ws.cell(row=row, column=1, value=note)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 32
        row += 1
    row += 1
    signed = [
        ("Sagatavoja:", report.prepared_by or "______________________"),
        ("Datums:", lv.date_short(report.prepared_on) if report.prepared_on else "______________________"),
        ("Paraksts:", "______________________"),
    ]
    for label, value in signed:
        ws.cell(row=row, column=1, value=label)
        ws.cell(row=row, column=2, value=value)
        row += 1
    ws.print_area = f"A1:D{row}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1

    checks = wb.create_sheet("Pārbaudes")
    for col, (text, width) in enumerate((("Norma", 14), ("Nozīmīgums", 14), ("Paziņojums", 100)), start=1):
        checks.cell(row=1, column=col, value=text).font = Font(bold=True)
        checks.column_dimensions[get_column_letter(col)].width = width
    for i, f in enumerate(report.findings, start=2):
        checks.cell(row=i, column=1, value=f.rule)
        checks.cell(row=i, column=2, value=_SEVERITY_LV.get(f.severity, f.severity))
        checks.cell(row=i, column=3, value=f.message_lv).alignment = Alignment(wrap_text=True)
    note_row = len(report.findings) + 3
    checks.cell(row=note_row, column=3, value=(
        "Tabulas rindas veidotas pēc MK 942 22. punkta (22.1.–22.4.); 2. pielikuma tabulas oficiālais izkārtojums "
        "šajā rīkā nav pieejams — pirms iesniegšanas salīdziniet ar SPOLIS veidlapu."))
    return wb


def annex2_xlsx(report: Annex2Report, path: str | Path) -> Path:
    """Write the report to `path` (temporary name, fsync, rename); returns the path."""
    buffer = io.BytesIO()
    workbook(report).save(buffer)
    return atomic.write_bytes(Path(path), buffer.getvalue())
