"""The letters as a citizen, a lawyer and an auditor read them: each test renders a document and reads its text.

Named after the numbered points of the review of the letters ("1" anachronism … "10" Annex 2); the cases are
worked out by hand from MK 942 and the Administrative Procedure Law.
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from generator.config import EXAMPLE
from generator.documents import EXAMPLES_DIR, KINDS, prepare
from generator.lv import NBSP
from generator.render import docx_text, render_docx
from regulation.assess import assess
from regulation.personal_code import make
from regulation.records import Application, Assessment, to_jsonable


def example(name: str) -> dict:
    return json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def text_of(kind: str, raw: dict, municipality=EXAMPLE) -> str:
    """The rendered DOCX's text, paragraphs and table cells joined by newlines (no-break spaces kept)."""
    template, ctx = prepare(kind, raw, municipality)
    return "\n".join(docx_text(render_docx(template, ctx)))


def flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def decision_data(received: dt.date, decided: dt.date, *, views: str | None = None, answer: str | None = None,
                  **assessment) -> dict:
    app = Application.model_validate({
        "received_on": received.isoformat(),
        "applicant": {"given_name": "Valdis", "surname": "Ozols", "personal_code": make(dt.date(1970, 4, 2), 7),
                      "address": "Upes iela 1, Paraugciems, LV-0000"},
        "activities": [{"annex1_point": 1, "hours_per_week": 25}], "attachments": ["7.4"]})
    base = {"disability_group": "II", "opinion": {"kind": "assistance_need", "issued_on": "2020-01-10"},
            "can_move_without_assistant": False, "cannot_move_with_assistant": False, "activities_meet_annex1": True}
    base.update(assessment)
    ass = Assessment.model_validate(base)
    dec = assess(app, ass, on=decided)
    return {"case_number": "AS-T/1", "application": to_jsonable(app), "assessment": to_jsonable(ass),
            "decision": to_jsonable(dec), "participant_views": views, "views_answer": answer}


# ---------------------------------------------------------------- 1 anachronism


def test_1_decision_of_2020_11_16_knows_nothing_of_mk_316():
    """Decided 16.11.2020 for a year: the grant runs to 15.11.2021; MK 316 (adopted 18.05.2021) is not named."""
    t = flat(text_of("decision", decision_data(dt.date(2020, 11, 2), dt.date(2020, 11, 16))))
    assert "no 2020. gada 16. novembra līdz 2021. gada 15. novembrim" in t
    assert "316" not in t and "30.06.2021" not in t and "2021. gada 30. jūnij" not in t


def test_1_decision_after_mk_316_was_adopted_names_it_in_the_accusative_and_the_transition():
    t = flat(text_of("decision", decision_data(dt.date(2021, 5, 20), dt.date(2021, 6, 1))))
    assert "līdz 2021. gada 31. decembrim" in t and "ar MK 18.05.2021. noteikumiem Nr. 316" in t
    assert "piemēro MK 18.05.2021. noteikumi Nr. 316" not in t


# ---------------------------------------------------------------- 2 text for the clerk


def test_2_no_clerk_notes_in_the_citizens_letter_and_the_redaction_in_words():
    raw = decision_data(dt.date(2021, 1, 11), dt.date(2021, 1, 25))
    t = flat(text_of("decision", raw))
    assert "Noteikumu redakcija" not in t and "MK942 2021-01-01" not in t and "redakcija" not in t.replace(
        "redakcijā", "")
    assert "Paziņot līdz" not in t and "pieprasiet" not in t
    assert "noteikumi) redakcijā, kas stājās spēkā 2021. gada 1. janvārī:" in t
    # the facts say the opinion was issued on 10.01.2020: it is not "missing" anywhere
    assert "izsniegts 10.01.2020." in t and "nav pievienots: komisijas atzinums" not in t
    notes = KINDS["decision"].notes(KINDS["decision"].load(raw), EXAMPLE)
    assert notes[0] == "Paziņot pieprasītājam līdz 2021. gada 4. februārim (noteikumu 10. punkts)."


