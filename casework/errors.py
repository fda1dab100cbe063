"""The one error casework raises: a step refused or bad input, in Latvian and English."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from registry.base import RegistryError
from registry.lifecycle import StepRefused
from regulation.records import RecordError


class CaseworkError(ValueError):
    """A step refused (`forbidden`: the regulation does not allow it now — `point` says which) or bad input."""

    def __init__(self, message_lv: str, message_en: str, *, point: str | None = None, forbidden: bool = False,
                 field: str | None = None):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en
        self.point, self.forbidden, self.field = point, forbidden, field

    def as_dict(self) -> dict[str, Any]:
        return {"error": "forbidden" if self.forbidden else "invalid", "point": self.point, "field": self.field,
                "message_lv": self.message_lv, "message_en": self.message_en}


def refused(point: str, lv: str, en: str) -> CaseworkError:
    return CaseworkError(lv, en, point=point, forbidden=True)


@contextmanager
def writing(reg: Any) -> Iterator[Any]:
    """One register transaction whose refusals come out as `CaseworkError`."""
    try:
        with reg.transaction() as tx:
            yield tx
    except StepRefused as e:
        raise CaseworkError(e.message_lv, e.message_en, point=e.point, forbidden=True) from None
    except RegistryError as e:
        raise CaseworkError(e.message_lv, e.message_en) from None
    except RecordError as e:
        p = e.problems[0] if e.problems else None
        raise CaseworkError(p.message_lv if p else str(e), p.message_en if p else str(e),
                            field=p.field if p else None) from None


@contextmanager
def reading(reg: Any) -> Iterator[Any]:
    try:
        with reg.reading() as tx:
            yield tx
    except RegistryError as e:
        raise CaseworkError(e.message_lv, e.message_en) from None
