"""`annex2`: the monthly report of Annex 2 (finance used)."""
from __future__ import annotations

from typing import Any

from generator import lv
from generator.config import Municipality
from generator.documents.common import common_ctx, file_stem, DocumentKind
from generator.spreadsheet import COUNT, ROWS
from regulation.annex2 import Annex2Report


def _annex2_ctx(data: Annex2Report, mun: Municipality) -> dict[str, Any]:
    m, y = data.month_values, data.year_to_date
    ctx = common_ctx(mun, "PĀRSKATS", f"{data.year}-{data.month:02d}", data.prepared_on or data.period_end)
    ctx["doc"]["date"] = lv.date_short(data.prepared_on) if data.prepared_on else ""

    # The same rows, in the same words, as the XLSX (generator.spreadsheet.ROWS).
    rows = [{"no": no, "label": label,
             "month": str(getattr(m, name)) if fmt == COUNT else lv.number(getattr(m, name), 2),
             "ytd": str(getattr(y, name)) if fmt == COUNT else lv.number(getattr(y, name), 2)}
            for no, label, name, fmt, _ in ROWS]
    notes = [lv.dates_in_text(f.message_lv) for f in data.findings if f.severity != "info"]
    if data.municipality != mun.genitive:
        notes.append(f"Pārskata dati sagatavoti „{data.municipality}” pašvaldībai, bet iestatījumos ir "
                     f"„{mun.genitive}”; virsrakstā lietots iestatījumos norādītais nosaukums.")
    ctx.update({
        # the configured municipality, whose letterhead the report carries
        "title": {"genitive": mun.genitive, "year": str(data.year), "month": lv.month_locative(data.month)},
        "period": f"{lv.date_short(data.period_start)}–{lv.date_short(data.period_end)}",
        "rows": rows,
        "due_on": lv.date_dative(data.due_on),
        "prepared_by": data.prepared_by or "",
        "prepared_on": lv.date_short(data.prepared_on) if data.prepared_on else "",
        "notes": notes,  # for the preparer: printed by the command, never in the report
        "footnote1": ("* Norāda asistentu kopējo skaitu, ar kuriem noslēgti līgumi un kas sniedz pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru asistentu uzskaita vienu reizi neatkarīgi no tā, cik "
                      "personām asistents sniedz pakalpojumu."),
        "footnote2": ("** Norāda to personu kopējo skaitu, kuras noslēgušas līgumu un saņem pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru personu uzskaita vienu reizi neatkarīgi no noslēgto "
                      "līgumu skaita."),
    })
    return ctx


KIND = DocumentKind("annex2", "annex2.docx", "Pārskats par finanšu izlietojumu (2. pielikums)", Annex2Report,
                    _annex2_ctx, lambda d: file_stem("parskats", f"{d.year}-{d.month:02d}", d.municipality))
