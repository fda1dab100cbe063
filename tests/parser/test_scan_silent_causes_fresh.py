"""Why wrong readings of scans went unflagged (silent errors), found on fresh batches of the independent
generator's tuning family (bench/independent, forms 672–1151: each batch of 96 scored once before it was
looked at, then its silent errors traced to a cause): dust read as a hyphen or a caron, a row's date outside
the sheet's month, readings a 200-dpi scan gives at 0.8–0.89, a name's mark the model itself weighed against
the plain letter, two Latvian words at two sizes, a route's place written as where, transport rows that do
not add up, an e-mail's "l" beside a digit. Read by real Tesseract."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from parser import ocr, spelling, zone  # noqa: E402
from parser.result import FieldReading, Source  # noqa: E402
from tests.parser.test_scan_review_causes import _drawn  # noqa: E402
from tests.parser.test_scan_silent_causes import _field, _place  # noqa: E402

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")
needs_words = pytest.mark.skipif(not spelling.available(), reason="hunspell-lv / pyenchant not installed")


def _misread_in_doubt(n: int, name: str, tmp_path) -> None:
    """Tuning form `n`'s field `name` is still misread, and is now below the review threshold."""
    want, read = _field(n, name, tmp_path)
    assert read.value != want and read.confidence < 0.8, (want, read)


def test_dash_joined_to_one_word_and_spaced_from_the_next_is_doubted(tmp_path):
    """Tuning form 728 (200 dpi): dust after "iela" read as a hyphen, "Īslīces iela- 36", at 0.87, silent."""
    _misread_in_doubt(728, "applicant.address", tmp_path)
    assert _place("Rīga-Ogre").confidence >= 0.8  # a hyphen between two words is no dust


@needs_words
def test_capital_with_a_caron_where_the_word_without_it_is_latvian_is_doubtful(tmp_path):
    """Tuning form 755 (200 dpi): dust over the "C" of "Cēsu" read "Čēsu" at 0.9, silent. Since stop 15 the
    word list puts it right (`parser.wordfix`); on a 200-dpi scan it stays in doubt."""
    want, read = _field(755, "entries.1.place", tmp_path)
    assert read.value == want and read.confidence < 0.8, read
    assert spelling.doubtful_words("Čēsu Valsts ģimnāzija") == [("Čēsu", "Cēsu")]
    assert spelling.doubtful_words("Čakste, Šauļi, Žīguri") == []


def test_point_20_row_date_outside_the_sheets_month_is_doubtful():
    """Tuning form 757: a row's "30.05.2020" read "30.05.2029" alike at two sizes on a sheet for 05.2020,
    silent. Where most rows are in another month, the month written at the top is doubted too."""
    from forms.definition import load
    from parser.assemble import result

    def r(value):  # the raw text as the form prints it ("30.05.2020", "05.2020")
        raw = ".".join(reversed(value.split("-"))) if value[:4].isdigit() else value
        return FieldReading(value=value, raw=raw, confidence=0.95, source=Source(page=0, box=(0, 0, 1, 1), method="ocr"))

    def uncertain(readings):
        base = {"file": "x.pdf", "sha256": "0" * 64, "pages": 2}
        return {i.field for i in result(base, load("timesheet"), "scanned", readings).issues if i.code == "uncertain"}

    rows = {"entries.0.date": r("2020-05-04"), "entries.1.date": r("2020-05-05"), "entries.2.date": r("2029-05-30")}
    for i in range(3):
        rows.update({f"entries.{i}.start": r("08:00"), f"entries.{i}.end": r("10:00"), f"entries.{i}.hours": r("2"),
                     f"entries.{i}.annex1_point": r("1")})
    assert uncertain({"month": r("2020-05"), **rows}) == {"entries.2.date"}
    assert uncertain({"month": r("2029-05"), **rows}) == {"month", "entries.0.date", "entries.1.date"}
    assert uncertain({"month": r("2020-05"), **rows, "entries.2.date": r("2020-05-30")}) == set()


def test_text_read_below_0_9_on_a_200_dpi_scan_is_doubted(tmp_path):
    """Tuning form 716 (200 dpi): "ivarserglis20@…" read "warserglis20@…" by both models (the "i"'s dot lost,
    "iv" run into "w") and taken at 0.85, silent. On the same material "Ērgļi" read "Ērgli" and "Ģirts" read
    "Ģints" (words too) at 0.8–0.89. Below 250 dpi a reading under 0.9 is in doubt; at 300 dpi it stands."""
    _misread_in_doubt(716, "representative.email", tmp_path)
    pixels = _drawn("Ogre – Cēsis")
    line = ocr.OcrLine("Ogre – Cēsis", 0.85, 3, ocr.read_lines([pixels])[0].glyphs, (("Ogre", 0.85), ("–", 0.9), ("Cēsis", 0.9)))
    place = zone.Zone("entries.9.place", "text", 0, (0, 0, 1, 1), pixels)
    assert zone.reading(place, line, line).confidence == 0.85
    assert zone.reading(replace(place, dpi=200), line, line).confidence < 0.8


