"""The stored outcome of each timesheet's check (revision 0006), so that the month's worklist of timesheets
with errors is read, not worked out again on every visit. Defined on `registry.models.Base`."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import Base, JSONDoc


class TimesheetCheckRow(Base):
    """A timesheet's check (`regulation.timesheet.check_timesheet` against its contract and the assistant's
    other sheets) as it came out, under the rules named by `rules` (a digest of the regulation's code and
    data). Deleted whenever something the check reads changes (`registry.checks`)."""

    __tablename__ = "timesheet_checks"

    timesheet_id: Mapped[int] = mapped_column(ForeignKey("timesheets.id", ondelete="CASCADE"), primary_key=True)
    rules: Mapped[str] = mapped_column(String(64))
    errors: Mapped[int] = mapped_column(Integer, index=True)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSONDoc)  # findings, hours, payable, contract number
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
