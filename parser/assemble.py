"""From field readings to a `ParseResult`: per-field issues, the form's own checks, the regulation record.

The record is built only from what was read and only when it validates (`regulation.records.load`); its
`RecordError` problems become issues on the fields they name. On a scan, a field that fails a check may be a
misreading, so it is also flagged `uncertain`: a person looks at it instead of the parser guessing.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from forms.definition import to_record
from regulation.records import RECORD_KINDS, RecordError, load

from parser import mailnames
from parser.result import FieldReading, Issue, ParseResult

UNCERTAIN_BELOW = 0.80  # a reading less sure than this goes to review
# Fields no rule needs: contact details, the preferred assistant (point 6.5, "ja tas ir zināms") and the
# form's own totals (checked against the rows, not part of the record). One that cannot be read is a
# warning for the review, never a reason to withhold the record.
_OPTIONAL = re.compile(r"^(?:.*\.(?:phone|email)|preferred_assistant\..*|totals\..*)$")


def optional(name: str, field: Any) -> bool:
    """True for a field no rule needs (see _OPTIONAL), unless the form marks it required.

    >>> optional("applicant.email", None), optional("applicant.surname", None), optional("totals.hours", None)
    (True, False, True)
    """
    return not getattr(field, "required", False) and bool(_OPTIONAL.match(name))
_ENTRY = re.compile(r"^entries\.(\d+)\.(\w+)$")
_HOURS = re.compile(r"^(activities|entries)\.(\d+)\.(?:hours_per_week|hours)$")


def _issue(field: str | None, code: str, lv: str, en: str, page: int | None, severity: str = "error") -> Issue:
    return Issue(field=field, severity=severity, code=code, message_lv=lv, message_en=en, page=page)


def result(base: dict[str, Any], definition: Any, shape: str, readings: dict[str, FieldReading]) -> ParseResult:
    kind = definition.kind
    fields = {f.name: f for f in definition.fields}
    issues: list[Issue] = []
    flagged: set[str] = set()
    readings = dict(readings)

    def flag(name: str, code: str, lv: str, en: str, severity: str = "error") -> None:
        page = fields[name].page if name in fields else None
        issues.append(_issue(name, code, lv, en, page, severity))
        flagged.add(name)

    def doubt(name: str, why_lv: str, why_en: str) -> None:
        """On a scan, a failed check may be a misreading: mark the field uncertain (once)."""
        if shape != "scanned" or name not in readings or any(
                i.field == name and i.code in ("uncertain", "unreadable") for i in issues):
            return
        r = readings[name]
        readings[name] = r.model_copy(update={"confidence": min(r.confidence, 0.5)})
        flag(name, "uncertain", f"nolasītā vērtība «{r.raw}» var būt kļūdaina ({why_lv}) — pārbaudiet pēc oriģināla",
             f"the value read, '{r.raw}', may be misread ({why_en}) — check it against the original", "warning")

    if kind == "timesheet":
        readings = _corroborated(readings)
    readings = mailnames.digits_after_names(readings, UNCERTAIN_BELOW)
    for name, f in fields.items():
        r = readings.get(name)
        label = getattr(f, "label_lv", name)
        if r is None:
            continue
        if f.type != "checkbox" and r.raw and r.value is None:
            if r.source.method == "ocr":
                flag(name, "unreadable", f"lauku «{label}» neizdevās droši nolasīt («{r.raw}») — ievadiet to ar roku",
                     f"the field '{name}' could not be read reliably ('{r.raw}') — enter it by hand",
                     "warning" if optional(name, f) else "error")
            else:
                flag(name, "invalid", f"laukā «{label}» ir nederīga vērtība «{r.raw}» ({_expected_lv(f.type)}) — "
                                      "lūdziet iesniedzējam to izlabot",
                     f"the field '{name}' holds an invalid value '{r.raw}' ({_expected_en(f.type)}) — ask the sender to correct it")
            continue
        if r.confidence < UNCERTAIN_BELOW:
            flag(name, "uncertain", f"lauks «{label}» nolasīts nedroši («{r.raw or ''}») — pārbaudiet pēc oriģināla",
                 f"the field '{name}' was read with low confidence ('{r.raw or ''}') — check it against the original",
                 "warning")
        value = r.value
        pattern = getattr(f, "pattern", None)
        if r.source.method == "ocr" and isinstance(value, str) and pattern and not re.match(pattern, r.raw or ""):
            # Read from a scan in a shape the form does not print (e.g. "1.5" where hours are "1,5"): a misread?
            doubt(name, "neatbilst veidlapas formātam", "not in the form's format")
        if isinstance(value, str):
            allowed = getattr(f, "allowed", None)
            if allowed and value not in [str(a) for a in allowed]:
                flag(name, "invalid", f"laukā «{label}» vērtība «{value}» nav atļauta (atļauts: {', '.join(map(str, allowed))})",
                     f"the field '{name}' value '{value}' is not allowed (allowed: {', '.join(map(str, allowed))})")
                doubt(name, "nav atļauto vērtību vidū", "not among the allowed values")
            max_length = getattr(f, "max_length", None)
            if max_length and len(value) > max_length:
                flag(name, "invalid", f"laukā «{label}» ir par garš teksts (līdz {max_length} zīmēm)",
                     f"the field '{name}' is too long (up to {max_length} characters)")

    for name, f in fields.items():
        r = readings.get(name)
        empty = r is None or r.value is None or (f.type == "checkbox" and r.value is False)
        if getattr(f, "required", False) and empty and name not in flagged:
            flag(name, "missing", f"obligātais lauks «{getattr(f, 'label_lv', name)}» nav aizpildīts — lūdziet to aizpildīt",
                 f"the required field '{name}' is empty — ask for it to be filled in")

    if kind == "timesheet":
        _timesheet_checks(readings, fields, flag, doubt)
    _hours_checks(kind, readings, doubt)
    mailnames.names_nearly_in_addresses(readings, doubt, shape == "scanned")

    flat = {name: r.value for name, r in readings.items()}
    record = None
    data = to_record(kind, flat)
    try:
        record = load(RECORD_KINDS[kind], data)
    except RecordError as e:
        for p in e.problems:
            path = _form_path(p.field, data, flat)
            name = path if path in fields else _nearest_field(path, fields)
            if p.field == name and any(i.field == name and i.severity == "error" for i in issues):
                continue  # already an error on this field; a warning alone would leave the withheld record unexplained
            issues.append(_issue(path, "missing" if "obligāts" in p.message_lv else "invalid",
                                 p.message_lv, p.message_en, fields[name].page if name in fields else None))
            if name in fields:
                doubt(name, p.message_lv, p.message_en)

    if any(i.severity == "error" for i in issues):
        record = None  # never a half-right record that looks valid
    needs_review = any(i.code in ("uncertain", "unreadable") for i in issues)
    readings = {name: readings[name] for name in fields if name in readings}  # in the form's order
    return ParseResult(**base, kind=kind, shape=shape, form_version=definition.version, record=record,
                       fields=readings, issues=issues, needs_review=needs_review)


def _form_path(path: str, data: dict[str, Any], flat: dict[str, Any]) -> str:
    """A record path ("activities.1.hours_per_week", "entries.3.hours") as the form's field path: the form
    has one activity row per Annex 1 point and drops empty timesheet rows, so list indices differ."""
    parts = path.split(".")
    if len(parts) < 2 or not parts[1].isdigit():
        return path
    index = int(parts[1])
    if parts[0] == "activities":
        try:
            row = int(data["activities"][index]["annex1_point"]) - 1
        except (IndexError, KeyError, TypeError, ValueError):
            return path
    elif parts[0] == "entries":
        filled = sorted({int(n.split(".")[1]) for n, v in flat.items()
                         if n.startswith("entries.") and v not in (None, False, "")})
        if index >= len(filled):
            return path
        row = filled[index]
    else:
        return path
    return ".".join([parts[0], str(row), *parts[2:]])


def _nearest_field(path: str, fields: dict[str, Any]) -> str:
    """The form field a record path points into (a problem on "applicant" → the first applicant field)."""
    return next((name for name in fields if name.startswith(path + ".")), path)


def _expected_lv(kind: str) -> str:
    return {"date": "gaidīts datums DD.MM.GGGG", "time": "gaidīts laiks SS:MM", "money": "gaidīta summa euro, piem. 12,50",
            "number": "gaidīts skaitlis", "personal_code": "gaidīts personas kods DDMMGG-NNNNN",
            "month": "gaidīts mēnesis GGGG-MM", "email": "gaidīta e-pasta adrese",
            "phone": "gaidīts tālruņa numurs"}.get(kind, "nederīgs teksts")


def _expected_en(kind: str) -> str:
    return {"date": "a date DD.MM.YYYY expected", "time": "a time HH:MM expected", "money": "an amount in euro expected, e.g. 12.50",
            "number": "a number expected", "personal_code": "a personal code DDMMYY-NNNNN expected",
            "month": "a month YYYY-MM expected", "email": "an e-mail address expected",
            "phone": "a phone number expected"}.get(kind, "invalid text")


def _minutes(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _timesheet_checks(readings: dict[str, FieldReading], fields: dict[str, Any], flag, doubt) -> None:
    """Point 20 timesheet rows: the hours written must equal end − start; a total must equal the rows' sum."""
    rows: dict[int, dict[str, Any]] = {}
    for name, r in readings.items():
        m = _ENTRY.match(name)
        if m and r.value not in (None, False):
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = r.value
    total = Decimal(0)
    for i, row in sorted(rows.items()):
        hours = _decimal(row.get("hours"))
        if hours is not None:
            total += hours
        if hours is not None and hours > 24:
            # a day has 24 hours: a decimal comma lost ("3,5" read "35" at 0.96, its times unreadable; ghost
            # tuning form 100061, 200 dpi)
            doubt(f"entries.{i}.hours", "vairāk nekā 24 stundas dienā", "more than 24 hours in a day")
        if "start" in row and "end" in row and hours is not None:
            span = _minutes(row["end"]) - _minutes(row["start"])
            if span <= 0 or Decimal(span) / 60 != hours:
                name = f"entries.{i}.hours"
                worked = Decimal(span) / 60
                flag(name, "inconsistent",
                     f"{i + 1}. rindā stundu skaits {hours} nesakrīt ar laiku no {row['start']} līdz {row['end']} "
                     f"({worked.quantize(Decimal('0.01'))} h) — pārbaudiet rindu",
                     f"row {i + 1}: hours {hours} do not match {row['start']}–{row['end']} "
                     f"({worked.quantize(Decimal('0.01'))} h) — check the row")
                for part in ("start", "end", "hours"):
                    doubt(f"entries.{i}.{part}", "stundas nesakrīt ar laiku", "hours do not match the times")
    _dates_in_month(readings, rows, doubt)
    transport = sum((_decimal(r.get("transport_eur")) or Decimal(0) for r in rows.values()), Decimal(0))
    for name, sum_, what_lv, what_en in (("totals.hours", total, "kopējais stundu skaits", "the total hours"),
                                         ("totals.transport_eur", transport, "kopējie transporta izdevumi",
                                          "the total transport costs")):
        written = _decimal(readings[name].value) if name in readings else None
        if written is not None and written != sum_:
            flag(name, "inconsistent", f"{what_lv} {written} nesakrīt ar rindu summu {sum_} — pārbaudiet rindas un kopsummu",
                 f"{what_en} {written} do not match the sum of the rows {sum_} — check the rows and the total")
            doubt(name, "kopsumma nesakrīt ar rindām", "the total does not match the rows")
            # A row's amount with no check of its own may be the misread one: every transport amount ("13,97"
            # read "18,97", the total flagged and the row silent; tuning forms 1031, 1045), and hours whose
            # row lacks a time to check them by
            part = name.split(".")[1]
            for row in _rows_with(readings, part):
                times = rows.get(int(row.split(".")[1]), {})
                if part == "transport_eur" or not ("start" in times and "end" in times):
                    doubt(row, "rindu summa nesakrīt ar kopsummu", "the rows do not add up to the total")
        elif written is not None and _doubted_rows(readings, name.split(".")[1]):
            # The sum holds a row read in doubt: a digit the model misreads in the row ("5,75" read "5,15")
            # it misreads in the total too, and the two agree (tuning form 325). The total is no check then.
            doubt(name, "kopsummā ieskaitīta nedroši nolasīta rinda", "the sum includes a row read in doubt")


