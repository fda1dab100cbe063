"""The causes of silent errors on scans nobody tuned for, each on a real scan made by the independent
generator (bench/independent: FreeType text placed as a PDF viewer or office suite flattens a form, then a
copier simulation), read by real Tesseract: a capital with a long mark at a word's start, border remains at
200 dpi, a decimal comma, an "@", a time without a leading zero, a route's dash; and the checks a person
would make (a Latvian word list, Annex 1 hours, the register's spelling)."""
from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.independent import draw, render, scanner  # noqa: E402
from parser import ocr, parse_file, spelling  # noqa: E402
from parser.crosscheck import against_known  # noqa: E402
from regulation.personal_code import make  # noqa: E402

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")

ORDINARY = scanner.Conditions(dpi=300, skew_deg=0.9, scale=1.008, shift_mm=(1.5, -1.0), blur_sigma=0.6,
                              speckles=150, light=0.1, jpeg_quality=70)
HARD = scanner.Conditions(dpi=200, skew_deg=-2.6, scale=0.992, shift_mm=(-1.0, 1.5), blur_sigma=0.5,
                          speckles=150, light=0.1, jpeg_quality=65)
APPLICANT_CODE = make(dt.date(1971, 4, 12), 311)
RECIPIENT_CODE = make(dt.date(1958, 9, 3), 207)

APPLICATION = {
    "received_on": "14.03.2024",
    "applicant.given_name": "Ēriks", "applicant.surname": "Ūdris", "applicant.personal_code": APPLICANT_CODE,
    "applicant.address": "Ābeļu iela 4, Ērgļi, LV-4840", "applicant.phone": "+371 26123456",
    "applicant.email": "eriks.udris@inbox.lv",
    "activities.0.hours_per_week": "7,5", "activities.0.weekdays.1": "X", "activities.0.place": "Ērgļu pagasta pārvalde",
    "activities.4.hours_per_week": "2,25", "activities.4.place": "Ādažu poliklīnika",
    "visual_benefit.no": "X",
    "preferred_assistant.given_name": "Ārija", "preferred_assistant.surname": "Ābele",
}
TIMESHEET = {
    "month": "03.2024",
    "recipient.given_name": "Ūna", "recipient.surname": "Ērgle", "recipient.personal_code": RECIPIENT_CODE,
    "assistant.given_name": "Ādams", "assistant.surname": "Šteins", "assistant.is_minor.no": "X",
    "entries.0.date": "04.03.2024", "entries.0.start": "8:30", "entries.0.end": "16:00", "entries.0.hours": "7,5",
    "entries.0.annex1_point": "1", "entries.0.place": "Rīga – Ogre",
    "entries.1.date": "05.03.2024", "entries.1.start": "9:15", "entries.1.end": "11:45", "entries.1.hours": "2,5",
    "entries.1.annex1_point": "5", "entries.1.place": "Rīgas slimnīca",
    "entries.2.date": "07.03.2024", "entries.2.start": "7:45", "entries.2.end": "10:00", "entries.2.hours": "2,25",
    "entries.2.annex1_point": "6", "entries.2.place": "Cēsu koncertzāle",
    "entries.3.date": "08.03.2024", "entries.3.start": "12:00", "entries.3.end": "14:00", "entries.3.hours": "2",
    "entries.3.annex1_point": "7", "entries.3.place": "Jelgavas teātris",
    "totals.hours": "14,25", "signed_by_assistant": "X", "signed_by_recipient": "X",
}


def _scan(tmp_path_factory, kind: str, written: dict[str, str], style: draw.Style,
          conditions: scanner.Conditions, name: str):
    pdf = tmp_path_factory.mktemp("causes") / f"{name}.pdf"
    pdf.write_bytes(render(kind, written, style, conditions, random.Random(name)))
    return parse_file(pdf, sandbox=False)


@pytest.fixture(scope="module")
def application(tmp_path_factory):
    # text low in the box (as LibreOffice places it): where capitals' long marks were lost
    style = draw.Style(font="DejaVu Sans", size=8, placement="office", pad_pt=2.0, ink=20)
    return _scan(tmp_path_factory, "application", APPLICATION, style, ORDINARY, "application")


@pytest.fixture(scope="module")
def timesheet(tmp_path_factory):
    style = draw.Style(font="Liberation Sans", size=8, placement="viewer", pad_pt=2.0, ink=10)
    return _scan(tmp_path_factory, "timesheet", TIMESHEET, style, ORDINARY, "timesheet")


@pytest.fixture(scope="module")
def hard_timesheet(tmp_path_factory):
    style = draw.Style(font="DejaVu Sans", size=8, placement="viewer", pad_pt=1.5, ink=25)
    return _scan(tmp_path_factory, "timesheet", TIMESHEET, style, HARD, "hard")


def _flagged(result, name: str) -> bool:
    return any(i.field == name and i.code in ("uncertain", "unreadable") for i in result.issues)


def test_capital_with_long_mark_at_word_start_is_read(application):
    for name in ("applicant.given_name", "applicant.surname", "applicant.address",
                 "preferred_assistant.given_name", "preferred_assistant.surname"):
        assert application.fields[name].value == APPLICATION[name], name


def test_word_not_latvian_where_marked_variant_is_doubtful():
    if not spelling.available():
        pytest.skip("hunspell-lv / pyenchant not installed")
    assert spelling.doubtful_words("Udens iela 7, Jeigava") == [("Udens", "Ūdens"), ("Jeigava", "Jelgava")]
    assert spelling.doubtful_words("Abele") == [("Abele", "Ābele")]
    assert spelling.doubtful_words("Ūdens iela 7, Jelgava, Ābele") == []