def test_2_missing_attachment_is_a_note_for_the_preparer_not_the_person():
    raw = decision_data(dt.date(2021, 1, 11), dt.date(2021, 1, 25))
    raw["application"]["attachments"] = []
    raw = json.loads(json.dumps(raw))
    app, ass = Application.model_validate(raw["application"]), Assessment.model_validate(raw["assessment"])
    raw["decision"] = to_jsonable(assess(app, ass, on=dt.date(2021, 1, 25)))
    assert any(f["rule"] == "MK942 7.4" for f in raw["decision"]["findings"])
    t = flat(text_of("decision", raw))
    assert "darba devēja apliecinājums" not in t and "pieprasiet" not in t
    notes = KINDS["decision"].notes(KINDS["decision"].load(raw), EXAMPLE)
    assert any("darba devēja apliecinājums" in n for n in notes)


# ---------------------------------------------------------------- 3 the person's argument answered


def test_3_the_persons_argument_and_the_answer_are_in_the_decision():
    raw = example("decision")
    t = flat(text_of("decision", raw))
    assert "autobuss kursē reti" in t
    assert "Sociālā dienesta vērtējums: Arguments par reto autobusu satiksmi izvērtēts" in t
    assert KINDS["decision"].blockers(KINDS["decision"].load(raw)) == []


def test_3_unanswered_argument_leaves_a_marked_place_and_blocks_adoption():
    raw = example("decision")
    raw["views_answer"] = None
    t = flat(text_of("decision", raw))
    assert "[JĀAIZPILDA: sociālā dienesta atbilde uz personas argumentiem" in t
    assert t.index("PROJEKTS. Lēmumu nevar pieņemt") < t.index("1. Iesniegums")
    blockers = KINDS["decision"].blockers(KINDS["decision"].load(raw))
    assert len(blockers) == 1 and "views_answer" in blockers[0]
    raw["views_answer"] = "   "
    assert KINDS["decision"].blockers(KINDS["decision"].load(raw))


# ---------------------------------------------------------------- 4 9.2.3 / 17.4: the alternative found


@pytest.mark.parametrize("found, says, not_says", [
    ({"can_move_without_assistant": True}, "spējat pārvietoties bez asistenta", "nespējat"),
    ({"cannot_move_with_assistant": True}, "nespējat pārvietoties ārpus mājokļa arī ar asistenta atbalstu",
     "spējat pārvietoties bez asistenta"),
])
def test_4_9_2_3_names_the_alternative_the_assessment_found(found, says, not_says):
    raw = decision_data(dt.date(2021, 1, 11), dt.date(2021, 1, 25), **found)
    assert raw["decision"]["outcome"] == "refuse"
    # the law's wording holds both alternatives; the words to the person name one
    plain = flat(text_of("decision", raw)).split("Piemērotās tiesību normas")[0]
    plain = plain.replace("spēj pārvietoties ārpus mājokļa bez asistenta vai nespēj pārvietoties ar asistenta "
                          "atbalstu", "")
    assert says in plain.replace("ārpus mājokļa spējat", "spējat") and not_says not in plain.replace(
        "ārpus mājokļa spējat", "spējat")
    assert "vai arī nespējat" not in plain


def test_4_17_4_with_9_2_3_names_one_alternative_and_requires_it():
    raw = example("notice_termination")
    t = flat(text_of("notice_termination", raw))
    assert "spējat pārvietoties bez asistenta" in t and "vai arī nespējat" not in t
    raw["mobility"] = "not_even_with_assistant"
    t = flat(text_of("notice_termination", raw))
    assert "nespējat pārvietoties ārpus mājokļa arī ar asistenta atbalstu" in t and "spējat pārvietoties bez" not in t
    del raw["mobility"]  # not recorded: a marked place, and the decision cannot be adopted
    t = flat(text_of("decision_termination", raw))
    assert "[JĀAIZPILDA: kuru 9.2.3. apakšpunkta gadījumu" in t and "vai arī nespējat" not in t
    assert any("mobility" in b for b in KINDS["decision_termination"].blockers(KINDS["decision_termination"].load(raw)))


