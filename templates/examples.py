"""Sample DATA per kind (templates/lv/examples/*.json): fictitious people with valid synthetic personal codes."""
from __future__ import annotations

import datetime as dt


def examples() -> dict[str, dict]:
    """Sample DATA per kind: fictitious people with valid synthetic personal codes, text with & < > " and a
    line break to prove escaping. The decision is `regulation.assess` run on a sample application."""
    from regulation.assess import assess
    from regulation.personal_code import make
    from regulation.records import Application, Assessment, Finding, to_jsonable

    recipient = {"given_name": "Līga", "surname": "Bērziņa", "personal_code": make(dt.date(1985, 6, 12), 123),
                 "address": "Dzirnavu iela 7-12, Paraugciems, Parauga novads, LV-0000", "phone": "+371 20000001"}
    rep = {"given_name": "Ērika", "surname": "Bērziņa", "personal_code": make(dt.date(1960, 2, 29), 44),
           "address": "Dzirnavu iela 7-12, Paraugciems, Parauga novads, LV-0000"}
    app = Application.model_validate({
        "received_on": "2021-02-01", "applicant": recipient, "representative": None,
        "activities": [
            {"annex1_point": 1, "hours_per_week": 25, "weekdays": [1, 2, 3, 4, 5],
             "place": "SIA \"Koks & <Kalni>\", Rūpniecības iela 3, Paraugciems"},
            {"annex1_point": 7, "hours_per_week": 2, "weekdays": [6], "place": "Paraugciema kultūras nams"},
            {"annex1_point": 5, "hours_per_week": 3, "weekdays": [3], "place": "Vīlande, Igaunija",
             "outside_latvia": True},
        ],
        "preferred_assistant": {"given_name": "Jānis", "surname": "Kalniņš"}, "attachments": ["7.2", "7.4"]})
    ass = Assessment.model_validate({
        "disability_group": "II", "opinion": {"kind": "assistance_need", "issued_on": "2020-09-17",
                                              "valid_until": "2023-09-16"},
        "can_move_without_assistant": False, "cannot_move_with_assistant": False, "activities_meet_annex1": True})
    dec = assess(app, ass, on=dt.date(2021, 2, 15))
    app_child = Application.model_validate({
        "received_on": "2021-01-11", "applicant": {"given_name": "Ķirsis", "surname": "Ūdris",
                                                   "personal_code": make(dt.date(1990, 11, 23), 301),
                                                   "address": "Ezera iela 2, Paraugciems, LV-0000"},
        "activities": [{"annex1_point": 6, "hours_per_week": 10}]})
    ass_refusal = Assessment.model_validate({
        "disability_group": "II", "opinion": {"kind": "assistance_need", "issued_on": "2020-01-10"},
        "can_move_without_assistant": True, "cannot_move_with_assistant": False, "activities_meet_annex1": True})
    refusal = assess(app_child, ass_refusal, on=dt.date(2021, 1, 25))
    app_grant = Application.model_validate({
        "received_on": "2020-10-05", "applicant": {
            "given_name": "Mārtiņš", "surname": "Šķēle-Čakste", "personal_code": make(dt.date(1968, 1, 30), 410),
            "address": "Gaujas iela 14, Paraugciems, LV-0000"},
        "representative": {"given_name": "Dace", "surname": "Šķēle", "personal_code": make(dt.date(1970, 7, 1), 12),
                           "address": "Gaujas iela 14, Paraugciems, LV-0000"},
        "activities": [{"annex1_point": 4, "hours_per_week": 12, "weekdays": [1, 3, 5],
                        "place": "Dienas centrs \"Saulīte\" & <darbnīcas>"},
                       {"annex1_point": 7, "hours_per_week": 2}],
        "attachments": ["7.1", "7.2", "7.6"]})
    ass_grant = Assessment.model_validate({
        "disability_group": "I", "opinion": {"kind": "assistance_need", "issued_on": "2019-05-20"},
        "can_move_without_assistant": False, "cannot_move_with_assistant": False, "activities_meet_annex1": True,
        "duration_kind": "until_year_end"})
    grant = assess(app_grant, ass_grant, on=dt.date(2020, 10, 26))
    contract = {
        "number": "AS-2026/017", "recipient": recipient,
        "assistant": {"given_name": "Jānis", "surname": "Kalniņš", "personal_code": make(dt.date(1972, 3, 8), 45)},
        "provider": None, "start": "2021-03-01", "end": "2022-02-28", "hours_per_week": 22,
        "activities": [{"annex1_point": 1, "hours_per_week": 20}, {"annex1_point": 7, "hours_per_week": 2}],
        "concluded_on": "2021-02-24", "engagement": "service_contract"}
    hospital = {"start": "2021-04-06", "end": None, "reason": "hospital"}
    findings = [Finding(rule="MK942 20", severity="warning", field="entries.4.hours",
                        message_lv="2021. gada 15. aprīlī uzskaitē norādītas 10 stundas, bet nedēļā piešķirtas 22 "
                                   "stundas un tās jau izmantotas – 4 stundas nav apmaksājamas (MK 942 20. punkts).",
                        message_en="15 April 2021: 10 hours entered, the week's 22 granted hours were already used — "
                                   "4 hours are not paid (MK 942 point 20)."),
                Finding(rule="MK942 9.2.4", severity="warning", field="entries.7.outside_latvia",
                        message_lv="2021. gada 20. aprīlī pakalpojums sniegts ārpus Latvijas (Valka–Valga) – 3 stundas "
                                   "nav apmaksājamas (MK 942 9.2.4. apakšpunkts).",
                        message_en="20 April 2021: service outside Latvia — 3 hours are not paid (MK 942 9.2.4).")]
    return {
        "decision": {"case_number": "AS-2021/042", "number": "2-7/2021/42", "application": to_jsonable(app),
                     "assessment": to_jsonable(ass), "decision": to_jsonable(dec),
                     "participant_views": "Iesniedzēja norāda: \"darba devējs SIA Koks & <Kalni> apliecina darba "
                                          "laiku\".\nPapildu stundas vajadzīgas, jo autobuss kursē reti.",
                     "views_answer": "Arguments par reto autobusu satiksmi izvērtēts: darbam piešķirtās 20 stundas "
                                     "nedēļā (noteikumu 1. pielikuma 1. punkts) ietver ceļu uz darbu un atpakaļ katru "
                                     "darba dienu arī tad, ja jāgaida nākamais autobuss; apjoma palielināšanai "
                                     "(noteikumu 11.3. apakšpunkts) sociālais dienests pamatu nekonstatēja."},
        "decision--refusal": {"case_number": "AS-2021/007", "application": to_jsonable(app_child),
                             "assessment": to_jsonable(ass_refusal), "decision": to_jsonable(refusal)},
        "decision--grant": {"case_number": "AS-2020/311", "application": to_jsonable(app_grant),
                            "assessment": to_jsonable(ass_grant), "decision": to_jsonable(grant),
                            "participant_views": "Pārstāve lūdz: \"pakalpojumu no rīta\".\nCitu iebildumu nav.",
                            "views_answer": "Lūgums ņemts vērā: pakalpojuma laiku Puses saskaņo līgumā, un dienas "
                                            "centra apmeklējums notiek no rīta."},
        "notice_decision": {"case_number": "AS-2021/042", "number": "2-8/2021/57", "notified_on": "2021-02-18",
                            "addressee": recipient, "representative": rep, "received_on": "2021-02-01",
                            "decision_number": "2-7/2021/42", "decision": to_jsonable(dec)},
        "notice_suspension": {"case_number": "AS-2021/042", "number": "2-8/2021/88", "notified_on": "2021-04-09",
                              "decided_on": "2021-04-08", "decision_number": "2-7/2021/61",
                              "participant_views": "Māsa lūdz: \"pēc izrakstīšanas pakalpojumu atsākt uzreiz\".",
                              "views_answer": "Pakalpojums netiek izbeigts: tas atsākas nākamajā dienā pēc tam, kad "
                                              "sociālais dienests saņem ziņu par izrakstīšanu (noteikumu 15. punkts).",
                              "addressee": recipient, "contract_number": "AS-2026/017", "contract_date": "2021-02-24",
                              "suspension": hospital,
                              "facts": "Māsa Ērika Bērziņa 2021. gada 7. aprīlī tālruņa sarunā informēja, ka Līga "
                                       "Bērziņa ievietota slimnīcā \"Parauga <stacionārs> & Co\".\nIzraksts vēl nav "
                                       "saņemts."},
        "notice_termination": {"case_number": "AS-2021/042", "number": "2-8/2021/120", "notified_on": "2021-06-04",
                               "decided_on": "2021-06-03", "decision_number": "2-7/2021/77",
                               "participant_views": "Persona norāda, ka ziemā bez asistenta pārvietoties nevarēs.",
                               "views_answer": "Izvērtējums veikts 2021. gada jūnijā; ja ziemā pārvietošanās spējas "
                                               "mainīsies, persona var iesniegt jaunu iesniegumu (noteikumu 12. punkts), "
                                               "un to izskatīs mēneša laikā.",
                               "addressee": recipient, "contract_number": "AS-2026/017", "contract_date": "2021-02-24",
                               "ground": "17.4", "refusal_ground": "9.2.3", "mobility": "without_assistant",
                               "effective_on": "2021-06-30",
                               "facts": "Atkārtotā izvērtējumā 2021. gada 2. jūnijā konstatēts, ka persona pēc "
                                        "rehabilitācijas \"Ceļš & <atbalsts>\" pārvietojas patstāvīgi.\nTo apliecina "
                                        "ergoterapeita atzinums.",
                               "refund": {"ground": "19.1", "amount": "1234.56", "due_on": "2021-07-31",
                                          "explanation": "Starpība par maijā piešķirtajām un neizmantotajām stundām."}},
        "notice_timesheet": {"case_number": "AS-2021/042", "number": "2-8/2021/99", "notified_on": "2021-05-12",
                             "addressee": {"name": "Jānis Kalniņš", "address": "Liepu iela 5, Paraugciems, LV-0000"},
                             "role": "assistant", "recipient_name": "Līga Bērziņa", "contract_number": "AS-2026/017",
                             "month": "2021-04", "hours_granted": 94.29, "hours_reported": 101, "hours_accepted": 94,
                             "findings": [to_jsonable(f) for f in findings],
                             "refund": {"ground": "19.2", "amount": "21.01", "due_on": "2021-06-15",
                                        "explanation": "Par 2021. gada martā uzskaitē norādītām, bet \"nesniegtām\" "
                                                       "stundām (7 h × 3,0012 EUR) & transportu (< 1 EUR, > 0,50 EUR).\n"
                                                       "Aprēķins pievienots."},
                             "respond_by": "2021-05-26"},
        "contract": {"contract_number": "AS-2026/017", "case_number": "AS-2021/042", "contract": contract,
                     "decision": to_jsonable(dec), "decision_number": "2-7/2021/42",
                     "assistant_address": "Liepu iela 5, Paraugciems, LV-0000", "timesheet_day": 5},
        "contract--provider": {"case_number": "AS-2021/043", "contract": {
            **contract, "number": "AS-2026/018",
            "recipient": {"given_name": "Ķirsis", "surname": "Ūdris", "personal_code": make(dt.date(1990, 11, 23), 301),
                          "address": "Ezera iela 2, Paraugciems, LV-0000"},
            "assistant": {"given_name": "Ilze", "surname": "Ozoliņa"},
            "provider": {"name": "Biedrība \"Palīgs & <Draugs>\"", "registration_number": "40000000000"},
            "engagement": "employment"},
            "provider_address": "Skolas iela 1, Paraugciems, LV-0000", "provider_signatory": "valdes locekle Marta Liepa"},
        "annex2": {"municipality": "Parauga novada", "year": 2021, "month": 3, "period_start": "2021-01-01",
                   "period_end": "2021-03-31", "due_on": "2021-04-15",
                   "month_values": {"assistants": 41, "recipients": 45, "hours": 3912.5, "remuneration": 10631.57,
                                    "contributions": 2508.03, "transport": 143.2, "administration": 1233.41},
                   "year_to_date": {"assistants": 47, "recipients": 52, "hours": 11204, "remuneration": 32405.91,
                                    "contributions": 7644.55, "transport": 401.6, "administration": 3612.77},
                   "findings": [], "rules_version": "MK942 2021-01-01 redakcija",
                   "prepared_by": "Inese Grāvīte-Ābele", "prepared_on": "2021-04-09"},
    }
