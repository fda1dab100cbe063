"""A read record into the register, the same way for a file straight from the inbox and for a file a person
finished reviewing (`casework.review_done`): the case with its first steps and proposal, or the timesheet
checked against its contract. The caller sets the journal state and writes the drafts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

INBOX_ACTOR = "iesūtne"  # who the register names for what the inbox did on its own


@dataclass
class Registered:
    """What registering one record did, and what the clerk should be told (Latvian, English)."""

    case_id: int | None = None
    timesheet_id: int | None = None
    assessment: Any = None
    decision: Any = None
    check: Any = None
    contract: Any = None
    timesheet: Any = None
    reasons_lv: list[str] = field(default_factory=list)
    reasons_en: list[str] = field(default_factory=list)


def register_application(tx: Any, app: Any, sha: str, on: dt.date | None, actor: str = INBOX_ACTOR) -> Registered:
    """The application's case (once per source file) with the proposal under the rules of `on` (default the
    receipt date). Without the service's assessment the proposal is `pending` (8.3) — never a refusal."""
    from regulation.assess import assess
    from regulation.parameters import OutOfForce
    from regulation.records import Assessment

    out = Registered()
    case_id = tx.case_by_source(sha)
    code = app.applicant.personal_code
    history = [c for c in tx.history(code) if c.source_sha256 != sha] if code else []
    # The service's latest assessment of this person (8.3), if it made one on an earlier case; the
    # proposal says which facts are still to be assessed when there is none.
    out.assessment = next((c.assessments[-1] for c in reversed(history) if c.assessments), None)
    if case_id is None:
        try:
            out.decision = assess(app, out.assessment or Assessment(), on)
        except OutOfForce as e:
            out.reasons_lv.append(f"priekšlikums nav sagatavots: {e}")
            out.reasons_en.append(f"no proposal made: {e}")
        case_id = tx.add_application(app, sha)
        if out.decision is not None:
            tx.add_decision(case_id, out.decision)
        tx.open_case(case_id, app.received_on, actor,
                     None if out.decision is None else out.decision.outcome == "pending")
    else:
        case = tx.case(case_id)
        out.decision = case.decisions[-1] if case.decisions else None
    out.case_id = case_id
    same_month = [c.id for c in history if (c.application.received_on.year, c.application.received_on.month)
                  == (app.received_on.year, app.received_on.month)]
    if same_month:
        out.reasons_lv.append(f"šai personai šajā mēnesī jau ir cits iesniegums (lieta {same_month[0]}) — "
                              "tas netiek apvienots; pārbaudiet, vai tas nav tā paša iesnieguma cits skenējums")
        out.reasons_en.append(f"this person already has another application this month (case {same_month[0]}) "
                              "— not merged; check whether it is another scan of the same application")
    return out


def register_timesheet(tx: Any, ts: Any, sha: str) -> Registered:
    """The timesheet stored (a second file for the same month kept as a conflict) and checked (20)."""
    from regulation.timesheet import check_timesheet

    out = Registered(timesheet=ts)
    out.contract, others = tx.timesheet_context(ts, sha)
    out.check = check_timesheet(ts, out.contract, others)
    stored = tx.store_timesheet(ts, sha)
    out.timesheet_id = stored.id
    if stored.state == "conflict":
        out.reasons_lv.append(f"par {ts.month} šai personai un asistentam jau ir cita uzskaites lapa "
                              f"(ieraksts {stored.conflicts_with}) — netiek apvienota; izvēlieties derīgo")
        out.reasons_en.append(f"another timesheet for {ts.month}, this recipient and assistant is registered "
                              f"(entry {stored.conflicts_with}) — not merged; choose the valid one")
    if out.contract is None:
        out.reasons_lv.append("reģistrā nav līguma, kam piederētu šī uzskaites lapa (14. punkts)")
        out.reasons_en.append("the register has no contract this timesheet belongs to (point 14)")
    return out


def review_reading(result: Any, root: Any, review_path: Any = None) -> dict[str, Any]:
    """What the register keeps of a file sent to review: the parser's reading and where the file is."""
    reading = result.to_jsonable()
    reading.pop("text", None)  # the page text is large and may hold personal codes; the fields are enough
    reading["intake_root"] = str(root)
    reading["review_path"] = str(review_path) if review_path is not None else None
    return reading


def received_on(result: Any, fallback: dt.date) -> dt.date:
    """The receipt date a file in review counts its deadline (9) from: the date read from the form when it
    reads as one, else the day the file came into the inbox."""
    reading = result.fields.get("received_on") if result.kind == "application" else None
    text = str(reading.value or reading.raw or "") if reading is not None else ""
    from regulation.dates import DateInputError, parse_date

    try:
        return parse_date(text)
    except DateInputError:
        return fallback
