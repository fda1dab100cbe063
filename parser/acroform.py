"""Fillable forms: the AcroForm values, read with pypdf (exact: confidence 1.0).

`get_form_text_fields()` skips checkboxes (LESSONS.md), so all fields are read with `get_fields()`; a checkbox
is on when its value (`/V`, or the widget's appearance state `/AS`) equals that checkbox's own export value,
which is not always `/Yes`.
"""
from __future__ import annotations

from typing import Any

from pypdf import PdfReader
from pypdf.generic import NameObject

from parser.normalize import normalize
from parser.result import FieldReading, Source

_OFF = {"/Off", "Off", ""}


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # a multi-select list box: not on these forms, keep the text
        return ", ".join(str(v) for v in value)
    return str(value)


def field_values(reader: PdfReader) -> dict[str, dict[str, Any]]:
    """Every terminal field by its full name: {"type": "/Tx"|"/Btn"|…, "value": …, "states": [...]}."""
    fields = reader.get_fields() or {}
    out = {}
    for name, field in fields.items():
        ftype = field.get("/FT")
        if ftype is None:
            continue  # a non-terminal parent of named kids
        value = field.get("/V")
        if value is None and ftype == "/Btn":
            value = _appearance_state(field)
        out[name] = {"type": str(ftype), "value": value, "states": [str(s) for s in field.get("/_States_", [])]}
    return out


def _appearance_state(field: Any) -> Any:
    """A checkbox without /V: the widget's /AS says which appearance (export value) is shown."""
    state = field.get("/AS")
    if state is None:
        for kid in field.get("/Kids", []) or []:
            kid = kid.get_object()
            if kid.get("/AS") not in (None, NameObject("/Off")):
                return kid.get("/AS")
    return state


def readings(definition: Any, values: dict[str, dict[str, Any]]) -> dict[str, FieldReading]:
    out = {}
    for f in definition.fields:
        if f.name not in values:
            continue
        raw = values[f.name]["value"]
        source = Source(page=f.page, box=tuple(f.rect), method="acroform")
        if f.type == "checkbox":
            raw_text = _plain(raw)
            export = "/" + str(f.export_value).lstrip("/") if f.export_value else None
            states = [s for s in values[f.name]["states"] if s not in _OFF]
            on = raw_text not in _OFF and raw_text is not None
            if on and export is not None and raw_text != export and export in states:
                on = False  # another state of a shared-name box: not this one's export value
            out[f.name] = FieldReading(value=on, raw=raw_text, confidence=1.0, source=source)
        else:
            text = _plain(raw)
            out[f.name] = FieldReading(value=normalize(f.type, text) if text else None, raw=text,
                                       confidence=1.0, source=source)
    return out
