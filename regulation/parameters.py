"""Dated parameters of MK 942 (data in `data/mk942.yaml`) and which redaction applies on a date.

Every value carries the date it applies from and its legal reference, so a letter or an audit can say
where a number came from. A date outside every encoded redaction is an error naming what applies instead.

>>> p = load()
>>> p.value("annex1_caps", dt.date(2016, 1, 1))[1]
20
>>> p.param("weekly_total_max", dt.date(2020, 5, 1)).ref
'Invaliditātes likuma 12. panta pirmās daļas 3. punkts; MK942 11.3'
>>> p.redaction(dt.date(2020, 3, 12)).id
'2020-03-12'
>>> p.rules_version(dt.date(2019, 1, 1))
'MK942 2016-01-01 redakcija'
>>> p.redaction(dt.date(2015, 12, 31))
Traceback (most recent call last):
...
regulation.parameters.OutOfForce: MK 942 redakcija, kas bija spēkā 2015-12-31 (MK 18.12.2012. noteikumi Nr. 942 (sākotnējā redakcija)), šajā rīkā nav iekodēta ... / the MK 942 wording in force on 2015-12-31 (before 2016-01-01) is not encoded in this tool
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("data") / "mk942.yaml"


class OutOfForce(ValueError):
    """The date is outside every encoded redaction of MK 942; the message says what applies instead."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


@dataclass(frozen=True)
class Dated:
    start: dt.date
    value: Any
    ref: str
    confidence: str


@dataclass(frozen=True)
class Redaction:
    id: str
    start: dt.date
    act_lv: str
    encoded: bool
    confidence: str

    @property
    def version(self) -> str:
        return f"MK942 {self.id} redakcija"


def _convert(value: Any) -> Any:
    # Numbers written as strings in the data are money or rates: exact Decimals.
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            return value
    if isinstance(value, dict):
        return {k: _convert(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_convert(v) for v in value]
    return value


@dataclass(frozen=True)
class Parameters:
    redactions: tuple[Redaction, ...]
    repealed_from: dt.date
    successor_lv: str
    old_contracts_run_until: dt.date
    repeal_known_from: dt.date  # the successor's adoption: before it, nothing knows of the repeal
    repeal_source_lv: str  # "ar MK 18.05.2021. noteikumiem Nr. 316, kas stājās spēkā …," (instrumental)
    successor_acc_lv: str  # "piemēro … noteikumus Nr. 316"
    old_contracts_source_lv: str
    transition_concluded_by: dt.date
    transition_paid_until: dt.date
    series: dict[str, tuple[Dated, ...]]

    def param(self, name: str, on: dt.date) -> Dated:
        """The dated value of `name` in force on `on` (KeyError for an unknown name)."""
        found = None
        for item in self.series[name]:
            if item.start <= on:
                found = item
        if found is None:
            first = self.series[name][0].start
            raise OutOfForce(f"parametrs '{name}' nav noteikts pirms {first.isoformat()}",
                             f"parameter '{name}' is not defined before {first.isoformat()}")
        return found

    def value(self, name: str, on: dt.date) -> Any:
        return self.param(name, on).value

    def redaction(self, on: dt.date, contract_concluded_on: dt.date | None = None) -> Redaction:
        """The encoded redaction in force on `on`.

        A contract concluded before the repeal may run on under the last redaction, not past
        `old_contracts_run_until`; everything else from `repealed_from` is MK 316's.
        """
        if on >= self.repealed_from:
            runs_on = contract_concluded_on is not None and contract_concluded_on < self.repealed_from
            if not runs_on or on > self.old_contracts_run_until:
                raise OutOfForce(
                    f"MK 942 zaudēja spēku {self.repealed_from.isoformat()}; {on.isoformat()} piemēro {self.successor_acc_lv}"
                    + ("" if not runs_on else f" (iepriekš noslēgtie līgumi — ne ilgāk kā līdz {self.old_contracts_run_until.isoformat()})"),
                    f"MK 942 was repealed on {self.repealed_from.isoformat()}; on {on.isoformat()} MK 316 (18.05.2021) applies",
                )
            on = self.repealed_from - dt.timedelta(days=1)
        current = None
        for r in self.redactions:
            if r.start <= on:
                current = r
        if current is None:
            raise OutOfForce(f"MK 942 {on.isoformat()} vēl nebija spēkā (spēkā no {self.redactions[0].start.isoformat()})",
                             f"MK 942 was not yet in force on {on.isoformat()}")
        if not current.encoded:
            nxt = next(r.start for r in self.redactions if r.encoded)
            raise OutOfForce(
                f"MK 942 redakcija, kas bija spēkā {on.isoformat()} ({current.act_lv}), šajā rīkā nav iekodēta — "
                f"izvērtējiet pēc tās redakcijas; iekodētas ir redakcijas no {nxt.isoformat()}",
                f"the MK 942 wording in force on {on.isoformat()} (before {nxt.isoformat()}) is not encoded in this tool",
            )
        return current

    def rules_version(self, on: dt.date, contract_concluded_on: dt.date | None = None) -> str:
        """The redaction's name; from the repeal on, a contract concluded before it says it runs on under the
        transition (`old_contracts_source_lv`)."""
        version = self.redaction(on, contract_concluded_on).version
        if on >= self.repealed_from:
            version += (f"; līgums turpinās pārejas kārtībā līdz {self.old_contracts_run_until.isoformat()} "
                        f"({self.old_contracts_source_lv})")
        return version

    def repeal_known_on(self, on: dt.date) -> bool:
        """Whether the repeal of MK 942 was law (adopted) on `on`: a decision before that applies MK 942 alone."""
        return on >= self.repeal_known_from

    def check_transition_29_1(self, contract_concluded_on: dt.date, on: dt.date) -> None:
        """29.¹: a contract concluded by 2015-12-31 is paid under the pre-2016 norms, which are not encoded."""
        if contract_concluded_on <= self.transition_concluded_by and on <= self.transition_paid_until:
            raise OutOfForce(
                f"līgums noslēgts līdz {self.transition_concluded_by.isoformat()}: līdz {self.transition_paid_until.isoformat()} "
                "to apmaksā pēc normām, kas bija spēkā līdz 2015. gada 31. decembrim (MK942 29.¹), un tās šajā rīkā nav iekodētas",
                f"a contract concluded by {self.transition_concluded_by.isoformat()} is paid under the pre-2016 norms "
                f"until {self.transition_paid_until.isoformat()} (MK942 29.1), which are not encoded",
            )


@lru_cache(maxsize=4)
def load(path: Path = DATA) -> Parameters:
    """Read and check the parameter file (cached: the data is immutable)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    redactions = tuple(
        Redaction(str(r["id"]), r["from"], r["act_lv"], bool(r["encoded"]), r["confidence"]) for r in raw["redactions"]
    )
    series: dict[str, tuple[Dated, ...]] = {}
    for name, items in raw["parameters"].items():
        dated = tuple(Dated(i["from"], _convert(i["value"]), i["ref"], i.get("confidence", "H")) for i in items)
        if list(dated) != sorted(dated, key=lambda d: d.start):
            raise ValueError(f"{path}: values of '{name}' are not in date order")
        series[name] = dated
    t = raw["transition_29_1"]
    return Parameters(redactions, raw["repealed_from"], raw["successor_lv"], raw["old_contracts_run_until"],
                      raw["repeal_known_from"], raw["repeal_source_lv"], raw["successor_acc_lv"],
                      raw["old_contracts_source_lv"], t["concluded_by"], t["paid_until"], series)
