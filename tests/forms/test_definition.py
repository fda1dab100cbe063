"""The form definitions against MK 942 points 6, 7 and 20, and the flat-values ⇄ record mapping."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from forms.build import MARK_Y, SQUARE, SQUARE_MARGIN
from forms.definition import KINDS, from_record, load, to_record
from regulation.records import Application, RecordError, Timesheet, load as load_record

APP = load("application")
TS = load("timesheet")


def _types(d, names):
    return {n: d.field(n).type for n in names}


def test_6_1_applicant_fields_present():
    assert _types(APP, [f"applicant.{k}" for k in ("given_name", "surname", "personal_code", "address", "phone",
                                                    "email")]) == {
        "applicant.given_name": "text", "applicant.surname": "text", "applicant.personal_code": "personal_code",
        "applicant.address": "text", "applicant.phone": "phone", "applicant.email": "email"}
    assert all(APP.field(f"applicant.{k}").required for k in ("given_name", "surname", "personal_code", "address"))
    assert APP.field("applicant.address").label_lv == "Deklarētās dzīvesvietas adrese"


def test_6_2_representative_fields_present():
    for k in ("given_name", "surname", "personal_code", "address", "phone", "email"):
        f = APP.field(f"representative.{k}")
        assert not f.required  # only when the representative applies (6.2 "ja iesniegumu iesniedz … pārstāvis")
        assert f.label_lv.startswith("Likumiskā pārstāvja")


def test_6_3_one_row_per_annex1_point():
    for row in range(7):
        p = f"activities.{row}"
        assert APP.field(f"{p}.hours_per_week").type == "number"
        assert APP.field(f"{p}.place").type == "text"
        for key in ("institution_transport", "outside_latvia", *(f"weekdays.{d}" for d in range(1, 8))):
            assert APP.field(f"{p}.{key}").type == "checkbox"
        assert f"{row + 1}. punkts" in APP.field(f"{p}.hours_per_week").label_lv
    assert not any(f.name.startswith("activities.7.") for f in APP.fields)
    row_labels = [t.text for t in APP.texts if re.match(r"^[1-7]\. ", t.text) and t.page == 0]
    assert len(row_labels) == 7 and row_labels[0].startswith("1. Strādā")


def test_6_4_visual_benefit_yes_no():
    yes, no = APP.field("visual_benefit.yes"), APP.field("visual_benefit.no")
    assert (yes.type, no.type, yes.caption_lv, no.caption_lv) == ("checkbox", "checkbox", "Jā", "Nē")
    assert any("pabalstu personai ar redzes invaliditāti" in t.text for t in APP.texts)


def test_6_5_preferred_assistant():
    assert _types(APP, ["preferred_assistant.given_name", "preferred_assistant.surname"]) == {
        "preferred_assistant.given_name": "text", "preferred_assistant.surname": "text"}


def test_7_attachments_checklist():
    wording = {"7.1": "pārstāvības tiesības apliecinošs dokuments", "7.2": "komisijas atzinums",
               "7.3": "institūcijas apliecinājums", "7.4": "darba devēja apliecinājums",
               "7.5": "izglītības iestādes apliecinājums", "7.6": "dienas aprūpes centra"}
    for code, words in wording.items():
        f = APP.field(f"attachments.{code}")
        assert f.type == "checkbox" and f.page == 1
        printed = [t for t in APP.texts if t.page == 1 and t.text.startswith(code + ". ")]
        assert len(printed) == 1 and words in printed[0].text
        assert abs(printed[0].y - f.rect[3]) < 12  # printed beside its box


def test_5_receipt_date_and_signature_line():
    f = APP.field("received_on")
    assert (f.type, f.required, f.page) == ("date", True, 0)
    assert any(t.text == "Iesniedzēja paraksts" for t in APP.texts) and APP.lines


def test_20_timesheet_columns():
    rows = 1 + max(int(f.name.split(".")[1]) for f in TS.fields if f.name.startswith("entries."))
    assert rows >= 31
    columns = {"date": "date", "start": "time", "end": "time", "hours": "number", "annex1_point": "number",
               "place": "text", "outside_latvia": "checkbox", "transport_eur": "money"}
    for row in range(rows):
        assert _types(TS, [f"entries.{row}.{c}" for c in columns]) == {
            f"entries.{row}.{c}": t for c, t in columns.items()}
    assert TS.field("entries.0.annex1_point").allowed == tuple("1234567")
    for name, ftype in {"month": "month", "recipient.given_name": "text", "recipient.surname": "text",
                        "recipient.personal_code": "personal_code", "assistant.given_name": "text",
                        "assistant.surname": "text", "assistant.personal_code": "personal_code",
                        "assistant.is_minor.yes": "checkbox", "assistant.is_minor.no": "checkbox",
                        "provider.name": "text", "provider.registration_number": "text",
                        "totals.hours": "number", "totals.transport_eur": "money",
                        "signed_by_assistant": "checkbox", "signed_by_recipient": "checkbox"}.items():
        assert TS.field(name).type == ftype
    assert {TS.field(f"entries.{r}.date").page for r in range(rows)} == {0, 1}


@pytest.mark.parametrize("kind", KINDS)
def test_no_two_field_rects_overlap_on_a_page(kind):
    d = load(kind)
    for page in range(d.pages):
        fields = sorted(d.on_page(page), key=lambda f: f.rect[0])
        for i, a in enumerate(fields):
            for b in fields[i + 1:]:
                if b.rect[0] >= a.rect[2]:
                    break
                assert not (a.rect[1] < b.rect[3] and b.rect[1] < a.rect[3]), (a.name, b.name)


@pytest.mark.parametrize("kind", KINDS)
def test_fields_on_the_page_clear_of_marks(kind):
    d = load(kind)
    width, height = d.page_size
    assert (round(width), round(height)) == (595, 842)  # A4
    for f in d.fields:
        x0, y0, x1, y1 = f.rect
        assert 0 <= f.page < d.pages and x0 < x1 and y0 < y1, f.name
        # inside the frame of the registration squares and above the version mark
        assert SQUARE_MARGIN + SQUARE < x0 and x1 < width - SQUARE_MARGIN - SQUARE, f.name
        assert MARK_Y + 10 < y0 and y1 < height - SQUARE_MARGIN - SQUARE, f.name


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_latvian_label_whitelist_and_limits(kind):
    d = load(kind)
    for f in d.fields:
        assert f.label_lv, f.name
        if f.type == "checkbox":  # read by the ink in the box, not by OCR
            assert f.export_value and re.fullmatch(r"[A-Za-z0-9]+", f.export_value), f.name
        else:
            assert f.max_length and f.export_value is None and f.ocr_whitelist, f.name
            assert f.pattern is None or re.compile(f.pattern)
            if f.type == "text" and f.ocr_whitelist:
                assert set("āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ") <= set(f.ocr_whitelist) or set(f.ocr_whitelist) <= set("0123456789"), f.name


def test_checkbox_export_values_vary():
    values = {f.export_value for d in (APP, TS) for f in d.fields if f.type == "checkbox"}
    assert {"Ja", "1", "X"} <= values and len(values) >= 6


def test_versions_differ_and_are_marked():
    assert APP.version == "ASIST-IESN-2026.1" and TS.version == "ASIST-UZSK-2026.1"
    assert APP.version_mark(0) == "ASIST-IESN-2026.1 · 1/2"


# ---------------------------------------------------------------- to_record / from_record

BASE = {"received_on": "14.03.2026", "applicant.given_name": "Ģirts", "applicant.surname": "Ķēniņš",
        "applicant.personal_code": "161175-19997", "applicant.address": "Ūdens iela 3, Cēsis"}


def test_to_record_dates_checkboxes_weekdays_and_empty_rows():
    values = {**BASE, "activities.0.hours_per_week": "12,5", "activities.0.weekdays.1": "/1",
              "activities.0.weekdays.5": True, "activities.0.weekdays.3": "/Off",
              "activities.0.institution_transport": "Jā", "activities.3.place": "",
              "activities.6.hours_per_week": "2", "activities.6.outside_latvia": "X",
              "visual_benefit.yes": "Ja", "attachments.7.4": "/On", "attachments.7.5": "Off"}
    rec = load_record(Application, to_record("application", values))
    assert rec.received_on.isoformat() == "2026-03-14"
    assert [(a.annex1_point, str(a.hours_per_week), a.weekdays) for a in rec.activities] == [
        (1, "12.5", [1, 5]), (7, "2", [])]
    assert rec.activities[0].institution_transport and rec.activities[1].outside_latvia
    assert rec.visual_benefit is True and rec.attachments == ["7.4"] and rec.representative is None


def test_to_record_problems_name_the_field():
    with pytest.raises(RecordError) as e:
        load_record(Application, to_record("application", {**BASE, "received_on": "31.02.2026",
                                                             "activities.2.place": "LU",
                                                             "visual_benefit.yes": True,
                                                             "visual_benefit.no": True}))
    assert {p.field for p in e.value.problems} == {"received_on", "activities.0.hours_per_week", "visual_benefit"}


def test_timesheet_to_record_month_times_and_money():
    values = {"month": "03.2021", "recipient.given_name": "Līga", "recipient.surname": "Ozola",
              "recipient.personal_code": "161175-19997", "assistant.given_name": "Oļegs",
              "assistant.surname": "Šmits", "assistant.is_minor.no": "/Ne",
              "entries.0.date": "02.03.2021", "entries.0.start": "8.00", "entries.0.end": "10:30",
              "entries.0.hours": "2,5", "entries.0.annex1_point": "1", "entries.0.transport_eur": "3,20",
              "entries.5.place": "", "signed_by_assistant": "/Parakstits", "totals.hours": "2,5"}
    rec = load_record(Timesheet, to_record("timesheet", values))
    e = rec.entries[0]
    assert (rec.month, e.date.isoformat(), e.start.isoformat(), str(e.hours), str(e.transport_eur)) == (
        "2021-03", "2021-03-02", "08:00:00", "2.5", "3.20")
    assert len(rec.entries) == 1 and rec.assistant.is_minor is False and rec.signed_by_assistant
    assert not rec.signed_by_recipient and rec.provider is None


def test_from_record_writes_latvian_forms():
    values = from_record("application", to_record("application", {**BASE, "activities.1.hours_per_week": "7.5"}))
    assert values["received_on"] == "14.03.2026" and values["activities.1.hours_per_week"] == "7,5"
    assert values["visual_benefit.no"] is True and values["visual_benefit.yes"] is False
    assert set(values) == {f.name for f in APP.fields}


def test_from_record_refuses_two_activities_under_one_point():
    rec = to_record("application", {**BASE, "activities.0.hours_per_week": "4"})
    rec["activities"] = rec["activities"] * 2
    with pytest.raises(ValueError, match="point 1"):
        from_record("application", rec)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 40))
def test_round_trip_generated_records(generator, seed, n):
    app = generator.application(seed, "fillable", n)
    assert load_record(Application, to_record("application", from_record("application", app))) == app
    ts = generator.timesheet(seed, "scanned", n)
    assert load_record(Timesheet, to_record("timesheet", from_record("timesheet", ts))) == ts


_LV = "aābcčdeēfgģhiījkķlļmnņoprsštuūvzžAĀČĒĢĪĶĻŅŠŪŽ"
names = st.text(alphabet=_LV, min_size=1, max_size=20)
hours = st.integers(0, 80).map(lambda q: str(q / 4))


@settings(max_examples=60, deadline=None)
@given(given_name=names, surname=names, place=st.none() | st.text(alphabet=_LV + " .,-„”", max_size=40),
       points=st.lists(st.tuples(st.integers(1, 7), hours, st.lists(st.integers(1, 7), unique=True),
                                 st.booleans(), st.booleans()), min_size=1, max_size=7,
                       unique_by=lambda t: t[0]),
       visual=st.booleans(), attachments=st.sets(st.sampled_from(["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"])))
def test_round_trip_any_application(given_name, surname, place, points, visual, attachments):
    place = " ".join(place.split()) or None if place else None
    rec = load_record(Application, {
        "received_on": "2020-02-29", "applicant": {"given_name": given_name, "surname": surname,
                                                   "personal_code": "161175-19997"},
        "activities": [{"annex1_point": p, "hours_per_week": h, "weekdays": sorted(days), "place": place,
                        "institution_transport": t, "outside_latvia": o}
                       for p, h, days, t, o in sorted(points)],
        "visual_benefit": visual, "attachments": sorted(attachments)})
    assert load_record(Application, to_record("application", from_record("application", rec))) == rec


entries = st.lists(st.fixed_dictionaries({
    "day": st.integers(1, 28), "start": st.integers(0, 23 * 4 - 1), "quarters": st.integers(1, 8),
    "annex1_point": st.integers(1, 7), "place": st.none() | names, "outside_latvia": st.booleans(),
    "transport_cents": st.integers(0, 99999)}), max_size=40)


@settings(max_examples=40, deadline=None)
@given(rows=entries, minor=st.booleans(), provider=st.booleans(), signed=st.tuples(st.booleans(), st.booleans()))
def test_round_trip_any_timesheet(rows, minor, provider, signed):
    def clock(quarter: int) -> str:
        return f"{quarter // 4:02d}:{quarter % 4 * 15:02d}"

    rec = load_record(Timesheet, {
        "month": "2020-02", "recipient": {"given_name": "Ņina", "surname": "Žagare", "personal_code": "161175-19997"},
        "assistant": {"given_name": "Uģis", "surname": "Lūsis", "is_minor": minor},
        "provider": {"name": "SIA „Palīgs”", "registration_number": "40103123456"} if provider else None,
        "entries": [{"date": f"2020-02-{r['day']:02d}", "start": clock(r["start"]),
                     "end": clock(min(r["start"] + r["quarters"], 23 * 4 + 3)),
                     "hours": str((min(r["start"] + r["quarters"], 23 * 4 + 3) - r["start"]) / 4),
                     "annex1_point": r["annex1_point"], "place": r["place"], "outside_latvia": r["outside_latvia"],
                     "transport_eur": f"{r['transport_cents'] / 100:.2f}"} for r in rows],
        "signed_by_assistant": signed[0], "signed_by_recipient": signed[1]})
    values = from_record("timesheet", rec)
    assert load_record(Timesheet, to_record("timesheet", values)) == rec
    if rec.entries:  # the totals row the parser checks the rows against
        assert Decimal(values["totals.hours"].replace(",", ".")) == sum(e.hours for e in rec.entries)
        assert Decimal(values["totals.transport_eur"].replace(",", ".")) == sum(e.transport_eur for e in rec.entries)
