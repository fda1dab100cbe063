"""`notice_timesheet`: points 20 and 19, a timesheet that does not match and a refund."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from generator import gender, lv
from generator.config import Municipality
from generator.documents.common import common_ctx, refund_ctx, file_stem, DocNumber, DocumentKind, Refund
from generator.documents.norms import norms
from regulation.records import Date, Finding, Hours, Record


class Addressee(Record):
    """A letter's addressee who may be a natural person (an assistant) or a legal entity (a provider)."""

    name: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    registration_number: str | None = Field(default=None, max_length=20)


class NoticeTimesheetData(Record):
    """DATA of `notice_timesheet`: point 20 (a timesheet that does not match) and 19 (a refund).

    `case_number`, `number`, `notified_on`, `addressee` (Addressee: the assistant, provider or recipient),
    `role` ("assistant" | "provider" | "recipient"), `recipient_name` (the person served), `contract_number`,
    `month` ("YYYY-MM"), `hours_granted` (for the month), `hours_reported` (on the timesheet), `hours_accepted`
    (paid), `findings` (Finding list from `asistents check-timesheet`), `refund` (Refund or null),
    `respond_by` (date to explain or correct, or null).
    """

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    notified_on: Date
    addressee: Addressee
    role: Literal["assistant", "provider", "recipient"]
    recipient_name: str = Field(min_length=1, max_length=200)
    contract_number: str = DocNumber
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    hours_granted: Hours
    hours_reported: Hours
    hours_accepted: Hours
    findings: list[Finding] = Field(default_factory=list)
    refund: Refund | None = None
    respond_by: Date | None = None


_ROLE_KEY = {"assistant": "assistant", "provider": "provider", "recipient": "recipient"}


def _notice_timesheet_ctx(data: NoticeTimesheetData, mun: Municipality) -> dict[str, Any]:
    year, month = int(data.month[:4]), int(data.month[5:])
    ctx = common_ctx(mun, "PAZIŅOJUMS PAR PAKALPOJUMA UZSKAITES LAPU", data.number or data.case_number, data.notified_on)
    a = data.addressee
    points = ["20"] + ([data.refund.ground] if data.refund else [])
    ctx.update({
        "case_number": data.case_number,
        "addressee": {"name": a.name, "address": a.address or "", "registration_number": a.registration_number or ""},
        "role": gender.words(None if data.role == "provider" or a.registration_number else a.name)[_ROLE_KEY[data.role]],
        "recipient_name": data.recipient_name,
        "recipient_role": gender.words(data.recipient_name)["recipient"],
        "contract_number": data.contract_number,
        "month": lv.month_year_lv(year, month),
        "month_acc": f"{year}. gada {lv.month_accusative(month)}",  # "par …" takes the accusative
        "hours": {"granted": lv.hours(data.hours_granted, per_week=False),
                  "reported": lv.hours(data.hours_reported, per_week=False),
                  "accepted": lv.hours(data.hours_accepted, per_week=False),
                  "difference": lv.hours(max(data.hours_reported - data.hours_accepted, Decimal(0)), per_week=False)},
        "findings": [{"text": lv.dates_in_text(f.message_lv), "rule": f.rule} for f in data.findings if f.severity != "info"]
                    or [{"text": "Uzskaites lapā norādītais apjoms pārsniedz apmaksājamo apjomu.", "rule": "MK942 20"}],
        "refund": refund_ctx(data.refund, mun),
        "respond_by": lv.date_dative(data.respond_by) if data.respond_by else "",
        "has_respond_by": data.respond_by is not None,
        "point20": ("Asistents vai asistenta pakalpojuma sniedzējs, kas ir juridiska persona, reizi mēnesī iesniedz "
                    "sociālajā dienestā pakalpojuma uzskaites lapu par iepriekšējā mēnesī sniegto asistenta "
                    "pakalpojumu, un sociālais dienests kontrolē šo noteikumu 14. punktā minētā līguma saistību izpildi."),
        "norms": norms(points, data.findings, []),
    })
    return ctx


KIND = DocumentKind("notice_timesheet", "notice_timesheet.docx", "Paziņojums par pakalpojuma uzskaites lapu",
                    NoticeTimesheetData, _notice_timesheet_ctx,
                    lambda d: file_stem("pazinojums-uzskaite", d.number or d.case_number, d.month, d.addressee.name))
