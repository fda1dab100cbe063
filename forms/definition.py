"""The two official blank forms as data: `application.yaml` (MK 942 points 5–7) and `timesheet.yaml` (point 20).

`load(kind)` reads a form's definition into frozen typed records: every field with its flattened record
path, Latvian label, type, page, box (PDF points, origin bottom-left), limits, checkbox export value and the
characters OCR may expect in it. `to_record()` nests flat field values into the dict that
`regulation.records.load(Application|Timesheet, …)` accepts; `from_record()` is its inverse.

>>> d = load("application")
>>> d.version, d.pages, len(d.fields) > 90
('ASIST-IESN-2026.1', 2, True)
>>> f = d.field("activities.0.weekdays.1"); f.type, f.export_value, f.page
('checkbox', '1', 0)
>>> rec = to_record("application", {"received_on": "14.03.2026", "applicant.given_name": "Jānis",
...     "applicant.surname": "Bērziņš", "applicant.personal_code": "161175-19997", "applicant.address": "Rīga",
...     "activities.1.hours_per_week": "7,5", "activities.1.weekdays.3": "/3", "activities.1.weekdays.1": True,
...     "visual_benefit.no": "Ne", "attachments.7.2": "Yes"})
>>> rec["received_on"], rec["activities"], rec["visual_benefit"], rec["attachments"]
('2026-03-14', [{'annex1_point': 2, 'hours_per_week': '7.5', 'weekdays': [1, 3], 'place': None, \
'institution_transport': False, 'outside_latvia': False}], False, ['7.2'])
>>> from_record("application", rec)["activities.1.hours_per_week"]
'7,5'
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

import yaml

Kind = Literal["application", "timesheet"]
FieldType = Literal["text", "date", "time", "number", "money", "personal_code", "month", "checkbox", "email",
                    "phone"]
Rect = tuple[float, float, float, float]

HERE = Path(__file__).resolve().parent
KINDS: tuple[Kind, ...] = ("application", "timesheet")

_LV_UPPER = "AĀBCČDEĒFGĢHIĪJKĶLĻMNŅOPQRSŠTUŪVWXYZŽ"
# Characters each field type may hold, for Tesseract's whitelist (a narrower set reads better).
WHITELISTS: dict[str, str] = {
    "text": _LV_UPPER + _LV_UPPER.lower() + "0123456789 .,:;-/\"'()–„”“",
    "date": "0123456789.",
    "time": "0123456789:",
    "number": "0123456789,.",
    "money": "0123456789,.",
    "personal_code": "0123456789-",
    "month": "0123456789.-",
    "email": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@._-+",
    "phone": "0123456789+ ",
}
# How a value is written on the paper form (checked by `FormField.pattern` unless the field sets its own).
PATTERNS: dict[str, str] = {
    "date": r"^\d{2}\.\d{2}\.\d{4}\.?$",
    "time": r"^\d{1,2}:\d{2}$",
    "number": r"^\d+([.,]\d+)?$",
    "money": r"^\d+([.,]\d{1,2})?$",
    "personal_code": r"^\d{6}-?\d{5}$",
    "month": r"^(\d{2}\.\d{4}|\d{4}-\d{2})$",
    "email": r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    "phone": r"^\+?[\d ]{7,20}$",
}


@dataclass(frozen=True)
class FormField:
    """One box on the form. `name` is the flattened record path ("activities.0.weekdays.1")."""

    name: str
    label_lv: str
    type: FieldType
    page: int  # 0-based
    rect: Rect  # PDF points, origin bottom-left
    max_length: int | None = None
    allowed: tuple[str, ...] | None = None  # the only values allowed (as written), or None
    pattern: str | None = None  # a regex the written value must match, or None
    export_value: str | None = None  # checkboxes: the value the box holds when ticked (without "/")
    ocr_whitelist: str | None = None
    required: bool = False
    caption_lv: str | None = None  # what is printed beside the box (None: nothing; table cells have headers)
    font_size: float = 9.0


@dataclass(frozen=True)
class Text:
    """Printed text on the blank form (labels, headings, the regulation's wording); no value."""

    page: int
    x: float
    y: float  # baseline
    text: str
    size: float = 8.0
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"
    width: float | None = None  # wrap to this width


@dataclass(frozen=True)
class Line:
    page: int
    x0: float
    y: float
    x1: float


@dataclass(frozen=True)
class FormDefinition:
    kind: Kind
    version: str  # printed on every page and in the PDF metadata
    title_lv: str
    page_size: tuple[float, float]  # A4 in points
    pages: int
    fields: tuple[FormField, ...]
    texts: tuple[Text, ...] = ()
    lines: tuple[Line, ...] = ()
    _index: dict[str, FormField] = field(default_factory=dict, repr=False, compare=False)

    def field(self, name: str) -> FormField:
        return self._index[name]

    def on_page(self, page: int) -> tuple[FormField, ...]:
        return tuple(f for f in self.fields if f.page == page)

    def version_mark(self, page: int) -> str:
        """The text printed at the foot of page `page` (0-based), e.g. "ASIST-IESN-2026.1 · 1/2"."""
        return f"{self.version} · {page + 1}/{self.pages}"


# ---------------------------------------------------------------- loading


def _field(spec: dict[str, Any], in_table: bool = False) -> FormField:
    ftype = spec["type"]
    if in_table or spec.get("print_caption", True) is False:
        caption = None  # a table's column headers say what its cells are
    elif ftype == "checkbox":
        caption = spec.get("caption_lv")  # e.g. "Jā"; the attachment boxes have the regulation's text beside them
    else:
        caption = spec.get("caption_lv", spec["label_lv"])
    allowed = spec.get("allowed")
    return FormField(
        name=spec["name"], label_lv=spec["label_lv"], type=ftype, page=int(spec["page"]),
        rect=tuple(float(v) for v in spec["rect"]),  # type: ignore[arg-type]
        max_length=spec.get("max_length"),
        allowed=tuple(str(a) for a in allowed) if allowed else None,
        pattern=spec.get("pattern", PATTERNS.get(ftype)),
        export_value=str(spec["export_value"]) if ftype == "checkbox" else None,
        ocr_whitelist=spec.get("ocr_whitelist", WHITELISTS.get(ftype)),
        required=bool(spec.get("required", False)),
        caption_lv=caption,
        font_size=float(spec.get("font_size", 9.0)),
    )


def _table(spec: dict[str, Any]) -> tuple[list[FormField], list[Text]]:
    """A table's rows × columns as fields "<table>.<row>.<column key>", plus its printed row labels."""
    fields, texts = [], []
    height = float(spec["row_height"])
    font_size = float(spec.get("font_size", 9.0))
    labels = spec.get("row_texts") or {}
    for seg in spec["segments"]:
        page, top = int(seg["page"]), float(seg["top"])
        for h in spec.get("header", []):
            texts.append(Text(page=page, x=h["x"], y=top + h["dy"], text=h["text"], size=h.get("size", 6.5),
                              bold=h.get("bold", False), align=h.get("align", "left")))
        for i in range(int(seg["rows"])):
            row = int(seg["first_row"]) + i
            y1 = top - i * height
            y0 = y1 - height
            row_label = spec["row_label_lv"].format(n=row + 1, point=row + 1)
            for col in spec["columns"]:
                if col["type"] == "checkbox":
                    side = col["x1"] - col["x0"]
                    middle = (y0 + y1) / 2
                    rect = (col["x0"], middle - side / 2, col["x1"], middle + side / 2)
                else:
                    rect = (col["x0"], y0 + 2, col["x1"], y1 - 2)
                cell = {k: v for k, v in col.items() if k not in ("key", "x0", "x1")}
                cell.update(name=f"{spec['name']}.{row}.{col['key']}", label_lv=f"{col['label_lv']} ({row_label})",
                            page=page, rect=[round(v, 2) for v in rect], font_size=font_size)
                fields.append(_field(cell, in_table=True))
            if labels.get("numbers"):
                texts.append(Text(page=page, x=labels["x"], y=y0 + height / 2 - 2.5, text=f"{row + 1}.",
                                  size=labels.get("size", 7)))
            elif labels.get("texts"):
                texts.append(Text(page=page, x=labels["x"], y=y1 - labels.get("size", 7) - 1.5,
                                  text=labels["texts"][row], size=labels.get("size", 7), width=labels.get("width")))
    return fields, texts


@functools.lru_cache(maxsize=None)
def load(kind: Kind) -> FormDefinition:
    """The definition of the blank `kind` form ("application" or "timesheet") from its YAML file."""
    if kind not in KINDS:
        raise ValueError(f"unknown form kind {kind!r}; expected one of {', '.join(KINDS)}")
    data = yaml.safe_load((HERE / f"{kind}.yaml").read_text(encoding="utf-8"))
    fields = [_field(spec) for spec in data.get("fields", [])]
    texts = [Text(**t) for t in data.get("texts", [])]
    for table in data.get("tables", []):
        f, t = _table(table)
        fields.extend(f)
        texts.extend(t)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise ValueError(f"{kind}.yaml: duplicate field names")
    definition = FormDefinition(
        kind=data["kind"], version=data["version"], title_lv=data["title_lv"],
        page_size=tuple(data["page_size"]), pages=int(data["pages"]),  # type: ignore[arg-type]
        fields=tuple(fields), texts=tuple(texts), lines=tuple(Line(**ln) for ln in data.get("lines", [])))
    definition._index.update({f.name: f for f in fields})
    return definition


# ---------------------------------------------------------------- values ⇄ records

_OFF = {"", "off", "0", "false", "nē", "ne", "no", "n"}
_ON = {"jā", "ja", "yes", "on", "x", "1", "true", "y", "v", "✓"}


def checked(f: FormField, value: Any) -> Any:
    """A checkbox's value as a bool: True, its own export value, or a yes word; False when off or empty.

    Anything else is returned as it was, so that the record's validation names the field.
    """
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lstrip("/")
    if f.export_value is not None and text == f.export_value:
        return True
    if text.lower() in _OFF:
        return False
    if text.lower() in _ON:
        return True
    return value


def _text(value: Any) -> str | None:
    if value is None or value is False:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _iso_date(value: Any) -> Any:
    """"14.03.2026" (as the form is written) or ISO → "2026-03-14"; anything else unchanged."""
    text = _text(value)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?", text)
    if m:
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        except ValueError:
            return text
    return text


def _month(value: Any) -> Any:
    text = _text(value)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{1,2})\.(\d{4})\.?", text)
    return f"{int(m[2]):04d}-{int(m[1]):02d}" if m else text


