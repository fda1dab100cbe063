"""Files in review: the fields the reader was unsure of (with page and box), a person's corrections and
confirmations (the original reading kept), and `review_done`, after which the file goes on exactly as a clean
file would — registered (`intake.register`, the inbox's own functions), proposal, drafts, archived."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from forms.definition import checked
from forms.definition import load as load_form
from parser.assemble import result as assemble
from parser.result import FieldReading, Issue, ParseResult

from casework.errors import CaseworkError, reading, writing
from casework.records import ReviewField, ReviewItem, StepDone

_LOOK = ("uncertain", "unreadable", "missing", "invalid", "inconsistent")


def _fields_of(kind: str) -> dict[str, Any]:
    return {f.name: f for f in load_form(kind).fields}  # type: ignore[arg-type]


def _readings(f: Any) -> dict[str, FieldReading]:
    return {name: FieldReading.model_validate(v) for name, v in f.reading.get("fields", {}).items()}


def _stored_issues(f: Any) -> list[Issue]:
    """The field issues the inbox stored with the file: the parser's and the register check's (a name the
    register spells otherwise added, a doubt the register settled taken away)."""
    return [Issue.model_validate(i) for i in f.reading.get("issues", []) if i.get("field")]


def _rebuilt(f: Any, corrections: list[Any]) -> tuple[ParseResult, set[str]]:
    """The file's reading with every correction applied, assembled again as the parser would; and the fields
    a person has set or confirmed (their doubts are settled).

    Assembling again knows only the parser's own checks, so what the inbox did after them is carried over on
    every field no person touched: an issue the register check added stays, a doubt it settled stays settled."""
    r = f.reading
    original = _readings(f)
    readings = dict(original)
    spec = _fields_of(f.kind)
    settled: set[str] = set()
    genders = {c.field.rpartition(".")[0]: c.value for c in corrections if c.field in _GENDER_FIELDS}
    corrections = [c for c in corrections if c.field not in _GENDER_FIELDS]
    for c in corrections:
        settled.add(c.field)
        old = readings.get(c.field)
        if c.action == "confirm" and old is not None:
            readings[c.field] = old.model_copy(update={"confidence": 1.0})
        elif c.action == "set":
            source = old.source if old is not None else {"page": spec[c.field].page,
                                                          "box": tuple(spec[c.field].rect), "method": "text"}
            readings[c.field] = FieldReading.model_validate({"value": c.value, "raw": None if c.value is None else str(c.value),
                                                             "confidence": 1.0, "source": source})
    base = {"file": r.get("file") or f.sha256[:12], "sha256": f.sha256, "pages": r.get("pages", 0)}
    form = load_form(f.kind)
    shape = r.get("shape") or "scanned"
    result = _with_genders(assemble(base, form, shape, readings), genders)
    if not corrections:
        return result.model_copy(update={"issues": _stored_issues(f)}), settled
    key = lambda i: (i.field, i.code)  # noqa: E731
    stored = _stored_issues(f)
    parser_said = {key(i) for i in assemble(base, form, shape, original).issues}
    stored_keys = {key(i) for i in stored}
    issues = [i for i in result.issues if i.field in settled or key(i) in stored_keys or key(i) not in parser_said]
    issues += [i for i in stored if i.field not in settled and key(i) not in parser_said]
    return result.model_copy(update={"issues": issues}), settled


def _open_issues(issues: list[Issue], settled: set[str]) -> list[Any]:
    """What still stops the file: every error, and every doubt a person has not settled."""
    return [i for i in issues if (i.severity == "error" or i.code in _LOOK)
            and not (i.field in settled and i.code == "uncertain")]


def _item(f: Any, corrections: list[Any], name: str | None, all_fields: bool = False) -> ReviewItem:
    from regulation import lifecycle as rules

    if corrections:
        result, settled = _rebuilt(f, corrections)
        issues = _open_issues(result.issues, settled)
    else:  # as the inbox left it: no need to assemble again
        issues = _open_issues(_stored_issues(f), set())
    spec = _fields_of(f.kind)
    last = {c.field: c for c in corrections}
    original = f.reading.get("fields", {})
    named = {i.field for i in issues} | set(last) | {i.get("field") for i in f.reading.get("issues", [])}
    out = []
    for field in spec:
        if not all_fields and field not in named:
            continue
        o = original.get(field)
        src = (o or {}).get("source") or {}
        c = last.get(field)
        out.append(ReviewField(
            field, spec[field].label_lv, (o or {}).get("value"), (o or {}).get("raw"), (o or {}).get("confidence", 0.0),
            (src.get("page") if src else spec[field].page) + 1, tuple(src.get("box") or spec[field].rect),
            [i.message_lv for i in issues if i.field == field],
            corrected=c.value if c and c.action == "set" else None, corrected_by=c.actor if c else None,
            confirmed=bool(c and c.action == "confirm")))
    decide_by = rules.decide_by(f.received_on) if f.kind == "application" else None
    place = f.reading.get("review_path") if f.state == "open" else None
    return ReviewItem(f.sha256, name or f.sha256[:12], f.kind, f.received_on, decide_by, f.state,
                      f.case_id, out, len(issues), place)


def _one(tx: Any, f: Any, all_fields: bool = False) -> ReviewItem:
    entry = tx.journal_get(f.sha256)
    return _item(f, tx.corrections(f.sha256), entry.name if entry else None, all_fields)


def review_list(reg: Any, state: str | None = "open") -> list[ReviewItem]:
    """Files in review (default the open ones), oldest first, each with the number of fields still to look at.
    Three statements for the whole queue (files, their corrections, their names), not three per file."""
    with reading(reg) as tx:
        files = tx.review_files(state)
        shas = [f.sha256 for f in files]
        corrections, names = tx.corrections_of(shas), tx.journal_names(shas)
        return [_item(f, corrections.get(f.sha256, []), names.get(f.sha256)) for f in files]


def review_show(reg: Any, sha256: str, all_fields: bool = False) -> ReviewItem:
    """One file (SHA-256 or a unique prefix of ≥ 6 characters): the fields to look at, where on the page."""
    with reading(reg) as tx:
        return _one(tx, tx.review_file(sha256), all_fields)


def _field_check(f: Any, field: str) -> Any:
    spec = _fields_of(f.kind)
    if field not in spec:
        raise CaseworkError(f"veidlapā nav lauka '{field}'", f"the form has no field '{field}'", field=field)
    return spec[field]


# A person's grammatical gender is no box on the form: set in the verification station (casework.gender), it
# is kept as a correction of the reading and put on the record after assembling.
_GENDER_FIELDS = {"applicant.gender", "representative.gender"}


def _with_genders(result: ParseResult, genders: dict[str, str]) -> ParseResult:
    record = result.record
    if record is None or not genders:
        return result
    update = {who: getattr(record, who).model_copy(update={"gender": g})
              for who, g in genders.items() if getattr(record, who, None) is not None}
    return result.model_copy(update={"record": record.model_copy(update=update)})


def rebuilt_record(tx: Any, sha256: str) -> Any:
    """The record of a file under review as its corrections make it (None while it does not validate)."""
    f = tx.review_file(sha256)
    return _rebuilt(f, tx.corrections(f.sha256))[0].record


def review_set(reg: Any, sha256: str, field: str, value: Any, *, by: str) -> ReviewItem:
    """Correct one field: `value` as written on the form (e.g. "01.03.2019", "12,5", "jā")."""
    with writing(reg) as tx:
        f = tx.review_file(sha256)
        spec = _field_check(f, field)
        if spec.type == "checkbox":
            value = checked(spec, value)
        original = f.reading.get("fields", {}).get(field) or {}
        tx.add_correction(f.sha256, field, "set", original, value, by)
        tx.audit(by, "review_set", "review_field", f"{f.sha256[:12]}:{field}", f.case_id,
                 {"value": original.get("value"), "raw": original.get("raw")}, {"value": value})
        return _one(tx, tx.review_file(f.sha256))


def review_confirm(reg: Any, sha256: str, field: str, *, by: str) -> ReviewItem:
    """Confirm that a field was read right (its reading stands; the doubt is settled)."""
    with writing(reg) as tx:
        f = tx.review_file(sha256)
        _field_check(f, field)
        original = f.reading.get("fields", {}).get(field)
        if original is None:
            raise CaseworkError(f"lauks '{field}' netika nolasīts — ievadiet to ar review set",
                                f"the field '{field}' was not read — enter it with review set", field=field)
        tx.add_correction(f.sha256, field, "confirm", original, original.get("value"), by)
        tx.audit(by, "review_confirm", "review_field", f"{f.sha256[:12]}:{field}", f.case_id, None,
                 {"value": original.get("value")})
        return _one(tx, tx.review_file(f.sha256))


def review_done(reg: Any, sha256: str, *, by: str, on: dt.date | None = None, municipality: Any = None) -> StepDone:
    """The file is re-validated with its corrections and goes on as a clean file would: registered, proposal
    made (`pending` without the service's assessment), drafts written, the file archived. Refused while a
    field is still unreadable, missing, invalid or unconfirmed."""
    from intake.layout import Layout
    from intake.register import register_application, register_timesheet
    from regulation import lifecycle as rules

    with writing(reg) as tx:
        f = tx.review_file(sha256)
        if f.state != "open":
            raise CaseworkError(f"fails {f.sha256[:12]} jau ir pārbaudīts", f"file {f.sha256[:12]} is already reviewed")
        result, settled = _rebuilt(f, tx.corrections(f.sha256))
        issues = _open_issues(result.issues, settled)
        if issues or result.record is None:
            what = "; ".join(f"{i.field}: {i.message_lv}" for i in issues) or "ieraksts nav derīgs"
            raise CaseworkError(f"vēl jāizlabo vai jāapstiprina: {what}",
                                "still to correct or confirm: " + ("; ".join(f"{i.field}: {i.message_en}" for i in issues)
                                                                   or "the record is not valid"))
        record = result.record
        if f.kind == "application":
            done = register_application(tx, record, f.sha256, on, actor=by)
            if f.case_id is not None and tx.case(f.case_id).application != record:
                # registered already, read with doubts: the corrected reading replaces it
                old = tx.replace_application(f.case_id, record)
                tx.audit(by, "review_correct", "application", f.case_id, f.case_id, old, record)
                if tx.case_state(f.case_id) in ("received", "awaiting_assessment", "proposal"):
                    done.decision = _propose_again(tx, f.case_id, record, done.assessment, on, by, done)
            tx.journal_set(f.sha256, "needs_review" if done.reasons_en else "processed", case_id=done.case_id,
                           reason="; ".join(done.reasons_en) or None)
        else:
            if f.timesheet_id is not None and tx.timesheet(f.timesheet_id).timesheet != record:
                old = tx.replace_timesheet_record(f.timesheet_id, record)
                tx.audit(by, "review_correct", "timesheet", f.timesheet_id, None, old, record)
            done = register_timesheet(tx, record, f.sha256)
            tx.journal_set(f.sha256, "needs_review" if done.reasons_en else "processed",
                           reason="; ".join(done.reasons_en) or None)
        tx.finish_review(f.sha256, by, done.case_id, done.timesheet_id)
        entry = tx.journal_get(f.sha256)
        tx.audit(by, "review_done", "review_file", f.sha256[:12], done.case_id, None,
                 {"kind": f.kind, "case_id": done.case_id, "timesheet_id": done.timesheet_id})
    layout = Layout(Path(f.reading.get("intake_root") or "."))
    docs = _drafts(reg, layout, f, done, municipality)
    place = f.reading.get("review_path")
    if place and Path(place).exists():
        from intake import files as fs

        fs.move(Path(place), layout.archive_name(f.sha256, entry.name if entry else Path(place).name))
    state = "reviewed"
    if done.case_id is not None:
        with reg.reading() as tx:
            state = tx.case_state(done.case_id)
    return StepDone(done.case_id or 0, "review_done", state, rules.STATE_LV.get(state, "pārbaudīts"),
                    "fails pārbaudīts un nodots tālāk", "the file is reviewed and sent on", docs,
                    {"case_id": done.case_id, "timesheet_id": done.timesheet_id,
                     "outcome": done.decision.outcome if done.decision is not None else None,
                     "reasons_lv": done.reasons_lv})


def _propose_again(tx: Any, case_id: int, app: Any, assessment: Any, on: dt.date | None, by: str,
                   done: Any) -> Any:
    """The proposal made again from the corrected application (8.3: `pending` without an assessment); none,
    with the reason told, where the corrected date lies outside MK 942's force (as the inbox does)."""
    from regulation.assess import assess
    from regulation.parameters import OutOfForce
    from regulation.records import Assessment

    try:
        decision = assess(app, assessment or Assessment(), on)
    except OutOfForce as e:
        done.reasons_lv.append(f"priekšlikums nav sagatavots: {e}")
        done.reasons_en.append(f"no proposal made: {e}")
        return None
    tx.add_decision(case_id, decision)
    tx.take_step(case_id, "assess", decision.decided_on, by, {"outcome": decision.outcome, "after": "review"},
                 pending=decision.outcome == "pending")
    return decision


def _drafts(reg: Any, layout: Any, f: Any, done: Any, municipality: Any) -> list[str]:
    """The drafts a clean file gets (`intake.drafts`), recorded with what produced them."""
    from generator.config import load_municipality
    from intake.drafts import application_drafts, timesheet_drafts, write_draft

    mun = municipality or load_municipality()
    if f.kind == "application":
        d = done.decision
        if d is None or d.outcome == "pending":
            return []  # waits for the assessment (8.3): on the worklist, no letter
        wanted, rules_version = application_drafts(_app(reg, done.case_id), done.assessment, d, done.case_id), \
            d.rules_version
    else:
        wanted = timesheet_drafts(done.timesheet, done.check, done.contract, done.timesheet_id, dt.date.today())
        rules_version = done.check.rules_version or "—"
    folder = layout.case_folder(done.case_id, done.timesheet_id)
    written = [write_draft(folder, kind, data, mun, input_sha256=f.sha256, rules_version=rules_version,
                           case_id=done.case_id) for kind, data in wanted]
    with reg.transaction() as tx:
        for d in written:
            tx.add_document(done.case_id, d.kind, str(d.path), d.template_sha256, f.sha256, rules_version)
    return [str(d.path) for d in written]


def _app(reg: Any, case_id: int) -> Any:
    with reg.reading() as tx:
        return tx.case(case_id).application
