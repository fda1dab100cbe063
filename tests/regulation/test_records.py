"""Records: validation problems name the field and say what is wrong in Latvian and English."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from regulation.personal_code import make
from regulation.records import Application, Contract, RecordError, Timesheet, dumps, load, to_jsonable

CODE = make(dt.date(1980, 4, 12), 1)
ASSISTANT_CODE = make(dt.date(1975, 9, 3), 2)


def application(**activity):
    return {"received_on": "2019-03-01",
            "applicant": {"given_name": "Anna", "surname": "Kalniņa", "personal_code": CODE},
            "activities": [{"annex1_point": 1, "hours_per_week": 10, **activity}]}


def contract(**changes):
    data = {"number": "AP-1", "recipient": {"given_name": "Anna", "surname": "Kalniņa", "personal_code": CODE},
            "assistant": {"given_name": "Ilze", "surname": "Ozola", "personal_code": ASSISTANT_CODE},
            "start": "2019-01-01", "end": "2019-12-31", "hours_per_week": 16}
    data.update(changes)
    return data


def timesheet(**entry):
    return {"month": "2019-03", "recipient": {"given_name": "Anna", "surname": "Kalniņa", "personal_code": CODE},
            "assistant": {"given_name": "Ilze", "surname": "Ozola"},
            "entries": [{"date": "2019-03-04", "start": "09:00", "end": "11:00", "hours": 2, "annex1_point": 1, **entry}]}


def problems(kind, data):
    with pytest.raises(RecordError) as e:
        load(kind, data)
    return {p.field: p for p in e.value.problems}


def bilingual(problem):
    assert problem.message_lv and problem.message_en and problem.message_lv != problem.message_en
    return problem


def test_6_1_invalid_personal_code_names_the_field():
    data = application()
    data["applicant"]["personal_code"] = CODE[:-1] + str((int(CODE[-1]) + 1) % 10)
    p = bilingual(problems(Application, data)["applicant.personal_code"])
    assert "kontrolcipars" in p.message_lv and "check digit" in p.message_en


def test_6_1_company_number_is_not_a_personal_code():
    data = application()
    data["applicant"]["personal_code"] = "40003032949"
    assert "juridiskas personas" in problems(Application, data)["applicant.personal_code"].message_lv


def test_6_1_birth_date_must_match_the_code():
    data = application()
    data["applicant"]["birth_date"] = "1981-04-12"
    p = bilingual(problems(Application, data)["applicant"])
    assert "nesakrīt" in p.message_lv


def test_6_1_birth_date_is_taken_from_the_code():
    assert load(Application, application()).applicant.birth_date == dt.date(1980, 4, 12)


def test_annex1_point_8_does_not_exist():
    p = bilingual(problems(Application, application(annex1_point=8))["activities.0.annex1_point"])
    assert "par lielu" in p.message_lv and "7" in p.message_lv


def test_negative_hours_are_rejected():
    p = bilingual(problems(Application, application(hours_per_week=-1))["activities.0.hours_per_week"])
    assert "par mazu" in p.message_lv


def test_timesheet_negative_hours_and_bad_time():
    found = problems(Timesheet, timesheet(hours=-2, start="25:00"))
    bilingual(found["entries.0.hours"])
    assert "SS:MM" in bilingual(found["entries.0.start"]).message_lv


@pytest.mark.parametrize("month", ["2019-13", "2019-3", "marts"])
def test_20_timesheet_month_format(month):
    data = timesheet()
    data["month"] = month
    p = bilingual(problems(Timesheet, data)["month"])
    assert "GGGG-MM" in p.message_lv and "YYYY-MM" in p.message_en


def test_missing_and_unknown_fields():
    data = application()
    del data["received_on"]
    data["colour"] = "zils"
    found = problems(Application, data)
    assert "obligāts" in bilingual(found["received_on"]).message_lv
    assert "nezināms" in bilingual(found["colour"]).message_lv


def test_14_contract_ends_before_it_starts():
    p = bilingual(problems(Contract, contract(end="2018-12-31"))["(ieraksts)"])
    assert "beigas ir pirms sākuma" in p.message_lv


def test_22_2_engagement_decides_contributions():
    assert load(Contract, contract()).engagement == "employment"
    assert load(Contract, contract()).contributions_apply
    assert load(Contract, contract(engagement="service_contract")).contributions_apply
    assert not load(Contract, contract(engagement="self_employed")).contributions_apply
    bilingual(problems(Contract, contract(engagement="volunteer"))["engagement"])


def test_18_suspension_reason_is_one_of_the_three():
    p = problems(Contract, contract(suspensions=[{"start": "2019-02-01", "reason": "holiday"}]))
    bilingual(p["suspensions.0.reason"])


def test_record_error_message_lists_every_problem():
    with pytest.raises(RecordError) as e:
        load(Application, application(annex1_point=9, hours_per_week=-1))
    assert e.value.kind == "application"
    assert "activities.0.annex1_point" in str(e.value) and "activities.0.hours_per_week" in str(e.value)


def test_records_are_frozen():
    record = load(Contract, contract())
    with pytest.raises(Exception):
        record.hours_per_week = Decimal(40)


def test_json_round_trip_keeps_decimals_and_dates():
    record = load(Timesheet, timesheet(hours="1.25", end="10:15", transport_eur="3.20"))
    data = to_jsonable(record)
    assert data["entries"][0]["hours"] == 1.25 and data["entries"][0]["date"] == "2019-03-04"
    again = load(Timesheet, dumps(record))
    assert again == record and again.entries[0].transport_eur == Decimal("3.20")
    assert json.loads(dumps({"x": Decimal("40")}))["x"] == 40