def _dates_in_month(readings: dict[str, FieldReading], rows: dict[int, dict[str, Any]], doubt) -> None:
    """Point 20: a timesheet accounts for one month, so a row's date outside the month written at the top is
    a misread digit in one of them ("2029-05-30" on a sheet for 2020-05, tuning form 757). Where most dated
    rows fall outside it, the month is doubted too (its own digit may be the misread one). On a scan, two
    rows whose dates go back are both doubted."""
    month = readings.get("month")
    if month is None or not isinstance(month.value, str):
        return
    dated = {i: row["date"] for i, row in rows.items() if isinstance(row.get("date"), str)}
    outside = [i for i, date in dated.items() if date[:7] != month.value]
    for i in outside:
        doubt(f"entries.{i}.date", "datums nav lapas mēnesī", "the date is not in the sheet's month")
    if outside and 2 * len(outside) > len(dated):
        doubt("month", "rindu datumi ir citā mēnesī", "the rows' dates are in another month")
    # The rows are written day after day: a date before the row above's is a misread digit in one of the two
    # ("29.04.2022" read "23.04.2022" at 0.95, after "25.04.2022"; ghost tuning form 101111, 200 dpi)
    order = sorted(dated)
    for above, below in zip(order, order[1:]):
        if dated[below] < dated[above]:
            for i in (above, below):
                doubt(f"entries.{i}.date", "datums ir agrāks par iepriekšējās rindas datumu",
                      "the date is earlier than the row above's")


