"""Administration costs of a month (22.4), as the social service reports them."""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select

from registry import models as m
from registry.base import HUNDREDTH, RegistryError, Store, _now


class Administration(Store):
    """22.4: the administration costs per month."""

    def set_administration(self, year: int, month: int, amount_eur: Decimal) -> None:
        """22.4: the administration costs of a month, as the social service reports them."""
        amount = Decimal(amount_eur).quantize(HUNDREDTH)
        if amount < 0:
            raise RegistryError("administrēšanas izdevumi nevar būt negatīvi", "administration costs cannot be negative")
        row = self.session.get(m.AdministrationCost, (year, month))
        if row is None:
            self.session.add(m.AdministrationCost(year=year, month=month, amount_eur=amount, updated_at=_now()))
        else:
            row.amount_eur, row.updated_at = amount, _now()
        self.session.flush()

    def administration(self, year: int, months: Iterable[int]) -> dict[int, Decimal]:
        """Stored administration costs of the given months of `year` (months with none are left out)."""
        rows = self.session.scalars(select(m.AdministrationCost).where(
            m.AdministrationCost.year == year, m.AdministrationCost.month.in_(list(months))))
        return {r.month: Decimal(str(r.amount_eur)).quantize(HUNDREDTH) for r in rows}