@pytest.mark.parametrize("n,name", [(778, "applicant.given_name"), (480, "applicant.given_name"),
                                    (453, "assistant.surname")])
def test_name_whose_mark_the_model_weighed_against_the_plain_letter_is_doubtful(n, name, tmp_path):
    """Tuning forms 778 and 480: "Ķirills" read "Ķīrills" (the model's choices gave "i" 0.32 at 3/4 size, 0.62),
    453: "Ābelis" read "Ābeļis" ("l" at 0.41); dust the ink check took for the mark, all silent."""
    want, read = _field(n, name, tmp_path)
    assert read.value != want and read.confidence < 0.8


def test_choices_leave_the_text_read_as_it_was():
    """`lstm_choice_mode=2` adds the model's choices to every character and changes nothing read."""
    pixels = _drawn("Ērgļi – Ābelis, Ķekava")
    plain, chosen = ocr.read_lines([pixels])[0], ocr.read_lines([pixels], choices=True)[0]
    assert (chosen.text, chosen.scored) == (plain.text, plain.scored)
    assert [g.text for g in chosen.glyphs] == [g.text for g in plain.glyphs]
    assert all(g.alternatives and g.alternatives[0][0] == g.text for g in chosen.glyphs if g.text != "–")
    assert not any(g.alternatives for g in plain.glyphs)


def test_word_the_smaller_copy_reads_as_another_latvian_word_is_not_taken_for_sure(tmp_path):
    """Tuning form 802: "Ķiploku iela 72" read "Ķiploku ielā 72" at 0.69 (dust over the "a") and "… iela …" at
    3/4 size; both words are Latvian, so the word list could not settle it — but it lifted it to 0.85, silent."""
    _misread_in_doubt(802, "applicant.address", tmp_path)


@needs_words
def test_route_naming_a_place_as_where_something_is_is_doubtful(tmp_path):
    """Tuning form 917 (200 dpi): dust over the last "a" of "Rīga – Žīguri" read "Rīgā" at 0.92, a word too."""
    _misread_in_doubt(917, "entries.12.place", tmp_path)
    assert spelling.places_where("Ogre – Ķekavā") == ["Ķekavā"] and spelling.places_where("Ogre – Ķekava") == []


@needs_words
def test_t_read_for_an_l_where_the_word_with_the_l_is_latvian_is_doubtful(tmp_path):
    """Tuning form 932 (200 dpi): "Īslīces iela" read "Īstīces iela" at 0.91, silent."""
    _misread_in_doubt(932, "representative.address", tmp_path)


def test_point_20_transport_rows_that_do_not_add_up_to_the_total_are_all_doubtful():
    """Tuning forms 1031 and 1045: a row's "13,97" read "18,97"; the total was flagged as not matching the
    rows, the row itself (which no time checks) went silent. Any row may be the misread one."""
    from forms.definition import load
    from parser.assemble import result

    def r(value, raw=None):
        return FieldReading(value=value, raw=raw or value, confidence=0.95, source=Source(page=0, box=(0, 0, 1, 1), method="ocr"))

    rows = {"month": r("2024-03", "03.2024")}
    for i, amount in enumerate(("2.50", "18.97")):
        rows.update({f"entries.{i}.date": r(f"2024-03-0{i + 1}", f"0{i + 1}.03.2024"), f"entries.{i}.start": r("08:00"),
                     f"entries.{i}.end": r("10:00"), f"entries.{i}.hours": r("2"), f"entries.{i}.annex1_point": r("1"),
                     f"entries.{i}.transport_eur": r(amount, amount.replace(".", ","))})
    base = {"file": "x.pdf", "sha256": "0" * 64, "pages": 2}
    issues = result(base, load("timesheet"), "scanned", {**rows, "totals.transport_eur": r("16.47", "16,47")}).issues
    assert {"entries.0.transport_eur", "entries.1.transport_eur", "totals.transport_eur"} <= \
        {i.field for i in issues if i.code == "uncertain"}
    issues = result(base, load("timesheet"), "scanned", {**rows, "totals.transport_eur": r("21.47", "21,47")}).issues
    assert not {i.field for i in issues if i.code == "uncertain"}


