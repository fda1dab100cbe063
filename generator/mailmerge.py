"""Mail-merge: one document per spreadsheet row (CSV or XLSX), columns matched by their Latvian headers.

CSV: UTF-8 (a BOM is tolerated), `;` or `,` as the separator (Latvian Excel writes `;`). XLSX: the first
sheet, read with openpyxl; the first non-empty row holds the headers. Headers are matched to the kind's
fields by `generator.documents.match_header` (case-, diacritics- and punctuation-insensitive), each row turned
into DATA by `generator.documents.row_to_data`, and rendered by `generator.batch.run_batch`. Row numbers are
the spreadsheet's own (the header is row 1), and an error names the row and the column.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.batch import BatchItem, BatchReport, run_batch
from generator.config import Municipality
from generator.documents import match_header, mailmerge_columns, row_to_data


class SheetError(ValueError):
    """The spreadsheet itself cannot be used (not found, wrong encoding, no headers, no known column)."""

    def __init__(self, file: str, message_lv: str, message_en: str, hint_lv: str | None = None):
        self.file, self.message_lv, self.message_en, self.hint_lv = file, message_lv, message_en, hint_lv
        super().__init__(f"{file}: {message_lv} / {message_en}")


@dataclass
class Sheet:
    path: Path
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number as the spreadsheet shows it, header → value)


def read_sheet(path: str | Path) -> Sheet:
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise SheetError(str(path), "fails nav atrasts", "file not found", "pārbaudiet faila ceļu")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise SheetError(str(path), f"neatbalstīts faila veids '{suffix}'", f"unsupported file type '{suffix}'",
                     "saglabājiet tabulu kā .csv (UTF-8) vai .xlsx")


def _read_csv(path: Path) -> Sheet:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(str(path), "CSV fails nav UTF-8 kodējumā", "the CSV file is not UTF-8",
                         "Excel: Saglabāt kā → „CSV UTF-8 (atdalīts ar komatiem)”") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = list(reader)
    return _table(path, lines)


def _read_xlsx(path: Path) -> Sheet:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises zipfile, KeyError and its own errors for a damaged workbook
        raise SheetError(str(path), f"XLSX failu nevar atvērt: {e}", f"cannot open the XLSX file: {e}") from None
    try:
        lines = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
    return _table(path, lines)


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _table(path: Path, lines: list[list[Any]]) -> Sheet:
    start = next((i for i, line in enumerate(lines) if not all(_blank(v) for v in line)), None)
    if start is None:
        raise SheetError(str(path), "tabula ir tukša", "the sheet is empty", "pirmajā rindā jābūt kolonnu virsrakstiem")
    headers = ["" if v is None else str(v).strip() for v in lines[start]]
    rows = []
    for i, line in enumerate(lines[start + 1:], start=start + 2):
        if all(_blank(v) for v in line):
            continue
        rows.append((i, {h: v for h, v in zip(headers, line) if h}))
    return Sheet(path, headers, rows)


def column_map(kind: str, headers: list[str]) -> tuple[dict[str, str], list[str]]:
    """(field path → header) for the headers that match a field, and the headers that match none."""
    fields: dict[str, str] = {}
    unknown: list[str] = []
    for h in headers:
        if not h:
            continue
        f = match_header(kind, h)
        if f is None:
            unknown.append(h)
        else:
            fields.setdefault(f, h)
    return fields, unknown


def items(sheet: Sheet, kind: str) -> list[BatchItem]:
    """One batch item per row; raises SheetError when no header matches the kind's columns."""
    mailmerge_columns(kind)  # RecordError when the kind has no mail-merge
    fields, _ = column_map(kind, sheet.headers)
    if not fields:
        accepted = "; ".join(names[0] for names in mailmerge_columns(kind).values())
        raise SheetError(str(sheet.path), "neviens kolonnas virsraksts nav atpazīts",
                         "no column header was recognised", f"izmantojiet virsrakstus: {accepted}")
    return [BatchItem(kind=kind, data=row_to_data(kind, row), source=f"{sheet.path.name}: {n}. rinda / row {n}",
                      columns=fields, row=n) for n, row in sheet.rows]


def mailmerge(sheet_path: str | Path, kind: str, out_dir: str | Path, *, municipality: Municipality,
              pdf: bool = False, pdfa: bool = False, merged: str | Path | None = None, workers: int = 2,
              progress: bool = True, force: bool = False) -> tuple[Sheet, BatchReport]:
    """Read the sheet and make one document per row (and PDFs, and one merged PDF, on request)."""
    sheet = read_sheet(sheet_path)
    report = run_batch(items(sheet, kind), out_dir, municipality=municipality, pdf=pdf or bool(merged), pdfa=pdfa,
                       workers=workers, merged=merged, progress=progress, force=force)
    return sheet, report
