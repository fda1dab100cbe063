"""Fillable forms: the AcroForm values (exact: confidence 1.0).

The field tree is walked with pikepdf (qpdf, C++): on our timesheet it reads the same values several times
faster than pypdf's `get_fields()`, which parses every field object in Python (bench/bench_parser.py).
pypdf's `get_fields()` stays as the fallback for a file qpdf will not open. `get_form_text_fields()` skips
checkboxes (LESSONS.md); a checkbox is on when its value (`/V`, or the widget's appearance state `/AS`) equals
that checkbox's own export value, which is not always `/Yes`.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pikepdf
from pypdf import PdfReader
from pypdf.generic import NameObject

from parser.normalize import normalize
from parser.pdf import QPDF_ERRORS, open_qpdf
from parser.result import FieldReading, Source

_OFF = {"/Off", "Off", ""}


def _plain(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # a multi-select list box: not on these forms, keep the text
        return ", ".join(str(v) for v in value)
    return str(value)


def field_values(reader: PdfReader, data: bytes | None = None) -> dict[str, dict[str, Any]]:
    """Every terminal field by its full name: {"type": "/Tx"|"/Btn"|…, "value": …, "states": [...]}.

    With `data`, read with qpdf (`qpdf_values`), falling back to pypdf's `get_fields()` where qpdf fails."""
    if data is not None:
        try:
            with open_qpdf(data) as pdf:
                return qpdf_values(pdf)
        except QPDF_ERRORS:
            pass  # qpdf refused the file or its tree: pypdf, which opened it, reads it instead
    return pypdf_values(reader)


def pypdf_values(reader: PdfReader) -> dict[str, dict[str, Any]]:
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


def qpdf_values(pdf: pikepdf.Pdf) -> dict[str, dict[str, Any]]:
    """`field_values` from a file open in qpdf: the field tree walked as pypdf's `get_fields()` walks it.

    A kid with a name (/T) is a field of its own, one without is a widget of its parent. Every per-object
    access crosses into qpdf, so each key is read once per node, and the appearance states (the only thing
    read for checkboxes, as pypdf fills `/_States_` for buttons) are read for buttons only: a text field's
    appearance is a stream that would otherwise be resolved for nothing. An object seen twice (a cycle in
    a hostile tree) is skipped, as pypdf does."""
    out: dict[str, dict[str, Any]] = {}
    acroform = pdf.Root.get("/AcroForm")
    if acroform is None or acroform.get("/Fields") is None:
        return out
    dictionary, array, off = pikepdf.Dictionary, pikepdf.Array, pikepdf.Name.Off
    seen: set[tuple[int, int]] = set()
    # (node, parent's full name, inherited /FT, the node's /T: read once, when its parent sorted its kids)
    stack = [(field, "", None, field.get("/T")) for field in reversed(acroform.Fields.as_list())]
    while stack:  # depth-first, no recursion: a hostile tree cannot exhaust the stack
        node, prefix, inherited_type, title = stack.pop()
        objgen = node.objgen
        if objgen != (0, 0):  # an indirect object: a direct one cannot be reached twice
            if objgen in seen:
                continue
            seen.add(objgen)
        if title is None:
            name = prefix
        else:
            title = _text(title)
            name = f"{prefix}.{title}" if prefix else title
        ftype = node.get("/FT", inherited_type)
        kids = node.get("/Kids")
        if kids is not None:
            kids = kids.as_list()
            named = [(k, t) for k in kids if (t := k.get("/T")) is not None]
            if named:
                stack.extend((k, name, ftype, t) for k, t in reversed(named))
                continue
        if ftype is None:
            continue
        value = node.get("/V")
        states: list[str] = []
        if ftype == "/Btn":
            widgets = [node] if "/AP" in node else (kids or [])
            if value is None:
                value = node.get("/AS") or next(
                    (w.get("/AS") for w in widgets if w.get("/AS") not in (None, off)), None)
            for widget in widgets:
                appearance = widget.get("/AP")
                normal = appearance.get("/N") if isinstance(appearance, dictionary) else None
                if isinstance(normal, dictionary):
                    states.extend(sorted(normal.keys()))
        if value is not None:  # a multi-select list box: not on these forms, keep the text
            value = ", ".join(_text(v) for v in value) if isinstance(value, array) else _text(value)
        out[name] = {"type": _text(ftype), "value": value, "states": states}
    return out


_TEXT = (pikepdf.String, pikepdf.Name, int, float, Decimal)


def _text(obj: Any) -> str:
    """A string, name or number as text. Anything else raises a `ValueError`, so that pypdf reads the file
    instead: `str()` of a pikepdf stream or dictionary is its repr (the walk used to read a text stream
    value as '<pikepdf.Stream(…)>'), while pypdf decodes a text stream under its cap."""
    if isinstance(obj, _TEXT):
        return str(obj)
    raise ValueError(f"a field holds a {type(obj).__name__} where text was expected")


def _appearance_state(field: Any) -> Any:
    """A checkbox without /V: the widget's /AS says which appearance (export value) is shown."""
    state = field.get("/AS")
    if state is None:
        for kid in field.get("/Kids", []) or []:
            kid = kid.get_object()
            if kid.get("/AS") not in (None, NameObject("/Off")):
                return kid.get("/AS")
    return state


# Where each field of a form edition is: fixed data, built once per definition and shared (`Source` is frozen).
# Keyed by version and checked by identity: hashing a definition walks all its fields (0.1 ms a call).
_SOURCES: dict[str, tuple[Any, dict[str, Source]]] = {}


def _sources(definition: Any) -> dict[str, Source]:
    cached = _SOURCES.get(definition.version)
    if cached is None or cached[0] is not definition:
        cached = _SOURCES[definition.version] = (definition, {
            f.name: Source(page=f.page, box=tuple(f.rect), method="acroform") for f in definition.fields})
    return cached[1]


def readings(definition: Any, values: dict[str, dict[str, Any]]) -> dict[str, FieldReading]:
    out = {}
    sources = _sources(definition)
    for f in definition.fields:
        found = values.get(f.name)
        if found is None:
            continue
        raw = found["value"]
        source = sources[f.name]
        if f.type == "checkbox":
            raw_text = _plain(raw)
            export = "/" + str(f.export_value).lstrip("/") if f.export_value else None
            states = [s for s in found["states"] if s not in _OFF]
            on = raw_text not in _OFF and raw_text is not None
            if on and export is not None and raw_text != export and export in states:
                on = False  # another state of a shared-name box: not this one's export value
            out[f.name] = FieldReading(value=on, raw=raw_text, confidence=1.0, source=source)
        else:
            text = _plain(raw)
            out[f.name] = FieldReading(value=normalize(f.type, text) if text else None, raw=text,
                                       confidence=1.0, source=source)
    return out
