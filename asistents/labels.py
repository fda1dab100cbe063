"""The Latvian label a clerk knows a record field by: the label printed on the PDF form (applications,
timesheets), the question `case assess` asks (assessments), the spreadsheet header (contracts), so an error
names what the clerk typed and where, not only the record's field path.

>>> label_lv("application", "applicant.personal_code"), label_lv("application", "activities.2.hours_per_week")
('Personas kods', 'Stundas nedēļā')
>>> label_lv("contract", "contract.start"), label_lv("notice_suspension", "addressee.personal_code")
('Sākuma datums', 'Personas kods')
>>> label_lv("assessment", "disability_group"), label_lv("application", "nonsense") is None
('Invaliditātes grupa', True)
"""
from __future__ import annotations

import functools
import re

_INDEX = re.compile(r"\.\d+(?=\.|$)")


def _key(path: str) -> str:
    """A path with list indices as `*` ("activities.2.hours_per_week" → "activities.*.hours_per_week")."""
    return _INDEX.sub(".*", path)


@functools.cache
def _labels() -> dict[str, dict[str, str]]:
    from asistents.commands.assessment_prompt import FIELDS
    from forms.definition import load
    from generator.documents.columns import mailmerge_columns

    out: dict[str, dict[str, str]] = {}
    for kind in ("application", "timesheet"):
        table: dict[str, str] = {}
        for f in load(kind).fields:
            # a table cell's label ends with its row ("Stundas nedēļā (1. pielikuma 1. punkts)"): the record's
            # list index is not the form's row, so the column's label stands for every row
            label = f.label_lv.split(" (")[0] if re.search(r"\.\d+\.", f.name) else f.label_lv
            for key in {f.name, _key(f.name)}:
                table.setdefault(key, label)
        out[kind] = table
    out["assessment"] = {path: label.split(" (")[0] for path, label, _, _ in FIELDS}
    # the contract document's DATA ("contract.start") and the Contract record itself ("start")
    columns = mailmerge_columns("contract").items()
    out["contract"] = {**{_key(p.removeprefix("contract.")): h[0] for p, h in columns},
                       **{_key(p): h[0] for p, h in columns}}
    return out


def label_lv(kind: str, field: str) -> str | None:
    """The Latvian label of `field` in a record of `kind` (`RecordError.kind`), or None when it has none.
    Nested records (a decision's `application.…`, a notice's `addressee.…`) are looked up by what they hold."""
    tables = _labels()
    own = tables.get(kind, {})
    for path in (field, _key(field)):
        if path in own:
            return own[path]
    parts = field.split(".")
    for i in range(1, len(parts)):  # "application.applicant.x" → "applicant.x" in the application form
        rest = ".".join(parts[i:])
        for table in tables.values():
            for path in (rest, _key(rest)):
                if path in table:
                    return table[path]
    if len(parts) >= 2 and parts[-2] in ("addressee", "recipient", "applicant"):  # a person as 6.1 lists them
        return tables["application"].get(f"applicant.{parts[-1]}")
    return None
