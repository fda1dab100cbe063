"""Why right readings of scans went to review, each cause on the independent generator's tuning family
(bench/independent, the family the parser may be tuned on) or on text drawn here, read by real Tesseract:
a mark joined to its letter where the character box is a letter off, a speck over letters where no marked
word exists, a speck at a line's end or in an empty checkbox, "J" read as "j", a dictionary word read alike
at two sizes, hours the row's times confirm, an address `lav` reads with "s" for "5"; and the decimal comma
the ink shows but the reading lost (instead of the Annex 1 caps, which point 11.3 lets a request exceed)."""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.independent import draw, make  # noqa: E402
from parser import diacritics, dots, ocr, parse_file, scan, spelling, zone  # noqa: E402
from parser.zone import agree, text  # noqa: E402
from parser.zone.base import smaller  # noqa: E402
from parser.lines import PAD, edge_specks_removed  # noqa: E402
from parser.result import FieldReading, Source  # noqa: E402

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")
needs_words = pytest.mark.skipif(not spelling.available(), reason="hunspell-lv / pyenchant not installed")


@lru_cache(maxsize=None)
def _tuning(n: int, tmp: str):
    form = make("tuning", n)
    pdf = Path(tmp, f"tuning-{n:03d}.pdf")
    pdf.write_bytes(form.pdf)
    return form, parse_file(pdf, sandbox=False)


@pytest.fixture(scope="module")
def tuning(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("tuning"))
    return lambda n: _tuning(n, tmp)


def _flagged(result, name: str) -> bool:
    return any(i.field == name and i.code in ("uncertain", "unreadable") for i in result.issues)


def _right_and_clear(tuning, n: int, name: str) -> None:
    form, result = tuning(n)
    assert result.fields[name].value == form.expected[name], name
    assert not _flagged(result, name), (name, result.fields[name])


