"""Casework: the steps a clerk and the head take on a case, as plain functions the CLI and the web workbench
both call. Every function takes the register (`registry.open(...)`) first; every change takes `by=` (who did
it: it goes to the audit log). They return the frozen records of `casework.records` (`jsonable()` makes them
JSON) and raise one error, `CaseworkError` (`message_lv`, `message_en`, `point`, `forbidden` — True when the
regulation does not allow the step in the case's state, e.g. adopting a pending proposal).

Where a step has documents, `out=DIR` renders them into `DIR/case-<id>/` (never over an earlier version) and
records them; `out=None` records the step only. `municipality=` is `generator.config.Municipality` (default:
the configured one).

Review (a file the reader was unsure of; `sha256` may be a unique prefix of ≥ 6 characters):
- `review_list(reg, state="open") -> list[ReviewItem]`
- `review_queue(reg, state="open") -> ReviewQueue` — files with their open counts, and the open fields grouped
  by kind (`FieldGroup`); read from the stored issues, for the verification station
- `review_group(reg, key, page=1, size=60) -> (rows, pages)` — group verification: the open fields of one
  kind across the queue, as (ReviewItem, ReviewField)
- `review_show(reg, sha256, all_fields=False) -> ReviewItem` — fields to look at, with page and box
- `review_set(reg, sha256, field, value, *, by) -> ReviewItem` — the value as written on the form
- `review_confirm(reg, sha256, field, *, by) -> ReviewItem`
- `review_done(reg, sha256, *, by, on=None) -> StepDone` — registered and sent on as a clean file
- `review_register_confirmed(reg, sha256) -> list[RegisterConfirmed]` — names the register confirmed (what was
  seen, the register's spelling)

Cases (states and allowed steps: `regulation.lifecycle`):
- `case_list(reg, state=None) -> list[CaseSummary]`, `case_show(reg, case_id, viewed_by=None) -> CaseView`
  (`viewed_by`: the view is logged)
- `assess(reg, case_id, assessment, *, by, on=None, views=None, out=None) -> StepDone` — 8.3; proposal or
  `pending`; `views`: the person's views as heard (APL 67(2)), kept in the step's details
- `adopt(reg, case_id, *, by, on=None, number=None, views_answer=None, out=None) -> StepDone` — 9; refused
  while pending (8.3) and while the decision draft has blockers (views without `views_answer`, APL 67(2))
- `notify(reg, case_id, *, by, how, on=None, out=None) -> StepDone` — 10; how: in_person | post |
  registered_post | e_address; a refusal's case closes
- `register_contract(reg, case_id, *, by, assistant, number=None, start=None, end=None, activities=None,
  provider=None, concluded_on=None, engagement="employment", out=None) -> StepDone` — 14; checked against
  the decision and the regulation
- `suspend(reg, case_id, *, by, reason, start, end=None, facts=None, views=None, views_answer=None,
  decision_number=None, out=None)` — 18; documents: `decision_suspension`, then `notice_suspension` naming it
- `resume(reg, case_id, *, by, on)` — 18 ends
- `change_assistant(reg, case_id, *, by, assistant, on, reason=None, number=None, out=None)` — 16 (twice a year)
- `terminate(reg, case_id, *, by, ground, on, notified_on=None, refusal_ground=None, facts=None,
  refund=None, views=None, views_answer=None, decision_number=None, out=None)` — 17.1–17.5, `refund` =
  ("19.1"|"19.2", Decimal EUR, due date); documents: `decision_termination`, then `notice_termination`
  (with 9.2.3 the mobility alternative of the case's latest assessment). Both acts' `details` carry
  `decision_number` (default `AS-<year>-<case>-<the step's place in the timeline>`). Both are refused (point
  18 / 17, nothing recorded) while the decision's draft has marked places to fill: no `facts`, `views`
  without `views_answer` (APL 67(2)), 9.2.3 without the assessment's finding
- `close(reg, case_id, *, by, on=None)` — a terminated case
- `regenerate(reg, case_id, document_id, *, by, out, base=None) -> StepDone` — the document made again from
  the data its step made it from (kept in its sidecar), with the person's details as the register holds them
  now, the current templates and municipality; a new version, the old one stays
- `gender.case_genders(reg, case_id)` / `gender.set_gender(reg, case_id, *, by, person, gender)` — the
  grammatical gender of the recipient, representative and assistant in letters (shown with where it came from;
  set "f"/"m", audited as `gender`); `gender.review_genders` / `gender.review_set_gender` do the same for an
  application file in the verification station (a correction `review_done` applies)

Lists:
- `due(reg, on=None) -> list[DueItem]` — decide by (9), notify by (10), opinions expiring (17.3), timesheets
  (20), Annex 2 (24), files in review; soonest first
- `audit_log(reg, case=None, user=None) -> list[AuditLine]`
- `case_timesheets(reg, case_id) -> list[TimesheetView]` — the person's timesheets, each checked (20, 22)
- `timesheet_errors(reg, month=None) -> (month, list[TimesheetView])` — a month's sheets whose check finds
  errors (default the newest month with sheets); each sheet's check is kept in the register and read until a
  change forgets it (`registry.checks`)
- `timesheet_errors_page(reg, month=None, page=1, size=50) -> (month, list[TimesheetView], total)`
"""
from casework.cases import adopt, assess, case_list, case_show, notify
from casework.due import audit_log, due
from casework.errors import CaseworkError
from casework.records import (AuditLine, CaseSummary, CaseView, DueItem, RegisterConfirmed, ReviewField, ReviewItem,
                              StepDone, TimesheetView, jsonable)
from casework.regenerate import regenerate
from casework.review import review_confirm, review_done, review_list, review_set, review_show
from casework.review_queue import review_group, review_queue
from casework.review_register import review_register_confirmed
from casework.service import change_assistant, close, register_contract, resume, suspend, terminate
from casework.timesheets import case_timesheets, rules_digest, timesheet_errors, timesheet_errors_page

__all__ = ["AuditLine", "CaseSummary", "CaseView", "CaseworkError", "DueItem", "RegisterConfirmed", "ReviewField",
           "ReviewItem", "StepDone", "TimesheetView", "adopt", "assess", "audit_log", "case_list", "case_show",
           "case_timesheets", "change_assistant", "close", "due", "jsonable", "notify", "regenerate",
           "register_contract", "resume", "review_confirm", "review_done", "review_group", "review_list",
           "review_queue", "review_register_confirmed", "review_set", "review_show", "rules_digest", "suspend",
           "terminate", "timesheet_errors", "timesheet_errors_page"]