def test_decimal_comma_in_application_hours(application):
    assert application.fields["activities.0.hours_per_week"].value == "7.5"
    assert application.fields["activities.4.hours_per_week"].value == "2.25"
    assert not _flagged(application, "activities.0.hours_per_week")


def test_email_with_at_sign_is_read_and_keeps_the_record(application):
    assert application.fields["applicant.email"].value == "eriks.udris@inbox.lv"
    assert application.record is not None
    assert application.record.applicant.email == "eriks.udris@inbox.lv"


def test_time_without_leading_zero(timesheet):
    assert timesheet.fields["entries.0.start"].value == "08:30"
    assert timesheet.fields["entries.1.start"].value == "09:15"
    assert timesheet.fields["entries.2.start"].value == "07:45"
    assert not _flagged(timesheet, "entries.0.start")


def test_route_dash_follows_the_form_convention_without_review(timesheet):
    assert timesheet.fields["entries.0.place"].value == "Rīga – Ogre"
    assert not _flagged(timesheet, "entries.0.place")
    assert timesheet.record is not None


def test_border_remains_at_200_dpi_are_not_read_as_letters(hard_timesheet):
    for row in range(4):
        name = f"entries.{row}.place"
        reading = hard_timesheet.fields[name]
        assert reading.value is not None and reading.value[0] not in "I|l„[", (name, reading.value)
        assert reading.value == TIMESHEET[name] or _flagged(hard_timesheet, name), (name, reading.value)


def test_no_silent_error_on_either_scan(timesheet, hard_timesheet):
    expected = {"entries.0.hours": "7.5", "entries.1.hours": "2.5", "entries.2.hours": "2.25", "totals.hours": "14.25",
                "entries.3.end": "14:00", "month": "2024-03", "recipient.personal_code": RECIPIENT_CODE,
                "recipient.surname": "Ērgle", "assistant.given_name": "Ādams"}
    for result in (timesheet, hard_timesheet):
        for name, value in expected.items():
            assert result.fields[name].value == value or _flagged(result, name), (name, result.fields[name].value)


def test_11_3_hours_above_annex1_cap_are_no_misreading_but_off_quarter_hours_are_doubted(tmp_path_factory):
    """Point 11.3 allows more than Annex 1's hours with a reason: 25 h for point 1 written as such is read
    as it stands and left to the regulation's checks, not sent to review as a possible misreading."""
    written = {**APPLICATION, "activities.0.hours_per_week": "25", "activities.4.hours_per_week": "3,3"}
    style = draw.Style(font="DejaVu Sans", size=9, placement="viewer", pad_pt=2.0, ink=10)
    result = _scan(tmp_path_factory, "application", written, style, ORDINARY, "caps")
    assert result.fields["activities.0.hours_per_week"].value == "25"
    assert not _flagged(result, "activities.0.hours_per_week")  # point 1's cap is 20 h a week
    assert _flagged(result, "activities.4.hours_per_week")  # 3,3 h is not in quarter-hour steps


def test_optional_field_unreadable_is_a_warning_not_a_withheld_record(tmp_path_factory):
    written = {**APPLICATION, "applicant.email": "eriks udris inbox"}  # no "@": never an address
    style = draw.Style(font="DejaVu Sans", size=8, placement="viewer", pad_pt=2.0, ink=10)
    result = _scan(tmp_path_factory, "application", written, style, ORDINARY, "optional")
    assert result.fields["applicant.email"].value is None
    assert [i.severity for i in result.issues if i.field == "applicant.email"] == ["warning"]
    assert result.record is not None and result.needs_review


def test_register_confirms_folded_names_and_flags_others():
    read = {"recipient.personal_code": RECIPIENT_CODE, "recipient.given_name": "Una", "recipient.surname": "Ergle"}
    checks = against_known(read, {RECIPIENT_CODE: ("Ūna", "Ērgle")})
    assert [(c.field, c.outcome, c.known, c.source) for c in checks] == [
        ("recipient.given_name", "confirmed", "Ūna", "register"), ("recipient.surname", "confirmed", "Ērgle", "register")]
    assert [c.outcome for c in against_known(read, {RECIPIENT_CODE: ("Ūna", "Ozola")})] == ["confirmed", "mismatch"]


def test_long_mark_joined_to_its_capital_must_be_read():
    """A blurred 200-dpi copy joins "Ā"'s bar to the letter: no separate stroke is left to count, so a
    reading without the mark is caught by the letter's height (it stands above the line's capitals)."""
    from PIL import Image, ImageDraw, ImageFont
    import numpy as np

    from parser import diacritics

    img = Image.new("L", (420, 70), 255)
    font = ImageFont.truetype(draw.FONTS["DejaVu Sans"], 33)  # 8 pt at 300 dpi
    ImageDraw.Draw(img).text((12, 52), "Ābele Kalna", font=font, fill=0, anchor="ls")
    pixels = np.array(img)
    # close the gap between the bar and the "A" as heavy toner and blur do
    pixels[13:19, 12:36] = np.minimum(pixels[13:19, 12:36], np.where(pixels[13:19, 12:36] < 128, 0, 255))
    bar = np.flatnonzero((pixels[:24, 10:40] < 128).any(axis=1))
    pixels[bar[-1]:bar[-1] + 6, 22:25] = 0  # a bridge from the bar down to the apex
    line = ocr.read_lines([pixels])[0]
    joined = diacritics.marks_confirmed(pixels, [ocr.Glyph("A" if g.text == "Ā" else g.text, g.box) for g in line.glyphs])
    assert joined is False  # read without the mark: not confirmed
    if line.text.startswith("Ābele"):
        assert diacritics.marks_confirmed(pixels, line.glyphs)  # read with it: confirmed
