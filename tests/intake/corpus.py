"""Inputs for the intake tests and the benchmark: filled official forms made by the project's own `forms/`.

`Filler` fills the blank fillable form (built once per kind by `forms.build.build_blank`) the way
`forms.build.fill` does, without building the blank again for every file (that takes ~1.6 s here; filling a
clone of it takes milliseconds). `forms.build.fill` itself is used for the other shapes.
People are synthetic: personal codes from `regulation.personal_code.make`, so each index is a distinct person.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "records"

GIVEN = ["Anna", "Ilze", "Līga", "Jānis", "Pēteris", "Ērika", "Oskars", "Zane", "Māris", "Dace"]
SURNAMES = ["Kalniņa", "Ozola", "Bērziņa", "Liepiņš", "Krūmiņš", "Zariņa", "Vītols", "Ābele", "Siliņš", "Šmite"]


def _code(i: int, born: dt.date) -> str:
    from regulation.personal_code import make

    day = born + dt.timedelta(days=i // 1000)
    return make(day, i % 1000)


def person(i: int, born: dt.date = dt.date(1960, 1, 1)) -> dict[str, Any]:
    return {"given_name": GIVEN[i % len(GIVEN)], "surname": SURNAMES[(i // len(GIVEN)) % len(SURNAMES)],
            "personal_code": _code(i, born), "address": f"Brīvības iela {i % 200 + 1}, Valmiera"}


def timesheet(i: int, assistant: int | None = None) -> dict[str, Any]:
    """The 2019-03 sample timesheet for recipient `i` and assistant `assistant` (default: i)."""
    rec = json.loads((SAMPLES / "timesheet" / "timesheet_2019-03.json").read_text(encoding="utf-8"))
    rec["recipient"] = person(i)
    a = i if assistant is None else assistant
    rec["assistant"] = {**{k: v for k, v in person(a, dt.date(1975, 1, 1)).items() if k != "address"},
                        "is_minor": False}
    return rec


def contract(i: int, assistant: int | None = None) -> dict[str, Any]:
    rec = json.loads((SAMPLES / "timesheet" / "contract_2019-03.json").read_text(encoding="utf-8"))
    ts = timesheet(i, assistant)
    rec["number"] = f"AP-2019/{i:05d}"
    rec["recipient"], rec["assistant"] = ts["recipient"], ts["assistant"]
    return rec


def application(i: int, sample: str = "adult_work_25h") -> dict[str, Any]:
    rec = json.loads((SAMPLES / "assess" / f"{sample}.json").read_text(encoding="utf-8"))
    applicant = person(i, dt.date(1985, 6, 12))
    rec["applicant"] = {**rec["applicant"], **{k: applicant[k] for k in ("given_name", "surname", "personal_code")},
                        "birth_date": None} if "birth_date" in rec["applicant"] else \
        {**rec["applicant"], **{k: applicant[k] for k in ("given_name", "surname", "personal_code")}}
    return rec


class Filler:
    """Fillable forms from records, the blank built once per kind."""

    def __init__(self) -> None:
        self._blanks: dict[str, bytes] = {}
        self._indexes: dict[str, dict[str, Any]] = {}

    def blank(self, kind: str) -> bytes:
        if kind not in self._blanks:
            from forms.build import build_blank

            self._blanks[kind] = build_blank(kind)
        return self._blanks[kind]

    def fill(self, kind: str, record: dict[str, Any], shape: str = "fillable") -> bytes:
        if shape != "fillable":
            from forms.build import fill

            return fill(kind, copy.deepcopy(record), shape)
        from forms.build import acroform_values
        from forms.definition import from_record, load

        by_page = acroform_values(load(kind), from_record(kind, record))
        values = {name: text for fields in by_page.values() for name, text in fields.items()}
        return self._append_values(kind, values)

    def _index(self, kind: str) -> dict[str, Any]:
        if kind not in self._indexes:
            from pypdf import PdfReader

            data = self.blank(kind)
            reader = PdfReader(io.BytesIO(data))
            fields: dict[str, tuple[Any, Any]] = {}
            for page in reader.pages:
                for ref in page.get("/Annots") or []:
                    widget = ref.get_object()
                    field_ref = ref if "/T" in widget else widget["/Parent"]
                    fields[_qualified(field_ref.get_object())] = (field_ref, ref)
            self._indexes[kind] = {"fields": fields, "root": reader.trailer.raw_get("/Root"),
                                   "size": int(reader.trailer["/Size"]),
                                   "startxref": int(data[data.rindex(b"startxref") + 9:].split()[0])}
        return self._indexes[kind]

    def _append_values(self, kind: str, values: dict[str, str]) -> bytes:
        """The blank plus one incremental update (PDF 1.7, 7.5.6) redefining the filled fields with /V (and the
        checkbox widgets' /AS): hand-written because pypdf's writer re-serialises the whole 200 KB form (0.2 s
        a file, too slow for the benchmark's 10,000 inputs); the parser reads the result with pypdf."""
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        index = self._index(kind)
        changed: dict[int, DictionaryObject] = {}
        for name, text in values.items():
            field_ref, widget_ref = index["fields"][name]
            field = changed.get(field_ref.idnum) or DictionaryObject(field_ref.get_object())
            if text.startswith("/"):
                field[NameObject("/V")] = NameObject(text)
                widget = field if widget_ref.idnum == field_ref.idnum else (
                    changed.get(widget_ref.idnum) or DictionaryObject(widget_ref.get_object()))
                widget[NameObject("/AS")] = NameObject(text)
                changed[widget_ref.idnum] = widget
            else:
                field[NameObject("/V")] = TextStringObject(text)
            changed[field_ref.idnum] = field
        out = bytearray(self.blank(kind))
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = []
        for num in sorted(changed):
            offsets.append((num, len(out)))
            buf = io.BytesIO()
            changed[num].write_to_stream(buf)
            out += f"{num} 0 obj\n".encode() + buf.getvalue() + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n"
        for num, offset in offsets:
            out += f"{num} 1\n{offset:010d} 00000 n \n".encode()
        root = index["root"]
        out += (f"trailer\n<< /Size {index['size']} /Root {root.idnum} {root.generation} R "
                f"/Prev {index['startxref']} >>\nstartxref\n{xref}\n%%EOF\n").encode()
        return bytes(out)



def _qualified(field: Any) -> str:
    parts = []
    while field is not None:
        if "/T" in field:
            parts.append(str(field["/T"]))
        parent = field.get("/Parent")
        field = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))