# ---------------------------------------------------------------- 5 applied norms


NORM_LINE = re.compile(r"^– (.+?)( – .+)?([;.])$")


def norm_lines(text: str) -> list[str]:
    part = text.split("Piemērotās tiesību normas", 1)[1]
    part = re.split(r"\n(?:5\. Lēmums|Apstrīdēšanas kārtība|Izlietoto|Ja apstākļi)", part)[0]
    return [l.replace(NBSP, " ") for l in part.splitlines() if l.startswith("– ")]


@pytest.mark.parametrize("name", ["decision", "decision--grant", "decision--refusal"])
def test_5_every_norm_with_its_words_and_the_list_ends_with_a_full_stop(name):
    lines = norm_lines(text_of("decision", example(name)))
    assert lines and all(" – " in l and len(l.split(" – ", 1)[1]) > 15 for l in lines), lines
    assert all(l.endswith(";") for l in lines[:-1]) and lines[-1].endswith(".")
    joined = "\n".join(lines)
    assert "Invaliditātes likuma 12. panta pirmās daļas 3. punkts – " in joined
    assert "Administratīvā procesa likuma 67. panta otrā daļa – rakstveida administratīvā akta saturs" in joined
    assert "Administratīvā procesa likuma 79. panta pirmā daļa" in joined


def test_5_norms_of_every_kind_have_words():
    for name in sorted(p.stem for p in EXAMPLES_DIR.glob("*.json")):
        kind = name.split("--")[0]
        t = text_of(kind, example(name))
        if "Piemērotās tiesību normas" not in t:
            continue
        lines = norm_lines(t)
        assert all(" – " in l for l in lines), (name, lines)
        assert lines[-1].endswith("."), (name, lines[-1])


# ---------------------------------------------------------------- 8 contracts cite their decision


def test_8_mailmerge_of_12_contracts_cites_each_decision(tmp_path):
    import csv

    from generator.mailmerge import mailmerge

    headers = ["Līguma Nr.", "Lietas Nr.", "Vārds", "Uzvārds", "Personas kods", "Stundas nedēļā", "Pasākums",
               "Sākuma datums", "Beigu datums", "Asistenta vārds", "Asistenta uzvārds", "Lēmuma Nr.", "Lēmuma datums"]
    rows = [[f"AS-2026/{i:03d}", f"L-{i}", "Līga", f"Bērziņa{i}", make(dt.date(1985, 6, 12), 100 + i), "20", "1",
             "01.03.2021.", "28.02.2022.", "Jānis", "Kalniņš", f"2-7/2021/{40 + i}", f"{10 + i}.02.2021."]
            for i in range(1, 13)]
    sheet = tmp_path / "ligumi.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([headers, *rows])
    _, report = mailmerge(sheet, "contract", tmp_path / "out", municipality=EXAMPLE, progress=False)
    made = [o for o in report.outcomes if o.status == "made"]
    assert len(made) == 12
    for i, o in enumerate(sorted(made, key=lambda o: o.row), 1):
        t = flat("\n".join(docx_text(o.docx.read_bytes())))
        assert f"Sociālā dienesta 2021. gada {10 + i}. februāra lēmumu Nr. 2-7/2021/{40 + i}" in t, i


def test_8_contract_without_a_decision_date_is_not_ready():
    raw = example("contract")
    assert "2021. gada 15. februāra lēmumu Nr. 2-7/2021/42" in flat(text_of("contract", raw))
    del raw["decision"]
    data = KINDS["contract"].load(raw)
    assert KINDS["contract"].blockers(data) and "lēmumu Nr." not in flat(text_of("contract", raw))
    raw["decision_date"] = "2021-02-15"
    assert "2021. gada 15. februāra lēmumu Nr. 2-7/2021/42" in flat(text_of("contract", raw))


