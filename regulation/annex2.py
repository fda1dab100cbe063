"""The Annex 2 monthly financial report (MK 942 point 24, 2. pielikums) as a record, and its own rules.

Title (2. pielikums): "_____ novada/pilsētas pašvaldības sociālā dienesta pārskats par finanšu izlietojumu
asistenta pakalpojuma nodrošināšanai ____. gada ______". The register computes the figures; the generator
renders them; this module only says what the report holds and what the law requires of it.

>>> due_date(2021, 3)
datetime.date(2021, 4, 15)
>>> v = Annex2Values(assistants=1, recipients=1, hours=Decimal("10"), remuneration=Decimal("100"),
...     contributions=Decimal("23.59"), transport=Decimal("5"), administration=Decimal("13"))
>>> v.total
Decimal('141.59')
>>> [f.rule for f in check_administration_share(v, dt.date(2021, 3, 31))]
['MK942 22.4']
>>> Annex2Values.model_validate_json(v.model_dump_json()) == v  # the computed total is accepted back
True
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from typing import Any

from pydantic import Field, computed_field, model_validator
from pydantic_core import PydanticCustomError

from regulation import parameters
from regulation.records import Finding, Money, Record


class Annex2Values(Record):
    """One column of the report: the reporting month, or from the start of the year."""

    assistants: int = Field(ge=0)  # * assistants with contracts providing the service, each counted once
    recipients: int = Field(ge=0)  # ** persons with a contract receiving the service, each counted once
    hours: Decimal = Field(ge=0)  # hours of service provided and paid
    remuneration: Money  # 22.1
    contributions: Money  # 22.2
    transport: Money  # 22.3
    administration: Money  # 22.4

    @model_validator(mode="before")
    @classmethod
    def _accept_computed_total(cls, data: Any) -> Any:
        """`total` is computed, but the JSON this record is written as carries it: take it back when it agrees,
        so a report printed with `--json` can be rendered again."""
        if not isinstance(data, dict) or "total" not in data:
            return data
        data = dict(data)
        given = data.pop("total")
        try:
            parts = sum(Decimal(str(data[k])) for k in ("remuneration", "contributions", "transport", "administration"))
            agrees = Decimal(str(given)) == parts
        except (KeyError, ArithmeticError, ValueError):
            return data  # the fields' own validation says what is wrong
        if not agrees:
            raise PydanticCustomError(
                "total", "{lv} / {en}",
                {"lv": f"kopsumma {given} nesakrīt ar 22.1.–22.4. summu {parts}",
                 "en": f"the total {given} does not equal the sum of 22.1–22.4, {parts}"})
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> Decimal:
        return self.remuneration + self.contributions + self.transport + self.administration


class Annex2Report(Record):
    """Pārskats par finanšu izlietojumu asistenta pakalpojuma nodrošināšanai (2. pielikums)."""

    municipality: str  # as the title has it, e.g. "Jelgavas novada"
    year: int = Field(ge=2016, le=2021)
    month: int = Field(ge=1, le=12)
    period_start: dt.date  # 1 January of the year (the * and ** footnotes count from here)
    period_end: dt.date  # last day of the reporting month
    due_on: dt.date  # point 24: by the 15th of the next month
    month_values: Annex2Values  # "pārskata mēnesī"
    year_to_date: Annex2Values  # "no gada sākuma"
    findings: list[Finding] = Field(default_factory=list)
    rules_version: str
    prepared_by: str | None = None
    prepared_on: dt.date | None = None


def due_date(year: int, month: int) -> dt.date:
    """Point 24: "līdz nākamā mēneša piecpadsmitajam datumam iesniedz Labklājības ministrijā pārskatu"."""
    day = parameters.load().value("report_due_day", dt.date(year, month, 1))
    return dt.date(year + month // 12, month % 12 + 1, day)


def check_administration_share(values: Annex2Values, on: dt.date) -> list[Finding]:
    """Points 4 and 22.4: administration costs at most 10 % of the state funds for the service.

    "Labklājības ministrija piešķir sociālajam dienestam finansējumu administrēšanas izdevumu segšanai ne vairāk
    kā 10 procentu apmērā no asistenta pakalpojuma nodrošināšanai paredzētajiem valsts budžeta līdzekļiem."
    Read here as: administration ≤ 10 % of remuneration + contributions + transport of the same column.
    """
    share = parameters.load().value("administration_share_max", on)
    service = values.remuneration + values.contributions + values.transport
    limit = (service * share).quantize(Decimal("0.01"))
    if values.administration <= limit:
        return []
    return [Finding(
        rule="MK942 22.4",
        severity="warning",
        message_lv=(f"Administrēšanas izdevumi {values.administration} EUR pārsniedz 10 % no pakalpojuma izdevumiem "
                    f"({limit} EUR) — MK 942 4. punkts un 22.4. apakšpunkts."),
        message_en=(f"Administration costs of {values.administration} EUR exceed 10 % of the service costs "
                    f"({limit} EUR) — MK 942 points 4 and 22.4."),
        field="administration",
    )]
