"""Fillable forms: the AcroForm values (exact: confidence 1.0).

The field tree is walked with pikepdf (qpdf, C++): on our 381-field timesheet it reads the same values about
7× faster than pypdf's `get_fields()`, which parses every field object in Python (bench/bench_parser.py).
pypdf's `get_fields()` stays as the fallback for a file qpdf will not open. `get_form_text_fields()` skips
checkboxes (LESSONS.md); a checkbox is on when its value (`/V`, or the widget's appearance state `/AS`) equals
that checkbox's own export value, which is not always `/Yes`.
"""
from __future__ import annotations

import io
from typing import Any

import pikepdf
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


def field_values(reader: PdfReader, data: bytes | None = None) -> dict[str, dict[str, Any]]:
    """Every terminal field by its full name: {"type": "/Tx"|"/Btn"|…, "value": …, "states": [...]}."""
    if data is not None:
        try:
            return _field_values_qpdf(data)
        except (pikepdf.PdfError, KeyError, AttributeError, ValueError):
            pass  # qpdf refused the file or its tree: pypdf, which opened it, reads it instead
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


def _field_values_qpdf(data: bytes) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        acroform = pdf.Root.get("/AcroForm")
        if acroform is None or acroform.get("/Fields") is None:
            return out
        stack = [(field, "", None) for field in reversed(list(acroform.Fields))]
        while stack:  # depth-first, no recursion: a hostile tree cannot exhaust the stack
            node, prefix, inherited_type = stack.pop()
            title = node.get("/T")
            name = f"{prefix}.{title}" if prefix and title is not None else (str(title) if title is not None else prefix)
            ftype = node.get("/FT", inherited_type)
            kids = node.get("/Kids")
            named = [k for k in kids if "/T" in k] if kids is not None else []
            if named:
                stack.extend((k, name, ftype) for k in reversed(named))
                continue
            if ftype is None:
                continue
            widgets = [node] if "/AP" in node else list(kids or [])
            value = node.get("/V")
            if value is None and ftype == "/Btn":
                value = node.get("/AS") or next(
                    (w.get("/AS") for w in widgets if w.get("/AS") not in (None, pikepdf.Name.Off)), None)
            states = [str(k) for w in widgets if "/AP" in w and isinstance(w.AP.get("/N"), pikepdf.Dictionary)
                      for k in w.AP.N.keys()]
            if isinstance(value, pikepdf.Array):  # a multi-select list box: not on these forms, keep the text
                value = ", ".join(str(v) for v in value)
            out[name] = {"type": str(ftype), "value": None if value is None else str(value), "states": states}
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