# ---------------------------------------------------------------- 10 Annex 2


def test_10_annex2_title_is_the_configured_municipality_and_notes_stay_out():
    from generator.config import Municipality
    from generator.spreadsheet import ROWS

    other = Municipality.model_validate({**EXAMPLE.model_dump(), "name": "Jelgavas novada pašvaldība",
                                         "genitive": "Jelgavas novada", "is_example": False})
    raw = example("annex2")
    raw["findings"] = [{"rule": "MK942 24", "severity": "warning", "message_lv": "Pārbaudiet 2021-03-31 lapas.",
                        "message_en": "Check the sheets."}]
    t = flat(text_of("annex2", raw, other))
    assert "Jelgavas novada pašvaldības sociālā dienesta pārskats" in t and "Parauga novada pašvaldības" not in t
    assert "Piezīme sagatavotājam" not in t and "Pārbaudiet" not in t and "Noteikumu redakcija" not in t
    data = KINDS["annex2"].load(raw)
    notes = KINDS["annex2"].notes(data, other)
    assert "Pārbaudiet 31.03.2021. lapas." in notes and any("Parauga novada" in n for n in notes)
    # the XLSX's row headings, word for word
    for _, label, *_ in ROWS:
        assert flat(label) in t, label


# ---------------------------------------------------------------- 9 suspension and termination are decisions

ACT_PARTS = ("LĒMUMS", "Lietas dalībnieku viedoklis", "Konstatētie fakti", "Pamatojums", "Piemērotās tiesību normas",
             "nolemj:", "Lēmums stājas spēkā ar brīdi, kad tas paziņots adresātam", "Apstrīdēšanas kārtība",
             "Administratīvā procesa likuma 67. panta otrā daļa")


@pytest.mark.parametrize("decision, notice", [("decision_suspension", "notice_suspension"),
                                              ("decision_termination", "notice_termination")])
def test_9_suspension_and_termination_are_decisions_sent_by_a_notice(decision, notice):
    raw = example(notice)  # one DATA for the decision and its notice
    act = flat(text_of(decision, raw))
    for part in ACT_PARTS:
        assert part in act, (decision, part)
    assert "Nr. 2-7/2021/" in act and KINDS[decision].blockers(KINDS[decision].load(raw)) == []
    letter = flat(text_of(notice, raw))
    # the notice names the decision it sends and carries no appeal text of its own
    assert f"pieņēma lēmumu Nr. {raw['decision_number']}" in letter and "Pielikumā: lēmums Nr." in letter
    assert "Apstrīdēšanas kārtība" not in letter and "administratīvajā tiesā" not in letter


def test_9_decision_without_facts_or_an_answer_is_a_draft():
    raw = example("notice_termination")
    raw["facts"], raw["views_answer"] = None, None
    t = flat(text_of("decision_termination", raw))
    assert "PROJEKTS. Lēmumu nevar pieņemt" in t and "[JĀAIZPILDA: konstatētie fakti" in t
    assert len(KINDS["decision_termination"].blockers(KINDS["decision_termination"].load(raw))) == 2


def test_7_suspension_end_date_in_words():
    raw = example("notice_suspension")
    raw["suspension"]["end"] = "2021-05-06"
    for kind in ("notice_suspension", "decision_suspension"):
        t = flat(text_of(kind, raw))
        assert "no 2021. gada 6. aprīļa līdz 2021. gada 6. maijam" in t and "06.05.2021" not in t, kind


# ---------------------------------------------------------------- 7 typography


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES_DIR.glob("*.json")))
def test_7_quotes_and_no_break_spaces(name):
    t = text_of(name.split("--")[0], example(name))
    assert '"' not in t and "«" not in t and "»" not in t, name
    assert "u. c." not in t and "t. sk." not in t, name  # with a no-break space: "u.\u00a0c."
    assert not re.search(r"\d (EUR|h|stund\w*|dien\w*|gad\w*)\b", t), re.findall(r".{20}\d (?:EUR|h|stund\w*)\b", t)