def test_email_l_beside_a_digit_both_models_read_is_doubtful(tmp_path):
    """Tuning form 1006: "gertrudeklavina11@…" read "…klavinal1@…" by `eng` and `lav` alike, silent. In doubt
    now, and since stop 12 the value offered is the right one: the names on the form end where the digits
    begin (`address.digits_after_names`)."""
    want, read = _field(1006, "applicant.email", tmp_path)
    assert read.confidence < 0.8 and read.value == want, (want, read)


def test_star_after_a_place_is_doubted_even_where_larger_copies_read_it_alike(tmp_path):
    """Tuning form 1139 (200 dpi): dust after "Ķekava" read "*" at 1×, 1.5× and 2×; the re-read took it, silent."""
    _misread_in_doubt(1139, "entries.3.place", tmp_path)


def test_address_read_again_larger_on_a_200_dpi_scan_stays_in_doubt(tmp_path):
    """Tuning form 1142 (200 dpi): "sarlote_ece@…" read "sarigte_ece@…" by `eng` at 1.5× and 2× and by `lav`;
    an enlarged copy of a 200-dpi page has no more pixels, so what it reads is the likelier value, in doubt."""
    _misread_in_doubt(1142, "applicant.email", tmp_path)


@needs_words
def test_h_read_for_an_n_where_the_word_with_the_n_is_latvian_is_doubtful(tmp_path):
    """Tuning form 1219: "Čiekurkalns" read "Čiekurkalhs" at 0.91, silent."""
    _misread_in_doubt(1219, "entries.8.place", tmp_path)


def test_name_ending_in_a_long_vowel_is_doubtful(tmp_path):
    """Tuning form 1220 (200 dpi): "Krastiņa" read "Krastiņā" at 0.91 (a word too); a name is written in the
    nominative, which never ends in ā, ē, ī or ū."""
    _misread_in_doubt(1220, "representative.surname", tmp_path)


def test_number_read_below_0_9_on_a_200_dpi_scan_is_doubted(tmp_path):
    """Tuning form 1172 (200 dpi): hours "7,5" read "1,5" at 0.85 at both sizes, silent."""
    _misread_in_doubt(1172, "activities.5.hours_per_week", tmp_path)


@pytest.mark.parametrize("n,name", [(1285, "assistant.surname"), (1306, "preferred_assistant.surname")])
def test_name_lacking_only_a_capitals_comma_the_smaller_copy_reads_is_read_again_larger(n, name, tmp_path):
    """Tuning forms 1285 ("Ļaksa" read "Laksa" at 0.15, "Ļaksa" at 3/4 size at 0.91) and 1306 ("Kirša" at 0.64
    beside "Ķirša" at 0.92): at 1.5× and 2× the model reads the smaller copy's name, which the ink confirms —
    taken at 0.85 instead of sending a right name to review."""
    want, read = _field(n, name, tmp_path)
    assert read.value == want and read.confidence == 0.85


def test_email_holding_the_persons_name_with_one_letter_changed_is_doubtful(tmp_path):
    """Tuning form 1344: "aris.ozolins@…" read "aris.ozdlins@…" by `eng` (at 0.02: right addresses too come at
    0.0, so its confidence says nothing) and by `lav` alike, silent; the form names him "Ozoliņš". In doubt,
    and since stop 12 the value offered has the name's letters (`address.with_name`)."""
    want, read = _field(1344, "representative.email", tmp_path)
    assert read.value == want and read.confidence < 0.8, (want, read)


def test_full_stop_between_a_word_and_a_small_letters_word_is_doubted(tmp_path):
    """Tuning form 1351: dust after "Cēsu" read "Cēsu. koncertzāle" at 1×, 1.5× and 2×, silent."""
    _misread_in_doubt(1351, "entries.3.place", tmp_path)
    abbreviated = _place("Ādažu nov., Ādaži")  # an abbreviation's full stop before a comma is no dust
    assert abbreviated.value == "Ādažu nov., Ādaži" and abbreviated.confidence >= 0.8


def test_name_the_model_was_unsure_of_is_not_settled_by_the_word_list(tmp_path):
    """Tuning form 1246: "Ģirts" read "Ģints" at 0.02 and at 0.05 at 3/4 size; "ģints" is a Latvian word, and
    the word list lifted the name to 0.85, silent. The list does not hold names."""
    _misread_in_doubt(1246, "representative.given_name", tmp_path)


def test_email_i_eng_reads_for_a_1_beside_a_digit_takes_lavs_1(tmp_path):
    """Tuning form 1008: `eng` read "evalds_necajevs16" as "…necajevsi6", `lav` read the "1". The field carries
    `lav`'s digit for the person who checks it, as for an "l" (forms 632, 636). Since stop 12 it is out of
    review: the names on the form end where the digits begin (`parser.zone.reading`), at 0.85."""
    want, read = _field(1008, "representative.email", tmp_path)
    assert read.value == want and 0.8 <= read.confidence < 0.9