def _rows_with(readings: dict[str, FieldReading], part: str) -> list[str]:
    """The rows' `part` ("hours", "transport_eur") fields that hold a value."""
    return [name for name, r in readings.items() if (m := _ENTRY.match(name)) and m.group(2) == part
            and r.value not in (None, False)]


def _doubted_rows(readings: dict[str, FieldReading], part: str) -> list[str]:
    """The rows' `part` ("hours", "transport_eur") fields that hold a value read below the review threshold."""
    return [name for name in _rows_with(readings, part) if readings[name].confidence < UNCERTAIN_BELOW]


def _corroborated(readings: dict[str, FieldReading]) -> dict[str, FieldReading]:
    """A timesheet row's hours that equal its end − start read surely, and a total that equals the sum of
    rows read surely, are as sure as what confirms them (point 20: the sheet's own arithmetic); so are
    transport amounts that add up to their total. Only the hours and amounts are raised, never the times: a border's remains can turn "8:30"/"9:30" into "18:30"/"19:30" alike,
    and the span would still agree."""
    out = dict(readings)
    rows: dict[int, dict[str, FieldReading]] = {}
    for name, r in readings.items():
        m = _ENTRY.match(name)
        if m and r.value not in (None, False):
            rows.setdefault(int(m.group(1)), {})[m.group(2)] = r
    total, every_row_sure = Decimal(0), True
    for i, row in sorted(rows.items()):
        hours = row.get("hours")
        value = _decimal(hours.value) if hours else None
        if value is None:
            continue
        total += value
        start, end = row.get("start"), row.get("end")
        both = start is not None and end is not None
        span_fits = both and Decimal(_minutes(end.value) - _minutes(start.value)) / 60 == value
        sure = both and min(start.confidence, end.confidence) >= UNCERTAIN_BELOW
        if both and not sure and span_fits and hours.confidence >= UNCERTAIN_BELOW \
                and max(start.confidence, end.confidence) >= UNCERTAIN_BELOW:
            # One time in doubt (two sizes disagreed: "10:15" and "19:15"), the other time and the hours
            # read surely, and the span fits: the hours confirm the time, to no more than 0.85.
            name, r = (f"entries.{i}.start", start) if start.confidence < end.confidence else (f"entries.{i}.end", end)
            out[name] = r.model_copy(update={"confidence": max(r.confidence, 0.85)})
        if sure and span_fits:
            backing = min(start.confidence, end.confidence)
            if hours.confidence < backing:
                out[f"entries.{i}.hours"] = hours.model_copy(update={"confidence": backing})
        every_row_sure &= out[f"entries.{i}.hours"].confidence >= UNCERTAIN_BELOW
    written = readings.get("totals.hours")
    if written is not None and every_row_sure and total and _decimal(written.value) == total:
        backing = min(out[f"entries.{i}.hours"].confidence for i, row in rows.items() if "hours" in row)
        if written.confidence < backing:
            out["totals.hours"] = written.model_copy(update={"confidence": backing})
    # Transport: the amounts of the rows and the total written under them back each other when they add
    # up — one misread amount would break the sum. The surer side lifts the other, to no more than 0.85.
    amounts = {i: row["transport_eur"] for i, row in rows.items() if "transport_eur" in row}
    written = readings.get("totals.transport_eur")
    if amounts and written is not None and \
            _decimal(written.value) == sum((_decimal(r.value) or Decimal(0) for r in amounts.values()), Decimal(0)):
        lift = min(written.confidence, 0.85)
        for i, r in amounts.items():
            if r.confidence < lift:
                out[f"entries.{i}.transport_eur"] = r.model_copy(update={"confidence": lift})
        lift = min(min(r.confidence for r in amounts.values()), 0.85)
        if written.confidence < lift:
            out["totals.transport_eur"] = written.model_copy(update={"confidence": lift})
    return out


