"""Latvian labels of the records' codes, as the clerk reads them."""
from __future__ import annotations

from generator.documents import ANNEX1_LV

ACTIVITY_POINTS = ANNEX1_LV  # the wording the documents use
OUTCOMES = {"grant": "piešķirt", "partial": "piešķirt daļēji", "refuse": "atteikt", "pending": "gaida izvērtējumu"}
SEVERITIES = {"error": "kļūda", "warning": "brīdinājums", "info": "ziņa"}
DOCUMENTS = {"decision": "lēmums", "refusal": "atteikuma lēmums", "notice": "paziņojums", "contract": "līgums",
             "annex2": "2. pielikuma pārskats"}


def document_label(kind: str) -> str:
    return DOCUMENTS.get(kind, kind)
STEP_LV = {"register": "reģistrēts", "assess": "izvērtēts (8.3)", "adopt": "lēmums pieņemts (9)",
           "notify": "paziņots (10)", "contract": "līgums noslēgts (14)", "suspend": "apturēts (18)",
           "resume": "atsākts (18)", "terminate": "izbeigts (17)", "change_assistant": "mainīts asistents (16)",
           "close": "slēgts"}
HOW_LV = {"in_person": "personīgi", "post": "pa pastu", "registered_post": "ierakstītā vēstulē",
          "e_address": "e-adresē"}
SUSPENSION_REASONS = {"long_term_care": "ilgstošas sociālās aprūpes institūcijā", "hospital": "ārstniecības iestādē",
                      "prison": "ieslodzījumā"}
