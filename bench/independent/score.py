"""Score the parser on the independent set: fields right, records, review, silent errors, e-mail, calibration,
and time per page against bare `tesseract PAGE stdout -l lav` on the same page images, in the same run.

A field is right when the parser's value equals the canonical value written (an empty field read as empty
is right). A wrong field is *flagged* when an `uncertain` or `unreadable` issue names it; otherwise it is a
silent error. "Flagged although right" counts right fields that hold a value and carry such an issue.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from bench.independent import Form, make

FLAG_CODES = ("uncertain", "unreadable")
CONFIDENT = 0.9


@dataclass
class Tally:
    forms: int = 0
    pages: int = 0
    fields: int = 0
    right: int = 0
    valued: int = 0  # fields that hold a value (written on the form)
    valued_right: int = 0
    flagged_right: int = 0
    wrong_flagged: int = 0
    silent: int = 0
    records: int = 0
    records_equal_fields: int = 0  # forms with a record and every field right
    review: int = 0
    emails: int = 0
    emails_right: int = 0
    confident: int = 0
    confident_wrong: int = 0
    ours_s: float = 0.0
    bare_s: float = 0.0
    silent_list: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float | int]:
        def pct(a: int, b: int) -> float:
            return round(100.0 * a / b, 2) if b else 0.0

        return {
            "forms": self.forms, "pages": self.pages, "fields": self.fields,
            "fields_right_pct": pct(self.right, self.fields),
            "valued_fields": self.valued, "valued_fields_right_pct": pct(self.valued_right, self.valued),
            "forms_with_record_pct": pct(self.records, self.forms),
            "forms_needing_review_pct": pct(self.review, self.forms),
            "flagged_although_right_pct": pct(self.flagged_right, self.valued_right),
            "wrong_but_flagged": self.wrong_flagged, "silent_errors": self.silent,
            "email_read_pct": pct(self.emails_right, self.emails), "emails": self.emails,
            "confident_fields": self.confident, "confident_wrong": self.confident_wrong,
            "s_per_page": round(self.ours_s / self.pages, 3) if self.pages else 0.0,
            "bare_tesseract_s_per_page": round(self.bare_s / self.pages, 3) if self.pages else 0.0,
            "time_ratio": round(self.ours_s / self.bare_s, 3) if self.bare_s else 0.0,
        }


def _bare_tesseract(pdf: Path, tmp: str) -> tuple[float, int]:
    """Seconds for bare Tesseract on every page image of the scan (each page's image as a PNG file)."""
    doc = pdfium.PdfDocument(str(pdf))
    names = []
    for i, page in enumerate(doc):
        for obj in page.get_objects():
            if obj.type == 3:  # the scanned image, at its own resolution
                img = np.array(obj.get_bitmap().to_pil().convert("L"))
                name = os.path.join(tmp, f"bare-{i}.png")
                cv2.imwrite(name, img)
                names.append(name)
                break
    doc.close()
    t = time.perf_counter()
    for name in names:
        subprocess.run(["tesseract", name, "stdout", "-l", "lav"], capture_output=True, check=True,
                       env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return time.perf_counter() - t, len(names)


def _same(name: str, got: object, want: object) -> bool:
    if got in (None, False) and want in (None, False):
        return True
    if name.endswith("transport_eur") and {got, want} <= {None, "0.00"}:
        return True
    return got == want


def score_form(form: Form, tally: Tally, tmp: str, *, details: bool) -> None:
    from forms.definition import load as load_definition
    from parser import parse_file

    pdf = Path(tmp, f"{form.family}-{form.n:03d}.pdf")
    pdf.write_bytes(form.pdf)
    t = time.perf_counter()
    result = parse_file(pdf, sandbox=False)
    tally.ours_s += time.perf_counter() - t
    bare, pages = _bare_tesseract(pdf, tmp)
    tally.bare_s += bare
    tally.pages += pages
    tally.forms += 1
    tally.review += bool(result.needs_review)
    tally.records += result.record is not None
    flagged = {i.field for i in result.issues if i.code in FLAG_CODES}
    if result.kind != form.kind:
        flagged = {f.name for f in load_definition(form.kind).fields}  # set aside whole: a person reads it
    all_right = True
    for f in load_definition(form.kind).fields:
        want = form.expected.get(f.name, False if f.type == "checkbox" else None)
        got_reading = result.fields.get(f.name)
        got = got_reading.value if got_reading is not None else None
        right = _same(f.name, got, want)
        valued = want not in (None, False)
        tally.fields += 1
        tally.right += right
        tally.valued += valued
        all_right &= right
        if valued and right:
            tally.valued_right += 1
            tally.flagged_right += f.name in flagged
        if not right:
            if f.name in flagged:
                tally.wrong_flagged += 1
                if details:
                    print(f"  flagged {form.family} {form.n:03d} {f.name}: read {got!r}, written {want!r}",
                          file=sys.stderr)
            else:
                tally.silent += 1
                tally.silent_list.append(f"{form.family} {form.n:03d} {f.name}: read {got!r}, written {want!r}")
                if details:
                    conf = got_reading.confidence if got_reading is not None else None
                    print(f"  SILENT {form.family} {form.n:03d} {f.name}: read {got!r}, written {want!r}, "
                          f"confidence {conf}", file=sys.stderr)
        elif details and valued and f.name in flagged:
            print(f"  flagged-right {form.family} {form.n:03d} {f.name}: {want!r} (raw "
                  f"{got_reading.raw if got_reading else None!r})", file=sys.stderr)
        if f.type == "email" and valued:
            tally.emails += 1
            tally.emails_right += right
        if f.type != "checkbox" and got_reading is not None and got not in (None, False) \
                and got_reading.confidence >= CONFIDENT:
            tally.confident += 1
            tally.confident_wrong += not right
    tally.records_equal_fields += result.record is not None and all_right
    if details:
        why = [f"{i.code}:{i.field}" for i in result.issues if i.severity == "error"]
        style = f"{form.style.font} {form.style.size} {form.style.placement}" if form.style else form.family
        print(f"  {form.family} {form.n:03d} {form.kind} {'hard' if form.hard else 'ordinary'} {style}: record "
              f"{'yes' if result.record is not None else 'no ' + ', '.join(why[:4])}, review {result.needs_review}",
              file=sys.stderr)


def run(family: str, numbers: list[int], *, details: bool) -> dict[str, Tally]:
    """Score forms `numbers` of `family`, split into ordinary (300 dpi) and hard (200 dpi, 2–3°) scans. The
    family "viewer" is filled and flattened by poppler (bench.independent.viewer), the others by draw.py;
    the family "magick" is scanned by ImageMagick (bench.independent.magick), the others by scanner.py; the
    family "ghost" is typeset by reportlab, rasterised by Ghostscript and scanned by ImageMagick
    (bench.independent.ghost)."""
    from bench.independent import ghost, magick, viewer

    routes = {"viewer": viewer.make, "magick": magick.make, "ghost": ghost.make}
    tallies = {"ordinary": Tally(), "hard": Tally()}
    with tempfile.TemporaryDirectory(prefix="asistents-bench-") as tmp:
        for n in numbers:
            form = routes[family](n) if family in routes else make(family, n)
            score_form(form, tallies["hard" if form.hard else "ordinary"], tmp, details=details)
    return tallies