def _decimal(value: Any) -> Any:
    """"7,5" → "7.5" (a string: the record turns it into a Decimal without float rounding)."""
    text = _text(value)
    if text is None:
        return None
    plain = text.replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        Decimal(plain)
    except InvalidOperation:
        return text
    return plain


def _int(value: Any) -> Any:
    text = _text(value)
    return int(text) if text is not None and text.isdigit() else text


def _time(value: Any) -> Any:
    text = _text(value)
    if text is None:
        return None
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    return f"{int(m[1]):02d}:{m[2]}" if m else text


def _person(values: dict[str, Any], prefix: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    out = {k: _text(values.get(f"{prefix}.{k}")) for k in keys}
    out = {k: v for k, v in out.items() if v is not None}
    return out or None


def _yes_no(d: FormDefinition, values: dict[str, Any], prefix: str) -> Any:
    """A Jā/Nē pair of boxes as one bool; both ticked is a contradiction left for validation to report."""
    yes = checked(d.field(f"{prefix}.yes"), values.get(f"{prefix}.yes"))
    no = checked(d.field(f"{prefix}.no"), values.get(f"{prefix}.no"))
    if yes is True and no is True:
        return "Jā un Nē"
    return yes


_PERSON = ("given_name", "surname", "personal_code", "address", "phone", "email")


def to_record(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """Flat field values (as read from a form, or from `from_record`) → the nested record dict.

    Dates "DD.MM.GGGG" become ISO, decimals with a comma get a point, ticked boxes True, the weekday boxes a
    list of ISO weekday numbers, empty table rows are dropped. A value that does not convert is passed on
    unchanged so that `regulation.records.load` reports it against its field.
    """
    d = load(kind)
    if kind == "application":
        return _application(d, values)
    return _timesheet(d, values)


def _application(d: FormDefinition, values: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"received_on": _iso_date(values.get("received_on"))}
    if record["received_on"] is None:
        del record["received_on"]
    applicant = _person(values, "applicant", _PERSON)
    if applicant is not None:
        record["applicant"] = applicant
    record["representative"] = _person(values, "representative", _PERSON)
    activities = []
    for row in range(7):
        p = f"activities.{row}"
        days = [day for day in range(1, 8) if checked(d.field(f"{p}.weekdays.{day}"),
                                                       values.get(f"{p}.weekdays.{day}")) is True]
        transport = checked(d.field(f"{p}.institution_transport"), values.get(f"{p}.institution_transport"))
        outside = checked(d.field(f"{p}.outside_latvia"), values.get(f"{p}.outside_latvia"))
        hours, place = _decimal(values.get(f"{p}.hours_per_week")), _text(values.get(f"{p}.place"))
        if hours is None and place is None and not days and transport is False and outside is False:
            continue
        activity = {"annex1_point": row + 1, "hours_per_week": hours, "weekdays": days, "place": place,
                    "institution_transport": transport, "outside_latvia": outside}
        if hours is None:
            del activity["hours_per_week"]  # reported as missing by the record's validation
        activities.append(activity)
    record["activities"] = activities
    record["visual_benefit"] = _yes_no(d, values, "visual_benefit")
    record["preferred_assistant"] = _person(values, "preferred_assistant", ("given_name", "surname"))
    record["attachments"] = [f"7.{i}" for i in range(1, 7)
                             if checked(d.field(f"attachments.7.{i}"), values.get(f"attachments.7.{i}")) is True]
    return record


def _entry_rows(d: FormDefinition) -> int:
    return 1 + max(int(f.name.split(".")[1]) for f in d.fields if f.name.startswith("entries."))


def _timesheet(d: FormDefinition, values: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    month = _month(values.get("month"))
    if month is not None:
        record["month"] = month
    recipient = _person(values, "recipient", ("given_name", "surname", "personal_code"))
    if recipient is not None:
        record["recipient"] = recipient
    assistant = _person(values, "assistant", ("given_name", "surname", "personal_code")) or {}
    minor = _yes_no(d, values, "assistant.is_minor")
    if assistant or minor is not False:
        record["assistant"] = {**assistant, "is_minor": minor}
    record["provider"] = _person(values, "provider", ("name", "registration_number"))
    entries = []
    for row in range(_entry_rows(d)):
        p = f"entries.{row}"
        entry = {
            "date": _iso_date(values.get(f"{p}.date")),
            "start": _time(values.get(f"{p}.start")),
            "end": _time(values.get(f"{p}.end")),
            "hours": _decimal(values.get(f"{p}.hours")),
            "annex1_point": _int(values.get(f"{p}.annex1_point")),
            "place": _text(values.get(f"{p}.place")),
            "outside_latvia": checked(d.field(f"{p}.outside_latvia"), values.get(f"{p}.outside_latvia")),
            "transport_eur": _decimal(values.get(f"{p}.transport_eur")),
        }
        if all(v in (None, False) for v in entry.values()):
            continue
        # Empty required columns are left out, so the record's validation reports them as missing;
        # an empty transport column is no transport (the record's default, 0).
        entries.append({k: v for k, v in entry.items() if v is not None or k == "place"})
    record["entries"] = entries
    record["signed_by_assistant"] = checked(d.field("signed_by_assistant"), values.get("signed_by_assistant"))
    record["signed_by_recipient"] = checked(d.field("signed_by_recipient"), values.get("signed_by_recipient"))
    return record


# ---------------------------------------------------------------- record → form values


def _lv_decimal(value: Any, places: int | None = None) -> str:
    """Decimal as written on a Latvian form: "7,5", "12,50" (money always with cents)."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if places is not None:
        text = f"{number.quantize(Decimal(1).scaleb(-places)):f}"
    else:
        text = f"{number.normalize():f}" if number != number.to_integral_value() else f"{int(number)}"
    return text.replace(".", ",")


def _lv_date(value: Any) -> str:
    if value is None:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return day.strftime("%d.%m.%Y")


def _record(kind: Kind, record: Any) -> Any:
    from regulation.records import Application, Timesheet, load as load_record

    return load_record(Application if kind == "application" else Timesheet,
                       record.model_dump() if hasattr(record, "model_dump") else record)


def from_record(kind: Kind, record: Any) -> dict[str, str | bool]:
    """A record (model or dict) → every field's value as the form shows it ("" / False when empty).

    Raises ValueError when the record does not fit the form: two activities under one Annex 1 point (the
    application has one row per point) or more timesheet entries than rows.
    """
    d = load(kind)
    r = _record(kind, record)
    values: dict[str, str | bool] = {f.name: (False if f.type == "checkbox" else "") for f in d.fields}

    def person(prefix: str, p: Any, keys: tuple[str, ...]) -> None:
        if p is None:
            return
        for k in keys:
            v = getattr(p, k)
            values[f"{prefix}.{k}"] = "" if v is None else str(v)

    if kind == "application":
        values["received_on"] = _lv_date(r.received_on)
        person("applicant", r.applicant, _PERSON)
        person("representative", r.representative, _PERSON)
        seen: set[int] = set()
        for a in r.activities:
            if a.annex1_point in seen:
                raise ValueError(f"two activities under Annex 1 point {a.annex1_point}: the form has one row per point")
            seen.add(a.annex1_point)
            p = f"activities.{a.annex1_point - 1}"
            values[f"{p}.hours_per_week"] = _lv_decimal(a.hours_per_week)
            for day in a.weekdays:
                values[f"{p}.weekdays.{day}"] = True
            values[f"{p}.place"] = a.place or ""
            values[f"{p}.institution_transport"] = a.institution_transport
            values[f"{p}.outside_latvia"] = a.outside_latvia
        values["visual_benefit.yes"] = r.visual_benefit
        values["visual_benefit.no"] = not r.visual_benefit
        person("preferred_assistant", r.preferred_assistant, ("given_name", "surname"))
        for code in r.attachments:
            values[f"attachments.{code}"] = True
        return values

    values["month"] = f"{r.month[5:]}.{r.month[:4]}"
    person("recipient", r.recipient, ("given_name", "surname", "personal_code"))
    person("assistant", r.assistant, ("given_name", "surname", "personal_code"))
    values["assistant.is_minor.yes"] = r.assistant.is_minor
    values["assistant.is_minor.no"] = not r.assistant.is_minor
    person("provider", r.provider, ("name", "registration_number"))
    if len(r.entries) > _entry_rows(d):
        raise ValueError(f"{len(r.entries)} entries; the timesheet has {_entry_rows(d)} rows")
    for i, e in enumerate(r.entries):
        p = f"entries.{i}"
        values[f"{p}.date"] = _lv_date(e.date)
        values[f"{p}.start"] = e.start.strftime("%H:%M")
        values[f"{p}.end"] = e.end.strftime("%H:%M")
        values[f"{p}.hours"] = _lv_decimal(e.hours)
        values[f"{p}.annex1_point"] = str(e.annex1_point)
        values[f"{p}.place"] = e.place or ""
        values[f"{p}.outside_latvia"] = e.outside_latvia
        # no transport is left blank, as people fill the form (the record's default is 0)
        values[f"{p}.transport_eur"] = _lv_decimal(e.transport_eur, 2) if e.transport_eur else ""
    if r.entries:
        values["totals.hours"] = _lv_decimal(sum((e.hours for e in r.entries), Decimal(0)))
        values["totals.transport_eur"] = _lv_decimal(sum((e.transport_eur for e in r.entries), Decimal(0)), 2)
    values["signed_by_assistant"] = r.signed_by_assistant
    values["signed_by_recipient"] = r.signed_by_recipient
    return values