def _hours_checks(kind: str, readings: dict[str, FieldReading], doubt) -> None:
    """Hours as a person would look at them (on a scan a failure is a possible misreading, so `doubt` only
    marks the field uncertain): every hours figure is in quarter-hour steps. Hours a week above an Annex 1
    point's cap are not doubted as a reading: MK942 11.3 allows more with a written reason, so such a
    request is lawful input for the regulation's own checks, not a misreading ("7,5" read as "75" is
    caught by the comma the ink shows, parser.scan)."""
    for name, r in readings.items():
        m = _HOURS.match(name)
        hours = _decimal(r.value) if m else None
        if hours is not None and hours * 4 != int(hours * 4):
            doubt(name, "stundas nav ceturtdaļstundās", "the hours are not in quarter-hour steps")


def _decimal(value: Any) -> Decimal | None:
    if value in (None, "", False):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def unknown(base: dict[str, Any], shape: str | None, text: str, forms: Any) -> ParseResult:
    """A readable document that is none of the known forms: its text, and what was expected."""
    expected = ", ".join(forms.versions())
    return ParseResult(
        **base, kind="unknown", shape=shape, text=text.strip() or None,
        issues=[Issue(
            field=None, severity="error", code="missing",
            message_lv=f"dokuments nav atpazīts kā asistenta pakalpojuma veidlapa (gaidīta viena no: {expected}) — "
                       "pārbaudiet, vai tas ir pareizais dokuments, un ievadiet datus ar roku",
            message_en=f"the document is not recognised as an assistant-service form (expected one of: {expected}) — "
                       "check it is the right document and enter the data by hand",
        )],
    )

