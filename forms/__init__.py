"""The official blank forms: their definition as data and the PDFs built from it.

- `forms.definition` — `load(kind)` reads `application.yaml` (MK 942 points 5–7) or `timesheet.yaml`
  (point 20) into typed records (fields with record paths, boxes, types, export values, OCR alphabets);
  `to_record` / `from_record` map flat field values to and from `regulation.records`.
- `forms.build` — `build_blank(kind)` (fillable A4 PDF), `fill(kind, values, shape)` ("fillable" or
  "flattened") and `scan(pdf, …)` (an image-only copier scan). `asistents forms build` rewrites
  `application.pdf` and `timesheet.pdf` here.
"""
