"""Latvian labels of the records' codes, as the clerk reads them."""
from __future__ import annotations

from generator.documents import ANNEX1_LV, KINDS
from regulation.lifecycle import NOTIFICATION_METHODS

ACTIVITY_POINTS = ANNEX1_LV  # the wording the documents use
OUTCOMES = {"grant": "piešķirt", "partial": "piešķirt daļēji", "refuse": "atteikt", "pending": "gaida izvērtējumu"}
HOW_LV = NOTIFICATION_METHODS
SUSPENSION_REASONS = {"long_term_care": "ilgstošas sociālās aprūpes institūcijā", "hospital": "ārstniecības iestādē",
                      "prison": "ieslodzījumā"}
# the timeline's steps, as done (regulation.lifecycle.STEP_LV says them as things to do)
STEP_LV = {"register": "reģistrēts", "assess": "izvērtēts (8.3)", "adopt": "lēmums pieņemts (9)",
           "notify": "paziņots (10)", "contract": "līgums noslēgts (14)", "suspend": "apturēts (18)",
           "resume": "atsākts (18)", "terminate": "izbeigts (17)", "change_assistant": "mainīts asistents (16)",
           "close": "slēgts"}
# short names in the documents list; other kinds by the generator's own title
DOCUMENTS = {"decision": "lēmums", "notice_decision": "paziņojums par lēmumu", "contract": "līgums",
             "notice_suspension": "paziņojums par pārtraukšanu", "notice_termination": "paziņojums par izbeigšanu",
             "notice_timesheet": "paziņojums par uzskaites lapu", "annex2": "2. pielikuma pārskats"}


def document_label(kind: str) -> str:
    if kind in DOCUMENTS:
        return DOCUMENTS[kind]
    return KINDS[kind].title_lv.lower() if kind in KINDS else kind
SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "informācija"}
TIMESHEET_STATES = {"accepted": "pieņemta", "conflict": "pretrunā ar citu lapu", "rejected": "noraidīta"}
