"""Dated MK 942 parameters: which redaction applies on a date, transitions, and the data's own consistency."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regulation.parameters import OutOfForce, load

D = dt.date


@pytest.fixture(scope="module")
def params():
    return load()


@pytest.mark.parametrize("on, redaction", [
    (D(2016, 1, 1), "2016-01-01"),
    (D(2019, 8, 16), "2016-01-01"),
    (D(2019, 8, 17), "2019-08-17"),
    (D(2020, 3, 11), "2019-08-17"),
    (D(2020, 3, 12), "2020-03-12"),
    (D(2020, 12, 31), "2020-03-12"),
    (D(2021, 1, 1), "2021-01-01"),
    (D(2021, 6, 30), "2021-01-01"),
])
def test_redaction_boundaries(params, on, redaction):
    assert params.redaction(on).id == redaction
    assert params.rules_version(on) == f"MK942 {redaction} redakcija"


def test_2015_12_31_is_the_original_wording_not_encoded(params):
    with pytest.raises(OutOfForce) as e:
        params.redaction(D(2015, 12, 31))
    assert "nav iekodēta" in e.value.message_lv and "not encoded" in e.value.message_en


def test_before_mk942_took_effect(params):
    with pytest.raises(OutOfForce, match="vēl nebija spēkā"):
        params.redaction(D(2012, 12, 31))


def test_repeal_2021_07_01_is_an_error_naming_mk316(params):
    with pytest.raises(OutOfForce) as e:
        params.redaction(D(2021, 7, 1))
    assert "Nr. 316" in e.value.message_lv and "MK 316" in e.value.message_en


@pytest.mark.parametrize("concluded", [D(2021, 6, 30), D(2020, 1, 1)])
def test_repeal_old_contracts_run_on_to_2021_12_31(params, concluded):
    assert params.redaction(D(2021, 7, 1), contract_concluded_on=concluded).id == "2021-01-01"
    assert params.redaction(D(2021, 12, 31), contract_concluded_on=concluded).id == "2021-01-01"
    with pytest.raises(OutOfForce, match="2021-12-31"):
        params.redaction(D(2022, 1, 1), contract_concluded_on=concluded)


def test_repeal_contract_concluded_on_the_repeal_day_does_not_run_on(params):
    with pytest.raises(OutOfForce):
        params.redaction(D(2021, 7, 1), contract_concluded_on=D(2021, 7, 1))


@pytest.mark.parametrize("concluded, on, raises", [
    (D(2015, 12, 31), D(2016, 1, 1), True),
    (D(2015, 6, 1), D(2016, 6, 30), True),
    (D(2015, 6, 1), D(2016, 7, 1), False),  # "ne ilgāk kā līdz 2016. gada 30. jūnijam"
    (D(2016, 1, 1), D(2016, 3, 1), False),
])
def test_29_1_transition(params, concluded, on, raises):
    if raises:
        with pytest.raises(OutOfForce, match="29"):
            params.check_transition_29_1(concluded, on)
    else:
        params.check_transition_29_1(concluded, on)


def test_annex1_caps_and_totals(params):
    caps = params.value("annex1_caps", D(2016, 1, 1))
    assert caps == {1: 20, 2: 20, 3: 40, 4: 20, 5: 20, 6: 20, 7: 2}
    assert params.value("point7_pool_weeks", D(2019, 1, 1)) == 4
    assert params.value("weekly_total_max", D(2021, 1, 1)) == 40
    assert params.value("assistant_weekly_max", D(2018, 5, 5)) == 40
    assert params.param("annex1_caps", D(2019, 8, 17)).confidence == "M"


@pytest.mark.parametrize("year, wage", [(2013, "284.57"), (2014, "320"), (2015, "360"), (2016, "370"), (2017, "380"),
                                        (2018, "430"), (2019, "430"), (2020, "430"), (2021, "500")])
def test_minimum_wage_by_year(params, year, wage):
    assert params.value("minimum_monthly_wage", D(year, 6, 1)) == Decimal(wage)


def test_money_values_are_decimals(params):
    assert isinstance(params.value("employer_contribution_rate", D(2019, 1, 1)), Decimal)
    assert params.value("administration_share_max", D(2016, 1, 1)) == Decimal("0.10")
    table = params.value("annex4_hourly_rate", D(2021, 1, 1))
    assert sorted(table) == [f"2021-{m:02d}" for m in range(1, 13)]
    assert all(isinstance(v, Decimal) for row in table.values() for v in row.values())


def test_parameter_before_its_first_date_is_out_of_force(params):
    with pytest.raises(OutOfForce, match="emergency_periods"):
        params.param("emergency_periods", D(2020, 3, 11))


def test_unknown_parameter_is_a_key_error(params):
    with pytest.raises(KeyError):
        params.param("no_such_parameter", D(2019, 1, 1))


def test_every_value_has_a_reference_and_a_confidence(params):
    for name, series in params.series.items():
        assert series, name
        for item in series:
            assert item.ref.strip(), name
            assert item.confidence in {"H", "M", "L"}, name
        assert [i.start for i in series] == sorted(i.start for i in series), name


def test_emergency_periods_are_ordered_date_ranges(params):
    periods = params.value("emergency_periods", D(2021, 1, 1))
    assert all(p["start"] <= p["end"] for p in periods)
    assert periods[0]["start"] == D(2020, 3, 12)