def test_7_quotes_typeset_and_units_kept_together_in_a_decision():
    t = text_of("decision", example("decision"))
    assert "SIA „Koks & <Kalni>”" in t and f"u.{NBSP}c." in t and f"20{NBSP}h" in t
    assert f"22{NBSP}stundas" in t


def test_7_no_stray_separator_when_a_value_is_empty():
    raw = example("decision--grant")
    raw["application"]["activities"][0]["place"] = None
    raw["application"]["activities"][1]["weekdays"] = [7]
    t = text_of("decision", raw)
    lines = t.splitlines()
    assert "pirmdiena, trešdiena, piektdiena" in lines and "svētdiena" in lines
    assert not any(re.match(r"^\s*;|;\s*$|\s{2,};", l) for l in lines), [l for l in lines if ";" in l][:5]


# ---------------------------------------------------------------- 6 grammatical gender


def test_6_role_words_agree_with_the_persons_gender():
    t = flat(text_of("decision", example("decision--grant")))  # representative Dace Šķēle
    assert "likumiskā pārstāve Dace Šķēle" in t and "likumiskais pārstāvis Dace" not in t
    assert "iesniedza likumiskā pārstāve Dace Šķēle" in t
    t = flat(text_of("contract", example("contract--provider")))  # assistant Ilze Ozoliņa
    assert "pakalpojumu sniedz asistente Ilze Ozoliņa" in t and "asistents Ilze" not in t
    t = flat(text_of("notice_decision", example("notice_decision")))  # representative Ērika Bērziņa
    assert "likumiskā pārstāve Ērika Bērziņa" in t and "likumiskais pārstāvis Ērika" not in t
    t = flat(text_of("decision", example("decision")))  # requester Līga Bērziņa
    assert "Pieprasītāja: Līga Bērziņa" in t and "pakalpojuma saņēmēja – Līga Bērziņa" in t
    t = flat(text_of("notice_timesheet", example("notice_timesheet")))  # assistant Jānis Kalniņš
    assert "ko iesniedza asistents saskaņā" in t and "(pakalpojuma saņēmēja Līga Bērziņa)" in t


def test_6_gender_set_in_the_record_wins_over_the_name():
    raw = example("decision--grant")
    raw["application"]["representative"]["gender"] = "m"
    t = flat(text_of("decision", raw))
    assert "likumiskais pārstāvis Dace Šķēle" in t
    raw["application"]["applicant"]["gender"] = "f"
    assert "Pieprasītāja: Mārtiņš Šķēle-Čakste" in flat(text_of("decision", raw))


def test_6_undecided_gender_is_a_note_for_the_preparer():
    raw = example("decision")
    raw["application"]["applicant"]["given_name"], raw["application"]["applicant"]["surname"] = "Kim", "Lī"
    notes = KINDS["decision"].notes(KINDS["decision"].load(raw), EXAMPLE)
    assert any("Kim Lī" in n and "gender" in n for n in notes)


# ---------------------------------------------------------------- samples/letters


def test_samples_letters_hold_a_pdf_of_every_kind():
    """samples/make_letters.py wrote one PDF per example; every kind has one, with its text and the kind's words."""
    from pypdf import PdfReader

    folder = EXAMPLES_DIR.parents[2] / "samples" / "letters"
    assert {p.stem for p in folder.glob("*.pdf")} == {p.stem for p in EXAMPLES_DIR.glob("*.json")}
    for name in KINDS:
        text = " ".join(page.extract_text() for page in PdfReader(folder / f"{name}.pdf").pages)
        assert "Parauga novada" in text and ("LĒMUMS" in text) == name.startswith("decision"), name