def _drawn(text: str, size: int = 33) -> np.ndarray:
    """`text` as an 8 pt line at 300 dpi, black on white, padded as the scan path pads a zone."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(draw.FONTS["DejaVu Sans"], size)
    width = int(font.getlength(text)) + 2 * PAD + 4
    img = Image.new("L", (width, size + 2 * PAD + 12), 255)
    ImageDraw.Draw(img).text((PAD, PAD + size), text, font=font, fill=0, anchor="ls")
    return np.array(img)


@needs_words
def test_mark_joined_to_the_letter_beside_its_character_box_is_confirmed(tuning):
    # "Ādaži – Ērgļi": the caron joined to its "z", whose character box Tesseract put over the "a"
    _right_and_clear(tuning, 1, "entries.5.place")


@needs_words
def test_speck_over_a_letter_where_no_marked_word_exists_is_dust(tuning):
    _right_and_clear(tuning, 5, "entries.9.place")  # a speck over the "u" of "tirgus": no "tirgūs"
    _right_and_clear(tuning, 16, "applicant.address")  # over the "g" of "Rīga": no "Rīģa"


@needs_words
def test_a_stroke_over_a_letter_that_makes_a_word_with_a_mark_is_never_dust():
    pixels = _drawn("Abele Kalna")
    line = ocr.read_lines([pixels])[0]
    assert line.text.startswith("Abele")
    first = line.glyphs[0].box
    pixels[first[1] - 9:first[1] - 5, first[0] + 4:first[2] - 4] = 0  # a bar over the "A": "Ābele" is a word
    assert not diacritics.marks_confirmed(pixels, line.glyphs, line.text.split())


def test_lone_speck_at_a_line_end_is_not_read_as_a_quote(tuning):
    _right_and_clear(tuning, 13, "recipient.given_name")  # "Ņikita" with a speck after it read 'Ņikita"'
    pixels = _drawn("Ņikita")
    right = int(np.flatnonzero((pixels < 128).any(axis=0))[-1])
    pixels[PAD + 4:PAD + 8, right + 12:right + 16] = 0
    cleaned = edge_specks_removed(pixels)
    assert (cleaned[PAD + 4:PAD + 8, right + 12:right + 16] == 255).all()
    assert ocr.read_lines([cleaned])[0].text == "Ņikita"


def test_capital_j_read_as_small_j_at_a_line_start(tuning):
    _right_and_clear(tuning, 23, "entries.4.place")  # "Jelgavas teātris" read "jelgavas teātris"
    pixels = _drawn("jūras krasts")
    line = ocr.read_lines([pixels])[0]
    assert line.text.startswith("j") and not dots.capital_j(pixels, line.glyphs)  # a real "j": its dot


def test_speck_in_an_empty_checkbox_is_not_a_doubtful_tick(tuning):
    form, result = tuning(14)  # a hard scan: a 7×8 px speck in Wednesday's empty box
    reading = result.fields["activities.6.weekdays.3"]
    assert reading.value is False and not _flagged(result, "activities.6.weekdays.3")
    ticked = [name for name, value in form.expected.items() if ".weekdays." in name and value is True]
    assert ticked and all(result.fields[name].value is True for name in ticked)


@needs_words
def test_dictionary_word_read_alike_at_two_sizes_is_not_doubted_for_model_confidence(tuning):
    form, result = tuning(3)
    _right_and_clear(tuning, 3, "entries.4.place")  # "Ķegums – Ķekava", "Ķegums" at 0.35
    assert 0.8 <= result.fields["entries.4.place"].confidence < 0.9  # not counted among the sure ones
    unsure = ocr.OcrLine("Ķīirills", 0.41, 1, scored=(("Ķīirills", 0.41),))
    assert not text.latvian_where_unsure(unsure)  # no Latvian word: stays doubtful


def test_timesheet_hours_backed_by_their_row_times_but_times_never_raised(tuning):
    _right_and_clear(tuning, 15, "entries.11.hours")  # "2,5" at 0.73, 9:15–11:45 read surely
    from forms.definition import load
    from parser.assemble import result

    def r(value, confidence):
        return FieldReading(value=value, raw=value, confidence=confidence, source=Source(page=0, box=(0, 0, 1, 1), method="ocr"))

    base = {"file": "x.pdf", "sha256": "0" * 64, "pages": 2}
    readings = {"entries.0.date": r("2024-03-04", 0.95), "entries.0.start": r("08:30", 0.95),
                "entries.0.end": r("10:00", 0.95), "entries.0.hours": r("1.5", 0.7), "totals.hours": r("1.5", 0.7)}
    sure = result(base, load("timesheet"), "scanned", readings)
    assert not any(i.field in ("entries.0.hours", "totals.hours") and i.code == "uncertain" for i in sure.issues)
    unsure = result(base, load("timesheet"), "scanned", {**readings, "entries.0.start": r("08:30", 0.7)})
    assert {"entries.0.start", "entries.0.hours"} <= {i.field for i in unsure.issues if i.code == "uncertain"}


def test_email_eng_reads_alike_at_two_sizes_where_lav_swaps_5_for_s(tuning):
    _right_and_clear(tuning, 6, "representative.email")  # lav: "ceslavsudriss6 O apollo.lv"
    email = zone.Zone("applicant.email", "email", 0, (0, 0, 1, 1), _drawn("x"))
    assert not agree.agree(email, "ceslavsudris56@apollo.lv", "ceslavsudriss6 O apollo.lv")
    assert agree.agree(email, "ceslavsudris56@apollo.lv", "ceslavsudriss6 O apollo.lv", folded=True)
    assert not agree.agree(email, "ceslavsudris56@apollo.lv", "ceslavsudrisab O apollo.lv", folded=True)


def test_lost_decimal_comma_is_doubted_by_the_ink():
    """"7,5" read "75" in an application (which has no times to check it against): the ink shows the comma."""
    pixels = _drawn("7,5")
    line = ocr.read_lines([pixels], whitelist=scan.DIGITS)[0]
    assert line.text == "7,5"
    hours = zone.Zone("activities.0.hours_per_week", "number", 0, (0, 0, 1, 1), pixels)
    assert zone.reading(hours, line, line).confidence >= 0.8
    lost = ocr.OcrLine("75", line.confidence, 1, scored=(("75", line.confidence),))
    assert zone.reading(hours, lost, lost).confidence <= 0.6


def test_edition_mark_with_dust_read_as_colons_is_confirmed(tuning):
    _, result = tuning(15)  # page 2's mark read "ASIST:-UZSK-2026.1:- 2/2"
    assert not any(i.field is None and i.code == "uncertain" for i in result.issues)
    assert scan._edition("ASIST-UZSK-2026.1") in scan._edition("ASIST:-UZSK-2026.1:- 2/2")
    assert scan._edition("ASIST-UZSK-2026.1") not in scan._edition("ASIST-UZSK-2025.1 2/2")



@needs_words
def test_mark_added_by_dust_to_a_small_letter_is_doubtful_but_capitals_marks_are_not(tuning):
    assert spelling.doubtful_words("Žīguri – Jēkabpiļs, Rīģa") == [("Jēkabpiļs", "Jēkabpils"), ("Rīģa", "Rīga")]
    assert spelling.doubtful_words("Ūna Īvars") == []  # "Una", "Ivars" are in the word list too
    form, result = tuning(33)  # "Jēkabpils" with a speck under its "l" was read "Jēkabpiļs" unflagged
    name = "entries.1.place"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)


def test_speck_a_word_space_after_a_place_or_any_after_a_name_is_not_a_full_stop(tuning):
    form, result = tuning(59)  # "Īslīce – Ūdrupe ." with dust on the baseline a space after the route
    assert result.fields["entries.6.place"].value == form.expected["entries.6.place"]
    pixels = _drawn("Šteina")
    right = int(np.flatnonzero((pixels < 128).any(axis=0))[-1])
    base = int(np.flatnonzero((pixels < 128).any(axis=1))[-1])
    pixels[base - 3:base + 1, right + 3:right + 7] = 0  # a full stop close to the name
    assert ocr.read_lines([edge_specks_removed(pixels, name=True)])[0].text == "Šteina"
    assert (edge_specks_removed(pixels)[base - 3:base + 1, right + 3:right + 7] == 0).all()  # text keeps it


def test_transport_amounts_that_add_up_to_their_total_back_each_other():
    from forms.definition import load
    from parser.assemble import result

    def r(value, confidence):
        return FieldReading(value=value, raw=value, confidence=confidence, source=Source(page=0, box=(0, 0, 1, 1),
                                                                                           method="ocr"))

    base = {"file": "x.pdf", "sha256": "0" * 64, "pages": 2}
    row = {"entries.0.date": r("2024-03-04", 0.95), "entries.0.start": r("08:30", 0.95),
           "entries.0.end": r("10:00", 0.95), "entries.0.hours": r("1.5", 0.95)}
    readings = {**row, "entries.0.transport_eur": r("14.90", 0.69), "totals.transport_eur": r("14.90", 0.96)}
    uncertain = {i.field for i in result(base, load("timesheet"), "scanned", readings).issues if i.code == "uncertain"}
    assert "entries.0.transport_eur" not in uncertain
    readings["totals.transport_eur"] = r("19.90", 0.96)  # they do not add up: nothing backs the row
    uncertain = {i.field for i in result(base, load("timesheet"), "scanned", readings).issues if i.code == "uncertain"}
    assert "entries.0.transport_eur" in uncertain


def test_email_fold_never_hides_eng_reading_i_for_l():
    """Tuning form 74 (200 dpi): `eng` read "apollo.iv" at both sizes and `lav` "apollo.lv"; folding "i" into
    "l" on both sides made that a silent error."""
    email = zone.Zone("applicant.email", "email", 0, (0, 0, 1, 1), _drawn("x"))
    assert not agree.agree(email, "ceslavs.kirss@apollo.iv", "ceslavs.kirss@apollo.lv", folded=True)
    assert agree.agree(email, "levs_vilks93@example.lv", "Ievs_vilks93Gexample.lv", folded=True)  # lav's "I"


@needs_words
def test_capital_o_read_as_g_where_the_word_list_has_it_with_o_is_doubtful():
    assert spelling.doubtful_words("Ggres sociālais dienests") == [("Ggres", "Ogres")]  # tuning form 116


def test_place_ending_in_a_comma_is_doubtful():
    pixels = _drawn("Ūdens akadēmija,")  # tuning form 104: dust after the word read as a comma
    line = ocr.read_lines([pixels])[0]
    assert line.text.endswith(",")
    place = zone.Zone("activities.2.place", "text", 0, (0, 0, 1, 1), pixels)
    assert zone.reading(place, line, line).confidence < 0.8


def test_decimal_comma_the_model_drops_at_8_pt_is_read_again_larger(tuning):
    """"2,5" read "25" at both sizes (a timesheet's record withheld for hours that do not match the times):
    the ink shows the comma, and read at 1.5× the model reads it."""
    _right_and_clear(tuning, 19, "entries.0.hours")
    _, result = tuning(19)
    assert result.record is not None


def test_lone_digit_read_as_nothing_or_unsure_is_read_again_larger(tuning):
    _right_and_clear(tuning, 61, "entries.0.hours")  # "3" read "" at 1× and at 3/4
    _right_and_clear(tuning, 31, "entries.5.annex1_point")  # "4" at 0.74 and 0.62
    _, result = tuning(31)
    assert 0.8 <= result.fields["entries.5.annex1_point"].confidence < 0.9  # backed by one larger reading


def test_date_whose_dot_has_dust_above_it_is_read(tuning):
    _right_and_clear(tuning, 79, "entries.6.date")  # read "26.02:2024"


def test_email_dot_before_small_letters_is_kept(tuning):
    form, result = tuning(78)  # "gmail.com" in Liberation Serif: the dot was painted out as a stray
    assert result.fields["applicant.email"].value == form.expected["applicant.email"]
    assert result.fields["representative.email"].value == form.expected["representative.email"]


def test_phone_number_with_ones_is_one_group(tuning):
    _right_and_clear(tuning, 28, "applicant.phone")  # "23911261": the "1"s' wide cells are no spaces


def test_one_time_in_doubt_is_confirmed_by_the_other_and_the_hours():
    from forms.definition import load
    from parser.assemble import result

    def r(value, confidence):
        return FieldReading(value=value, raw=value, confidence=confidence,
                            source=Source(page=0, box=(0, 0, 1, 1), method="ocr"))

    base = {"file": "x.pdf", "sha256": "0" * 64, "pages": 2}
    row = {"entries.0.date": r("2024-03-04", 0.95), "entries.0.start": r("09:00", 0.96),
           "entries.0.end": r("10:15", 0.6), "entries.0.hours": r("1.25", 0.95)}  # tuning form 43: "19:15" at 3/4
    uncertain = {i.field for i in result(base, load("timesheet"), "scanned", row).issues if i.code == "uncertain"}
    assert "entries.0.end" not in uncertain
    both = {**row, "entries.0.start": r("09:00", 0.6)}  # both times in doubt: nothing confirms either
    uncertain = {i.field for i in result(base, load("timesheet"), "scanned", both).issues if i.code == "uncertain"}
    assert {"entries.0.start", "entries.0.end"} <= uncertain
    unsure_hours = {**row, "entries.0.hours": r("1.25", 0.6)}
    uncertain = {i.field for i in result(base, load("timesheet"), "scanned", unsure_hours).issues
                 if i.code == "uncertain"}
    assert "entries.0.end" in uncertain


def test_email_top_level_domain_that_does_not_exist_is_taken_from_lav_or_doubted(tuning):
    form, result = tuning(74)  # 200 dpi: `eng` read "apollo.iv" at both sizes, `lav` "…Gapollo.lv"
    assert result.fields["applicant.email"].value == form.expected["applicant.email"]
    assert result.fields["applicant.email"].confidence < 0.9
    email = zone.Zone("applicant.email", "email", 0, (0, 0, 1, 1), _drawn("x"))
    line = ocr.OcrLine("ilze@inbox.iv", 0.95, 1)
    assert zone.reading(email, line, ocr.OcrLine("ilze inbox.iv", 0.9, 1), line).confidence < 0.8


def test_mark_only_the_smaller_copy_shows_is_doubted():
    """Tuning form 83 (200 dpi): "Ērgļi" read "Ērgli" (a Latvian word too) and "Ērgļi" at 3/4 size; tuning
    form 69: "Jelgava" read "Jelgavā" at 3/4 size, with no mark in the ink."""
    place = zone.Zone("entries.1.place", "text", 0, (0, 0, 1, 1), _drawn("Ērgļi Žīguri"))
    check = ocr.read_lines([smaller(place.pixels)])[0]
    assert check.text == "Ērgļi Žīguri"
    assert not agree.agree(place, "Ērgli Žīguri", check.text, second_glyphs=check.glyphs)  # its ink shows it
    assert agree.agree(place, "Ērgļi Žīguri", "Ērgli Žīguri")  # the smaller copy lost it
    plain = zone.Zone("entries.1.place", "text", 0, (0, 0, 1, 1), _drawn("Jelgava"))
    glyphs = ocr.read_lines([smaller(plain.pixels)])[0].glyphs
    glyphs = (*glyphs[:-1], ocr.Glyph("ā", glyphs[-1].box))  # as if the smaller copy had read "Jelgavā"
    assert agree.agree(plain, "Jelgava", "Jelgavā", second_glyphs=glyphs)  # no mark in the ink: noise


@needs_words
def test_letters_the_model_reads_for_two_are_doubted(tuning):
    assert spelling.doubtful_words("Žīgun – Tarty") == [("Žīgun", "Žīguri"), ("Tarty", "Tartu")]
    assert spelling.doubtful_words("Rīgas Tehniskā untversitāte") == [("untversitāte", "universitāte")]
    form, result = tuning(83)
    for name in ("entries.1.place", "entries.7.place"):  # "Ērgli", "Žīgun": silent errors before
        assert result.fields[name].value == form.expected[name] or _flagged(result, name)


def test_full_stop_between_two_letters_is_doubted(tuning):
    form, result = tuning(84)  # "Jelgavas augstskola" read "Jelgavas.augstskola" at 0.9
    name = "activities.2.place"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)


def test_writing_that_runs_to_the_box_edge_is_doubted(tuning):
    form, result = tuning(138)  # "Rīgas Tehniskā universitāte" at 10 pt, read "… universit" at 0.92
    name = "activities.2.place"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)


@needs_words
def test_place_name_read_in_lower_case_is_doubted(tuning):
    assert spelling.doubtful_words("Ķekava – jelgava") == [("jelgava", "Jelgava")]
    form, result = tuning(131)  # 200 dpi: "Jelgava" read "jelgava" at 0.96 after the dash
    name = "entries.8.place"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)


def test_date_read_as_no_date_is_read_again_larger(tuning):
    form, result = tuning(111)  # "06.01.2024" read "06.91.2024" at both sizes
    assert result.fields["entries.0.date"].value == form.expected["entries.0.date"]
    assert result.record is not None


def test_speck_among_a_personal_codes_digits_is_dropped(tuning):
    form, result = tuning(121)  # read "270799-1.7225"; the check digit confirms the code
    assert result.fields["recipient.personal_code"].value == form.expected["recipient.personal_code"]
    assert result.record is not None


def test_capital_with_macron_at_word_start_joined_and_alone_is_doubted(tuning):
    """Tuning form 105: "Īvars" in Liberation Serif 8, the bar joined to the I's serif, no other capital or
    ascender on the line to measure against: read "Ivars" (a name too) at 0.85, a silent error."""
    form, result = tuning(105)
    name = "assistant.given_name"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)
    page = np.full((60, 120), 255, np.uint8)
    page[12:40, 10:16] = 0  # a capital 28 px tall on a baseline at y = 40
    for x in (22, 40, 58):
        page[23:40, x:x + 12] = 0  # x-height letters, 17 px
    assert not diacritics.marks_confirmed(page, [ocr.Glyph("I", (10, 12, 16, 40)), ocr.Glyph("v", (22, 23, 34, 40)),
                                                 ocr.Glyph("a", (40, 23, 52, 40)), ocr.Glyph("r", (58, 23, 70, 40))])
    page[12:15, 10:16] = 255  # 25 px: a capital without a mark
    assert diacritics.marks_confirmed(page, [ocr.Glyph("I", (10, 15, 16, 40)), ocr.Glyph("v", (22, 23, 34, 40)),
                                             ocr.Glyph("a", (40, 23, 52, 40)), ocr.Glyph("r", (58, 23, 70, 40))])


def test_email_underscore_lav_reads_as_a_space_agrees(tuning):
    _right_and_clear(tuning, 148, "applicant.email")  # lav: "adams cakstins63Gapollo.lv"
    email = zone.Zone("applicant.email", "email", 0, (0, 0, 1, 1), _drawn("x"))
    assert agree.agree(email, "adams_cakstins63@apollo.lv", "adams cakstins63Gapollo.lv")
    assert not agree.agree(email, "adams_cakstins63@apollo.lv", "adams cakstins68Gapollo.lv")


def test_phone_with_dust_after_its_digits_is_read(tuning):
    _right_and_clear(tuning, 168, "representative.phone")  # read "+371 28225587."


def test_joined_macron_4_px_over_an_x_height_of_19_is_confirmed(tuning):
    _right_and_clear(tuning, 201, "entries.3.place")  # "Jelgavas teātris", Liberation Sans 10


@needs_words
def test_two_letters_read_for_one_and_a_read_as_e_are_doubtful_words():
    assert spelling.doubtful_words("Ķekava – Pērriava") == [("Pērriava", "Pērnava")]  # tuning form 9071
    assert spelling.doubtful_words("Ādežu slimnīca") == [("Ādežu", "Ādažu")]  # tuning form 263


def test_email_full_stop_where_the_ink_shows_an_underscore_is_doubted(tuning):
    form, result = tuning(248)  # 200 dpi: "gederts_krastins29" read "gederts.krastins29" by both models
    name = "representative.email"
    assert result.fields[name].value == form.expected[name] or _flagged(result, name)
    _right_and_clear(tuning, 148, "applicant.email")  # an underscore read as one stays clear
