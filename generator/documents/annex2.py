"""`annex2`: the monthly report of Annex 2 (finance used)."""
from __future__ import annotations

from typing import Any

from generator import lv
from generator.config import Municipality
from generator.documents.common import common_ctx, file_stem, DocumentKind
from regulation.annex2 import Annex2Report


def _annex2_ctx(data: Annex2Report, mun: Municipality) -> dict[str, Any]:
    m, y = data.month_values, data.year_to_date
    ctx = common_ctx(mun, "PĀRSKATS", f"{data.year}-{data.month:02d}", data.prepared_on or data.period_end)
    ctx["doc"]["date"] = lv.date_short(data.prepared_on) if data.prepared_on else ""

    def row(no: str, label: str, a: Any, b: Any, kind: str) -> dict[str, str]:
        fmt = {"int": lambda v: str(v), "hours": lambda v: lv.number(v, 2), "money": lambda v: lv.number(v, 2)}[kind]
        return {"no": no, "label": label, "month": fmt(a), "ytd": fmt(b)}

    rows = [
        row("1.", "Asistentu skaits*", m.assistants, y.assistants, "int"),
        row("2.", "Asistenta pakalpojuma saņēmēju skaits**", m.recipients, y.recipients, "int"),
        row("3.", "Sniegto asistenta pakalpojuma stundu skaits", m.hours, y.hours, "hours"),
        row("4.", "Izlietotie finanšu līdzekļi kopā, EUR (4.1.–4.4.)", m.total, y.total, "money"),
        row("4.1.", "asistentu atlīdzībai (22.1. apakšpunkts), EUR", m.remuneration, y.remuneration, "money"),
        row("4.2.", "darba devēja valsts sociālās apdrošināšanas obligātajām iemaksām (22.2. apakšpunkts), EUR",
            m.contributions, y.contributions, "money"),
        row("4.3.", "transporta izdevumiem, pavadot personu ar invaliditāti (22.3. apakšpunkts), EUR",
            m.transport, y.transport, "money"),
        row("4.4.", "administrēšanas izdevumiem (22.4. apakšpunkts), EUR", m.administration, y.administration, "money"),
    ]
    ctx.update({
        "title": {"genitive": data.municipality, "year": str(data.year), "month": lv.month_locative(data.month)},
        "period": f"{lv.date_short(data.period_start)}–{lv.date_short(data.period_end)}",
        "rows": rows,
        "due_on": lv.date_dative(data.due_on),
        "prepared_by": data.prepared_by or "",
        "prepared_on": lv.date_short(data.prepared_on) if data.prepared_on else "",
        "warnings": [lv.dates_in_text(f.message_lv) for f in data.findings if f.severity != "info"],
        "footnote1": ("* Norāda asistentu kopējo skaitu, ar kuriem noslēgti līgumi un kas sniedz pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru asistentu uzskaita vienu reizi neatkarīgi no tā, cik "
                      "personām asistents sniedz pakalpojumu."),
        "footnote2": ("** Norāda to personu kopējo skaitu, kuras noslēgušas līgumu un saņem pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru personu uzskaita vienu reizi neatkarīgi no noslēgto "
                      "līgumu skaita."),
        "rules_version": data.rules_version,
    })
    return ctx


KIND = DocumentKind("annex2", "annex2.docx", "Pārskats par finanšu izlietojumu (2. pielikums)", Annex2Report,
                    _annex2_ctx, lambda d: file_stem("parskats", f"{d.year}-{d.month:02d}", d.municipality))
